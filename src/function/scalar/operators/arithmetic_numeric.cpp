// + - * / % ^ and unary - + for numeric, exact via common/decimal.hpp (PostgreSQL result scales;
// 22003 on overflow, 22012 on division by zero). ^ goes through double and converts back.
#include <cmath>

#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/math/numeric_math.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

// The numeric ^ result: exact for small non-negative integer exponents, else computed in double.
// Also used by power(numeric, numeric) (numeric_math.cpp).
Decimal DecimalPower(const Decimal& a, const Decimal& b) {
  int64_t e;
  if (b.scale == 0 || DecimalCompare(DecimalTrunc(b, 0), b) == 0) {
    if (DecimalToInt64(b, &e) && e >= 0 && e <= 64) {
      Decimal r = DecimalFromInt(1);
      for (int64_t i = 0; i < e; i++) r = DecimalMul(r, a);
      return r;
    }
  }
  double r = CheckedPow(DecimalToDouble(a), DecimalToDouble(b));
  Decimal d = DecimalFromDouble(r);
  // PostgreSQL gives at least 16 significant digits; keep the shortest round-trip digits.
  return d;
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
  binary("+", DecimalAdd);
  binary("-", DecimalSub);
  binary("*", DecimalMul);
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
