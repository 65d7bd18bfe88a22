// PostgreSQL type OIDs for KadeDB's types, and the text and binary wire formats of values
// (PostgreSQL's typsend/typreceive layouts: big-endian integers, IEEE floats, base-10000 numeric,
// days/microseconds since 2000-01-01 for dates and timestamps, array_send's layout for arrays).
// Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kadedb/types.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

namespace wire_oid {
inline constexpr int32_t kBool = 16;
inline constexpr int32_t kBytea = 17;
inline constexpr int32_t kInt8 = 20;
inline constexpr int32_t kInt2 = 21;
inline constexpr int32_t kInt4 = 23;
inline constexpr int32_t kText = 25;
inline constexpr int32_t kOid = 26;
inline constexpr int32_t kFloat4 = 700;
inline constexpr int32_t kFloat8 = 701;
inline constexpr int32_t kUnknown = 705;
inline constexpr int32_t kBpchar = 1042;
inline constexpr int32_t kVarchar = 1043;
inline constexpr int32_t kDate = 1082;
inline constexpr int32_t kTime = 1083;
inline constexpr int32_t kTimestamp = 1114;
inline constexpr int32_t kTimestampTz = 1184;
inline constexpr int32_t kInterval = 1186;
inline constexpr int32_t kNumeric = 1700;
inline constexpr int32_t kUuid = 2950;
}  // namespace wire_oid

// The OID RowDescription and ParameterDescription report for a type (text for types PostgreSQL
// has no exact match for).
int32_t WireTypeOid(const LogicalType& type);
// typmod: numeric(p,s) -> (p << 16 | s) + 4, varchar(n) -> n + 4, else -1.
int32_t WireTypeMod(const LogicalType& type);
// typlen: 1/2/4/8/16 for fixed-size types, -1 for variable.
int16_t WireTypeLen(const LogicalType& type);
// The KadeDB type a parameter declared with oid gets; kNull for 0 and OIDs we do not map.
LogicalType LogicalTypeFromWireOid(int32_t oid);

// Text output of a non-null value (PostgreSQL's typoutput).
std::string WireTextValue(const Value& value);
// Binary output of a non-null value (typsend).
std::string WireBinaryValue(const Value& value);
// Decodes a parameter sent in binary for type (a concrete type, not kNull). Throws 22P03
// "incorrect binary data format" on a malformed or unsupported value.
Value WireDecodeBinary(std::string_view data, const LogicalType& type);
// One-dimensional arrays in PostgreSQL's array_send / array_recv layout (used by the two above).
std::string ArrayToBinary(const Value& value);
Value ArrayFromBinary(std::string_view data, const LogicalType& type);

}  // namespace kadedb
