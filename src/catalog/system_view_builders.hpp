// The builders behind the system views (private to src/catalog): each fills a SystemRelation's
// columns and rows from the catalog. Registered by name in system_views.cpp.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>

#include "catalog/system_views.hpp"

namespace kadedb {

using SystemViewBuilder = std::function<void(Catalog&, const SystemViewContext&, SystemRelation&)>;
using SystemViewMap = std::map<std::string, SystemViewBuilder>;

// pg_class, pg_attribute, pg_index, pg_attrdef, pg_constraint, pg_inherits (pg_relation_views.cpp).
void AddPgRelationViews(SystemViewMap& views);
// pg_roles, pg_user, pg_authid, pg_auth_members, pg_database, pg_namespace, pg_tablespace,
// pg_stat_activity (pg_role_views.cpp).
void AddPgRoleViews(SystemViewMap& views);
// pg_type, pg_am, pg_settings, pg_description, pg_proc, pg_collation and the empty catalogs psql
// consults (pg_policy, pg_statistic_ext, pg_publication, ...) (pg_misc_views.cpp).
void AddPgMiscViews(SystemViewMap& views);
// pg_sequence, pg_sequences, pg_depend (pg_sequence_views.cpp; registered after the misc
// views, whose empty pg_sequence it replaces), and information_schema.sequences.
void AddPgSequenceViews(SystemViewMap& views);
void InformationSchemaSequences(Catalog& catalog, const SystemViewContext&, SystemRelation& r);

// Declares the columns of r: (name, type) pairs.
inline void SetColumns(SystemRelation& r,
                       std::initializer_list<std::pair<const char*, LogicalType>> columns) {
  for (auto& [name, type] : columns) {
    r.names.push_back(name);
    r.types.push_back(type);
  }
}

// Column types as PostgreSQL names them: oid -> bigint, name and "char" -> text.
inline const LogicalType kOidType = TypeId::kBigInt;
inline const LogicalType kNameType = TypeId::kText;
inline const LogicalType kCharType = TypeId::kText;
// aclitem[], text[] options and the like: text arrays; int2 arrays for column number lists.
inline const LogicalType kTextArray = LogicalType::Array(TypeId::kText);
inline const LogicalType kInt2Array = LogicalType::Array(TypeId::kSmallInt);
inline const LogicalType kOidArray = LogicalType::Array(TypeId::kBigInt);

inline Value OidValue(uint64_t v) {
  return Value::BigInt(static_cast<int64_t>(v));
}
inline Value TextValue(const std::string& s) {
  return Value::Text(s);
}
inline Value BoolValue(bool b) {
  return Value::Boolean(b);
}
inline Value Int2Value(int v) {
  return Value::SmallInt(static_cast<int16_t>(v));
}
inline Value Int4Value(int64_t v) {
  return Value::Integer(static_cast<int32_t>(v));
}
inline Value NullOf(const LogicalType& t) {
  return Value::Null(t);
}

}  // namespace kadedb
