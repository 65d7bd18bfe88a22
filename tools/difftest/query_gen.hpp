// Query generation: random SELECTs over a schema by construct (plain, joins, subqueries,
// aggregates, window functions, set operations, ORDER BY + LIMIT), statements that must fail
// with a given SQLSTATE class, and DML run inside a rolled-back transaction.
//
// Each query says how its rows compare: in order only when its ORDER BY is total (it orders by
// every output column, so ties are indistinguishable rows); as a multiset otherwise. A LIMIT is
// only ever generated under a total ORDER BY, so the set of rows it keeps is determined.
#pragma once

#include <string>
#include <vector>

#include "expression_gen.hpp"
#include "random_source.hpp"
#include "schema_gen.hpp"

namespace kadedb::difftest {

enum class QueryCategory : uint8_t {
  kSelect,
  kJoin,
  kSubquery,
  kAggregate,
  kWindow,
  kSetOp,
  kOrderLimit,
  kError,
  kDml,
};
inline constexpr int kQueryCategoryCount = 9;
const char* CategoryName(QueryCategory c);

struct Query {
  std::string sql;
  QueryCategory category = QueryCategory::kSelect;
  bool ordered = false;         // compare rows in order
  bool in_transaction = false;  // run between BEGIN and ROLLBACK on both engines
};

// The parts of a simple SELECT that the partitioning oracle (oracle.hpp) recombines.
struct SelectCore {
  std::string from;                // "t0 a LEFT JOIN t1 b ON ..."
  Scope scope;                     // columns visible in from
  std::vector<std::string> items;  // select list (safe expressions)
  std::string where;               // may be empty
  bool distinct = false;
  // "SELECT [DISTINCT] items FROM from [WHERE where [AND extra]]".
  std::string Sql(const std::string& extra_predicate = "") const;
};

class QueryGen {
 public:
  QueryGen(RandomSource& rng, const Schema& schema);

  // A random query of a random category.
  Query Generate();
  // A SELECT core for the partitioning oracle (safe expressions only).
  SelectCore GenerateCore();
  ExpressionGen& expressions() { return expr_; }

 private:
  std::string From(int max_tables, bool allow_derived, Scope* scope);
  std::string JoinCondition(const Scope& left, const Scope& right, bool equi_only);
  std::string TableRef(const TableDef& t, const std::string& alias, Scope* scope);
  std::string DerivedTable(const std::string& alias, Scope* scope);
  std::string SubqueryPredicate(const Scope& outer);
  std::string ScalarSubquery(Family f, const Scope& outer);
  std::string NewAlias(const std::string& prefix);
  std::vector<Expr> Items(const Scope& scope, int n, bool risky);
  std::string OrderByAll(size_t ncols, bool* total);

  Query PlainSelect(QueryCategory category, int max_tables);
  Query Subquery();
  Query Aggregate();
  Query Window();
  Query SetOperation();
  Query ErrorQuery();
  Query Dml();

  RandomSource& rng_;
  const Schema& schema_;
  ExpressionGen expr_;
  int alias_counter_ = 0;
  int subquery_depth_ = 0;
};

}  // namespace kadedb::difftest
