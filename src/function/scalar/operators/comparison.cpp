// Comparison operators = <> < <= > >= for every comparable type, same type on both sides (mixed
// numeric widths resolve through implicit casts). Text, bytea and uuid compare bytewise (C
// collation); doubles order NaN above everything and equal to itself (PostgreSQL); numerics
// compare by value; intervals by their 30-day-month length.
#include <type_traits>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "function/scalar/value_compare.hpp"

namespace kadedb {

namespace {

// Fixed-width types compare branch-free on every row (BinaryLoopTotal); strings, decimals and
// intervals only on valid rows.
template <class T, class Cmp>
void RegisterType(FunctionRegistry& r, LogicalType t, Cmp cmp) {
  const LogicalType b = TypeId::kBoolean;
  auto add = [&](const char* name, auto pred) {
    r.AddScalar(
        MakeScalar(name, {t, t}, b,
                   [cmp, pred](const std::vector<const Vector*>& args, size_t count, Vector& result,
                               FunctionContext&) {
                     auto op = [&](const T& x, const T& y) -> int64_t { return pred(cmp(x, y)); };
                     if constexpr (std::is_arithmetic_v<T>) {
                       BinaryLoopTotal<T, T, int64_t>(*args[0], *args[1], count, result, op);
                     } else {
                       BinaryLoop<T, T, int64_t>(*args[0], *args[1], count, result, op);
                     }
                   }));
  };
  add("=", [](int c) { return c == 0; });
  add("<>", [](int c) { return c != 0; });
  add("<", [](int c) { return c < 0; });
  add("<=", [](int c) { return c <= 0; });
  add(">", [](int c) { return c > 0; });
  add(">=", [](int c) { return c >= 0; });
}

// DecimalCompare with its common cases inline (no call per row): equal scales compare mantissas;
// scales up to 18 apart with the lower-scale mantissa within int64 align it in int128 (below
// 2^63 * 10^18 < 2^123, exact), e.g. a numeric(15,2) sum against the constant 300 in q18's HAVING.
inline int CompareDecimals(const Decimal& a, const Decimal& b) {
  __int128 x = a.mantissa, y = b.mantissa;
  if (a.scale != b.scale) {
    const int64_t d = static_cast<int64_t>(a.scale) - b.scale;
    __int128& low = d > 0 ? y : x;
    const uint64_t k = static_cast<uint64_t>(d > 0 ? d : -d);
    const int64_t m = static_cast<int64_t>(low);
    if (k > 18 || static_cast<__int128>(m) != low) return DecimalCompare(a, b);
    low = static_cast<__int128>(m) * kDecimalPow10Int64[k];
  }
  return (x > y) - (x < y);
}

}  // namespace

void RegisterComparisonOperators(FunctionRegistry& registry) {
  for (TypeId id : {TypeId::kBoolean, TypeId::kSmallInt, TypeId::kInteger, TypeId::kBigInt,
                    TypeId::kDate, TypeId::kTime, TypeId::kTimestamp, TypeId::kTimestampTz}) {
    RegisterType<int64_t>(registry, id, [](int64_t a, int64_t b) { return CompareValues(a, b); });
  }
  for (TypeId id : {TypeId::kReal, TypeId::kDouble}) {
    RegisterType<double>(registry, id, [](double a, double b) { return CompareValues(a, b); });
  }
  RegisterType<Decimal>(registry, TypeId::kDecimal,
                        [](const Decimal& a, const Decimal& b) { return CompareDecimals(a, b); });
  for (TypeId id : {TypeId::kText, TypeId::kBytea, TypeId::kUuid}) {
    RegisterType<std::string>(registry, id, [](const std::string& a, const std::string& b) {
      return CompareValues(a, b);
    });
  }
  RegisterType<Interval>(registry, TypeId::kInterval, IntervalCompare);
}

}  // namespace kadedb
