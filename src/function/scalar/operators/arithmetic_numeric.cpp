// + - * / % ^ and unary - + for numeric, exact via common/decimal.hpp (PostgreSQL result scales;
// 22003 on overflow, 22012 on division by zero). ^ is exact for small integer exponents.
#include <algorithm>
#include <cmath>

#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/math/numeric_math.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

// Rescales to `scale` fractional digits, reduced so the result keeps within 38 digits.
Decimal FitScale(const Decimal& d, int32_t scale) {
  int32_t integer_digits = DecimalDigitCount(d.mantissa) - d.scale;
  scale = std::min(scale, kDecimalMaxDigits - std::max(integer_digits, 1));
  return DecimalRescale(d, std::max(scale, 0));
}

// The numeric ^ result with PostgreSQL's result scale (at least 16 significant digits): exact
// products for integer exponents 0..64, otherwise computed in long double and rounded to 16
// significant digits. Also used by power(numeric, numeric) (numeric_math.cpp).
Decimal DecimalPower(const Decimal& a, const Decimal& b) {
  int64_t e;
  if (DecimalCompare(DecimalTrunc(b, 0), b) == 0 && DecimalToInt64(b, &e) && e >= 0 && e <= 64) {
    Decimal r = DecimalFromInt(1);
    for (int64_t i = 0; i < e; i++) r = DecimalMul(r, a);
    return FitScale(r, std::max(16, a.scale));
  }
  // CheckedPow raises PostgreSQL's errors (0 ^ negative, negative ^ fraction, overflow).
  CheckedPow(DecimalToDouble(a), DecimalToDouble(b));
  long double r = std::pow(DecimalToLongDouble(a), DecimalToLongDouble(b));
  if (r == 0) return Decimal{0, 16};
  int32_t scale = 16 - static_cast<int32_t>(std::floor(std::log10(std::fabs(r)))) - 1;
  scale = std::max({scale, a.scale, b.scale, 0});
  return DecimalFromLongDouble(r, std::min(scale, kDecimalMaxScale));
}

// Both operands at the larger scale as int128 when that cannot overflow (int64 mantissas, scales
// at most 18 apart): the common case of + and - inlined; false otherwise.
static inline bool AlignScales(const Decimal& a, const Decimal& b, __int128* x, __int128* y,
                               int32_t* scale) {
  if (a.scale == b.scale) {
    *x = a.mantissa;
    *y = b.mantissa;
    *scale = a.scale;
    return true;
  }
  if (a.mantissa != static_cast<int64_t>(a.mantissa) ||
      b.mantissa != static_cast<int64_t>(b.mantissa)) {
    return false;
  }
  int32_t s = std::max(a.scale, b.scale);
  int32_t da = s - a.scale, db = s - b.scale;
  if (da > 18 || db > 18) return false;
  *x = static_cast<__int128>(static_cast<int64_t>(a.mantissa)) * kDecimalPow10Int64[da];
  *y = static_cast<__int128>(static_cast<int64_t>(b.mantissa)) * kDecimalPow10Int64[db];
  *scale = s;
  return true;
}

void RegisterNumericArithmetic(FunctionRegistry& registry) {
  const LogicalType n = TypeId::kDecimal;
  auto binary = [&](const char* name, auto op) {
    registry.AddScalar(MakeScalar(name, {n, n}, n,
                                  [op](const std::vector<const Vector*>& args, size_t count,
                                       Vector& result, FunctionContext&) {
                                    BinaryLoop<Decimal, Decimal, Decimal>(*args[0], *args[1], count,
                                                                          result, op);
                                  }));
  };
  // + - * inline their common int128 case (same scales; int64 factors) so the row loop makes no
  // call; anything else (and every overflow) goes through DecimalAdd/Sub/Mul, whose result is
  // the same.
  constexpr __int128 kLimit = [] {
    __int128 r = 1;
    for (int i = 0; i < kDecimalMaxDigits; i++) r *= 10;
    return r;
  }();
  binary("+", [](const Decimal& a, const Decimal& b) {
    __int128 x, y, r;
    int32_t s;
    if (AlignScales(a, b, &x, &y, &s) && !__builtin_add_overflow(x, y, &r) && r < kLimit &&
        r > -kLimit) {
      return Decimal{r, s};
    }
    return DecimalAdd(a, b);
  });
  binary("-", [](const Decimal& a, const Decimal& b) {
    __int128 x, y, r;
    int32_t s;
    if (AlignScales(a, b, &x, &y, &s) && !__builtin_sub_overflow(x, y, &r) && r < kLimit &&
        r > -kLimit) {
      return Decimal{r, s};
    }
    return DecimalSub(a, b);
  });
  binary("*", [](const Decimal& a, const Decimal& b) {
    int32_t s = a.scale + b.scale;
    if (a.mantissa == static_cast<int64_t>(a.mantissa) &&
        b.mantissa == static_cast<int64_t>(b.mantissa) && s <= kDecimalMaxScale) {
      __int128 r = static_cast<__int128>(static_cast<int64_t>(a.mantissa)) *
                   static_cast<int64_t>(b.mantissa);
      if (r < kLimit && r > -kLimit) return Decimal{r, s};
    }
    return DecimalMul(a, b);
  });
  binary("/", DecimalDiv);
  binary("%", DecimalMod);
  binary("^", DecimalPower);
  auto unary = [&](const char* name, auto op) {
    registry.AddScalar(MakeScalar(
        name, {n}, n,
        [op](const std::vector<const Vector*>& args, size_t count, Vector& result,
             FunctionContext&) { UnaryLoop<Decimal, Decimal>(*args[0], count, result, op); }));
  };
  unary("-", DecimalNegate);
  unary("+", [](const Decimal& d) { return d; });
}

}  // namespace kadedb
