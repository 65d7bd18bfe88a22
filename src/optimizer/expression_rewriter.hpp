// expression_rewriter pass: constant folding that never changes what a query computes, and never
// raises an error the executor would not raise. Like PostgreSQL's eval_const_expressions:
//   - casts of constants and calls of non-volatile functions on constant arguments are evaluated
//     (an evaluation error keeps the expression for run time, where it only fires if reached,
//     e.g. 1/0 in an untaken CASE branch); nothing involving date/time types is folded, since
//     those may read the session's time zone or clock;
//   - a strict function with a NULL constant argument is NULL;
//   - COALESCE drops NULL constants and everything after the first non-NULL constant;
//   - CASE drops branches whose condition is constant FALSE/NULL and stops at constant TRUE;
//   - AND / OR / NOT with constant TRUE / FALSE / NULL operands, IS [NOT] NULL of constants,
//     NULL [NOT] IN (...).
#pragma once

#include "planner/bound_expression.hpp"
#include "planner/logical_operator.hpp"

namespace kadedb {

// Returns the folded expression.
ExprPtr FoldExpression(ExprPtr e);

// Folds every expression of every operator in plan (subquery plans are optimized separately).
void RewriteExpressions(LogicalOperator& plan);

}  // namespace kadedb
