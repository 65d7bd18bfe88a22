// Expression helpers shared by the optimizer passes: which columns an expression reads, whether it
// may be moved to another operator, AND-splitting, binding substitution, and a visitor over every
// expression slot an operator owns.
#pragma once

#include <functional>
#include <set>
#include <vector>

#include "planner/bound_expression.hpp"
#include "planner/logical_operator.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

// Adds the table indexes of the depth-0 column references e reads (including the outer columns a
// subquery inside e reads, as listed in its correlated_columns) to out.
void CollectTableIndexes(const BoundExpression& e, std::set<idx_t>& out);
std::set<idx_t> TableIndexesOf(const BoundExpression& e);

// The table indexes of op's output bindings.
std::set<idx_t> OutputTableIndexes(const LogicalOperator& op);

// True when e may be evaluated at a different place in the plan with the same result: it has no
// subquery, no volatile function and no aggregate/window call. Correlated (depth > 0) columns
// are allowed: inside a subquery plan they are constants for one run of it (the executor reads
// them from the outer row wherever they appear, and every operator starts afresh on each run).
bool IsMovable(const BoundExpression& e);

// True when e contains a volatile function call (outside subquery plans).
bool HasVolatile(const BoundExpression& e);

// True when e is the boolean constant `value` (not NULL).
bool IsBoolConstant(const BoundExpression& e, bool value);
// True when e is a NULL constant.
bool IsNullConstant(const BoundExpression& e);
ExprPtr MakeBoolConstant(bool value);

// Splits nested ANDs into their conjuncts (appended to out).
void SplitConjunction(ExprPtr e, std::vector<ExprPtr>& out);

// Replaces every depth-0 column reference (table_index, i) in e by a copy of replacements[i].
// REQUIRES: IsMovable(e) (subquery plans are not entered).
ExprPtr ReplaceBindings(ExprPtr e, idx_t table_index, const std::vector<ExprPtr>& replacements);

// Calls fn on every expression slot op owns (not its children's): `expressions`, scan filters,
// join conditions, aggregate arguments, ORDER BY keys, LIMIT expressions, VALUES rows, INSERT /
// UPDATE / DELETE expressions. Null slots are skipped.
void VisitOperatorExpressions(LogicalOperator& op, const std::function<void(ExprPtr&)>& fn);

// Calls fn on every subquery expression inside e (outermost first; fn may replace e->subquery).
void VisitSubqueries(BoundExpression& e, const std::function<void(BoundExpression&)>& fn);

// If e is `a = b` (or IS NOT DISTINCT FROM, null_equal set) over operands of the same type,
// returns true and points lhs/rhs at its operands.
bool IsEqualityComparison(BoundExpression& e, ExprPtr*& lhs, ExprPtr*& rhs, bool& null_equal);

// If e is an equality (see IsEqualityComparison) with one operand reading only tables in left and
// the other only tables in right (both non-empty), moves its operands into a JoinCondition
// appended to conditions (oriented left/right) and returns true; otherwise leaves e alone.
bool TryMakeJoinCondition(ExprPtr& e, const std::set<idx_t>& left, const std::set<idx_t>& right,
                          std::vector<JoinCondition>& conditions);

// The predicate a JoinCondition stands for: `left = right` or `left IS NOT DISTINCT FROM right`.
ExprPtr MakeEquality(ExprPtr left, ExprPtr right, bool null_equal);

bool IsSubset(const std::set<idx_t>& a, const std::set<idx_t>& b);

// True when predicate e cannot be TRUE on a row where every column of the tables in `tables` is
// NULL (e.g. `t.x > 5`, `t.x + u.y = 3`, `t.x IS NOT NULL`): such a filter above an outer join
// removes the rows the join NULL-extends on that side.
bool RejectsNulls(const BoundExpression& e, const std::set<idx_t>& tables);

}  // namespace kadedb
