// LogicalType: the SQL type of a value, column or expression.
#pragma once

#include <cstdint>
#include <string>

namespace kadedb {

enum class TypeId : uint8_t {
  kNull = 0,  // type of an untyped NULL literal; coerces to anything
  kBoolean,
  kSmallInt,
  kInteger,
  kBigInt,
  kReal,
  kDouble,
  kDecimal,  // NUMERIC(p,s); precision 0 means unconstrained (scale then varies per value)
  kVarchar,  // VARCHAR(n); length 0 means unbounded (TEXT is kText)
  kText,
  kBytea,
  kDate,
  kTime,
  kTimestamp,
  kTimestampTz,
  kInterval,
  kUuid,
  // One-dimensional array. The element type is LogicalType::element with this type's
  // precision/scale/length as its modifiers (ElementType()); element kNull means "any array" in a
  // function declaration (PostgreSQL's anyarray). Physically a string: docs/formats/array.md.
  kArray,
};

struct LogicalType {
  TypeId id = TypeId::kNull;
  uint8_t precision = 0;           // kDecimal only (1..38; 0 = unconstrained)
  uint8_t scale = 0;               // kDecimal only
  uint32_t length = 0;             // kVarchar only (0 = unbounded)
  TypeId element = TypeId::kNull;  // kArray only: the element type's id (never kArray)

  LogicalType() = default;
  constexpr LogicalType(TypeId i) : id(i) {}  // NOLINT: implicit on purpose, a TypeId is a type
  static LogicalType Decimal(uint8_t p, uint8_t s) {
    LogicalType t(TypeId::kDecimal);
    t.precision = p;
    t.scale = s;
    return t;
  }
  static LogicalType Varchar(uint32_t n) {
    LogicalType t(TypeId::kVarchar);
    t.length = n;
    return t;
  }

  // The array type whose elements have type e (e's modifiers are kept). REQUIRES: !e.IsArray().
  static LogicalType Array(const LogicalType& e) {
    LogicalType t(TypeId::kArray);
    t.element = e.id;
    t.precision = e.precision;
    t.scale = e.scale;
    t.length = e.length;
    return t;
  }
  // REQUIRES: IsArray().
  LogicalType ElementType() const {
    LogicalType e(element);
    e.precision = precision;
    e.scale = scale;
    e.length = length;
    return e;
  }
  bool IsArray() const { return id == TypeId::kArray; }
  // The same type without typmods (numeric(10,2) -> numeric, varchar(5)[] -> varchar[]); an
  // array keeps its element type.
  LogicalType WithoutModifiers() const {
    LogicalType t(id);
    t.element = element;
    return t;
  }

  bool operator==(const LogicalType& o) const {
    return id == o.id && precision == o.precision && scale == o.scale && length == o.length &&
           element == o.element;
  }
  bool operator!=(const LogicalType& o) const { return !(*this == o); }

  bool IsInteger() const {
    return id == TypeId::kSmallInt || id == TypeId::kInteger || id == TypeId::kBigInt;
  }
  bool IsFloat() const { return id == TypeId::kReal || id == TypeId::kDouble; }
  bool IsNumeric() const { return IsInteger() || IsFloat() || id == TypeId::kDecimal; }
  bool IsString() const { return id == TypeId::kVarchar || id == TypeId::kText; }
  bool IsTemporal() const {
    return id == TypeId::kDate || id == TypeId::kTime || id == TypeId::kTimestamp ||
           id == TypeId::kTimestampTz;
  }
  // SQL spelling as PostgreSQL prints it: "integer", "numeric(10,2)", "character varying(20)".
  std::string ToString() const;
};

}  // namespace kadedb
