// The sequence catalogs: pg_sequence (replacing the empty placeholder of pg_misc_views.cpp),
// pg_sequences, pg_depend (the owned-by links psql's \d reads: deptype 'a' for OWNED BY / SERIAL,
// 'i' for identity) and information_schema.sequences, with PostgreSQL 15's columns.
#include "catalog/role_catalog.hpp"
#include "catalog/sequence_counter.hpp"
#include "catalog/system_view_builders.hpp"

namespace kadedb {

namespace {

uint32_t TypeOid(TypeId t) {
  return t == TypeId::kSmallInt ? 21 : t == TypeId::kInteger ? 23 : 20;
}

const char* TypeName(TypeId t) {
  return t == TypeId::kSmallInt ? "smallint" : t == TypeId::kInteger ? "integer" : "bigint";
}

// The oid regclass gives pg_catalog.pg_class (system relations are numbered by name order).
uint64_t PgClassOid() {
  auto names = PgCatalogRelationNames();
  for (size_t i = 0; i < names.size(); i++) {
    if (names[i] == "pg_class") return 12000 + i;
  }
  return 0;
}

void PgSequence(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"seqrelid", kOidType},
                 {"seqtypid", kOidType},
                 {"seqstart", TypeId::kBigInt},
                 {"seqincrement", TypeId::kBigInt},
                 {"seqmax", TypeId::kBigInt},
                 {"seqmin", TypeId::kBigInt},
                 {"seqcache", TypeId::kBigInt},
                 {"seqcycle", TypeId::kBoolean}});
  for (SequenceEntry* q : catalog.Sequences()) {
    r.rows.push_back({OidValue(q->oid), OidValue(TypeOid(q->type)), Value::BigInt(q->start),
                      Value::BigInt(q->increment), Value::BigInt(q->max_value),
                      Value::BigInt(q->min_value), Value::BigInt(q->cache), BoolValue(q->cycle)});
  }
}

void PgSequences(Catalog& catalog, const SystemViewContext& context, SystemRelation& r) {
  SetColumns(r, {{"schemaname", kNameType},
                 {"sequencename", kNameType},
                 {"sequenceowner", kNameType},
                 {"data_type", TypeId::kText},
                 {"start_value", TypeId::kBigInt},
                 {"min_value", TypeId::kBigInt},
                 {"max_value", TypeId::kBigInt},
                 {"increment_by", TypeId::kBigInt},
                 {"cycle", TypeId::kBoolean},
                 {"cache_size", TypeId::kBigInt},
                 {"last_value", TypeId::kBigInt}});
  RoleCatalog& roles = catalog.roles();
  for (SequenceEntry* q : catalog.Sequences()) {
    auto owner = roles.FindRoleByOid(roles.Acl(q->oid).owner);
    SequenceCounter::State st = q->counter->Snapshot();
    // NULL when never called, or when the user may not read it (PostgreSQL's rule).
    bool readable = roles.HasPrivilege(context.user_oid, q->oid, kPrivSelect) ||
                    roles.HasPrivilege(context.user_oid, q->oid, kPrivUsage);
    r.rows.push_back(
        {TextValue(q->schema_name), TextValue(q->name),
         owner ? TextValue(owner->name) : NullOf(kNameType), TextValue(TypeName(q->type)),
         Value::BigInt(q->start), Value::BigInt(q->min_value), Value::BigInt(q->max_value),
         Value::BigInt(q->increment), BoolValue(q->cycle), Value::BigInt(q->cache),
         st.is_called && readable ? Value::BigInt(st.last_value) : NullOf(TypeId::kBigInt)});
  }
}

void PgDepend(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"classid", kOidType},
                 {"objid", kOidType},
                 {"objsubid", TypeId::kInteger},
                 {"refclassid", kOidType},
                 {"refobjid", kOidType},
                 {"refobjsubid", TypeId::kInteger},
                 {"deptype", kCharType}});
  uint64_t pg_class = PgClassOid();
  for (SequenceEntry* q : catalog.Sequences()) {
    if (q->owned_table_oid == 0) continue;
    r.rows.push_back({OidValue(pg_class), OidValue(q->oid), Int4Value(0), OidValue(pg_class),
                      OidValue(q->owned_table_oid), Int4Value(q->owned_attnum),
                      TextValue(q->identity ? "i" : "a")});
  }
}

}  // namespace

void InformationSchemaSequences(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"sequence_catalog", TypeId::kText},
                 {"sequence_schema", TypeId::kText},
                 {"sequence_name", TypeId::kText},
                 {"data_type", TypeId::kText},
                 {"numeric_precision", TypeId::kInteger},
                 {"numeric_precision_radix", TypeId::kInteger},
                 {"numeric_scale", TypeId::kInteger},
                 {"start_value", TypeId::kText},
                 {"minimum_value", TypeId::kText},
                 {"maximum_value", TypeId::kText},
                 {"increment", TypeId::kText},
                 {"cycle_option", TypeId::kText}});
  for (SequenceEntry* q : catalog.Sequences()) {
    int bits = q->type == TypeId::kSmallInt ? 16 : q->type == TypeId::kInteger ? 32 : 64;
    r.rows.push_back({TextValue("kadedb"), TextValue(q->schema_name), TextValue(q->name),
                      TextValue(TypeName(q->type)), Int4Value(bits), Int4Value(2), Int4Value(0),
                      TextValue(std::to_string(q->start)), TextValue(std::to_string(q->min_value)),
                      TextValue(std::to_string(q->max_value)),
                      TextValue(std::to_string(q->increment)), TextValue(q->cycle ? "YES" : "NO")});
  }
}

void AddPgSequenceViews(SystemViewMap& views) {
  views["pg_sequence"] = PgSequence;
  views["pg_sequences"] = PgSequences;
  views["pg_depend"] = PgDepend;
}

}  // namespace kadedb
