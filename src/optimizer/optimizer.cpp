// The optimizer: the passes below run in this order; each can be skipped by name through
// OptimizerSettings::disabled_passes. Every pass keeps the plan's result exactly the same.
#include "optimizer/optimizer.hpp"

#include "optimizer/eager_aggregation.hpp"
#include "optimizer/expression_rewriter.hpp"
#include "optimizer/filter_pushdown.hpp"
#include "optimizer/in_subquery_joins.hpp"
#include "optimizer/index_selection.hpp"
#include "optimizer/join_order.hpp"
#include "optimizer/remove_unused_columns.hpp"
#include "optimizer/subquery_plans.hpp"
#include "optimizer/top_n.hpp"

namespace kadedb {

LogicalOperatorPtr Optimize(LogicalOperatorPtr plan, const OptimizerSettings& settings) {
  if (!plan) return plan;
  auto enabled = [&](const char* name) { return settings.disabled_passes.count(name) == 0; };

  // 1. Optimize the plans of subquery expressions on their own (recursively).
  if (enabled("subquery_plans")) OptimizeSubqueryPlans(*plan, settings);
  // 2. Fold casts of constants and boolean logic over constants.
  if (enabled("expression_rewriter")) RewriteExpressions(*plan);
  // 3. `x IN (uncorrelated subquery)` filter conjuncts -> semi joins.
  if (enabled("in_subquery_joins")) plan = InSubqueriesToJoins(std::move(plan));
  // 4. Push predicates towards the scans; cross product + equality -> inner join; outer joins
  //    under NULL-rejecting filters -> inner.
  if (enabled("filter_pushdown")) plan = PushDownFilters(std::move(plan));
  // 4b. Aggregates over joins pre-aggregate the side their arguments read, grouped by the join
  //     key, when that key is a GROUP BY key (late materialisation of the other side's columns).
  //     Needs join_order to turn the cross products it leaves into joins.
  if (enabled("eager_aggregation") && enabled("join_order"))
    plan = EagerAggregation(std::move(plan));
  // 5. Join order for trees of inner joins / cross products (statistics-based estimates).
  if (enabled("join_order")) plan = ReorderJoins(std::move(plan), settings.storage);
  // 6. Index range scans for scans with key predicates.
  if (enabled("index_selection")) SelectIndexes(*plan, settings.catalog);
  // 7. ORDER BY + LIMIT -> top-N.
  if (enabled("top_n")) plan = CreateTopN(std::move(plan));
  // 8. Scans read only the columns something above them uses.
  if (enabled("remove_unused_columns")) RemoveUnusedColumns(*plan);

  plan->ResolveOperatorTypes();
  return plan;
}

}  // namespace kadedb
