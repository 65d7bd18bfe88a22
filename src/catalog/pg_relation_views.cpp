// pg_class, pg_attribute, pg_index, pg_attrdef, pg_constraint and pg_inherits over the catalog,
// with the columns psql's \d family and drivers read (PostgreSQL 15 names and meanings).
//
// Tables are relkind 'r' (access method heap, oid 2), views 'v', indexes 'i' (btree, 403). The
// system views themselves appear as views in pg_catalog / information_schema with fixed oids
// below 16384. Oids of constraints and defaults that have no catalog oid are synthetic (see
// pg_functions.hpp).
#include "catalog/pg_functions.hpp"
#include "catalog/pg_types.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/system_view_builders.hpp"
#include "common/array_format.hpp"

namespace kadedb {

namespace {

constexpr uint64_t kHeapAm = 2;
constexpr uint64_t kBtreeAm = 403;
constexpr uint64_t kFirstSystemViewOid = 12000;
constexpr uint64_t kDefaultCollation = 100;

uint64_t AttrDefOid(uint64_t table_oid, size_t column) {
  return (uint64_t{2} << 40) | (table_oid << 8) | (column & 0xff);
}

uint64_t Owner(Catalog& catalog, uint64_t oid) {
  return catalog.roles().Acl(oid).owner;
}

bool IsTextual(const LogicalType& t) {
  return t.id == TypeId::kText || t.id == TypeId::kVarchar;
}

void PgClass(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"relname", kNameType},
                 {"relnamespace", kOidType},
                 {"reltype", kOidType},
                 {"reloftype", kOidType},
                 {"relowner", kOidType},
                 {"relam", kOidType},
                 {"relfilenode", kOidType},
                 {"reltablespace", kOidType},
                 {"relpages", TypeId::kInteger},
                 {"reltuples", TypeId::kReal},
                 {"relallvisible", TypeId::kInteger},
                 {"reltoastrelid", kOidType},
                 {"relhasindex", TypeId::kBoolean},
                 {"relisshared", TypeId::kBoolean},
                 {"relpersistence", kCharType},
                 {"relkind", kCharType},
                 {"relnatts", TypeId::kSmallInt},
                 {"relchecks", TypeId::kSmallInt},
                 {"relhasrules", TypeId::kBoolean},
                 {"relhastriggers", TypeId::kBoolean},
                 {"relhassubclass", TypeId::kBoolean},
                 {"relrowsecurity", TypeId::kBoolean},
                 {"relforcerowsecurity", TypeId::kBoolean},
                 {"relispopulated", TypeId::kBoolean},
                 {"relreplident", kCharType},
                 {"relispartition", TypeId::kBoolean},
                 {"relrewrite", kOidType},
                 {"relacl", kTextArray},
                 {"reloptions", kTextArray},
                 {"relpartbound", TypeId::kText}});
  auto row = [&](uint64_t oid, const std::string& name, uint64_t ns, uint64_t owner, uint64_t am,
                 const char* kind, size_t natts, size_t checks, bool has_index) {
    r.rows.push_back({OidValue(oid),
                      TextValue(name),
                      OidValue(ns),
                      OidValue(0),
                      OidValue(0),
                      OidValue(owner),
                      OidValue(am),
                      OidValue(oid),
                      OidValue(0),
                      Int4Value(0),
                      Value::Real(-1),
                      Int4Value(0),
                      OidValue(0),
                      BoolValue(has_index),
                      BoolValue(false),
                      TextValue("p"),
                      TextValue(kind),
                      Int2Value(static_cast<int>(natts)),
                      Int2Value(static_cast<int>(checks)),
                      BoolValue(false),
                      BoolValue(false),
                      BoolValue(false),
                      BoolValue(false),
                      BoolValue(false),
                      BoolValue(true),
                      TextValue(kind[0] == 'r' ? "d" : "n"),
                      BoolValue(false),
                      OidValue(0),
                      NullOf(kTextArray),
                      NullOf(kTextArray),
                      NullOf(TypeId::kText)});
  };
  for (TableEntry* t : catalog.Tables()) {
    auto indexes = catalog.Indexes(t->oid);
    row(t->oid, t->name, t->schema_oid, Owner(catalog, t->oid), kHeapAm, "r", t->columns.size(),
        t->checks.size(), !indexes.empty());
    for (IndexEntry* x : indexes) {
      row(x->oid, x->name, x->schema_oid, Owner(catalog, t->oid), kBtreeAm, "i",
          x->info.columns.size(), 0, false);
    }
  }
  for (ViewEntry* v : catalog.Views()) {
    row(v->oid, v->name, v->schema_oid, Owner(catalog, v->oid), 0, "v", v->column_names.size(), 0,
        false);
  }
  for (SequenceEntry* q : catalog.Sequences()) {  // last_value, log_cnt, is_called
    row(q->oid, q->name, q->schema_oid, Owner(catalog, q->oid), 0, "S", 3, 0, false);
  }
  uint64_t oid = kFirstSystemViewOid;
  for (const std::string& name : PgCatalogRelationNames()) {
    row(oid++, name, 11, kBootstrapRoleOid, 0, "v", 0, 0, false);
  }
  for (const char* name :
       {"columns", "key_column_usage", "schemata", "table_constraints", "tables", "views"}) {
    row(oid++, name, 13000, kBootstrapRoleOid, 0, "v", 0, 0, false);
  }
}

void PgAttribute(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"attrelid", kOidType},
                 {"attname", kNameType},
                 {"atttypid", kOidType},
                 {"attstattarget", TypeId::kInteger},
                 {"attlen", TypeId::kSmallInt},
                 {"attnum", TypeId::kSmallInt},
                 {"attndims", TypeId::kInteger},
                 {"attcacheoff", TypeId::kInteger},
                 {"atttypmod", TypeId::kInteger},
                 {"attbyval", TypeId::kBoolean},
                 {"attalign", kCharType},
                 {"attstorage", kCharType},
                 {"attcompression", kCharType},
                 {"attnotnull", TypeId::kBoolean},
                 {"atthasdef", TypeId::kBoolean},
                 {"atthasmissing", TypeId::kBoolean},
                 {"attidentity", kCharType},
                 {"attgenerated", kCharType},
                 {"attisdropped", TypeId::kBoolean},
                 {"attislocal", TypeId::kBoolean},
                 {"attinhcount", TypeId::kInteger},
                 {"attcollation", kOidType},
                 {"attacl", kTextArray},
                 {"attoptions", kTextArray},
                 {"attfdwoptions", kTextArray}});
  auto row = [&](uint64_t rel, const std::string& name, const LogicalType& type, size_t num,
                 bool not_null, bool has_default, bool has_missing = false, bool dropped = false,
                 char identity = 0) {
    uint32_t type_oid = dropped ? 0 : PgCatalogTypeOid(type);
    const PgTypeInfo* info = FindPgType(type_oid);
    int16_t len = info ? info->length : -1;
    r.rows.push_back({OidValue(rel),
                      TextValue(name),
                      OidValue(type_oid),
                      Int4Value(-1),
                      Int2Value(len),
                      Int2Value(static_cast<int>(num)),
                      Int4Value(type.id == TypeId::kArray ? 1 : 0),
                      Int4Value(-1),
                      Int4Value(PgCatalogTypmod(type)),
                      BoolValue(len > 0 && len <= 8),
                      TextValue(len == 8   ? "d"
                                : len == 2 ? "s"
                                : len == 1 ? "c"
                                           : "i"),
                      TextValue(len > 0 ? "p" : "x"),
                      TextValue(""),
                      BoolValue(not_null),
                      BoolValue(has_default),
                      BoolValue(has_missing),
                      TextValue(identity ? std::string(1, identity) : std::string()),
                      TextValue(""),
                      BoolValue(dropped),
                      BoolValue(true),
                      Int4Value(0),
                      OidValue(IsTextual(type) ? kDefaultCollation : 0),
                      NullOf(kTextArray),
                      NullOf(kTextArray),
                      NullOf(kTextArray)});
  };
  for (TableEntry* t : catalog.Tables()) {
    for (size_t i = 0; i < t->columns.size(); i++) {
      const CatalogColumn& c = t->columns[i];
      column_t p = i < t->layout.live.size() ? t->layout.live[i] : i;
      bool has_missing = p < t->layout.columns.size() && !t->layout.columns[p].missing.IsNull();
      row(t->oid, c.name, c.type, t->AttNum(i), c.not_null, !c.default_sql.empty(), has_missing,
          false, c.identity);
    }
    // Dropped columns keep their attnum, as in PostgreSQL.
    for (size_t p = 0; p < t->layout.columns.size(); p++) {
      if (!t->layout.columns[p].dropped) continue;
      row(t->oid, "........pg.dropped." + std::to_string(p + 1) + "........",
          t->layout.columns[p].type, p + 1, false, false, false, true);
    }
    for (IndexEntry* x : catalog.Indexes(t->oid)) {
      for (size_t i = 0; i < x->info.columns.size(); i++) {
        const CatalogColumn& c = t->columns[x->info.columns[i]];
        row(x->oid, c.name, c.type, i + 1, false, false);
      }
    }
  }
  for (ViewEntry* v : catalog.Views()) {
    for (size_t i = 0; i < v->column_names.size(); i++) {
      LogicalType type = i < v->column_types.size() ? v->column_types[i] : LogicalType();
      row(v->oid, v->column_names[i], type, i + 1, false, false);
    }
  }
}

// int2vector's text form: "1 3".
std::string KeyList(const TableEntry& table, const std::vector<column_t>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); i++) {
    if (i) out += " ";
    out += std::to_string(table.AttNum(columns[i]));
  }
  return out;
}

void PgIndex(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"indexrelid", kOidType},
                 {"indrelid", kOidType},
                 {"indnatts", TypeId::kSmallInt},
                 {"indnkeyatts", TypeId::kSmallInt},
                 {"indisunique", TypeId::kBoolean},
                 {"indnullsnotdistinct", TypeId::kBoolean},
                 {"indisprimary", TypeId::kBoolean},
                 {"indisexclusion", TypeId::kBoolean},
                 {"indimmediate", TypeId::kBoolean},
                 {"indisclustered", TypeId::kBoolean},
                 {"indisvalid", TypeId::kBoolean},
                 {"indcheckxmin", TypeId::kBoolean},
                 {"indisready", TypeId::kBoolean},
                 {"indislive", TypeId::kBoolean},
                 {"indisreplident", TypeId::kBoolean},
                 {"indkey", TypeId::kText},
                 {"indcollation", TypeId::kText},
                 {"indclass", TypeId::kText},
                 {"indoption", TypeId::kText},
                 {"indexprs", TypeId::kText},
                 {"indpred", TypeId::kText}});
  for (TableEntry* t : catalog.Tables()) {
    for (IndexEntry* x : catalog.Indexes(t->oid)) {
      bool primary = false;
      for (auto& u : t->uniques) primary = primary || (u.index_oid == x->oid && u.primary);
      int n = static_cast<int>(x->info.columns.size());
      r.rows.push_back({OidValue(x->oid),
                        OidValue(t->oid),
                        Int2Value(n),
                        Int2Value(n),
                        BoolValue(x->info.unique),
                        BoolValue(false),
                        BoolValue(primary),
                        BoolValue(false),
                        BoolValue(true),
                        BoolValue(false),
                        BoolValue(true),
                        BoolValue(false),
                        BoolValue(true),
                        BoolValue(true),
                        BoolValue(false),
                        TextValue(KeyList(*t, x->info.columns)),
                        TextValue(""),
                        TextValue(""),
                        TextValue(""),
                        NullOf(TypeId::kText),
                        NullOf(TypeId::kText)});
    }
  }
}

void PgAttrdef(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"adrelid", kOidType},
                 {"adnum", TypeId::kSmallInt},
                 {"adbin", TypeId::kText}});
  for (TableEntry* t : catalog.Tables()) {
    for (size_t i = 0; i < t->columns.size(); i++) {
      if (t->columns[i].default_sql.empty()) continue;
      r.rows.push_back({OidValue(AttrDefOid(t->oid, i)), OidValue(t->oid), Int2Value(t->AttNum(i)),
                        TextValue(t->columns[i].default_sql)});
    }
  }
}

void PgConstraint(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"conname", kNameType},
                 {"connamespace", kOidType},
                 {"contype", kCharType},
                 {"condeferrable", TypeId::kBoolean},
                 {"condeferred", TypeId::kBoolean},
                 {"convalidated", TypeId::kBoolean},
                 {"conrelid", kOidType},
                 {"contypid", kOidType},
                 {"conindid", kOidType},
                 {"conparentid", kOidType},
                 {"confrelid", kOidType},
                 {"confupdtype", kCharType},
                 {"confdeltype", kCharType},
                 {"confmatchtype", kCharType},
                 {"conislocal", TypeId::kBoolean},
                 {"coninhcount", TypeId::kInteger},
                 {"connoinherit", TypeId::kBoolean},
                 {"conkey", kInt2Array},
                 {"confkey", kInt2Array},
                 {"conbin", TypeId::kText}});
  auto row = [&](uint64_t oid, const std::string& name, const TableEntry& t, const char* type,
                 uint64_t index, const std::vector<Value>& keys, const Value& bin) {
    r.rows.push_back({OidValue(oid),
                      TextValue(name),
                      OidValue(t.schema_oid),
                      TextValue(type),
                      BoolValue(false),
                      BoolValue(false),
                      BoolValue(true),
                      OidValue(t.oid),
                      OidValue(0),
                      OidValue(index),
                      OidValue(0),
                      OidValue(0),
                      TextValue(" "),
                      TextValue(" "),
                      TextValue(" "),
                      BoolValue(true),
                      Int4Value(0),
                      BoolValue(false),
                      Value::Array(kInt2Array, EncodeArray(TypeId::kSmallInt, keys)),
                      NullOf(kInt2Array),
                      bin});
  };
  for (TableEntry* t : catalog.Tables()) {
    for (auto& u : t->uniques) {
      std::vector<Value> keys;
      for (column_t c : u.columns) keys.push_back(Int2Value(t->AttNum(c)));
      row(u.index_oid, u.name, *t, u.primary ? "p" : "u", u.index_oid, keys, NullOf(TypeId::kText));
    }
    for (size_t i = 0; i < t->checks.size(); i++) {
      row(CheckConstraintOid(t->oid, i), t->checks[i].name, *t, "c", 0, {},
          TextValue(t->checks[i].sql));
    }
  }
}

void PgInherits(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"inhrelid", kOidType},
                 {"inhparent", kOidType},
                 {"inhseqno", TypeId::kInteger},
                 {"inhdetachpending", TypeId::kBoolean}});
}

}  // namespace

void AddPgRelationViews(SystemViewMap& views) {
  views["pg_class"] = PgClass;
  views["pg_attribute"] = PgAttribute;
  views["pg_index"] = PgIndex;
  views["pg_attrdef"] = PgAttrdef;
  views["pg_constraint"] = PgConstraint;
  views["pg_inherits"] = PgInherits;
}

}  // namespace kadedb
