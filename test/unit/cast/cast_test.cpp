// Casts: PostgreSQL rounding, range errors, text input/output, varchar lengths, cast contexts and
// common-type resolution.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "common/decimal.hpp"
#include "common/exception.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {
namespace {

std::string StateOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

std::string MessageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Exception& e) {
    return e.what();
  }
  return "none";
}

std::string Cast(const Value& v, LogicalType t, CastStrength s = CastStrength::kExplicit) {
  return CastValue(v, t, s).ToString();
}
Value Text(const char* s) {
  return Value::Text(s);
}

TEST(CastTest, IntegerRangesAndRounding) {
  EXPECT_EQ(Cast(Value::BigInt(42), TypeId::kSmallInt), "42");
  EXPECT_EQ(MessageOf([] { CastValue(Value::BigInt(1LL << 40), TypeId::kInteger); }),
            "integer out of range");
  EXPECT_EQ(MessageOf([] { CastValue(Value::Integer(40000), TypeId::kSmallInt); }),
            "smallint out of range");
  // float -> int: rint (half to even); numeric -> int: half away from zero.
  EXPECT_EQ(Cast(Value::Double(2.5), TypeId::kInteger), "2");
  EXPECT_EQ(Cast(Value::Double(3.5), TypeId::kInteger), "4");
  EXPECT_EQ(Cast(Value::Double(-2.5), TypeId::kInteger), "-2");
  EXPECT_EQ(Cast(Value::Numeric(DecimalParse("2.5")), TypeId::kInteger), "3");
  EXPECT_EQ(Cast(Value::Numeric(DecimalParse("-2.5")), TypeId::kInteger), "-3");
  EXPECT_EQ(StateOf([] { CastValue(Value::Double(NAN), TypeId::kInteger); }), "22003");
  EXPECT_EQ(StateOf([] { CastValue(Value::Double(9.3e18), TypeId::kBigInt); }), "22003");
  EXPECT_EQ(Cast(Value::Double(-9223372036854775808.0), TypeId::kBigInt), "-9223372036854775808");
  EXPECT_EQ(StateOf([] {
              CastValue(Value::Numeric(DecimalParse("9223372036854775807.5")), TypeId::kBigInt);
            }),
            "22003");
}

TEST(CastTest, TextToNumbers) {
  EXPECT_EQ(Cast(Text("  -42 "), TypeId::kInteger), "-42");
  EXPECT_EQ(Cast(Text("+7"), TypeId::kSmallInt), "7");
  EXPECT_EQ(Cast(Text("-9223372036854775808"), TypeId::kBigInt), "-9223372036854775808");
  EXPECT_EQ(MessageOf([] { CastValue(Value::Text("1.5"), TypeId::kInteger); }),
            "invalid input syntax for type integer: \"1.5\"");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("1.5"), TypeId::kInteger); }), "22P02");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text(""), TypeId::kInteger); }), "22P02");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("-"), TypeId::kInteger); }), "22P02");
  EXPECT_EQ(MessageOf([] { CastValue(Value::Text("99999999999"), TypeId::kInteger); }),
            "value \"99999999999\" is out of range for type integer");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("9223372036854775808"), TypeId::kBigInt); }),
            "22003");
  EXPECT_EQ(Cast(Text(" 1.5e3 "), TypeId::kDouble), "1500");
  EXPECT_EQ(Cast(Text("-0"), TypeId::kDouble), "-0");
  EXPECT_EQ(Cast(Text("NaN"), TypeId::kDouble), "NaN");
  EXPECT_EQ(Cast(Text("-Infinity"), TypeId::kDouble), "-Infinity");
  EXPECT_EQ(Cast(Text("inf"), TypeId::kReal), "Infinity");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("1e400"), TypeId::kDouble); }), "22003");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("1e40"), TypeId::kReal); }), "22003");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("abc"), TypeId::kDouble); }), "22P02");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("0x10"), TypeId::kDouble); }), "22P02");
  EXPECT_EQ(Cast(Text("1.50"), TypeId::kDecimal), "1.50");
  EXPECT_EQ(Cast(Text("1.555"), LogicalType::Decimal(5, 2)), "1.56");
  EXPECT_EQ(MessageOf([] { CastValue(Value::Text("1234.5"), LogicalType::Decimal(5, 2)); }),
            "numeric field overflow");
}

TEST(CastTest, Booleans) {
  for (const char* t : {"t", "TRUE", " yes ", "on", "1", "y", "tr"}) {
    EXPECT_EQ(Cast(Text(t), TypeId::kBoolean), "t") << t;
  }
  for (const char* f : {"f", "False", "no", "off", "0", "n", "of"}) {
    EXPECT_EQ(Cast(Text(f), TypeId::kBoolean), "f") << f;
  }
  EXPECT_EQ(MessageOf([] { CastValue(Value::Text("o"), TypeId::kBoolean); }),
            "invalid input syntax for type boolean: \"o\"");
  EXPECT_EQ(Cast(Value::Boolean(true), TypeId::kText), "true");
  EXPECT_EQ(Cast(Value::Boolean(true), TypeId::kInteger), "1");
  EXPECT_EQ(Cast(Value::Integer(5), TypeId::kBoolean), "t");
}

TEST(CastTest, FloatsAndNumerics) {
  EXPECT_EQ(Cast(Value::Double(0.1), TypeId::kReal), "0.1");
  EXPECT_EQ(Cast(Value::Double(1.0 / 3), TypeId::kDecimal), "0.333333333333333");
  EXPECT_EQ(Cast(Value::Real(0.1f), TypeId::kDecimal), "0.1");
  EXPECT_EQ(Cast(Value::Numeric(DecimalParse("1.25")), TypeId::kDouble), "1.25");
  EXPECT_EQ(Cast(Value::Integer(7), LogicalType::Decimal(5, 2)), "7.00");
  EXPECT_EQ(Cast(Value::Numeric(DecimalParse("1.005")), LogicalType::Decimal(5, 2)), "1.01");
  EXPECT_EQ(MessageOf([] { CastValue(Value::Double(1e300), TypeId::kReal); }),
            "value out of range: overflow");
  EXPECT_EQ(MessageOf([] { CastValue(Value::Double(1e-300), TypeId::kReal); }),
            "value out of range: underflow");
  EXPECT_EQ(Cast(Value::Double(INFINITY), TypeId::kReal), "Infinity");
  EXPECT_EQ(StateOf([] { CastValue(Value::Double(NAN), TypeId::kDecimal); }), "0A000");
  EXPECT_EQ(Cast(Value::BigInt(INT64_MIN), TypeId::kDouble), "-9.223372036854776e+18");
}

TEST(CastTest, Varchar) {
  EXPECT_EQ(MessageOf([] {
              CastValue(Value::Text("abcdef"), LogicalType::Varchar(3), CastStrength::kAssignment);
            }),
            "value too long for type character varying(3)");
  EXPECT_EQ(StateOf([] {
              CastValue(Value::Text("abcdef"), LogicalType::Varchar(3), CastStrength::kImplicit);
            }),
            "22001");
  EXPECT_EQ(Cast(Text("abcdef"), LogicalType::Varchar(3)), "abc");
  EXPECT_EQ(Cast(Text("abc   "), LogicalType::Varchar(3), CastStrength::kAssignment), "abc");
  EXPECT_EQ(Cast(Text("h\xC3\xA9llo"), LogicalType::Varchar(2)), "h\xC3\xA9");
  EXPECT_EQ(Cast(Text("h\xC3\xA9"), LogicalType::Varchar(2), CastStrength::kAssignment),
            "h\xC3\xA9");
  EXPECT_EQ(Cast(Value::Integer(12345), LogicalType::Varchar(3)), "123");
  EXPECT_EQ(StateOf([] {
              CastValue(Value::Integer(12345), LogicalType::Varchar(3), CastStrength::kAssignment);
            }),
            "22001");
}

TEST(CastTest, DatetimeAndOthersThroughText) {
  EXPECT_EQ(Cast(Text("2024-01-02"), TypeId::kDate), "2024-01-02");
  EXPECT_EQ(Cast(CastValue(Text("2024-01-02"), TypeId::kDate), TypeId::kTimestamp),
            "2024-01-02 00:00:00");
  EXPECT_EQ(Cast(CastValue(Text("2024-01-02 13:04:05.5"), TypeId::kTimestamp), TypeId::kDate),
            "2024-01-02");
  EXPECT_EQ(Cast(CastValue(Text("1969-12-31 13:04:05.5"), TypeId::kTimestamp), TypeId::kTime),
            "13:04:05.5");
  EXPECT_EQ(Cast(CastValue(Text("2024-01-02 13:04:05"), TypeId::kTimestamp), TypeId::kTimestampTz),
            "2024-01-02 13:04:05+00");
  EXPECT_EQ(Cast(CastValue(Text("2024-01-02T10:00:00+02"), TypeId::kTimestampTz), TypeId::kText),
            "2024-01-02 08:00:00+00");
  EXPECT_EQ(Cast(CastValue(Text("01:30"), TypeId::kTime), TypeId::kInterval), "01:30:00");
  EXPECT_EQ(Cast(Text("1 day 02:00"), TypeId::kInterval), "1 day 02:00:00");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("2024-02-30"), TypeId::kDate); }), "22008");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("soon"), TypeId::kTimestamp); }), "22007");
  EXPECT_EQ(Cast(Text("\\x0102ff"), TypeId::kBytea), "\\x0102ff");
  EXPECT_EQ(Cast(Text("abc"), TypeId::kBytea), "\\x616263");
  EXPECT_EQ(Cast(Text("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), TypeId::kUuid),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(Cast(Text("{a0eebc999c0b4ef8bb6d6bb9bd380a11}"), TypeId::kUuid),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(StateOf([] { CastValue(Value::Text("a0eebc99"), TypeId::kUuid); }), "22P02");
  EXPECT_EQ(StateOf([] { CastValue(Value::Date(0), TypeId::kInteger); }), "42846");
}

TEST(CastTest, ParseValueAndVectors) {
  EXPECT_EQ(ParseValue("42", TypeId::kBigInt).GetInt(), 42);
  EXPECT_TRUE(ParseValue("t", TypeId::kBoolean).GetBool());
  Vector src(TypeId::kText);
  src.Append(Value::Text("1"));
  src.Append(Value::Null(TypeId::kText));
  src.Append(Value::Text(" 3 "));
  Vector out;
  CastVector(src, 3, TypeId::kInteger, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out.ints()[0], 1);
  EXPECT_TRUE(out.IsNull(1));
  EXPECT_EQ(out.ints()[2], 3);
  Vector nulls(TypeId::kNull);
  nulls.Append(Value());
  CastVector(nulls, 1, TypeId::kDate, out);
  EXPECT_TRUE(out.IsNull(0));
  EXPECT_EQ(out.type().id, TypeId::kDate);
  EXPECT_TRUE(CastValue(Value(), TypeId::kInteger).IsNull());
}

TEST(CastRulesTest, CanCastContexts) {
  using S = CastStrength;
  EXPECT_TRUE(CanCast(TypeId::kInteger, TypeId::kBigInt, S::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kBigInt, TypeId::kDecimal, S::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kDecimal, TypeId::kDouble, S::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kBigInt, TypeId::kInteger, S::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kBigInt, TypeId::kInteger, S::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kDouble, TypeId::kInteger, S::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kDate, TypeId::kText, S::kAssignment));
  EXPECT_FALSE(CanCast(TypeId::kDate, TypeId::kText, S::kImplicit));
  EXPECT_FALSE(CanCast(TypeId::kText, TypeId::kInteger, S::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kText, TypeId::kInteger, S::kExplicit));
  EXPECT_TRUE(CanCast(TypeId::kDate, TypeId::kTimestampTz, S::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kTimestamp, TypeId::kDate, S::kAssignment));
  EXPECT_FALSE(CanCast(TypeId::kDate, TypeId::kInteger, S::kExplicit));
  EXPECT_TRUE(CanCast(TypeId::kBoolean, TypeId::kInteger, S::kExplicit));
  EXPECT_FALSE(CanCast(TypeId::kBoolean, TypeId::kInteger, S::kAssignment));
  EXPECT_TRUE(CanCast(TypeId::kNull, TypeId::kUuid, S::kImplicit));
  EXPECT_TRUE(CanCast(TypeId::kVarchar, TypeId::kText, S::kImplicit));
}

TEST(CastRulesTest, CommonType) {
  EXPECT_EQ(CommonType(TypeId::kInteger, TypeId::kBigInt), LogicalType(TypeId::kBigInt));
  EXPECT_EQ(CommonType(TypeId::kDecimal, TypeId::kInteger), LogicalType(TypeId::kDecimal));
  EXPECT_EQ(CommonType(TypeId::kDecimal, TypeId::kReal), LogicalType(TypeId::kReal));
  EXPECT_EQ(CommonType(TypeId::kDouble, TypeId::kSmallInt), LogicalType(TypeId::kDouble));
  EXPECT_EQ(CommonType(LogicalType::Varchar(3), TypeId::kText), LogicalType(TypeId::kText));
  EXPECT_EQ(CommonType(LogicalType::Varchar(3), LogicalType::Varchar(5)),
            LogicalType(TypeId::kVarchar));
  EXPECT_EQ(CommonType(LogicalType::Decimal(5, 2), LogicalType::Decimal(5, 2)),
            LogicalType::Decimal(5, 2));
  EXPECT_EQ(CommonType(TypeId::kNull, TypeId::kDate), LogicalType(TypeId::kDate));
  EXPECT_EQ(CommonType(TypeId::kTimestamp, TypeId::kDate), LogicalType(TypeId::kTimestamp));
  EXPECT_EQ(CommonType(TypeId::kTimestampTz, TypeId::kDate), LogicalType(TypeId::kTimestampTz));
  EXPECT_EQ(MessageOf([] { CommonType(TypeId::kInteger, TypeId::kText); }),
            "types integer and text cannot be matched");
  EXPECT_EQ(StateOf([] { CommonType(TypeId::kBoolean, TypeId::kInteger); }), "42804");
}

}  // namespace
}  // namespace kadedb
