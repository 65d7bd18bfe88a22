// Catalog listing fallback: renders catalog entries as the SQL that would create them.
#include "catalog_listing.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "catalog/catalog.hpp"
#include "main/database_instance.hpp"

namespace kadedb {

namespace {

bool IsSystemSchema(const std::string& s) {
  return s == "pg_catalog" || s == "information_schema";
}

std::string Ident(const std::string& name) {
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

std::string Qualified(const std::string& schema, const std::string& name) {
  return schema == "public" ? Ident(name) : Ident(schema) + "." + Ident(name);
}

std::string ColumnList(const TableEntry& t, const std::vector<column_t>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); i++) {
    if (i) s += ", ";
    s += cols[i] < t.columns.size() ? Ident(t.columns[cols[i]].name) : "?";
  }
  return s;
}

void PrintTable(Catalog& catalog, TableEntry& t, std::ostream& out) {
  out << "CREATE TABLE " << Qualified(t.schema_name, t.name) << " (";
  for (size_t i = 0; i < t.columns.size(); i++) {
    const CatalogColumn& c = t.columns[i];
    out << (i ? ",\n  " : "\n  ") << Ident(c.name) << " " << c.type.ToString();
    if (c.not_null) out << " NOT NULL";
    if (!c.default_sql.empty()) out << " DEFAULT " << c.default_sql;
  }
  std::set<uint64_t> constraint_indexes;
  for (const UniqueConstraint& u : t.uniques) {
    out << ",\n  " << (u.primary ? "PRIMARY KEY" : "UNIQUE") << " (" << ColumnList(t, u.columns)
        << ")";
    constraint_indexes.insert(u.index_oid);
  }
  for (const CheckConstraint& c : t.checks) out << ",\n  CHECK (" << c.sql << ")";
  out << "\n);\n";
  for (IndexEntry* idx : catalog.Indexes(t.oid)) {
    if (constraint_indexes.count(idx->oid) || idx->info.primary) continue;
    out << "CREATE " << (idx->info.unique ? "UNIQUE " : "") << "INDEX " << Ident(idx->name)
        << " ON " << Qualified(t.schema_name, t.name) << " (" << ColumnList(t, idx->info.columns)
        << ");\n";
  }
}

}  // namespace

void ListTablesFromCatalog(Database& db, std::ostream& out) {
  Catalog& catalog = db.instance().catalog();
  std::vector<std::string> names;
  for (TableEntry* t : catalog.Tables()) {
    if (!IsSystemSchema(t->schema_name)) names.push_back(Qualified(t->schema_name, t->name));
  }
  for (ViewEntry* v : catalog.Views()) {
    if (!IsSystemSchema(v->schema_name)) names.push_back(Qualified(v->schema_name, v->name));
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) out << n << "\n";
}

bool ShowSchemaFromCatalog(Database& db, const std::string& table, std::ostream& out) {
  Catalog& catalog = db.instance().catalog();
  bool found = false;
  std::vector<TableEntry*> tables = catalog.Tables();
  std::sort(tables.begin(), tables.end(), [](TableEntry* a, TableEntry* b) {
    return std::tie(a->schema_name, a->name) < std::tie(b->schema_name, b->name);
  });
  for (TableEntry* t : tables) {
    if (IsSystemSchema(t->schema_name) || (!table.empty() && t->name != table)) continue;
    PrintTable(catalog, *t, out);
    found = true;
  }
  for (ViewEntry* v : catalog.Views()) {
    if (IsSystemSchema(v->schema_name) || (!table.empty() && v->name != table)) continue;
    out << "CREATE VIEW " << Qualified(v->schema_name, v->name) << " AS " << v->sql << ";\n";
    found = true;
  }
  return found || table.empty();
}

}  // namespace kadedb
