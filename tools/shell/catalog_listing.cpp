// Catalog listing over pg_catalog SQL: renders tables, views and indexes as the SQL that would
// create them (format_type for column types, pg_get_constraintdef for keys and checks).
#include "catalog_listing.hpp"

namespace kadedb {

namespace {

constexpr const char* kUserRelations =
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') ";

std::string Literal(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += '\'';
    q += c;
  }
  return q + "'";
}

std::string Qualified(const std::string& schema, const std::string& name) {
  return schema == "public" ? QuoteName(name) : QuoteName(schema) + "." + QuoteName(name);
}

std::string Text(const Result& r, size_t col, uint64_t row) {
  Value v = r.GetValue(col, row);
  return v.IsNull() ? std::string() : v.ToString();
}

}  // namespace

void ListTablesFromCatalog(Database& db, std::ostream& out) {
  auto conn = db.Connect();
  Result r = conn->Query(std::string("SELECT n.nspname, c.relname ") + kUserRelations +
                         "AND c.relkind IN ('r', 'v') ORDER BY 1, 2");
  if (!r.ok()) return;
  for (uint64_t i = 0; i < r.RowCount(); i++)
    out << Qualified(Text(r, 0, i), Text(r, 1, i)) << "\n";
}

bool ShowSchemaFromCatalog(Database& db, const std::string& table, std::ostream& out) {
  auto conn = db.Connect();
  std::string filter = table.empty() ? "" : "AND c.relname = " + Literal(table) + " ";
  Result rels = conn->Query(std::string("SELECT c.oid, n.nspname, c.relname, c.relkind ") +
                            kUserRelations + filter + "AND c.relkind IN ('r', 'v') ORDER BY 2, 3");
  if (!rels.ok()) return false;
  for (uint64_t i = 0; i < rels.RowCount(); i++) {
    std::string oid = Text(rels, 0, i);
    std::string name = Qualified(Text(rels, 1, i), Text(rels, 2, i));
    if (Text(rels, 3, i) == "v") {
      Result def = conn->Query("SELECT pg_catalog.pg_get_viewdef(" + oid + ")");
      out << "CREATE VIEW " << name << " AS" << (def.ok() ? Text(def, 0, 0) : " ?;") << "\n";
      continue;
    }
    Result cols = conn->Query(
        "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        "(SELECT d.adbin FROM pg_catalog.pg_attrdef d WHERE d.adrelid = a.attrelid AND "
        "d.adnum = a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = " +
        oid + " AND a.attnum > 0 ORDER BY a.attnum");
    out << "CREATE TABLE " << name << " (";
    for (uint64_t j = 0; cols.ok() && j < cols.RowCount(); j++) {
      out << (j ? ",\n  " : "\n  ") << QuoteName(Text(cols, 0, j)) << " " << Text(cols, 1, j);
      if (cols.GetValue(2, j).GetBool()) out << " NOT NULL";
      std::string def = Text(cols, 3, j);
      if (!def.empty()) out << " DEFAULT " << def;
    }
    Result cons = conn->Query(
        "SELECT pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint WHERE "
        "conrelid = " +
        oid + " ORDER BY contype DESC, conname");
    for (uint64_t j = 0; cons.ok() && j < cons.RowCount(); j++) out << ",\n  " << Text(cons, 0, j);
    out << "\n);\n";
    Result idx =
        conn->Query("SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid = " + oid +
                    " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = "
                    "i.indexrelid) ORDER BY 1");
    for (uint64_t j = 0; idx.ok() && j < idx.RowCount(); j++) {
      Result d = conn->Query("SELECT pg_catalog.pg_get_indexdef(" + Text(idx, 0, j) + ")");
      if (d.ok()) out << Text(d, 0, 0) << ";\n";
    }
  }
  return rels.RowCount() > 0 || table.empty();
}

std::string QuoteName(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return name;
  std::string q = "\"";
  for (char c : name) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

}  // namespace kadedb
