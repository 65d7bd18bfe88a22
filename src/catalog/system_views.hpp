// System views: information_schema and pg_catalog relations computed from the catalog.
//
// Each call builds a snapshot of the catalog as rows; the binder turns it into a VALUES scan, so
// system views are read-only and reflect the catalog as of binding. Covered today:
//   information_schema: schemata, tables, columns, views, table_constraints, key_column_usage
//   pg_catalog: pg_namespace, pg_tables, pg_views, pg_indexes, and the catalogs psql and drivers
//   read (pg_class, pg_attribute, pg_type, pg_index, pg_constraint, pg_roles, ...: pg_*_views.cpp)
// Column sets follow PostgreSQL's (a subset of the columns; names and types match).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

// What a system view may depend on besides the catalog: the session's role and search path.
struct SystemViewContext {
  uint64_t user_oid = 10;  // kBootstrapRoleOid
  std::string user_name = "kadedb";
  std::vector<std::string> search_path = {"public"};
};

struct SystemRelation {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<std::vector<Value>> rows;
};

// Whether schema.name names a system relation. schema may be empty: then pg_catalog relations
// are found (pg_catalog is implicitly first on PostgreSQL's search path), information_schema
// relations are not.
bool IsSystemRelation(const std::string& schema, const std::string& name);

// The rows of schema.name, or nullopt when it is not a system relation.
std::optional<SystemRelation> BuildSystemRelation(Catalog& catalog, const std::string& schema,
                                                  const std::string& name);
// As above, for the session described by context (pg_authid refuses non-superusers with 42501).
std::optional<SystemRelation> BuildSystemRelation(Catalog& catalog,
                                                  const SystemViewContext& context,
                                                  const std::string& schema,
                                                  const std::string& name);
// Every pg_catalog relation name, sorted (pg_class lists them).
std::vector<std::string> PgCatalogRelationNames();

}  // namespace kadedb
