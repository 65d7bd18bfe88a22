// top_n pass (see top_n.hpp).
#include "optimizer/top_n.hpp"

#include "planner/operator/logical_relational.hpp"

namespace kadedb {

LogicalOperatorPtr CreateTopN(LogicalOperatorPtr plan) {
  for (auto& child : plan->children) child = CreateTopN(std::move(child));
  if (plan->kind != LogicalOperatorKind::kLimit ||
      plan->children[0]->kind != LogicalOperatorKind::kOrder) {
    return plan;
  }
  auto& limit = static_cast<LogicalLimit&>(*plan);
  if (limit.limit_value < 0 || limit.limit_expression || limit.offset_expression) return plan;
  auto& order = static_cast<LogicalOrder&>(*plan->children[0]);
  auto top_n = std::make_unique<LogicalTopN>();
  top_n->orders = std::move(order.orders);
  top_n->limit_value = limit.limit_value;
  top_n->offset_value = limit.offset_value;
  top_n->children.push_back(std::move(order.children[0]));
  top_n->estimated_cardinality = plan->estimated_cardinality;
  return top_n;
}

}  // namespace kadedb
