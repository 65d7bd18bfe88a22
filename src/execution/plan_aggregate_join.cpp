// Physical plans of aggregates and joins.
#include "common/exception.hpp"
#include "execution/operator/join_runtime_filter.hpp"
#include "execution/operator/physical_filter.hpp"
#include "execution/operator/physical_hash_aggregate.hpp"
#include "execution/operator/physical_join.hpp"
#include "execution/operator/physical_table_scan.hpp"
#include "execution/physical_plan_generator.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

// Zone-range partitioning (execution/zone_range_partition.hpp) applies when the one group key is
// an integer-class column that a sequential scan outputs and filters / projections pass on
// unchanged (so every chunk reaches the aggregate on the thread that scanned it, with its
// morsel's MorselKeys), and no aggregate is buffered (DISTINCT / ORDER BY keep group ids of one
// table). Returns the scan, asked for key ranges, or null.
PhysicalTableScan* PlanZoneRange(PhysicalHashAggregate& agg, PhysicalOperator& child) {
  if (agg.groups.size() != 1 || !agg.grouping_sets.empty()) return nullptr;
  for (auto& a : agg.aggregates) {
    if (a.Buffered()) return nullptr;
  }
  const ExprNode& key = *agg.groups[0];
  if (key.kind != BoundExpressionKind::kColumnRef || key.outer ||
      PhysicalOf(key.type) != PhysicalType::kInt64) {
    return nullptr;
  }
  size_t column = key.column;
  PhysicalOperator* op = &child;
  while (true) {
    if (column >= op->types.size() || PhysicalOf(op->types[column]) != PhysicalType::kInt64) {
      return nullptr;
    }
    if (dynamic_cast<PhysicalFilter*>(op)) {
      op = op->children[0].get();
      continue;
    }
    if (auto* projection = dynamic_cast<PhysicalProjection*>(op)) {
      const ExprNode& e = *projection->expressions[column];
      // A column passed on as is (same physical class: no cast changes its values).
      if (e.kind != BoundExpressionKind::kColumnRef || e.outer ||
          PhysicalOf(e.type) != PhysicalType::kInt64) {
        return nullptr;
      }
      column = e.column;
      op = op->children[0].get();
      continue;
    }
    auto* scan = dynamic_cast<PhysicalTableScan*>(op);
    if (!scan || scan->index || scan->key_range_column >= 0) return nullptr;
    int64_t position = scan->StoragePosition(column);
    if (position < 0) return nullptr;  // the row id
    scan->key_range_column = position;
    return scan;
  }
}

}  // namespace

PhysicalOperatorPtr PhysicalPlanGenerator::PlanAggregate(LogicalOperator& op) {
  auto& agg = static_cast<LogicalAggregate&>(op);
  auto child = Plan(*op.children[0]);
  auto input = op.children[0]->GetColumnBindings();
  auto phys = std::make_unique<PhysicalHashAggregate>(op.types);
  phys->groups = Compile(op.expressions, input);
  for (auto& a : agg.aggregates) {
    PhysicalAggregateInfo info;
    info.function = a.function.function;
    if (!info.function || !info.function->make_kernel) {
      ThrowInternal("aggregate without a resolved function");
    }
    info.kernel = info.function->make_kernel(a.function.arg_types, a.function.return_type);
    info.arguments = Compile(a.children, input);
    info.distinct = a.distinct;
    if (a.filter) info.filter = Compile(*a.filter, input);
    for (auto& o : a.order_by) {
      SortKey k;
      k.expression = Compile(*o.expression, input);
      k.descending = o.type == OrderType::kDescending;
      k.nulls_first = o.nulls == NullOrder::kNullsFirst;
      info.order_by.push_back(std::move(k));
    }
    info.return_type = a.return_type;
    info.text = a.ToString();
    phys->aggregates.push_back(std::move(info));
  }
  phys->grouping_sets = agg.grouping_sets;
  phys->grouping_functions = agg.grouping_functions;
  phys->PrepareStates();
  phys->range_scan = PlanZoneRange(*phys, *child);
  phys->children.push_back(std::move(child));
  return phys;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanJoin(LogicalOperator& op) {
  auto left = Plan(*op.children[0]);
  auto right = Plan(*op.children[1]);
  auto left_bindings = op.children[0]->GetColumnBindings();
  auto right_bindings = op.children[1]->GetColumnBindings();
  LogicalJoinType type = LogicalJoinType::kInner;
  if (op.kind == LogicalOperatorKind::kJoin) type = static_cast<LogicalJoin&>(op).join_type;
  auto phys = std::make_unique<PhysicalJoin>(op.types, type);
  phys->left_types = op.children[0]->types;
  phys->right_types = op.children[1]->types;
  // Output columns: positions in the children of the bindings the join outputs.
  phys->outputs_planned = true;
  for (auto& b : op.GetColumnBindings()) {
    bool found = false;
    for (size_t i = 0; i < left_bindings.size() && !found; i++) {
      if (left_bindings[i] == b) {
        phys->left_out.push_back(i);
        found = true;
      }
    }
    for (size_t i = 0; i < right_bindings.size() && !found; i++) {
      if (right_bindings[i] == b) {
        phys->right_out.push_back(i);
        found = true;
      }
    }
  }
  if (op.kind == LogicalOperatorKind::kJoin) {
    auto& join = static_cast<LogicalJoin&>(op);
    for (auto& cond : join.conditions) {
      phys->left_keys.push_back(Compile(*cond.left, left_bindings));
      phys->right_keys.push_back(Compile(*cond.right, right_bindings));
      phys->null_equal.push_back(cond.null_equal);
    }
    auto both = left_bindings;
    both.insert(both.end(), right_bindings.begin(), right_bindings.end());
    phys->residual = Compile(op.expressions, both);
  }
  phys->children.push_back(std::move(left));
  phys->children.push_back(std::move(right));
  PlanJoinFilters(*phys);
  return phys;
}

}  // namespace kadedb
