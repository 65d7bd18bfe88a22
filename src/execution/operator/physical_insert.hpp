// PhysicalInsert: INSERT with defaults for unmapped columns, NOT NULL / CHECK checks, ON
// CONFLICT DO NOTHING / DO UPDATE and RETURNING. The input is read completely before the first
// write (INSERT INTO t SELECT ... FROM t must not see its own rows). Rows go to storage a chunk
// at a time, or one at a time with ON CONFLICT (so a row conflicting with an earlier row of the
// same statement is detected). Memory: the whole input.
#pragma once

#include "execution/expression/expression_node.hpp"
#include "planner/operator/logical_modify.hpp"

namespace kadedb {

class PhysicalInsert : public PhysicalOperator {
 public:
  PhysicalInsert(std::vector<LogicalType> types, TableEntry* table)
      : PhysicalOperator(std::move(types)), table(table) {}
  TableEntry* table;
  std::vector<int64_t> column_map;
  std::vector<ExprNodePtr> defaults;  // one per table column (may be null when mapped)
  std::vector<ExprNodePtr> checks;    // over the new row
  std::vector<std::string> check_names;
  ConflictAction on_conflict = ConflictAction::kNone;
  IndexEntry* conflict_index = nullptr;
  std::vector<column_t> update_columns;
  std::vector<ExprNodePtr> update_expressions;  // over existing row ++ excluded row
  ExprNodePtr update_condition;
  std::vector<ExprNodePtr> returning;  // over the new row
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  std::string Name() const override { return "INSERT"; }
  std::string Params() const override;
};

}  // namespace kadedb
