// PhysicalUpdate and PhysicalDelete. The input (row id, current columns, FROM columns) is read
// completely before the first write, so the change never sees its own effects. A target row
// matched several times (UPDATE ... FROM joins) changes once. Memory: the whole input.
#pragma once

#include "execution/expression/expression_node.hpp"
#include "planner/operator/logical_modify.hpp"

namespace kadedb {

class PhysicalUpdate : public PhysicalOperator {
 public:
  PhysicalUpdate(std::vector<LogicalType> types, TableEntry* table)
      : PhysicalOperator(std::move(types)), table(table) {}
  TableEntry* table;
  std::vector<column_t> update_columns;
  std::vector<ExprNodePtr> update_expressions;  // over the child's output
  std::vector<ExprNodePtr> checks;              // over the new row
  std::vector<std::string> check_names;
  std::vector<ExprNodePtr> returning;  // over the new row
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  std::string Name() const override { return "UPDATE"; }
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(update_expressions, out);
    return out;
  }
  std::string Params() const override;
};

class PhysicalDelete : public PhysicalOperator {
 public:
  PhysicalDelete(std::vector<LogicalType> types, TableEntry* table)
      : PhysicalOperator(std::move(types)), table(table) {}
  TableEntry* table;
  std::vector<ExprNodePtr> returning;  // over the old row
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  std::string Name() const override { return "DELETE"; }
  std::string Params() const override;
};

}  // namespace kadedb
