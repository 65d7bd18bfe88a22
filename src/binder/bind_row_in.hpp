// Row-valued IN lists and subqueries: (a, b) [NOT] IN ((1, 2), (3, 4)) is bound as the OR of the
// rows' pairwise equalities (AND), which gives PostgreSQL's three-valued result (row_a = row_b is
// false when a pair differs, NULL when none differs but one is NULL).
#pragma once

#include "binder/binder.hpp"

namespace kadedb {

// REQUIRES: expr.input is a RowExpression. 42601 when a list item is not a row of the same size.
ExprPtr BindRowInList(Binder& binder, const InListExpression& expr);

// (a, b) [NOT] IN (SELECT x, y ...): CASE WHEN EXISTS (a row equal to (a, b)) THEN true
// WHEN EXISTS (a row whose comparison is NULL) THEN NULL ELSE false END, PostgreSQL's result.
// REQUIRES: expr is kIn and expr.left a RowExpression.
ExprPtr BindRowInSubquery(Binder& binder, const SubqueryExpression& expr);

}  // namespace kadedb
