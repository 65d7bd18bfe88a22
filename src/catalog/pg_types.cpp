// PostgreSQL type oids, names and format_type (see pg_types.hpp).
#include "catalog/pg_types.hpp"

namespace kadedb {

const std::vector<PgTypeInfo>& PgBuiltinTypes() {
  static const std::vector<PgTypeInfo> kTypes = {
      {16, "bool", 1, 'B', 0, 1000, "boolean"},
      {17, "bytea", -1, 'U', 0, 1001, "bytea"},
      {18, "char", 1, 'Z', 0, 1002, "\"char\""},
      {19, "name", 64, 'S', 0, 1003, "name"},
      {20, "int8", 8, 'N', 0, 1016, "bigint"},
      {21, "int2", 2, 'N', 0, 1005, "smallint"},
      {22, "int2vector", -1, 'A', 21, 1006, "int2vector"},
      {23, "int4", 4, 'N', 0, 1007, "integer"},
      {24, "regproc", 4, 'N', 0, 1008, "regproc"},
      {25, "text", -1, 'S', 0, 1009, "text"},
      {26, "oid", 4, 'N', 0, 1028, "oid"},
      {30, "oidvector", -1, 'A', 26, 1013, "oidvector"},
      {700, "float4", 4, 'N', 0, 1021, "real"},
      {701, "float8", 8, 'N', 0, 1022, "double precision"},
      {1043, "varchar", -1, 'S', 0, 1015, "character varying"},
      {1082, "date", 4, 'D', 0, 1182, "date"},
      {1083, "time", 8, 'D', 0, 1183, "time without time zone"},
      {1114, "timestamp", 8, 'D', 0, 1115, "timestamp without time zone"},
      {1184, "timestamptz", 8, 'D', 0, 1185, "timestamp with time zone"},
      {1186, "interval", 16, 'T', 0, 1187, "interval"},
      {1700, "numeric", -1, 'N', 0, 1231, "numeric"},
      {2205, "regclass", 4, 'N', 0, 2210, "regclass"},
      {2206, "regtype", 4, 'N', 0, 2211, "regtype"},
      {2950, "uuid", 16, 'U', 0, 2951, "uuid"},
      {1000, "_bool", -1, 'A', 16, 0, "boolean[]"},
      {1001, "_bytea", -1, 'A', 17, 0, "bytea[]"},
      {1002, "_char", -1, 'A', 18, 0, "\"char\"[]"},
      {1003, "_name", -1, 'A', 19, 0, "name[]"},
      {1005, "_int2", -1, 'A', 21, 0, "smallint[]"},
      {1007, "_int4", -1, 'A', 23, 0, "integer[]"},
      {1009, "_text", -1, 'A', 25, 0, "text[]"},
      {1015, "_varchar", -1, 'A', 1043, 0, "character varying[]"},
      {1016, "_int8", -1, 'A', 20, 0, "bigint[]"},
      {1021, "_float4", -1, 'A', 700, 0, "real[]"},
      {1022, "_float8", -1, 'A', 701, 0, "double precision[]"},
      {1028, "_oid", -1, 'A', 26, 0, "oid[]"},
      {1115, "_timestamp", -1, 'A', 1114, 0, "timestamp without time zone[]"},
      {1182, "_date", -1, 'A', 1082, 0, "date[]"},
      {1183, "_time", -1, 'A', 1083, 0, "time without time zone[]"},
      {1185, "_timestamptz", -1, 'A', 1184, 0, "timestamp with time zone[]"},
      {1187, "_interval", -1, 'A', 1186, 0, "interval[]"},
      {1231, "_numeric", -1, 'A', 1700, 0, "numeric[]"},
      {2951, "_uuid", -1, 'A', 2950, 0, "uuid[]"},
  };
  return kTypes;
}

const PgTypeInfo* FindPgType(uint32_t oid) {
  for (const PgTypeInfo& t : PgBuiltinTypes()) {
    if (t.oid == oid) return &t;
  }
  return nullptr;
}

namespace {

uint32_t ScalarOid(TypeId id) {
  switch (id) {
    case TypeId::kBoolean:
      return 16;
    case TypeId::kSmallInt:
      return 21;
    case TypeId::kInteger:
      return 23;
    case TypeId::kBigInt:
      return 20;
    case TypeId::kReal:
      return 700;
    case TypeId::kDouble:
      return 701;
    case TypeId::kDecimal:
      return 1700;
    case TypeId::kVarchar:
      return 1043;
    case TypeId::kText:
      return 25;
    case TypeId::kBytea:
      return 17;
    case TypeId::kDate:
      return 1082;
    case TypeId::kTime:
      return 1083;
    case TypeId::kTimestamp:
      return 1114;
    case TypeId::kTimestampTz:
      return 1184;
    case TypeId::kInterval:
      return 1186;
    case TypeId::kUuid:
      return 2950;
    default:
      return 0;
  }
}

}  // namespace

uint32_t PgCatalogTypeOid(const LogicalType& type) {
  if (type.id == TypeId::kArray) {
    const PgTypeInfo* element = FindPgType(ScalarOid(type.element));
    return element ? element->array : 0;
  }
  return ScalarOid(type.id);
}

int32_t PgCatalogTypmod(const LogicalType& type) {
  if (type.id == TypeId::kVarchar ||
      (type.id == TypeId::kArray && type.element == TypeId::kVarchar)) {
    return type.length > 0 ? static_cast<int32_t>(type.length) + 4 : -1;
  }
  if (type.id == TypeId::kDecimal ||
      (type.id == TypeId::kArray && type.element == TypeId::kDecimal)) {
    return type.precision > 0 ? ((type.precision << 16) | type.scale) + 4 : -1;
  }
  return -1;
}

std::string PgFormatType(uint32_t oid, int32_t typmod) {
  const PgTypeInfo* t = FindPgType(oid);
  if (!t) return "???";
  std::string out = t->display;
  uint32_t base =
      t->category == 'A' && t->element != 0 && oid != 22 && oid != 30 ? t->element : oid;
  std::string mod;
  if (typmod >= 4 && base == 1043) mod = "(" + std::to_string(typmod - 4) + ")";
  if (typmod >= 4 && base == 1700) {
    int32_t v = typmod - 4;
    mod = "(" + std::to_string(v >> 16) + "," + std::to_string(v & 0xffff) + ")";
  }
  if (mod.empty()) return out;
  if (base != oid) {
    const PgTypeInfo* e = FindPgType(base);
    return std::string(e->display) + mod + "[]";
  }
  return out + mod;
}

}  // namespace kadedb
