// Planner: entry point from a parsed statement to a logical plan (binding included).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/logical_operator.hpp"

namespace kadedb {

struct Statement;  // parser/ast

// What the planner hands to the optimizer and executor.
struct PlannedStatement {
  LogicalOperatorPtr plan;
  // Result columns (empty when the statement returns no rows).
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  // Types of $1..$n as inferred (kNull where no context fixed a type: the value's own type is
  // used then). parameter_types.size() is the highest $n referenced.
  std::vector<LogicalType> parameter_types;
  // PostgreSQL command tag word(s) without counts: "SELECT", "INSERT", "UPDATE", "DELETE",
  // "CREATE TABLE", "DROP TABLE", "BEGIN", "SET", "EXPLAIN", "COPY", ...
  std::string command_tag;
  bool returns_rows = false;
  // True when the statement changes nothing (queries, EXPLAIN without ANALYZE, SHOW).
  bool read_only = true;
};

// Session state the binder consults.
struct BindSettings {
  std::vector<std::string> search_path = {"public"};
  // The role the statement runs as (privilege checks at bind; role_catalog.hpp).
  uint64_t user_oid = 10;  // kBootstrapRoleOid
  std::string user_name = "kadedb";
};

// Binds and plans one statement. parameter_types: types known for $n from the caller (may be
// shorter than the number of parameters; kNull entries mean unknown).
// Throws Exception (42601, 42P01, 42703, 42702, 42804, 42883, 42803, ...) with the position of the
// offending token when it has one.
PlannedStatement PlanStatement(Catalog& catalog, const Statement& statement,
                               const BindSettings& settings,
                               const std::vector<LogicalType>& parameter_types = {});

}  // namespace kadedb
