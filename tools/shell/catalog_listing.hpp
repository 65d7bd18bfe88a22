// Catalog listing for .tables and .schema straight from the in-memory catalog. A fallback used
// only while the engine has no information_schema views (the SQL path in dot_commands.cpp is
// tried first); it reaches past the public API into src/main and src/catalog, read-only.
#pragma once

#include <ostream>
#include <string>

#include "kadedb/database.hpp"

namespace kadedb {

// Prints one table or view name per line (schema-qualified outside "public").
void ListTablesFromCatalog(Database& db, std::ostream& out);
// Prints CREATE TABLE / CREATE INDEX / CREATE VIEW statements for every user table and view, or
// only table (unqualified name). Returns false when table is given and does not exist.
bool ShowSchemaFromCatalog(Database& db, const std::string& table, std::ostream& out);

}  // namespace kadedb
