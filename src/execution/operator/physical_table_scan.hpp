// PhysicalTableScan: reads a table's columns (sequential scan, or an index range scan plus
// row fetches), applies the pushed-down filters per chunk and can output the row id
// (kRowIdColumn). Memory: one chunk at a time; an index scan holds the matching row ids.
#pragma once

#include "execution/expression/expression_node.hpp"
#include "planner/operator/logical_get.hpp"

namespace kadedb {

class PhysicalTableScan : public PhysicalSource {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, TableEntry* table,
                    std::vector<column_t> column_ids);
  TableEntry* table;
  std::vector<column_t> column_ids;  // may contain kRowIdColumn
  std::vector<ExprNodePtr> filters;  // over this scan's output
  // Index access (index != nullptr).
  IndexEntry* index = nullptr;
  std::vector<ExprNodePtr> index_equal;
  ExprNodePtr index_lower, index_upper;
  bool lower_inclusive = true, upper_inclusive = true;

  std::unique_ptr<OperatorState> InitSource(ExecState& state) override;
  bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) override;
  std::string Name() const override;
  std::string Params() const override;
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(filters, out);
    return out;
  }

 private:
  std::vector<column_t> storage_ids_;  // column_ids without the row id
  std::vector<int64_t> output_from_;   // per output column: storage position or -1 (row id)
};

}  // namespace kadedb
