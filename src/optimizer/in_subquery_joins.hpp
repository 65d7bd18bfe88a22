// in_subquery_joins pass: `x IN (uncorrelated subquery)` as a conjunct of a WHERE / HAVING
// filter becomes a semi join of the relation that provides x with the subquery's plan, on
// x = the subquery's column. In a filter a NULL and a false IN both drop the row, so the semi
// join (rows with at least one equal partner, NULLs never equal) keeps exactly the same rows,
// but the subquery's rows are hashed once and the join order pass can use its (often small)
// result early. The semi join goes right above the deepest input of the filter (through inner
// joins, cross products and other filters) whose output holds every column x reads.
// Only for `=` ANY with equal operand and subquery column types, no correlated columns and no
// CTE references in the subquery (their scans stay with the subquery executor).
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

LogicalOperatorPtr InSubqueriesToJoins(LogicalOperatorPtr plan);

}  // namespace kadedb
