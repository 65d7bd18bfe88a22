// RewriteCorrelatedBinding: renames the outer column a subquery plan reads (used when a grouped
// query turns a correlated column into a reference to its group key).
#include "binder/binder.hpp"

namespace kadedb {

namespace {

void RewriteExpr(BoundExpression& e, const ColumnBinding& from, const ColumnBinding& to,
                 idx_t depth) {
  if (e.kind == BoundExpressionKind::kColumnRef && e.depth == depth && e.binding == from) {
    e.binding = to;
  }
  for (auto& c : e.children) RewriteExpr(*c, from, to, depth);
  if (e.kind == BoundExpressionKind::kSubquery) {
    for (auto& c : e.correlated_columns) RewriteExpr(*c, from, to, depth);
    if (e.subquery) RewriteCorrelatedBinding(*e.subquery, from, to, depth + 1);
  }
}

void RewriteOrders(std::vector<BoundOrderBy>& orders, const ColumnBinding& from,
                   const ColumnBinding& to, idx_t depth) {
  for (auto& o : orders) RewriteExpr(*o.expression, from, to, depth);
}

}  // namespace

void RewriteCorrelatedBinding(LogicalOperator& op, const ColumnBinding& from,
                              const ColumnBinding& to, idx_t depth) {
  for (auto& e : op.expressions) RewriteExpr(*e, from, to, depth);
  switch (op.kind) {
    case LogicalOperatorKind::kAggregate:
      for (auto& a : static_cast<LogicalAggregate&>(op).aggregates) {
        for (auto& c : a.children) RewriteExpr(*c, from, to, depth);
        if (a.filter) RewriteExpr(*a.filter, from, to, depth);
        RewriteOrders(a.order_by, from, to, depth);
      }
      break;
    case LogicalOperatorKind::kJoin:
      for (auto& c : static_cast<LogicalJoin&>(op).conditions) {
        RewriteExpr(*c.left, from, to, depth);
        RewriteExpr(*c.right, from, to, depth);
      }
      break;
    case LogicalOperatorKind::kOrder:
      RewriteOrders(static_cast<LogicalOrder&>(op).orders, from, to, depth);
      break;
    case LogicalOperatorKind::kExpressionGet:
      for (auto& row : static_cast<LogicalExpressionGet&>(op).rows) {
        for (auto& e : row) RewriteExpr(*e, from, to, depth);
      }
      break;
    case LogicalOperatorKind::kGet:
      for (auto& e : static_cast<LogicalGet&>(op).table_filters) RewriteExpr(*e, from, to, depth);
      break;
    default:
      break;
  }
  for (auto& child : op.children) RewriteCorrelatedBinding(*child, from, to, depth);
}

}  // namespace kadedb
