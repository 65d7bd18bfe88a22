// System views over the catalog (see system_views.hpp).
#include "catalog/system_views.hpp"

#include "catalog/role_catalog.hpp"
#include "catalog/system_view_builders.hpp"

#include <functional>
#include <map>

namespace kadedb {

namespace {

const char* kDatabaseName = "kadedb";
const char* kOwner = "kadedb";

// The name of an object's owner (RoleCatalog; objects without an entry belong to "kadedb").
std::string OwnerName(Catalog& catalog, uint64_t oid) {
  auto role = catalog.roles().FindRoleByOid(catalog.roles().Acl(oid).owner);
  return role ? role->name : kOwner;
}

Value Text(const std::string& s) {
  return Value::Text(s);
}
Value Int(int64_t v) {
  return Value::Integer(static_cast<int32_t>(v));
}
Value NullText() {
  return Value::Null(TypeId::kText);
}
Value NullInt() {
  return Value::Null(TypeId::kInteger);
}

std::string SchemaOf(Catalog& catalog, uint64_t schema_oid) {
  for (SchemaEntry* s : catalog.Schemas()) {
    if (s->oid == schema_oid) return s->name;
  }
  return "public";
}

// information_schema.columns.data_type spelling (no type modifiers).
std::string DataTypeName(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kVarchar:
      return "character varying";
    case TypeId::kDecimal:
      return "numeric";
    case TypeId::kArray:
      return "ARRAY";  // PostgreSQL's data_type for every array column
    default: {
      std::string s = t.ToString();
      auto paren = s.find('(');
      return paren == std::string::npos ? s : s.substr(0, paren);
    }
  }
}

std::string ColumnList(const TableEntry& table, const std::vector<column_t>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); i++) {
    if (i) out += ", ";
    out += table.columns[columns[i]].name;
  }
  return out;
}

using Builder = std::function<void(Catalog&, SystemRelation&)>;

void Schemata(Catalog& catalog, SystemRelation& r) {
  r.names = {"catalog_name", "schema_name", "schema_owner"};
  r.types = {TypeId::kText, TypeId::kText, TypeId::kText};
  for (SchemaEntry* s : catalog.Schemas()) {
    r.rows.push_back({Text(kDatabaseName), Text(s->name), Text(kOwner)});
  }
  for (const char* s : {"pg_catalog", "information_schema"}) {
    bool present = false;
    for (auto& row : r.rows) present = present || row[1].GetString() == s;
    if (!present) r.rows.push_back({Text(kDatabaseName), Text(s), Text(kOwner)});
  }
}

void Tables(Catalog& catalog, SystemRelation& r) {
  r.names = {"table_catalog", "table_schema", "table_name", "table_type"};
  r.types = {TypeId::kText, TypeId::kText, TypeId::kText, TypeId::kText};
  for (TableEntry* t : catalog.Tables()) {
    r.rows.push_back(
        {Text(kDatabaseName), Text(t->schema_name), Text(t->name), Text("BASE TABLE")});
  }
  for (ViewEntry* v : catalog.Views()) {
    r.rows.push_back({Text(kDatabaseName), Text(v->schema_name), Text(v->name), Text("VIEW")});
  }
}

void Columns(Catalog& catalog, SystemRelation& r) {
  r.names = {"table_catalog",     "table_schema",     "table_name",
             "column_name",       "ordinal_position", "column_default",
             "is_nullable",       "data_type",        "character_maximum_length",
             "numeric_precision", "numeric_scale"};
  r.types = {TypeId::kText,    TypeId::kText,    TypeId::kText,   TypeId::kText,
             TypeId::kInteger, TypeId::kText,    TypeId::kText,   TypeId::kText,
             TypeId::kInteger, TypeId::kInteger, TypeId::kInteger};
  for (TableEntry* t : catalog.Tables()) {
    for (size_t i = 0; i < t->columns.size(); i++) {
      const CatalogColumn& c = t->columns[i];
      r.rows.push_back(
          {Text(kDatabaseName), Text(t->schema_name), Text(t->name), Text(c.name),
           Int(t->AttNum(i)), c.default_sql.empty() ? NullText() : Text(c.default_sql),
           Text(c.not_null ? "NO" : "YES"), Text(DataTypeName(c.type)),
           c.type.id == TypeId::kVarchar && c.type.length > 0 ? Int(c.type.length) : NullInt(),
           c.type.id == TypeId::kDecimal && c.type.precision > 0 ? Int(c.type.precision)
                                                                 : NullInt(),
           c.type.id == TypeId::kDecimal && c.type.precision > 0 ? Int(c.type.scale) : NullInt()});
    }
  }
  for (ViewEntry* v : catalog.Views()) {
    for (size_t i = 0; i < v->column_names.size(); i++) {
      LogicalType type = i < v->column_types.size() ? v->column_types[i] : LogicalType();
      r.rows.push_back({Text(kDatabaseName), Text(v->schema_name), Text(v->name),
                        Text(v->column_names[i]), Int(static_cast<int64_t>(i + 1)), NullText(),
                        Text("YES"), Text(DataTypeName(type)), NullInt(), NullInt(), NullInt()});
    }
  }
}

void Views(Catalog& catalog, SystemRelation& r) {
  r.names = {"table_catalog", "table_schema", "table_name", "view_definition"};
  r.types = {TypeId::kText, TypeId::kText, TypeId::kText, TypeId::kText};
  for (ViewEntry* v : catalog.Views()) {
    r.rows.push_back({Text(kDatabaseName), Text(v->schema_name), Text(v->name), Text(v->sql)});
  }
}

void TableConstraints(Catalog& catalog, SystemRelation& r) {
  r.names = {"constraint_catalog", "constraint_schema", "constraint_name", "table_catalog",
             "table_schema",       "table_name",        "constraint_type"};
  r.types = std::vector<LogicalType>(r.names.size(), TypeId::kText);
  for (TableEntry* t : catalog.Tables()) {
    for (auto& u : t->uniques) {
      r.rows.push_back({Text(kDatabaseName), Text(t->schema_name), Text(u.name),
                        Text(kDatabaseName), Text(t->schema_name), Text(t->name),
                        Text(u.primary ? "PRIMARY KEY" : "UNIQUE")});
    }
    for (auto& c : t->checks) {
      r.rows.push_back({Text(kDatabaseName), Text(t->schema_name), Text(c.name),
                        Text(kDatabaseName), Text(t->schema_name), Text(t->name), Text("CHECK")});
    }
  }
}

void KeyColumnUsage(Catalog& catalog, SystemRelation& r) {
  r.names = {"constraint_catalog", "constraint_schema", "constraint_name", "table_catalog",
             "table_schema",       "table_name",        "column_name",     "ordinal_position"};
  r.types = std::vector<LogicalType>(r.names.size() - 1, TypeId::kText);
  r.types.push_back(TypeId::kInteger);
  for (TableEntry* t : catalog.Tables()) {
    for (auto& u : t->uniques) {
      for (size_t i = 0; i < u.columns.size(); i++) {
        r.rows.push_back({Text(kDatabaseName), Text(t->schema_name), Text(u.name),
                          Text(kDatabaseName), Text(t->schema_name), Text(t->name),
                          Text(t->columns[u.columns[i]].name), Int(static_cast<int64_t>(i + 1))});
      }
    }
  }
}

void PgNamespace(Catalog& catalog, SystemRelation& r) {
  r.names = {"oid", "nspname", "nspowner", "nspacl"};
  r.types = {TypeId::kBigInt, TypeId::kText, TypeId::kBigInt, LogicalType::Array(TypeId::kText)};
  for (SchemaEntry* s : catalog.Schemas()) {
    r.rows.push_back({Value::BigInt(static_cast<int64_t>(s->oid)), Text(s->name),
                      Value::BigInt(static_cast<int64_t>(catalog.roles().Acl(s->oid).owner)),
                      Value::Null(LogicalType::Array(TypeId::kText))});
  }
}

void PgTables(Catalog& catalog, SystemRelation& r) {
  r.names = {"schemaname", "tablename", "tableowner", "hasindexes"};
  r.types = {TypeId::kText, TypeId::kText, TypeId::kText, TypeId::kBoolean};
  for (TableEntry* t : catalog.Tables()) {
    r.rows.push_back({Text(t->schema_name), Text(t->name), Text(OwnerName(catalog, t->oid)),
                      Value::Boolean(!catalog.Indexes(t->oid).empty())});
  }
}

void PgViews(Catalog& catalog, SystemRelation& r) {
  r.names = {"schemaname", "viewname", "viewowner", "definition"};
  r.types = {TypeId::kText, TypeId::kText, TypeId::kText, TypeId::kText};
  for (ViewEntry* v : catalog.Views()) {
    r.rows.push_back(
        {Text(v->schema_name), Text(v->name), Text(OwnerName(catalog, v->oid)), Text(v->sql)});
  }
}

void PgIndexes(Catalog& catalog, SystemRelation& r) {
  r.names = {"schemaname", "tablename", "indexname", "indexdef"};
  r.types = {TypeId::kText, TypeId::kText, TypeId::kText, TypeId::kText};
  for (TableEntry* t : catalog.Tables()) {
    for (IndexEntry* index : catalog.Indexes(t->oid)) {
      std::string schema = SchemaOf(catalog, index->schema_oid);
      std::string def = std::string("CREATE ") + (index->info.unique ? "UNIQUE " : "") + "INDEX " +
                        index->name + " ON " + t->schema_name + "." + t->name + " (" +
                        ColumnList(*t, index->info.columns) + ")";
      r.rows.push_back({Text(schema), Text(t->name), Text(index->name), Text(def)});
    }
  }
}

const SystemViewMap& InformationSchema() {
  static const SystemViewMap kViews = [] {
    SystemViewMap m;
    for (auto& [name, fn] : std::map<std::string, Builder>{
             {"schemata", Schemata},
             {"tables", Tables},
             {"columns", Columns},
             {"views", Views},
             {"table_constraints", TableConstraints},
             {"key_column_usage", KeyColumnUsage},
         }) {
      m[name] = [fn = fn](Catalog& c, const SystemViewContext&, SystemRelation& r) { fn(c, r); };
    }
    m["sequences"] = InformationSchemaSequences;
    return m;
  }();
  return kViews;
}

const SystemViewMap& PgCatalog() {
  static const SystemViewMap kViews = [] {
    SystemViewMap m;
    for (auto& [name, fn] : std::map<std::string, Builder>{
             {"pg_namespace", PgNamespace},
             {"pg_tables", PgTables},
             {"pg_views", PgViews},
             {"pg_indexes", PgIndexes},
         }) {
      m[name] = [fn = fn](Catalog& c, const SystemViewContext&, SystemRelation& r) { fn(c, r); };
    }
    AddPgRelationViews(m);
    AddPgRoleViews(m);
    AddPgMiscViews(m);
    AddPgSequenceViews(m);
    return m;
  }();
  return kViews;
}

const SystemViewBuilder* Find(const std::string& schema, const std::string& name) {
  if (schema == "information_schema") {
    auto it = InformationSchema().find(name);
    return it == InformationSchema().end() ? nullptr : &it->second;
  }
  if (schema == "pg_catalog" || schema.empty()) {
    auto it = PgCatalog().find(name);
    return it == PgCatalog().end() ? nullptr : &it->second;
  }
  return nullptr;
}

}  // namespace

bool IsSystemRelation(const std::string& schema, const std::string& name) {
  return Find(schema, name) != nullptr;
}

std::optional<SystemRelation> BuildSystemRelation(Catalog& catalog, const std::string& schema,
                                                  const std::string& name) {
  return BuildSystemRelation(catalog, SystemViewContext{}, schema, name);
}

std::optional<SystemRelation> BuildSystemRelation(Catalog& catalog,
                                                  const SystemViewContext& context,
                                                  const std::string& schema,
                                                  const std::string& name) {
  const SystemViewBuilder* builder = Find(schema, name);
  if (!builder) return std::nullopt;
  SystemRelation r;
  (*builder)(catalog, context, r);
  return r;
}

std::vector<std::string> PgCatalogRelationNames() {
  std::vector<std::string> out;
  for (auto& [name, fn] : PgCatalog()) out.push_back(name);
  return out;
}

}  // namespace kadedb
