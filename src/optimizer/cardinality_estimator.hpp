// Cardinality estimates for join ordering. There are no statistics yet, so the numbers are
// rules of thumb: a table has kDefaultTableRows rows, an equality on all columns of a unique key
// leaves one row, any other predicate keeps a tenth of the rows, an equi-join on a unique key of
// one side keeps the other side's row count.
#pragma once

#include "planner/logical_operator.hpp"
#include "planner/operator/logical_get.hpp"

namespace kadedb {

inline constexpr double kDefaultTableRows = 1000;
inline constexpr double kFilterSelectivity = 0.1;

// Estimated output rows of op (at least 1).
double EstimateCardinality(const LogicalOperator& op);

// True when expr is a bare column reference to a column of a unique key (single-column UNIQUE /
// PRIMARY KEY) of the table scanned by get, so each value matches at most one row of it.
bool IsUniqueKeyColumn(const LogicalGet& get, const BoundExpression& expr);

}  // namespace kadedb
