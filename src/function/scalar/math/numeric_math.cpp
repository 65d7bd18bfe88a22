// sqrt, exp, ln, log, log(b, x) on numeric, with the result scales of PostgreSQL's numeric.c:
// sqrt/exp/ln/log give NUMERIC_MIN_SIG_DIGITS (16) significant digits counted from the result's
// leading digit, never less than the input's scale. sqrt is exact (integer square root); the
// others are computed in long double (about 19 digits), enough for those 16 digits.
#include "function/scalar/math/numeric_math.hpp"

#include <cmath>

#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

constexpr int kMinSigDigits = 16;

using Args = const std::vector<const Vector*>&;

// Decimal exponent of the leading digit (|d| ~ 10^e); d != 0.
int LeadingExponent(const Decimal& d) {
  return DecimalDigitCount(d.mantissa) - 1 - d.scale;
}

// PostgreSQL's weight: the exponent of the leading base-10000 digit.
int Weight(const Decimal& d) {
  if (d.mantissa == 0) return 0;
  int e = LeadingExponent(d);
  return e >= 0 ? e / 4 : -((-e + 3) / 4);
}

int32_t ClampScale(int32_t s) {
  if (s < 0) return 0;
  return s > kDecimalMaxScale ? kDecimalMaxScale : s;
}

long double ToLongDouble(const Decimal& d) {
  return DecimalToLongDouble(d);
}
Decimal FromLongDouble(long double v, int32_t scale) {
  return DecimalFromLongDouble(v, scale);
}

// PostgreSQL's estimate_ln_dweight: decimal weight of ln(x).
int LnWeight(const Decimal& x) {
  long double v = ToLongDouble(x);
  long double ln = std::log(v);
  if (ln == 0) return 0;
  if (v >= 0.9L && v <= 1.1L) {
    // ln(x) ~ x - 1 near 1
    long double diff = std::fabs(v - 1);
    return diff == 0 ? 0 : static_cast<int>(std::floor(std::log10(diff)));
  }
  return static_cast<int>(std::log10(std::fabs(ln)));
}

void CheckLogArg(const Decimal& x) {
  if (x.mantissa == 0) throw Exception("2201E", "cannot take logarithm of zero");
  if (x.mantissa < 0) throw Exception("2201E", "cannot take logarithm of a negative number");
}

Decimal Sqrt(const Decimal& d) {
  if (d.mantissa < 0) {
    throw Exception("2201F", "cannot take square root of a negative number");
  }
  return DecimalSqrtAtScale(d, NumericSqrtScale(d));
}

Decimal Exp(const Decimal& d) {
  long double x = ToLongDouble(d);
  long double dweight = std::fmax(std::fmin(x * 0.434294481903252L, 1000), -1000);
  int32_t scale = ClampScale(std::max(kMinSigDigits - static_cast<int>(dweight), d.scale));
  long double r = std::exp(x);
  if (std::isinf(r))
    throw Exception(sqlstate::kNumericOutOfRange, "value overflows numeric format");
  return FromLongDouble(r, scale);
}

Decimal Ln(const Decimal& d) {
  CheckLogArg(d);
  int32_t scale = ClampScale(std::max(kMinSigDigits - LnWeight(d), d.scale));
  return FromLongDouble(std::log(ToLongDouble(d)), scale);
}

Decimal Log(const Decimal& base, const Decimal& x) {
  CheckLogArg(base);
  CheckLogArg(x);
  long double lb = std::log(ToLongDouble(base));
  if (lb == 0) ThrowDivisionByZero();
  int32_t scale = ClampScale(
      std::max(kMinSigDigits - (LnWeight(x) - LnWeight(base)), std::max(base.scale, x.scale)));
  return FromLongDouble(std::log(ToLongDouble(x)) / lb, scale);
}

}  // namespace

long double DecimalToLongDouble(const Decimal& d) {
  return static_cast<long double>(d.mantissa) / std::pow(10.0L, d.scale);
}

Decimal DecimalFromLongDouble(long double v, int32_t scale) {
  if (!std::isfinite(v)) {
    throw Exception(sqlstate::kNumericOutOfRange, "value overflows numeric format");
  }
  while (scale > 0 && std::fabs(v) * std::pow(10.0L, scale) >= 1e38L) scale--;
  long double scaled = std::round(v * std::pow(10.0L, scale));
  if (std::fabs(scaled) >= 1e38L) {
    throw Exception(sqlstate::kNumericOutOfRange, "value overflows numeric format");
  }
  return Decimal{static_cast<__int128>(scaled), scale};
}

int32_t NumericSqrtScale(const Decimal& d) {
  int sweight = (Weight(d) + 1) * 4 / 2 - 1;
  return ClampScale(std::max(kMinSigDigits - sweight, d.scale));
}

Decimal DecimalSqrtAtScale(const Decimal& d, int32_t scale) {
  if (d.mantissa <= 0) return Decimal{0, scale};
  // sqrt(m / 10^s) · 10^scale = sqrt(m · 10^(2·scale − s))
  int shift = 2 * scale - d.scale;
  __int128 x = d.mantissa;
  bool exact = true;
  if (shift < 0) {
    for (int i = 0; i < -shift; i++) x /= 10;  // digits below the result's precision
  }
  for (int i = 0; i < shift && exact; i++) {
    if (x > (static_cast<__int128>(1) << 124) / 10) {
      exact = false;
    } else {
      x *= 10;
    }
  }
  if (!exact) return FromLongDouble(std::sqrt(ToLongDouble(d)), scale);
  auto r = static_cast<__int128>(std::sqrt(static_cast<long double>(x)));
  while (r > 0 && r * r > x) r--;
  while ((r + 1) * (r + 1) <= x) r++;
  if (x - r * r > r) r++;  // x >= r² + r + 1  <=>  sqrt(x) >= r + 0.5
  return Decimal{r, scale};
}

void RegisterNumericMathFunctions(FunctionRegistry& r) {
  const LogicalType n = TypeId::kDecimal;
  auto unary = [&](const char* name, Decimal (*f)(const Decimal&)) {
    r.AddScalar(MakeScalar(name, {n}, n, [f](Args a, size_t count, Vector& res, FunctionContext&) {
      UnaryLoop<Decimal, Decimal>(*a[0], count, res, f);
    }));
  };
  unary("sqrt", Sqrt);
  unary("exp", Exp);
  unary("ln", Ln);
  unary("log", [](const Decimal& x) { return Log(DecimalFromInt(10), x); });
  unary("log10", [](const Decimal& x) { return Log(DecimalFromInt(10), x); });
  for (const char* name : {"power", "pow"}) {
    r.AddScalar(
        MakeScalar(name, {n, n}, n, [](Args a, size_t count, Vector& res, FunctionContext&) {
          BinaryLoop<Decimal, Decimal, Decimal>(*a[0], *a[1], count, res, DecimalPower);
        }));
  }
  r.AddScalar(MakeScalar("log", {n, n}, n, [](Args a, size_t count, Vector& res, FunctionContext&) {
    BinaryLoop<Decimal, Decimal, Decimal>(*a[0], *a[1], count, res, Log);
  }));
}

}  // namespace kadedb
