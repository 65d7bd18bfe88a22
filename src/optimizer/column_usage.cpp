// Column usage for cost decisions (see column_usage.hpp).
#include "optimizer/column_usage.hpp"

#include "optimizer/expression_util.hpp"
#include "planner/operator/logical_get.hpp"

namespace kadedb {

namespace {

void CollectExpression(const BoundExpression& e, std::set<ColumnBinding>& out);

void CollectPlan(const LogicalOperator& op, std::set<ColumnBinding>& out) {
  // VisitOperatorExpressions hands out mutable slots; nothing here writes through them.
  auto& mut = const_cast<LogicalOperator&>(op);
  VisitOperatorExpressions(mut, [&](ExprPtr& e) {
    if (e) CollectExpression(*e, out);
  });
  for (auto& c : op.children) {
    if (c) CollectPlan(*c, out);
  }
}

void CollectExpression(const BoundExpression& e, std::set<ColumnBinding>& out) {
  if (e.kind == BoundExpressionKind::kColumnRef) out.insert(e.binding);
  if (e.kind == BoundExpressionKind::kSubquery) {
    for (auto& c : e.correlated_columns) {
      if (c) CollectExpression(*c, out);
    }
    if (e.subquery) CollectPlan(*e.subquery, out);
  }
  for (auto& c : e.children) {
    if (c) CollectExpression(*c, out);
  }
}

}  // namespace

std::set<ColumnBinding> ReferencedBindings(const LogicalOperator& plan) {
  std::set<ColumnBinding> out;
  CollectPlan(plan, out);
  return out;
}

double RowWidth(const LogicalOperator& op, const std::set<ColumnBinding>& used) {
  auto bindings = op.GetColumnBindings();
  // Types may not be resolved yet in the middle of the optimizer; a scan (under its filters)
  // knows its own.
  const LogicalOperator* typed = &op;
  while (typed->kind == LogicalOperatorKind::kFilter && !typed->children.empty()) {
    typed = typed->children[0].get();
  }
  const std::vector<LogicalType>& types = typed->kind == LogicalOperatorKind::kGet
                                              ? static_cast<const LogicalGet*>(typed)->column_types
                                              : op.types;
  double width = 0;
  for (size_t i = 0; i < bindings.size(); i++) {
    if (!used.count(bindings[i])) continue;
    if (i >= types.size() || bindings.size() != types.size()) {
      width += 1;
      continue;
    }
    switch (PhysicalOf(types[i])) {
      case PhysicalType::kString:
        width += 4;
        break;
      case PhysicalType::kDecimal:
      case PhysicalType::kInterval:
        width += 2;
        break;
      default:
        width += 1;
    }
  }
  return width;
}

}  // namespace kadedb
