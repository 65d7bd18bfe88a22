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

}  // namespace

void RegisterComparisonOperators(FunctionRegistry& registry) {
  for (TypeId id : {TypeId::kBoolean, TypeId::kSmallInt, TypeId::kInteger, TypeId::kBigInt,
                    TypeId::kDate, TypeId::kTime, TypeId::kTimestamp, TypeId::kTimestampTz}) {
    RegisterType<int64_t>(registry, id, [](int64_t a, int64_t b) { return CompareValues(a, b); });
  }
  for (TypeId id : {TypeId::kReal, TypeId::kDouble}) {
    RegisterType<double>(registry, id, [](double a, double b) { return CompareValues(a, b); });
  }
  RegisterType<Decimal>(registry, TypeId::kDecimal, DecimalCompare);
  for (TypeId id : {TypeId::kText, TypeId::kBytea, TypeId::kUuid}) {
    RegisterType<std::string>(registry, id, [](const std::string& a, const std::string& b) {
      return CompareValues(a, b);
    });
  }
  RegisterType<Interval>(registry, TypeId::kInterval, IntervalCompare);
}

}  // namespace kadedb
