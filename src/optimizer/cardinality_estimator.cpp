// Cardinality estimates for join ordering (see cardinality_estimator.hpp).
#include "optimizer/cardinality_estimator.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "catalog/catalog.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

// The key column sets of every unique index / constraint of the scanned table.
std::vector<std::vector<column_t>> UniqueKeys(const LogicalGet& get) {
  std::vector<std::vector<column_t>> keys;
  if (!get.table) return keys;
  for (auto& u : get.table->uniques) keys.push_back(u.columns);
  if (get.table->storage) {
    for (auto& index : get.table->storage->indexes()) {
      if (index.unique) keys.push_back(index.columns);
    }
  }
  return keys;
}

// The table column a scan filter pins to one value (`col = constant/parameter`), if any.
bool PinnedColumn(const LogicalGet& get, const BoundExpression& filter, column_t& column) {
  if (filter.kind != BoundExpressionKind::kFunction || !filter.function.function ||
      filter.function.function->name != "=" || filter.children.size() != 2) {
    return false;
  }
  for (int side = 0; side < 2; side++) {
    auto& col = *filter.children[side];
    auto& other = *filter.children[1 - side];
    bool other_constant = (other.kind == BoundExpressionKind::kConstant && !other.value.IsNull()) ||
                          other.kind == BoundExpressionKind::kParameter ||
                          (other.kind == BoundExpressionKind::kColumnRef && other.depth > 0);
    if (col.kind == BoundExpressionKind::kColumnRef && col.depth == 0 &&
        col.binding.table_index == get.table_index &&
        col.binding.column_index < get.column_ids.size() && other_constant) {
      column = get.column_ids[col.binding.column_index];
      return true;
    }
  }
  return false;
}

double EstimateGet(const LogicalGet& get) {
  std::set<column_t> pinned;
  for (auto& f : get.table_filters) {
    column_t column;
    if (PinnedColumn(get, *f, column)) pinned.insert(column);
  }
  for (auto& key : UniqueKeys(get)) {
    bool all = !key.empty();
    for (auto c : key) all = all && pinned.count(c);
    if (all) return 1;
  }
  return std::max(1.0, kDefaultTableRows * std::pow(kFilterSelectivity, get.table_filters.size()));
}

}  // namespace

bool IsUniqueKeyColumn(const LogicalGet& get, const BoundExpression& expr) {
  if (expr.kind != BoundExpressionKind::kColumnRef || expr.depth != 0 ||
      expr.binding.table_index != get.table_index ||
      expr.binding.column_index >= get.column_ids.size()) {
    return false;
  }
  column_t column = get.column_ids[expr.binding.column_index];
  for (auto& key : UniqueKeys(get)) {
    if (key.size() == 1 && key[0] == column) return true;
  }
  return false;
}

double EstimateCardinality(const LogicalOperator& op) {
  auto child = [&](size_t i) { return EstimateCardinality(*op.children[i]); };
  switch (op.kind) {
    case LogicalOperatorKind::kGet:
      return EstimateGet(static_cast<const LogicalGet&>(op));
    case LogicalOperatorKind::kDummyScan:
      return 1;
    case LogicalOperatorKind::kExpressionGet:
      return std::max<double>(1, static_cast<const LogicalExpressionGet&>(op).rows.size());
    case LogicalOperatorKind::kFilter:
      return std::max(1.0, child(0) * std::pow(kFilterSelectivity, op.expressions.size()));
    case LogicalOperatorKind::kProjection:
    case LogicalOperatorKind::kOrder:
    case LogicalOperatorKind::kDistinct:
    case LogicalOperatorKind::kWindow:
      return child(0);
    case LogicalOperatorKind::kAggregate:
      return op.expressions.empty() ? 1 : child(0);
    case LogicalOperatorKind::kLimit: {
      auto& limit = static_cast<const LogicalLimit&>(op);
      double rows = child(0);
      if (limit.limit_value >= 0 && !limit.limit_expression) {
        rows = std::min(rows, static_cast<double>(std::max<int64_t>(1, limit.limit_value)));
      }
      return rows;
    }
    case LogicalOperatorKind::kTopN:
      return std::min(child(0), static_cast<double>(std::max<int64_t>(
                                    1, static_cast<const LogicalTopN&>(op).limit_value)));
    case LogicalOperatorKind::kCrossProduct:
      return child(0) * child(1);
    case LogicalOperatorKind::kJoin: {
      auto type = static_cast<const LogicalJoin&>(op).join_type;
      if (type == LogicalJoinType::kSemi || type == LogicalJoinType::kAnti ||
          type == LogicalJoinType::kMark || type == LogicalJoinType::kLeft) {
        return child(0);
      }
      if (type == LogicalJoinType::kRight) return child(1);
      return std::max(child(0), child(1));
    }
    case LogicalOperatorKind::kSetOperation:
      return child(0) + child(1);
    case LogicalOperatorKind::kMaterializedCTE:
      return child(1);
    default:
      if (op.estimated_cardinality > 0) return static_cast<double>(op.estimated_cardinality);
      return kDefaultTableRows;
  }
}

}  // namespace kadedb
