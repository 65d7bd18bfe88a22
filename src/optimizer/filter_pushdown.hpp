// filter_pushdown pass: moves predicates as close to the scans as their column references allow.
//
// Filters are split at AND, then pushed through projections (the projected expressions are
// substituted), ORDER BY, plain DISTINCT, group keys of aggregates, into both sides of inner joins
// and cross products, into both inputs of UNION ALL, into the preserved side of LEFT/RIGHT joins
// (an outer join under a filter that rejects its NULL-extended rows becomes inner first), and into
// LogicalGet::table_filters. An equality between the two sides of an inner join or cross product
// becomes a JoinCondition; other predicates over both sides stay at the join. The ON clause of
// outer joins is split the same way (equalities -> conditions, predicates on the null-supplying
// side only -> that side). Predicates that are not IsMovable (subqueries, volatile functions)
// never move; correlated columns count as constants. Nothing is pushed past LIMIT, window, DISTINCT
// ON, UNION without ALL, INTERSECT, EXCEPT, or grouping sets.
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan);

}  // namespace kadedb
