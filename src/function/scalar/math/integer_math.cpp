// mod, div, gcd, lcm for integers and numeric (PostgreSQL semantics: mod takes the dividend's
// sign, div truncates toward zero; 22012 on zero divisors; 22003 when a result leaves the type).
#include <limits>

#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

int64_t Gcd(int64_t a, int64_t b, int64_t min, const char* name) {
  // |INT_MIN| is not representable: gcd(INT_MIN, 0) and gcd(INT_MIN, INT_MIN) overflow.
  __int128 x = a < 0 ? -static_cast<__int128>(a) : a;
  __int128 y = b < 0 ? -static_cast<__int128>(b) : b;
  while (y != 0) {
    __int128 t = x % y;
    x = y;
    y = t;
  }
  if (x > -static_cast<__int128>(min) - 1) ThrowOutOfRange(name);
  return static_cast<int64_t>(x);
}

int64_t Lcm(int64_t a, int64_t b, int64_t min, const char* name) {
  if (a == 0 || b == 0) return 0;
  int64_t g = Gcd(a, b, min, name);
  __int128 v = static_cast<__int128>(a / g) * b;
  if (v < 0) v = -v;
  if (v > -static_cast<__int128>(min) - 1) ThrowOutOfRange(name);
  return static_cast<int64_t>(v);
}

void AddInt(FunctionRegistry& r, TypeId id, int64_t min, const char* name) {
  const LogicalType t = id;
  r.AddScalar(MakeScalar("mod", {t, t}, t, [](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<int64_t, int64_t, int64_t>(*a[0], *a[1], n, res, [](int64_t x, int64_t y) {
      if (y == 0) ThrowDivisionByZero();
      return y == -1 ? 0 : x % y;
    });
  }));
  r.AddScalar(
      MakeScalar("gcd", {t, t}, t, [min, name](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<int64_t, int64_t, int64_t>(
            *a[0], *a[1], n, res, [&](int64_t x, int64_t y) { return Gcd(x, y, min, name); });
      }));
  r.AddScalar(
      MakeScalar("lcm", {t, t}, t, [min, name](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<int64_t, int64_t, int64_t>(
            *a[0], *a[1], n, res, [&](int64_t x, int64_t y) { return Lcm(x, y, min, name); });
      }));
}

}  // namespace

void RegisterIntegerMathFunctions(FunctionRegistry& r) {
  AddInt(r, TypeId::kSmallInt, std::numeric_limits<int16_t>::min(), "smallint");
  AddInt(r, TypeId::kInteger, std::numeric_limits<int32_t>::min(), "integer");
  AddInt(r, TypeId::kBigInt, std::numeric_limits<int64_t>::min(), "bigint");
  const LogicalType num = TypeId::kDecimal;
  r.AddScalar(
      MakeScalar("mod", {num, num}, num, [](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<Decimal, Decimal, Decimal>(*a[0], *a[1], n, res, DecimalMod);
      }));
  r.AddScalar(
      MakeScalar("div", {num, num}, num, [](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<Decimal, Decimal, Decimal>(
            *a[0], *a[1], n, res, [](const Decimal& x, const Decimal& y) {
              if (y.mantissa == 0) ThrowDivisionByZero();
              // (x - x mod y) / y is exact, then drop the scale.
              Decimal q = DecimalDiv(DecimalSub(x, DecimalMod(x, y)), y);
              return DecimalTrunc(q, 0);
            });
      }));
}

}  // namespace kadedb
