// LogicalType::ToString: type names spelled as PostgreSQL's format_type prints them.
#include "kadedb/types.hpp"

namespace kadedb {

std::string LogicalType::ToString() const {
  switch (id) {
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
      if (precision == 0) return "numeric";
      return "numeric(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
    case TypeId::kVarchar:
      if (length == 0) return "character varying";
      return "character varying(" + std::to_string(length) + ")";
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
    case TypeId::kArray:
      return ElementType().ToString() + "[]";
  }
  return "unknown";
}

}  // namespace kadedb
