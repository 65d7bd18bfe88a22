// Decimal codec and arithmetic: PostgreSQL numeric results, scales and error SQLSTATEs.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "common/checked_arithmetic.hpp"
#include "common/decimal.hpp"
#include "common/exception.hpp"

namespace kadedb {
namespace {

std::string S(const Decimal& d) {
  return DecimalToString(d);
}
Decimal D(const char* s) {
  return DecimalParse(s);
}

std::string StateOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

TEST(DecimalTest, ParseAndFormatKeepScale) {
  EXPECT_EQ(S(D("1.50")), "1.50");
  EXPECT_EQ(S(D("  -0.001 ")), "-0.001");
  EXPECT_EQ(S(D("+12")), "12");
  EXPECT_EQ(S(D(".5")), "0.5");
  EXPECT_EQ(S(D("5.")), "5");
  EXPECT_EQ(S(D("1.5e3")), "1500");
  EXPECT_EQ(S(D("1.5E-3")), "0.0015");
  EXPECT_EQ(S(D("0.00")), "0.00");
  EXPECT_EQ(S(D("00012.340")), "12.340");
  EXPECT_EQ(S(D("99999999999999999999999999999999999999")),
            "99999999999999999999999999999999999999");
  // More than 38 digits: fractional digits are rounded away.
  EXPECT_EQ(S(D("1.00000000000000000000000000000000000005")),
            "1.0000000000000000000000000000000000001");
  EXPECT_EQ(StateOf([] { D("1e40"); }), "22003");
  EXPECT_EQ(StateOf([] { D("abc"); }), "22P02");
  EXPECT_EQ(StateOf([] { D("1.2.3"); }), "22P02");
  EXPECT_EQ(StateOf([] { D(""); }), "22P02");
  EXPECT_EQ(StateOf([] { D("1e"); }), "22P02");
}

TEST(DecimalTest, AddSubMulUsePostgresScales) {
  EXPECT_EQ(S(DecimalAdd(D("1.5"), D("2.25"))), "3.75");
  EXPECT_EQ(S(DecimalSub(D("1.5"), D("2.25"))), "-0.75");
  EXPECT_EQ(S(DecimalMul(D("1.5"), D("2.25"))), "3.375");
  EXPECT_EQ(S(DecimalMul(D("-0.10"), D("3"))), "-0.30");
  // Wide product: 38-digit operands.
  EXPECT_EQ(S(DecimalMul(D("1234567890123456789.123456789"), D("1000000000.5"))),
            "1234567890740740734185185183.5617283945");
  EXPECT_EQ(StateOf([] { DecimalMul(D("1e30"), D("1e30")); }), "22003");
  EXPECT_EQ(StateOf([] { DecimalAdd(D("99999999999999999999999999999999999999"), D("1")); }),
            "22003");
}

TEST(DecimalTest, DivisionFollowsSelectDivScale) {
  EXPECT_EQ(S(DecimalDiv(D("1"), D("3"))), "0.33333333333333333333");
  EXPECT_EQ(S(DecimalDiv(D("10"), D("4"))), "2.5000000000000000");
  EXPECT_EQ(S(DecimalDiv(D("2"), D("3"))), "0.66666666666666666667");
  EXPECT_EQ(S(DecimalDiv(D("-2"), D("3"))), "-0.66666666666666666667");
  EXPECT_EQ(S(DecimalDiv(D("100"), D("7"))), "14.2857142857142857");
  EXPECT_EQ(S(DecimalDiv(D("1.00000"), D("8"))), "0.12500000000000000000");
  EXPECT_EQ(S(DecimalDiv(D("0"), D("8"))), "0.00000000000000000000");
  // 39 digits exactly: the last fractional digit is rounded away.
  EXPECT_EQ(S(DecimalMul(D("1234567890123456789.123456789"), D("1000000000.05"))),
            "1234567890185185183629629628.4561728395");
  EXPECT_EQ(StateOf([] { DecimalDiv(D("1"), D("0")); }), "22012");
  EXPECT_EQ(StateOf([] { DecimalMod(D("1"), D("0.0")); }), "22012");
}

TEST(DecimalTest, ModRoundTruncCompare) {
  EXPECT_EQ(S(DecimalMod(D("10"), D("3"))), "1");
  EXPECT_EQ(S(DecimalMod(D("-10.5"), D("3"))), "-1.5");
  EXPECT_EQ(S(DecimalRound(D("2.5"), 0)), "3");
  EXPECT_EQ(S(DecimalRound(D("-2.5"), 0)), "-3");
  EXPECT_EQ(S(DecimalRound(D("1.5"), 3)), "1.500");
  EXPECT_EQ(S(DecimalRound(D("1249"), -2)), "1200");
  EXPECT_EQ(S(DecimalRound(D("1250"), -2)), "1300");
  EXPECT_EQ(S(DecimalTrunc(D("-1.99"), 1)), "-1.9");
  EXPECT_EQ(S(DecimalFloor(D("-1.1"))), "-2");
  EXPECT_EQ(S(DecimalCeil(D("1.1"))), "2");
  EXPECT_EQ(DecimalCompare(D("1.0"), D("1.00")), 0);
  EXPECT_EQ(DecimalCompare(D("-1"), D("0.5")), -1);
  EXPECT_EQ(DecimalCompare(D("99999999999999999999999999999999999999"), D("0.1")), 1);
  EXPECT_EQ(DecimalCompare(D("0.00000000000000000000000000000000000001"),
                           D("99999999999999999999999999999999999999")),
            -1);
}

TEST(DecimalTest, TypmodRoundsAndChecksPrecision) {
  EXPECT_EQ(S(DecimalApplyTypmod(D("1.005"), 5, 2)), "1.01");
  EXPECT_EQ(S(DecimalApplyTypmod(D("-1.005"), 5, 2)), "-1.01");
  EXPECT_EQ(S(DecimalApplyTypmod(D("7"), 5, 2)), "7.00");
  try {
    DecimalApplyTypmod(D("999.995"), 5, 2);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "22003");
    EXPECT_STREQ(e.what(), "numeric field overflow");
    EXPECT_EQ(e.detail(),
              "A field with precision 5, scale 2 must round to an absolute value less than 10^3.");
  }
  EXPECT_EQ(StateOf([] { DecimalApplyTypmod(D("1e37"), 10, 5); }), "22003");
}

TEST(DecimalTest, Conversions) {
  int64_t v = 0;
  EXPECT_TRUE(DecimalToInt64(D("2.5"), &v));
  EXPECT_EQ(v, 3);
  EXPECT_TRUE(DecimalToInt64(D("-2.5"), &v));
  EXPECT_EQ(v, -3);
  EXPECT_TRUE(DecimalToInt64(D("-9223372036854775808"), &v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_FALSE(DecimalToInt64(D("9223372036854775808"), &v));
  EXPECT_EQ(S(DecimalFromInt(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(S(DecimalFromDouble(0.1)), "0.1");
  EXPECT_EQ(S(DecimalFromDouble(1.0 / 3)), "0.333333333333333");
  EXPECT_EQ(S(DecimalFromDouble(1e20)), "100000000000000000000");
  EXPECT_EQ(StateOf([] { DecimalFromDouble(NAN); }), "0A000");
  EXPECT_DOUBLE_EQ(DecimalToDouble(D("1.25")), 1.25);
  EXPECT_EQ(DecimalToDouble(D("0.1")), 0.1);
  EXPECT_EQ(DecimalToDouble(D("12345678901234567890.5")), 12345678901234567890.5);
}

TEST(CheckedArithmeticTest, RangesAndMessages) {
  EXPECT_EQ(AddChecked<int32_t>(1, 2), 3);
  EXPECT_EQ(StateOf([] { AddChecked<int32_t>(INT32_MAX, 1); }), "22003");
  EXPECT_EQ(StateOf([] { MulChecked<int64_t>(INT64_MAX, 2); }), "22003");
  EXPECT_EQ(StateOf([] { SubChecked<int16_t>(-32768, 1); }), "22003");
  EXPECT_EQ(StateOf([] { DivChecked<int64_t>(1, 0); }), "22012");
  EXPECT_EQ(StateOf([] { DivChecked<int64_t>(INT64_MIN, -1); }), "22003");
  EXPECT_EQ(ModChecked<int64_t>(INT64_MIN, -1), 0);
  EXPECT_EQ(DivChecked<int32_t>(-7, 2), -3);
  EXPECT_EQ(ModChecked<int32_t>(-7, 2), -1);
  try {
    AddChecked<int16_t>(32767, 1);
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "smallint out of range");
  }
  try {
    CheckIntegerRange(TypeId::kInteger, 1LL << 40);
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "integer out of range");
  }
}

}  // namespace
}  // namespace kadedb
