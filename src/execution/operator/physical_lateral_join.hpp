// PhysicalLateralJoin: the rows of a LATERAL FROM item for each left row. For every left row the
// values of the left columns the right plan reads are pushed as an outer frame and the right plan
// is re-run; its rows are paired with the left row, filtered by the ON condition, and a LEFT
// join emits the left row with NULLs when no pair remained. Left rows with equal correlated
// values reuse the previous right result (consecutive rows only).
// Memory: one left row's right result at a time, plus an output chunk.
#pragma once

#include "execution/expression/expression_node.hpp"
#include "planner/logical_operator.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

class PhysicalLateralJoin : public PhysicalOperator {
 public:
  PhysicalLateralJoin(std::vector<LogicalType> types, LogicalJoinType join_type)
      : PhysicalOperator(std::move(types)), join_type(join_type) {}
  LogicalJoinType join_type;                       // kInner or kLeft
  std::vector<ExprNodePtr> correlated;             // over the left child's output
  std::vector<ColumnBinding> correlated_bindings;  // how the right plan names them
  std::vector<ExprNodePtr> condition;              // over left columns then right columns
  std::vector<LogicalType> left_types, right_types;

  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  std::string Name() const override { return "LATERAL_JOIN"; }
  std::string Params() const override;
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(correlated, out);
    AddExpressions(condition, out);
    return out;
  }
};

class PhysicalPlanGenerator;
// The physical plan of a LogicalLateralJoin (called by PhysicalPlanGenerator::Plan).
PhysicalOperatorPtr PlanPhysicalLateralJoin(PhysicalPlanGenerator& gen, LogicalOperator& op);

}  // namespace kadedb
