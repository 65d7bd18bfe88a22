// Value: one SQL value of any type, NULL included. Used at the API boundary (parameters, rows)
// and for constants inside the engine; bulk data moves in Vectors instead (data_chunk.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "kadedb/types.hpp"

namespace kadedb {

// Exact decimal: value = mantissa / 10^scale, up to 38 significant digits.
struct Decimal {
  __int128 mantissa = 0;
  int32_t scale = 0;
};

// PostgreSQL interval: months, days and microseconds are kept apart because their lengths vary.
struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  bool operator==(const Interval& o) const {
    return months == o.months && days == o.days && micros == o.micros;
  }
};

// Physical encodings (also used by Vector):
//   BOOLEAN, SMALLINT, INTEGER, BIGINT -> int64 (BOOLEAN as 0/1)
//   DATE        -> int64 days since 1970-01-01
//   TIME        -> int64 microseconds since midnight
//   TIMESTAMP   -> int64 microseconds since 1970-01-01 00:00:00 (no zone)
//   TIMESTAMPTZ -> int64 microseconds since 1970-01-01 00:00:00 UTC
//   REAL, DOUBLE PRECISION -> double
//   NUMERIC     -> Decimal
//   VARCHAR, TEXT, BYTEA -> std::string (raw bytes); UUID -> std::string of 16 raw bytes
//   ARRAY       -> std::string holding the array encoding (docs/formats/array.md)
//   INTERVAL    -> Interval
class Value {
 public:
  Value() = default;  // untyped NULL
  static Value Null(LogicalType type);
  static Value Boolean(bool v);
  static Value SmallInt(int16_t v);
  static Value Integer(int32_t v);
  static Value BigInt(int64_t v);
  static Value Real(float v);
  static Value Double(double v);
  static Value Numeric(Decimal v, LogicalType type = LogicalType(TypeId::kDecimal));
  static Value Text(std::string v);
  static Value Varchar(std::string v, uint32_t length = 0);
  static Value Bytea(std::string v);
  static Value Date(int64_t days);
  static Value Time(int64_t micros);
  static Value Timestamp(int64_t micros);
  static Value TimestampTz(int64_t micros);
  static Value FromInterval(Interval v);
  // REQUIRES: bytes.size() == 16.
  static Value Uuid(std::string bytes);
  // An array value of array type `type` from its encoding (docs/formats/array.md); build the
  // encoding from element Values with EncodeArray (common/array_format.hpp).
  static Value Array(LogicalType type, std::string encoded);
  // Any int64-encoded type (see above).
  static Value FromInt(LogicalType type, int64_t v);

  const LogicalType& type() const { return type_; }
  bool IsNull() const { return is_null_; }

  // REQUIRES: !IsNull() and the physical encoding matches (see the table above).
  bool GetBool() const { return int_ != 0; }
  int64_t GetInt() const { return int_; }
  double GetDouble() const { return double_; }
  const std::string& GetString() const { return string_; }
  const Decimal& GetDecimal() const { return decimal_; }
  const Interval& GetInterval() const { return interval_; }

  // PostgreSQL's text output for the value ("NULL" for null): 't', '2024-01-02', '1.50', ...
  std::string ToString() const;

 private:
  LogicalType type_;
  bool is_null_ = true;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  Decimal decimal_;
  Interval interval_;
};

}  // namespace kadedb
