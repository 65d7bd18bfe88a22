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

}  // namespace

void RemoveUnusedColumns(LogicalOperator& plan) {
  if (!AllKnown(plan)) return;
  BindingSet used;
  MarkOutputs(plan, used);
  CollectUsed(plan, used);
  std::map<idx_t, std::vector<idx_t>> remap;
  PruneScans(plan, used, remap);
  if (remap.empty()) return;
  VisitPlanExpressions(plan, [&](BoundExpression& e) {
    if (e.kind != BoundExpressionKind::kColumnRef) return;
    auto it = remap.find(e.binding.table_index);
    if (it == remap.end()) return;
    if (e.binding.column_index < it->second.size()) {
      e.binding.column_index = it->second[e.binding.column_index];
    }
  });
}

}  // namespace kadedb
