// Catalog listing for .tables and .schema over pg_catalog SQL (public API only: a Connection of
// the shell's Database). The fallback dot_commands.cpp uses when its information_schema query
// fails; it renders the same CREATE statements from pg_class, pg_attribute, pg_constraint and
// pg_indexes. Also the name quoting both use.
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
// A name as SQL needs it: bare when lower-case identifier characters only (not starting with a
// digit), else double-quoted with inner quotes doubled. (Keywords are not quoted.)
std::string QuoteName(const std::string& name);

}  // namespace kadedb
