// Exact decimal arithmetic on kadedb::Decimal (value = mantissa / 10^scale, |mantissa| < 10^38).
//
// Results follow PostgreSQL's numeric rules for result scales (add/sub: max scale; mul: sum of
// scales; div: select_div_scale, at least 16 significant digits). When an exact result needs more
// than 38 digits, fractional digits are rounded off (half away from zero) until it fits; when the
// integer part alone needs more than 38 digits the operation throws 22003 "value overflows numeric
// format". Division by zero throws 22012. Scales are never negative.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "kadedb/value.hpp"

namespace kadedb {

inline constexpr int kDecimalMaxDigits = 38;
// Largest scale a computed result gets (PostgreSQL's NUMERIC_MAX_DISPLAY_SCALE is 1000; our
// mantissa holds 38 digits, so more would only hold zeros).
inline constexpr int kDecimalMaxScale = 38;

// Parses "[ws][+-]digits[.digits][e[+-]digits][ws]" (also ".5", "5."). Returns false on bad
// syntax; throws 22003 when the value cannot be represented.
bool DecimalTryParse(std::string_view text, Decimal* out);
// As DecimalTryParse, but throws 22P02 'invalid input syntax for type numeric: "x"'.
Decimal DecimalParse(std::string_view text);
// PostgreSQL text output: exactly `scale` fractional digits ("1.50", "-0.001", "12").
std::string DecimalToString(const Decimal& d);

Decimal DecimalFromInt(int64_t v);
// Conversion of a double through its first significant_digits digits, as PostgreSQL's
// float8_numeric (15 = DBL_DIG; pass 6 = FLT_DIG for real). Throws 0A000 for NaN/Infinity
// ("cannot convert NaN to numeric"), 22003 on overflow.
Decimal DecimalFromDouble(double v, int significant_digits = 15);
double DecimalToDouble(const Decimal& d);
// Rounds half away from zero to an integer. Returns false when it does not fit in int64.
bool DecimalToInt64(const Decimal& d, int64_t* out);

Decimal DecimalAdd(const Decimal& a, const Decimal& b);
Decimal DecimalSub(const Decimal& a, const Decimal& b);
Decimal DecimalMul(const Decimal& a, const Decimal& b);
Decimal DecimalDiv(const Decimal& a, const Decimal& b);
// Truncated remainder, sign of the dividend (PostgreSQL's numeric %). Scale max(scales).
Decimal DecimalMod(const Decimal& a, const Decimal& b);
Decimal DecimalNegate(const Decimal& a);
Decimal DecimalAbs(const Decimal& a);
// -1, 0 or 1, comparing values (scales may differ: 1.0 == 1.00).
int DecimalCompare(const Decimal& a, const Decimal& b);
inline int DecimalSign(const Decimal& a) {
  return a.mantissa < 0 ? -1 : (a.mantissa > 0 ? 1 : 0);
}

// Rescales to exactly `scale` fractional digits, rounding half away from zero. Throws 22003
// "value overflows numeric format" if the result needs more than 38 digits.
Decimal DecimalRescale(const Decimal& d, int32_t scale);
// Rounds/truncates to `digits` fractional digits (may be negative: round(1234, -2) = 1200); the
// result scale is max(digits, 0). PostgreSQL round(numeric, int) / trunc(numeric, int).
Decimal DecimalRound(const Decimal& d, int32_t digits);
Decimal DecimalTrunc(const Decimal& d, int32_t digits);
Decimal DecimalFloor(const Decimal& d);
Decimal DecimalCeil(const Decimal& d);
// Applies a numeric(precision, scale) typmod: rounds to scale, then throws 22003 "numeric field
// overflow" (with PostgreSQL's detail) if the integer part needs more than precision-scale digits.
Decimal DecimalApplyTypmod(const Decimal& d, int precision, int scale);
// Number of significant digits of |mantissa| (0 for zero).
int DecimalDigitCount(__int128 mantissa);

// 10^k as int64 for k in [0, 18]: the fast paths scale 64-bit mantissas with it.
inline constexpr std::array<int64_t, 19> kDecimalPow10Int64 = [] {
  std::array<int64_t, 19> t{};
  t[0] = 1;
  for (size_t i = 1; i < t.size(); i++) t[i] = t[i - 1] * 10;
  return t;
}();

// Appends d's order-preserving (memcomparable) encoding: a sign byte (0x01 negative, 0x02 zero,
// 0x03 positive); for non-zero values the exponent of the normalised value (trailing zeros
// stripped, so 1.50 and 1.5 encode alike) biased by 128, base-100 digit pairs each + 1, and a
// 0x00 terminator, every byte after the sign inverted for negatives. Used by index keys
// (docs/formats/keys.md) and array element bodies (docs/formats/array.md).
void DecimalEncodeOrdered(std::string* out, const Decimal& d);

}  // namespace kadedb
