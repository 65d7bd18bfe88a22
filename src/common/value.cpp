// Value: factories and PostgreSQL text output.
#include "kadedb/value.hpp"

#include "common/array_format.hpp"
#include "common/blob_format.hpp"
#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "common/float_format.hpp"

namespace kadedb {

Value Value::Null(LogicalType type) {
  Value v;
  v.type_ = type;
  return v;
}

Value Value::FromInt(LogicalType type, int64_t x) {
  Value v;
  v.type_ = type;
  v.is_null_ = false;
  v.int_ = x;
  return v;
}

Value Value::Boolean(bool b) {
  return FromInt(TypeId::kBoolean, b ? 1 : 0);
}
Value Value::SmallInt(int16_t x) {
  return FromInt(TypeId::kSmallInt, x);
}
Value Value::Integer(int32_t x) {
  return FromInt(TypeId::kInteger, x);
}
Value Value::BigInt(int64_t x) {
  return FromInt(TypeId::kBigInt, x);
}
Value Value::Date(int64_t days) {
  return FromInt(TypeId::kDate, days);
}
Value Value::Time(int64_t micros) {
  return FromInt(TypeId::kTime, micros);
}
Value Value::Timestamp(int64_t micros) {
  return FromInt(TypeId::kTimestamp, micros);
}
Value Value::TimestampTz(int64_t micros) {
  return FromInt(TypeId::kTimestampTz, micros);
}

Value Value::Real(float x) {
  Value v;
  v.type_ = TypeId::kReal;
  v.is_null_ = false;
  v.double_ = x;
  return v;
}

Value Value::Double(double x) {
  Value v;
  v.type_ = TypeId::kDouble;
  v.is_null_ = false;
  v.double_ = x;
  return v;
}

Value Value::Numeric(Decimal d, LogicalType type) {
  Value v;
  v.type_ = type;
  v.is_null_ = false;
  v.decimal_ = d;
  return v;
}

Value Value::Text(std::string s) {
  Value v;
  v.type_ = TypeId::kText;
  v.is_null_ = false;
  v.string_ = std::move(s);
  return v;
}

Value Value::Varchar(std::string s, uint32_t length) {
  Value v;
  v.type_ = LogicalType::Varchar(length);
  v.is_null_ = false;
  v.string_ = std::move(s);
  return v;
}

Value Value::Bytea(std::string s) {
  Value v;
  v.type_ = TypeId::kBytea;
  v.is_null_ = false;
  v.string_ = std::move(s);
  return v;
}

Value Value::Uuid(std::string bytes) {
  Value v;
  v.type_ = TypeId::kUuid;
  v.is_null_ = false;
  v.string_ = std::move(bytes);
  return v;
}

Value Value::Array(LogicalType type, std::string encoded) {
  Value v;
  v.type_ = type;
  v.is_null_ = false;
  v.string_ = std::move(encoded);
  return v;
}

Value Value::FromInterval(Interval iv) {
  Value v;
  v.type_ = TypeId::kInterval;
  v.is_null_ = false;
  v.interval_ = iv;
  return v;
}

std::string Value::ToString() const {
  if (is_null_) return "NULL";
  switch (type_.id) {
    case TypeId::kNull:
      return "NULL";
    case TypeId::kBoolean:
      return int_ != 0 ? "t" : "f";
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      return std::to_string(int_);
    case TypeId::kReal:
      return FormatReal(static_cast<float>(double_));
    case TypeId::kDouble:
      return FormatDouble(double_);
    case TypeId::kDecimal:
      return DecimalToString(decimal_);
    case TypeId::kVarchar:
    case TypeId::kText:
      return string_;
    case TypeId::kBytea:
      return FormatBytea(string_);
    case TypeId::kUuid:
      return FormatUuid(string_);
    case TypeId::kDate:
      return FormatDate(int_);
    case TypeId::kTime:
      return FormatTime(int_);
    case TypeId::kTimestamp:
      return FormatTimestamp(int_);
    case TypeId::kTimestampTz:
      return FormatTimestampTz(int_);
    case TypeId::kInterval:
      return FormatInterval(interval_);
    case TypeId::kArray:
      return FormatArray(string_, type_.ElementType());
  }
  return "NULL";
}

}  // namespace kadedb
