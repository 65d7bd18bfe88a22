// subquery_plans pass (see subquery_plans.hpp).
#include "optimizer/subquery_plans.hpp"

#include "optimizer/expression_util.hpp"

namespace kadedb {

void OptimizeSubqueryPlans(LogicalOperator& plan, const OptimizerSettings& settings) {
  VisitOperatorExpressions(plan, [&](ExprPtr& e) {
    VisitSubqueries(*e, [&](BoundExpression& subquery) {
      if (subquery.subquery) subquery.subquery = Optimize(std::move(subquery.subquery), settings);
    });
  });
  for (auto& child : plan.children) OptimizeSubqueryPlans(*child, settings);
}

}  // namespace kadedb
