// expression_rewriter pass: constant folding that can never change what a query computes or
// whether it raises an error. Folds casts of constants (when the cast succeeds at plan time),
// AND / OR / NOT with constant TRUE / FALSE / NULL operands, and IS [NOT] NULL of constants.
// Function calls are left alone (their errors, e.g. 1/0 in an unreached CASE branch, must only
// appear when the executor evaluates them), as are volatile functions.
#pragma once

#include "planner/bound_expression.hpp"
#include "planner/logical_operator.hpp"

namespace kadedb {

// Returns the folded expression.
ExprPtr FoldExpression(ExprPtr e);

// Folds every expression of every operator in plan (subquery plans are optimized separately).
void RewriteExpressions(LogicalOperator& plan);

}  // namespace kadedb
