// CopyPlan: deep copy of a logical plan, used when an expression holding a subquery is copied
// (BoundExpression::Copy). Only query operators can occur inside subqueries; DDL and utility
// operators are not copyable and raise an internal error.
#include "common/exception.hpp"
#include "planner/logical_operator.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_lateral_join.hpp"
#include "planner/operator/logical_modify.hpp"
#include "planner/operator/logical_relational.hpp"
#include "planner/operator/logical_simple.hpp"
#include "planner/operator/logical_window.hpp"

namespace kadedb {

namespace {

std::vector<ExprPtr> CopyExprs(const std::vector<ExprPtr>& list) {
  std::vector<ExprPtr> out;
  for (auto& e : list) out.push_back(e ? e->Copy() : nullptr);
  return out;
}
ExprPtr CopyExpr(const ExprPtr& e) {
  return e ? e->Copy() : nullptr;
}
std::vector<BoundOrderBy> CopyOrders(const std::vector<BoundOrderBy>& orders) {
  std::vector<BoundOrderBy> out;
  for (auto& o : orders) out.push_back(o.Copy());
  return out;
}

LogicalOperatorPtr CopyNode(const LogicalOperator& op) {
  switch (op.kind) {
    case LogicalOperatorKind::kGet: {
      auto& g = static_cast<const LogicalGet&>(op);
      auto c = std::make_unique<LogicalGet>(g.table_index, g.table, g.column_ids);
      c->column_types = g.column_types;
      c->table_filters = CopyExprs(g.table_filters);
      c->index = g.index;
      c->index_equal = CopyExprs(g.index_equal);
      c->index_lower = CopyExpr(g.index_lower);
      c->index_upper = CopyExpr(g.index_upper);
      c->lower_inclusive = g.lower_inclusive;
      c->upper_inclusive = g.upper_inclusive;
      return c;
    }
    case LogicalOperatorKind::kDummyScan:
      return std::make_unique<LogicalDummyScan>(
          static_cast<const LogicalDummyScan&>(op).table_index);
    case LogicalOperatorKind::kExpressionGet: {
      auto& g = static_cast<const LogicalExpressionGet&>(op);
      std::vector<std::vector<ExprPtr>> rows;
      for (auto& r : g.rows) rows.push_back(CopyExprs(r));
      return std::make_unique<LogicalExpressionGet>(g.table_index, g.column_types, std::move(rows));
    }
    case LogicalOperatorKind::kTableFunction: {
      auto& g = static_cast<const LogicalTableFunction&>(op);
      return std::make_unique<LogicalTableFunction>(g.table_index, g.function_name, g.column_types);
    }
    case LogicalOperatorKind::kCTERef: {
      auto& g = static_cast<const LogicalCTERef&>(op);
      return std::make_unique<LogicalCTERef>(g.table_index, g.cte_index, g.column_types);
    }
    case LogicalOperatorKind::kFilter:
      return std::make_unique<LogicalFilter>();
    case LogicalOperatorKind::kProjection:
      return std::make_unique<LogicalProjection>(
          static_cast<const LogicalProjection&>(op).table_index);
    case LogicalOperatorKind::kAggregate: {
      auto& a = static_cast<const LogicalAggregate&>(op);
      auto c = std::make_unique<LogicalAggregate>(a.group_index, a.aggregate_index);
      c->groupings_index = a.groupings_index;
      for (auto& agg : a.aggregates) {
        BoundAggregate b;
        b.function = agg.function;
        b.children = CopyExprs(agg.children);
        b.distinct = agg.distinct;
        b.filter = CopyExpr(agg.filter);
        b.order_by = CopyOrders(agg.order_by);
        b.return_type = agg.return_type;
        c->aggregates.push_back(std::move(b));
      }
      c->grouping_sets = a.grouping_sets;
      c->grouping_functions = a.grouping_functions;
      return c;
    }
    case LogicalOperatorKind::kJoin: {
      auto& j = static_cast<const LogicalJoin&>(op);
      auto c = std::make_unique<LogicalJoin>(j.join_type);
      c->mark_index = j.mark_index;
      c->pruned = j.pruned;
      for (auto& cond : j.conditions) {
        c->conditions.push_back({CopyExpr(cond.left), CopyExpr(cond.right), cond.null_equal});
      }
      return c;
    }
    case LogicalOperatorKind::kCrossProduct:
      return std::make_unique<LogicalCrossProduct>();
    case LogicalOperatorKind::kOrder: {
      auto c = std::make_unique<LogicalOrder>();
      c->orders = CopyOrders(static_cast<const LogicalOrder&>(op).orders);
      return c;
    }
    case LogicalOperatorKind::kLimit: {
      auto& l = static_cast<const LogicalLimit&>(op);
      auto c = std::make_unique<LogicalLimit>();
      c->limit_value = l.limit_value;
      c->offset_value = l.offset_value;
      c->limit_expression = CopyExpr(l.limit_expression);
      c->offset_expression = CopyExpr(l.offset_expression);
      return c;
    }
    case LogicalOperatorKind::kTopN: {
      auto& l = static_cast<const LogicalTopN&>(op);
      auto c = std::make_unique<LogicalTopN>();
      c->orders = CopyOrders(l.orders);
      c->limit_value = l.limit_value;
      c->offset_value = l.offset_value;
      return c;
    }
    case LogicalOperatorKind::kDistinct:
      return std::make_unique<LogicalDistinct>();
    case LogicalOperatorKind::kSetOperation: {
      auto& s = static_cast<const LogicalSetOperation&>(op);
      return std::make_unique<LogicalSetOperation>(s.table_index, s.set_type, s.all,
                                                   s.column_count);
    }
    case LogicalOperatorKind::kRecursiveCTE: {
      auto& r = static_cast<const LogicalRecursiveCTE&>(op);
      return std::make_unique<LogicalRecursiveCTE>(r.table_index, r.cte_index, r.union_all,
                                                   r.column_count);
    }
    case LogicalOperatorKind::kMaterializedCTE:
      return std::make_unique<LogicalMaterializedCTE>(
          static_cast<const LogicalMaterializedCTE&>(op).cte_index);
    case LogicalOperatorKind::kWindow:
      return static_cast<const LogicalWindow&>(op).CopyNode();
    case LogicalOperatorKind::kLateralJoin:
      return static_cast<const LogicalLateralJoin&>(op).CopyNode();
    default:
      ThrowInternal("CopyPlan: operator " + op.GetName() + " cannot be copied");
  }
}

}  // namespace

LogicalOperatorPtr CopyPlan(const LogicalOperator& op) {
  auto copy = CopyNode(op);
  copy->expressions = CopyExprs(op.expressions);
  copy->types = op.types;
  copy->estimated_cardinality = op.estimated_cardinality;
  for (auto& child : op.children) copy->children.push_back(CopyPlan(*child));
  return copy;
}

}  // namespace kadedb
