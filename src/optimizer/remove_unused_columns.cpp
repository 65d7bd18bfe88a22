// RemoveUnusedColumns (see remove_unused_columns.hpp).
//
// Column references name scan columns by (table_index, position in LogicalGet::column_ids), and
// table indexes are unique within a statement (subqueries included), so the pass collects every
// binding read anywhere in the plan, shrinks each scan to the positions read, and renumbers the
// references to those scans everywhere.
#include "optimizer/remove_unused_columns.hpp"

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "optimizer/expression_util.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

using BindingSet = std::set<std::pair<idx_t, idx_t>>;

// Operators whose bindings flow through expressions only, plus those that read their children
// positionally (handled by MarkChildren). Anything else disables the pass.
bool IsKnownKind(LogicalOperatorKind kind) {
  switch (kind) {
    case LogicalOperatorKind::kGet:
    case LogicalOperatorKind::kDummyScan:
    case LogicalOperatorKind::kExpressionGet:
    case LogicalOperatorKind::kTableFunction:
    case LogicalOperatorKind::kCTERef:
    case LogicalOperatorKind::kFilter:
    case LogicalOperatorKind::kProjection:
    case LogicalOperatorKind::kAggregate:
    case LogicalOperatorKind::kWindow:
    case LogicalOperatorKind::kJoin:
    case LogicalOperatorKind::kCrossProduct:
    case LogicalOperatorKind::kLateralJoin:
    case LogicalOperatorKind::kOrder:
    case LogicalOperatorKind::kLimit:
    case LogicalOperatorKind::kTopN:
    case LogicalOperatorKind::kDistinct:
    case LogicalOperatorKind::kSetOperation:
    case LogicalOperatorKind::kRecursiveCTE:
    case LogicalOperatorKind::kMaterializedCTE:
      return true;
    default:
      return false;
  }
}

// Operators that consume every column of their children by position.
bool ReadsChildrenPositionally(LogicalOperatorKind kind) {
  switch (kind) {
    case LogicalOperatorKind::kTableFunction:
    case LogicalOperatorKind::kDistinct:
    case LogicalOperatorKind::kSetOperation:
    case LogicalOperatorKind::kRecursiveCTE:
    case LogicalOperatorKind::kMaterializedCTE:
      return true;
    default:
      return false;
  }
}

void VisitPlanExpressions(LogicalOperator& op, const std::function<void(BoundExpression&)>& fn);

// Calls fn on e and every expression nested in it; enters subquery plans only when
// enter_subqueries (otherwise fn sees the kSubquery node and decides).
void VisitExpressionTree(BoundExpression& e, const std::function<void(BoundExpression&)>& fn,
                         bool enter_subqueries) {
  fn(e);
  for (auto& child : e.children) {
    if (child) VisitExpressionTree(*child, fn, enter_subqueries);
  }
  for (auto& c : e.correlated_columns) {
    if (c) VisitExpressionTree(*c, fn, enter_subqueries);
  }
  if (enter_subqueries && e.subquery) VisitPlanExpressions(*e.subquery, fn);
}

void VisitPlanExpressions(LogicalOperator& op, const std::function<void(BoundExpression&)>& fn) {
  VisitOperatorExpressions(op, [&](ExprPtr& e) { VisitExpressionTree(*e, fn, true); });
  for (auto& child : op.children) VisitPlanExpressions(*child, fn);
}

bool AllKnown(LogicalOperator& op) {
  if (!IsKnownKind(op.kind)) return false;
  bool ok = true;
  VisitOperatorExpressions(op, [&](ExprPtr& e) {
    VisitExpressionTree(
        *e, [&](BoundExpression& x) { ok = ok && (!x.subquery || AllKnown(*x.subquery)); }, false);
  });
  if (!ok) return false;
  for (auto& child : op.children) {
    if (!AllKnown(*child)) return false;
  }
  return true;
}

void MarkOutputs(const LogicalOperator& op, BindingSet& used) {
  for (const auto& b : op.GetColumnBindings()) used.insert({b.table_index, b.column_index});
}

// Collects the bindings op's subtree reads (expressions, positional consumers, subquery roots).
void CollectUsed(LogicalOperator& op, BindingSet& used) {
  VisitOperatorExpressions(op, [&](ExprPtr& e) {
    VisitExpressionTree(
        *e,
        [&](BoundExpression& x) {
          if (x.kind == BoundExpressionKind::kColumnRef) {
            used.insert({x.binding.table_index, x.binding.column_index});
          }
          if (x.subquery) {
            MarkOutputs(*x.subquery, used);
            CollectUsed(*x.subquery, used);
          }
        },
        false);
  });
  if (ReadsChildrenPositionally(op.kind)) {
    for (auto& child : op.children) MarkOutputs(*child, used);
  }
  for (auto& child : op.children) CollectUsed(*child, used);
}

// Shrinks the scans of the operator tree; fills remap[table_index][old position] = new position.
void PruneScans(LogicalOperator& op, const BindingSet& used,
                std::map<idx_t, std::vector<idx_t>>& remap) {
  for (auto& child : op.children) PruneScans(*child, used, remap);
  if (op.kind != LogicalOperatorKind::kGet) return;
  auto& get = static_cast<LogicalGet&>(op);
  size_t n = get.column_ids.size();
  std::vector<idx_t> keep;
  for (idx_t i = 0; i < n; i++) {
    if (used.count({get.table_index, i})) keep.push_back(i);
  }
  if (keep.size() == n || n == 0) return;
  // A scan nothing reads a column of (count(*), EXISTS) still produces its rows: keep one column.
  if (keep.empty()) keep.push_back(0);
  std::vector<idx_t> positions(n, static_cast<idx_t>(-1));
  std::vector<column_t> column_ids;
  std::vector<LogicalType> column_types;
  for (idx_t j = 0; j < keep.size(); j++) {
    positions[keep[j]] = j;
    column_ids.push_back(get.column_ids[keep[j]]);
    if (keep[j] < get.column_types.size()) column_types.push_back(get.column_types[keep[j]]);
  }
  get.column_ids = std::move(column_ids);
  get.column_types = std::move(column_types);
  remap[get.table_index] = std::move(positions);
}

// Counts the column references of op's subtree (op's own expressions included) per binding.
void CountReferences(LogicalOperator& op, std::map<std::pair<idx_t, idx_t>, size_t>& counts) {
  VisitOperatorExpressions(op, [&](ExprPtr& e) {
    VisitExpressionTree(
        *e,
        [&](BoundExpression& x) {
          if (x.kind == BoundExpressionKind::kColumnRef) {
            counts[{x.binding.table_index, x.binding.column_index}]++;
          }
        },
        true);
  });
  for (auto& child : op.children) CountReferences(*child, counts);
}

// Bindings something reads by position or as a query's output: the plan root, children of
// positional consumers and subquery roots.
void CollectPinned(LogicalOperator& op, BindingSet& pinned) {
  VisitOperatorExpressions(op, [&](ExprPtr& e) {
    VisitExpressionTree(
        *e,
        [&](BoundExpression& x) {
          if (x.subquery) {
            MarkOutputs(*x.subquery, pinned);
            CollectPinned(*x.subquery, pinned);
          }
        },
        false);
  });
  if (ReadsChildrenPositionally(op.kind)) {
    for (auto& child : op.children) MarkOutputs(*child, pinned);
  }
  for (auto& child : op.children) CollectPinned(*child, pinned);
}

// Joins leave out of their output the child bindings that no operator above them reads: every
// reference to them is inside the join's own subtree (its keys, residual, or below).
void PruneJoinOutputs(LogicalOperator& op, const std::map<std::pair<idx_t, idx_t>, size_t>& total,
                      const BindingSet& pinned) {
  for (auto& child : op.children) PruneJoinOutputs(*child, total, pinned);
  if (op.kind != LogicalOperatorKind::kJoin) return;
  auto& join = static_cast<LogicalJoin&>(op);
  std::map<std::pair<idx_t, idx_t>, size_t> inside;
  CountReferences(op, inside);
  std::vector<ColumnBinding> child_bindings = op.children[0]->GetColumnBindings();
  if (join.join_type != LogicalJoinType::kSemi && join.join_type != LogicalJoinType::kAnti &&
      join.join_type != LogicalJoinType::kMark) {
    auto r = op.children[1]->GetColumnBindings();
    child_bindings.insert(child_bindings.end(), r.begin(), r.end());
  }
  std::vector<ColumnBinding> pruned;
  for (auto& b : child_bindings) {
    std::pair<idx_t, idx_t> key{b.table_index, b.column_index};
    if (pinned.count(key)) continue;
    auto t = total.find(key);
    auto in = inside.find(key);
    size_t above = (t == total.end() ? 0 : t->second) - (in == inside.end() ? 0 : in->second);
    if (above == 0) pruned.push_back(b);
  }
  // Keep one column (a chunk has rows through its columns), unless the mark column is there.
  if (pruned.size() == child_bindings.size() && join.join_type != LogicalJoinType::kMark) {
    pruned.erase(pruned.begin());
  }
  join.pruned = std::move(pruned);
}

}  // namespace

void RemoveUnusedColumns(LogicalOperator& plan) {
  if (!AllKnown(plan)) return;
  BindingSet used;
  MarkOutputs(plan, used);
  CollectUsed(plan, used);
  std::map<idx_t, std::vector<idx_t>> remap;
  PruneScans(plan, used, remap);
  if (!remap.empty()) {
    VisitPlanExpressions(plan, [&](BoundExpression& e) {
      if (e.kind != BoundExpressionKind::kColumnRef) return;
      auto it = remap.find(e.binding.table_index);
      if (it == remap.end()) return;
      if (e.binding.column_index < it->second.size()) {
        e.binding.column_index = it->second[e.binding.column_index];
      }
    });
  }
  std::map<std::pair<idx_t, idx_t>, size_t> total;
  CountReferences(plan, total);
  BindingSet pinned;
  MarkOutputs(plan, pinned);
  CollectPinned(plan, pinned);
  PruneJoinOutputs(plan, total, pinned);
}

}  // namespace kadedb
