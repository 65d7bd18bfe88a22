// Expression generation: random, type-correct (under PostgreSQL's rules) scalar expressions and
// predicates over the columns in scope.
//
// Two modes. Safe expressions cannot raise a data error (no division, no overflow-prone
// arithmetic, no text->number casts): they go where the evaluation order between engines is
// unspecified (WHERE, ON, HAVING, subqueries), since PostgreSQL may evaluate quals in any order.
// Risky expressions (top-level select lists, where every row is evaluated in both engines) add
// division, modulo, integer arithmetic that overflows and failing casts; an operation that can
// fail always involves a column, so neither engine can fold it into an error at plan time.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "random_source.hpp"
#include "schema_gen.hpp"
#include "sql_type.hpp"

namespace kadedb::difftest {

struct ScopeColumn {
  std::string ref;  // qualified: "a.c1"
  DType type;
  bool nullable;
  // A derived table's column computed from constants: PostgreSQL flattens the subquery and folds
  // it, so it cannot anchor an operation that may fail (see the file comment).
  bool constant = false;
};
using Scope = std::vector<ScopeColumn>;

struct Expr {
  std::string sql;
  DType type = DType::kInteger;
  bool has_column = false;
};

class ExpressionGen {
 public:
  explicit ExpressionGen(RandomSource& rng) : rng_(rng) {}

  // Called by Predicate now and then to embed a subquery predicate (EXISTS, IN) over the scope;
  // returns "" when it has none to offer. Set by the query generator.
  std::function<std::string(const Scope&)> subquery_predicate;
  // Likewise for a scalar subquery of the given family.
  std::function<std::string(Family, const Scope&)> scalar_subquery;

  // An expression of family f (exact type inside the family is random).
  Expr Generate(Family f, const Scope& scope, int depth, bool risky);
  // A boolean condition (safe).
  std::string Predicate(const Scope& scope, int depth);
  // A literal of family f.
  Expr Literal(Family f);
  // A column of family f from scope; sql empty when none.
  Expr Column(Family f, const Scope& scope);
  // The families that have at least one column in scope.
  std::vector<Family> FamiliesIn(const Scope& scope) const;

 private:
  Expr Numeric(const Scope& scope, int depth, bool risky);
  Expr String(const Scope& scope, int depth, bool risky);
  Expr Boolean(const Scope& scope, int depth, bool risky);
  Expr DateExpr(const Scope& scope, int depth, bool risky);
  Expr TimestampExpr(const Scope& scope, int depth, bool risky);
  Expr Case(Family f, const Scope& scope, int depth, bool risky);
  Expr Leaf(Family f, const Scope& scope);
  std::string Comparison(const Scope& scope, int depth);

  RandomSource& rng_;
};

}  // namespace kadedb::difftest
