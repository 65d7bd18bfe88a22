// ExprNode: a BoundExpression compiled for execution. Column references are resolved to
// positions in the input chunk (depth 0) or to bindings looked up in the outer-row frames
// (correlated, depth >= 1); subqueries carry their physical plan and a result cache.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "execution/physical_operator.hpp"
#include "execution/vector_ops.hpp"
#include "planner/bound_expression.hpp"

namespace kadedb {

// The cached result of one subquery execution (per distinct set of correlated values).
struct SubqueryResult {
  Value scalar;          // kScalar
  bool any_row = false;  // kExists / kNotExists / kAny / kAll (non-empty)
  // kAny / kAll: the subquery's first column, and for '=' / '<>' a set of its values' key bytes.
  std::shared_ptr<Vector> rows;
  std::shared_ptr<std::unordered_set<std::string>> keys;
  bool has_null = false;
};

struct ExprNode {
  BoundExpressionKind kind = BoundExpressionKind::kConstant;
  LogicalType type;
  std::vector<std::unique_ptr<ExprNode>> children;

  // kColumnRef
  idx_t column = 0;       // position in the input chunk (depth 0)
  bool outer = false;     // correlated: read binding from the outer frames
  ColumnBinding binding;  // correlated binding
  // kConstant (already cast to type)
  Value value;
  // kParameter
  idx_t parameter_index = 0;
  // kFunction; kAny/kAll comparison
  const ScalarFunction* function = nullptr;
  std::vector<LogicalType> function_arg_types;

  // kSubquery
  BoundSubqueryKind subquery_kind = BoundSubqueryKind::kScalar;
  std::unique_ptr<PhysicalOperator> subquery;
  std::vector<std::unique_ptr<ExprNode>> correlated;  // evaluated over the enclosing input
  std::vector<ColumnBinding> correlated_bindings;     // their bindings inside the subquery
  std::unordered_map<std::string, SubqueryResult> cache;

  std::string text;  // the expression's SQL-ish text, for EXPLAIN
};

using ExprNodePtr = std::unique_ptr<ExprNode>;

// Appends the raw pointers of exprs to out (for PhysicalOperator::Expressions).
inline void AddExpressions(const std::vector<ExprNodePtr>& exprs,
                           std::vector<const ExprNode*>& out) {
  for (auto& e : exprs) {
    if (e) out.push_back(e.get());
  }
}

}  // namespace kadedb
