// filter_pushdown pass (see filter_pushdown.hpp): the operator-by-operator rules. The join rules
// are in filter_pushdown_join.cpp.
#include "optimizer/filter_pushdown.hpp"

#include "optimizer/expression_util.hpp"
#include "optimizer/filter_pushdown_internal.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

LogicalOperatorPtr WrapInFilter(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  if (filters.empty()) return op;
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions = std::move(filters);
  filter->children.push_back(std::move(op));
  return filter;
}

namespace {

// Pushes nothing into op but still optimizes its children; filters stay above op.
LogicalOperatorPtr StopAt(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  for (auto& child : op->children) child = PushFilters(std::move(child), {});
  return WrapInFilter(std::move(op), std::move(filters));
}

// Operators whose output rows are a subset or reordering of the child's, unchanged: every filter
// can go below them.
LogicalOperatorPtr PushThrough(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  op->children[0] = PushFilters(std::move(op->children[0]), std::move(filters));
  return op;
}

// True when every column e reads from table_index maps to a movable expression in exprs.
bool SubstitutionIsMovable(const BoundExpression& e, idx_t table_index,
                           const std::vector<ExprPtr>& exprs) {
  if (e.kind == BoundExpressionKind::kColumnRef && e.depth == 0 &&
      e.binding.table_index == table_index) {
    return e.binding.column_index < exprs.size() && IsMovable(*exprs[e.binding.column_index]);
  }
  for (auto& c : e.children) {
    if (c && !SubstitutionIsMovable(*c, table_index, exprs)) return false;
  }
  return true;
}

// Filters over (table_index, i) columns computed by exprs move below the operator computing them
// when they read nothing else; the rest stay above.
LogicalOperatorPtr PushThroughComputed(LogicalOperatorPtr op, std::vector<ExprPtr> filters,
                                       idx_t table_index, const std::vector<ExprPtr>& exprs) {
  std::vector<ExprPtr> below, above;
  for (auto& f : filters) {
    auto refs = TableIndexesOf(*f);
    bool movable = IsMovable(*f) && refs.size() == 1 && *refs.begin() == table_index &&
                   SubstitutionIsMovable(*f, table_index, exprs);
    if (movable) {
      below.push_back(ReplaceBindings(std::move(f), table_index, exprs));
    } else {
      above.push_back(std::move(f));
    }
  }
  op->children[0] = PushFilters(std::move(op->children[0]), std::move(below));
  return WrapInFilter(std::move(op), std::move(above));
}

LogicalOperatorPtr PushIntoGet(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  auto& get = static_cast<LogicalGet&>(*op);
  std::vector<ExprPtr> above;
  for (auto& f : filters) {
    auto refs = TableIndexesOf(*f);
    if (IsMovable(*f) && refs.size() == 1 && *refs.begin() == get.table_index) {
      get.table_filters.push_back(std::move(f));
    } else {
      above.push_back(std::move(f));
    }
  }
  return WrapInFilter(std::move(op), std::move(above));
}

LogicalOperatorPtr PushIntoAggregate(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  auto& aggregate = static_cast<LogicalAggregate&>(*op);
  if (!aggregate.grouping_sets.empty() || aggregate.expressions.empty()) {
    return StopAt(std::move(op), std::move(filters));
  }
  // Only group keys have the same value on every input row of a group.
  return PushThroughComputed(std::move(op), std::move(filters), aggregate.group_index,
                             aggregate.expressions);
}

// UNION ALL: a filter on the result is the same filter on each input (by position). Only for
// ALL: with duplicate elimination, values that compare equal but print differently (1.0 and
// 1.00) could make the pushed filter keep a different representative.
LogicalOperatorPtr PushIntoUnionAll(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  auto& set_op = static_cast<LogicalSetOperation&>(*op);
  std::vector<std::vector<ExprPtr>> replacements(2);
  for (size_t k = 0; k < 2; k++) {
    auto& child = *op->children[k];
    child.ResolveOperatorTypes();
    auto bindings = child.GetColumnBindings();
    if (bindings.size() != set_op.column_count || child.types.size() != bindings.size()) {
      return StopAt(std::move(op), std::move(filters));
    }
    for (size_t i = 0; i < bindings.size(); i++) {
      replacements[k].push_back(MakeColumnRef(bindings[i], child.types[i]));
    }
  }
  std::vector<ExprPtr> pushed[2], above;
  for (auto& f : filters) {
    auto refs = TableIndexesOf(*f);
    if (IsMovable(*f) && refs.size() == 1 && *refs.begin() == set_op.table_index) {
      pushed[0].push_back(ReplaceBindings(f->Copy(), set_op.table_index, replacements[0]));
      pushed[1].push_back(ReplaceBindings(std::move(f), set_op.table_index, replacements[1]));
    } else {
      above.push_back(std::move(f));
    }
  }
  for (size_t k = 0; k < 2; k++) {
    op->children[k] = PushFilters(std::move(op->children[k]), std::move(pushed[k]));
  }
  return WrapInFilter(std::move(op), std::move(above));
}

}  // namespace

LogicalOperatorPtr PushFilters(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  // Drop predicates that are always true; they only cost time.
  std::vector<ExprPtr> kept;
  for (auto& f : filters) {
    if (!IsBoolConstant(*f, true)) kept.push_back(std::move(f));
  }
  filters = std::move(kept);

  switch (op->kind) {
    case LogicalOperatorKind::kFilter: {
      for (auto& e : op->expressions) SplitConjunction(std::move(e), filters);
      return PushFilters(std::move(op->children[0]), std::move(filters));
    }
    case LogicalOperatorKind::kProjection: {
      auto& projection = static_cast<LogicalProjection&>(*op);
      idx_t table_index = projection.table_index;
      return PushThroughComputed(std::move(op), std::move(filters), table_index,
                                 projection.expressions);
    }
    case LogicalOperatorKind::kOrder:
      return PushThrough(std::move(op), std::move(filters));
    case LogicalOperatorKind::kDistinct:
      if (!op->expressions.empty()) return StopAt(std::move(op), std::move(filters));
      return PushThrough(std::move(op), std::move(filters));
    case LogicalOperatorKind::kAggregate:
      return PushIntoAggregate(std::move(op), std::move(filters));
    case LogicalOperatorKind::kGet:
      return PushIntoGet(std::move(op), std::move(filters));
    case LogicalOperatorKind::kCrossProduct:
      return PushIntoInnerJoin(std::move(op), std::move(filters));
    case LogicalOperatorKind::kJoin:
      if (static_cast<LogicalJoin&>(*op).join_type == LogicalJoinType::kInner) {
        return PushIntoInnerJoin(std::move(op), std::move(filters));
      }
      return PushIntoOtherJoin(std::move(op), std::move(filters));
    case LogicalOperatorKind::kSetOperation: {
      auto& set_op = static_cast<LogicalSetOperation&>(*op);
      if (set_op.set_type == SetOperationType::kUnion && set_op.all) {
        return PushIntoUnionAll(std::move(op), std::move(filters));
      }
      return StopAt(std::move(op), std::move(filters));
    }
    case LogicalOperatorKind::kMaterializedCTE:
      op->children[0] = PushFilters(std::move(op->children[0]), {});
      op->children[1] = PushFilters(std::move(op->children[1]), std::move(filters));
      return op;
    default:
      return StopAt(std::move(op), std::move(filters));
  }
}

LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan) {
  return PushFilters(std::move(plan), {});
}

}  // namespace kadedb
