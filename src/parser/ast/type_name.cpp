// SQL spelling of types, as PostgreSQL prints them (format_type).
#include "parser/ast/type_name.hpp"

namespace kadedb {

std::string TypeToSql(const LogicalType& type) {
  switch (type.id) {
    case TypeId::kNull:
      return "unknown";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kSmallInt:
      return "smallint";
    case TypeId::kInteger:
      return "integer";
    case TypeId::kBigInt:
      return "bigint";
    case TypeId::kReal:
      return "real";
    case TypeId::kDouble:
      return "double precision";
    case TypeId::kDecimal:
      if (type.precision == 0) return "numeric";
      return "numeric(" + std::to_string(type.precision) + "," + std::to_string(type.scale) + ")";
    case TypeId::kVarchar:
      if (type.length == 0) return "character varying";
      return "character varying(" + std::to_string(type.length) + ")";
    case TypeId::kText:
      return "text";
    case TypeId::kBytea:
      return "bytea";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time without time zone";
    case TypeId::kTimestamp:
      return "timestamp without time zone";
    case TypeId::kTimestampTz:
      return "timestamp with time zone";
    case TypeId::kInterval:
      return "interval";
    case TypeId::kUuid:
      return "uuid";
  }
  return "unknown";
}

std::string TypeName::ToString() const {
  std::string out = TypeToSql(type);
  if (!interval_fields.empty()) out += " " + interval_fields;
  if (is_array) out += "[]";
  return out;
}

}  // namespace kadedb
