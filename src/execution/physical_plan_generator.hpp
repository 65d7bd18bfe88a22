// PhysicalPlanGenerator: turns an optimized logical plan into physical operators.
//
// Every kColumnRef of depth 0 is resolved to its position in the input chunk (the child's
// GetColumnBindings() order); correlated references (depth >= 1) are left to the outer-row frames.
// One Plan* function per logical kind, in plan_*.cpp files.
#pragma once

#include <vector>

#include "execution/expression/expression_node.hpp"
#include "execution/physical_operator.hpp"
#include "planner/logical_operator.hpp"

namespace kadedb {

class PhysicalPlanGenerator {
 public:
  explicit PhysicalPlanGenerator(ExecutionContext& context) : context_(context) {}

  PhysicalOperatorPtr Plan(LogicalOperator& op);
  // Compiles expr over input (the bindings of the chunk it will be evaluated on, in order).
  ExprNodePtr Compile(const BoundExpression& expr, const std::vector<ColumnBinding>& input);
  std::vector<ExprNodePtr> Compile(const std::vector<ExprPtr>& exprs,
                                   const std::vector<ColumnBinding>& input);

  ExecutionContext& context() { return context_; }
  // Subquery expressions compiled so far (Executor::Prepare keeps no plan that has one).
  size_t subqueries() const { return subqueries_; }
  void NoteSubquery() { subqueries_++; }

 private:
  PhysicalOperatorPtr PlanGet(LogicalOperator& op);
  PhysicalOperatorPtr PlanRelational(LogicalOperator& op);
  PhysicalOperatorPtr PlanAggregate(LogicalOperator& op);
  PhysicalOperatorPtr PlanJoin(LogicalOperator& op);
  PhysicalOperatorPtr PlanCTE(LogicalOperator& op);
  PhysicalOperatorPtr PlanModify(LogicalOperator& op);

  ExecutionContext& context_;
  size_t subqueries_ = 0;
};

}  // namespace kadedb
