// subquery_plans pass: runs the whole optimizer over the plan of every subquery expression
// (scalar, EXISTS, IN/ANY/ALL) in the plan, so their joins and filters are optimized too. The
// subqueries themselves stay where they are (the executor evaluates them per outer row).
#pragma once

#include "optimizer/optimizer.hpp"

namespace kadedb {

void OptimizeSubqueryPlans(LogicalOperator& plan, const OptimizerSettings& settings);

}  // namespace kadedb
