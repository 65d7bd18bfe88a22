// Internal entry points of the filter_pushdown pass, shared by filter_pushdown.cpp and
// filter_pushdown_join.cpp. Each takes op and the predicates (already AND-split) pending above
// it, and returns op's replacement with every predicate placed somewhere at or below it.
#pragma once

#include <vector>

#include "planner/logical_operator.hpp"

namespace kadedb {

LogicalOperatorPtr PushFilters(LogicalOperatorPtr op, std::vector<ExprPtr> filters);
// op is a LogicalCrossProduct or an inner LogicalJoin.
LogicalOperatorPtr PushIntoInnerJoin(LogicalOperatorPtr op, std::vector<ExprPtr> filters);
// op is a LogicalJoin that is not inner.
LogicalOperatorPtr PushIntoOtherJoin(LogicalOperatorPtr op, std::vector<ExprPtr> filters);
// op, or a LogicalFilter over op when filters is not empty.
LogicalOperatorPtr WrapInFilter(LogicalOperatorPtr op, std::vector<ExprPtr> filters);

}  // namespace kadedb
