// Comparison operators = <> < <= > >= for every comparable type, same type on both sides (mixed
// numeric widths resolve through implicit casts). Text, bytea and uuid compare bytewise (C
// collation); doubles order NaN above everything and equal to itself (PostgreSQL); numerics
// compare by value; intervals by their 30-day-month length.
#include <cmath>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

template <class T, class Cmp>
void RegisterType(FunctionRegistry& r, LogicalType t, Cmp cmp) {
  const LogicalType b = TypeId::kBoolean;
  auto add = [&](const char* name, auto pred) {
    r.AddScalar(MakeScalar(name, {t, t}, b,
                           [cmp, pred](const std::vector<const Vector*>& args, size_t count,
                                       Vector& result, FunctionContext&) {
                             BinaryLoop<T, T, int64_t>(*args[0], *args[1], count, result,
                                                       [&](const T& x, const T& y) -> int64_t {
                                                         return pred(cmp(x, y));
                                                       });
                           }));
  };
  add("=", [](int c) { return c == 0; });
  add("<>", [](int c) { return c != 0; });
  add("<", [](int c) { return c < 0; });
  add("<=", [](int c) { return c <= 0; });
  add(">", [](int c) { return c > 0; });
  add(">=", [](int c) { return c >= 0; });
}

inline int CompareInt(int64_t a, int64_t b) {
  return (a > b) - (a < b);
}

inline int CompareDouble(double a, double b) {
  if (std::isnan(a)) return std::isnan(b) ? 0 : 1;
  if (std::isnan(b)) return -1;
  return (a > b) - (a < b);
}

inline int CompareBytes(const std::string& a, const std::string& b) {
  int c = a.compare(b);  // char_traits<char>::compare orders as unsigned char, like memcmp
  return (c > 0) - (c < 0);
}

}  // namespace

void RegisterComparisonOperators(FunctionRegistry& registry) {
  for (TypeId id : {TypeId::kBoolean, TypeId::kSmallInt, TypeId::kInteger, TypeId::kBigInt,
                    TypeId::kDate, TypeId::kTime, TypeId::kTimestamp, TypeId::kTimestampTz}) {
    RegisterType<int64_t>(registry, id, CompareInt);
  }
  RegisterType<double>(registry, TypeId::kReal, CompareDouble);
  RegisterType<double>(registry, TypeId::kDouble, CompareDouble);
  RegisterType<Decimal>(registry, TypeId::kDecimal, DecimalCompare);
  for (TypeId id : {TypeId::kText, TypeId::kBytea, TypeId::kUuid}) {
    RegisterType<std::string>(registry, id, CompareBytes);
  }
  RegisterType<Interval>(registry, TypeId::kInterval, IntervalCompare);
}

}  // namespace kadedb
