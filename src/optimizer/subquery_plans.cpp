// subquery_plans pass (see subquery_plans.hpp).
#include "optimizer/subquery_plans.hpp"

#include "optimizer/expression_util.hpp"

namespace kadedb {

void OptimizeSubqueryPlans(LogicalOperator& plan, const OptimizerSettings& settings) {
  // eager_aggregation hands out new table indexes above the largest one its plan uses; a
  // subquery plan does not see the outer plan's indexes, so it runs on the top-level plan only.
  OptimizerSettings inner = settings;
  inner.disabled_passes.insert("eager_aggregation");
  VisitOperatorExpressions(plan, [&](ExprPtr& e) {
    VisitSubqueries(*e, [&](BoundExpression& subquery) {
      if (subquery.subquery) subquery.subquery = Optimize(std::move(subquery.subquery), inner);
    });
  });
  for (auto& child : plan.children) OptimizeSubqueryPlans(*child, settings);
}

}  // namespace kadedb
