// Key codec: order-preserving ("memcomparable") encodings of SQL values and the key prefixes of
// the rows and index column families. Byte layouts: docs/formats/keys.md.
//
// For two values a, b of the same column type, memcmp(Encode(a), Encode(b)) has the sign of
// PostgreSQL's comparison of a and b (ASC, NULLS LAST), and no encoding is a proper prefix of
// another, so concatenated components compare like tuples. Encodings are one-way: index entries
// carry the row id in their value, so nothing ever decodes a key back into values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kadedb/data_chunk.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

// Component marker bytes. NULL sorts after every value (PostgreSQL's ASC default).
inline constexpr uint8_t kKeyNotNull = 0x01;
inline constexpr uint8_t kKeyNull = 0x02;

inline void PutFixed64BE(std::string* out, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; i--) {
    buf[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out->append(buf, 8);
}

inline uint64_t GetFixed64BE(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

// 8-byte big-endian oid: the prefix of every key of a table (rows CF) or index (index CF).
std::string KeyPrefix(uint64_t oid);
// Rows CF key: table oid (8 BE) + row id (8 BE).
std::string RowKey(uint64_t table_oid, uint64_t row_id);
// The smallest key greater than every key starting with prefix (empty when there is none, i.e.
// prefix is all 0xFF): the exclusive upper bound of a prefix scan.
std::string PrefixSuccessor(std::string prefix);

// Appends the marker byte and the order-preserving body of one value. type selects the encoding
// (a REQUIRES: the value's physical class matches type; a NULL of any type is fine).
void EncodeKeyValue(std::string* out, const Value& value, const LogicalType& type);
// Same, for row `row` of a vector (no Value is materialised).
void EncodeKeyVector(std::string* out, const Vector& vector, size_t row);

// Bodies without the marker byte (exposed for tests and for encoders of fixed layouts).
void EncodeKeyInt64(std::string* out, int64_t v);
void EncodeKeyDouble(std::string* out, double v);
void EncodeKeyDecimal(std::string* out, const Decimal& d);
void EncodeKeyString(std::string* out, std::string_view s);
void EncodeKeyInterval(std::string* out, const Interval& iv);

}  // namespace kadedb
