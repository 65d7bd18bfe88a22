// + - * / % and unary - + for smallint, integer and bigint. All three are stored as int64; each
// result is range-checked against its own type (22003 "integer out of range"), division and
// modulo by zero raise 22012, division truncates toward zero and % takes the dividend's sign.
#include <limits>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

struct SmallIntTraits {
  static constexpr TypeId kType = TypeId::kSmallInt;
  static constexpr int64_t kMin = std::numeric_limits<int16_t>::min();
  static constexpr int64_t kMax = std::numeric_limits<int16_t>::max();
  static constexpr const char* kName = "smallint";
};
struct IntegerTraits {
  static constexpr TypeId kType = TypeId::kInteger;
  static constexpr int64_t kMin = std::numeric_limits<int32_t>::min();
  static constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
  static constexpr const char* kName = "integer";
};
struct BigIntTraits {
  static constexpr TypeId kType = TypeId::kBigInt;
  static constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  static constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  static constexpr const char* kName = "bigint";
};

template <class T>
inline int64_t Check(__int128 v) {
  if (v < T::kMin || v > T::kMax) ThrowOutOfRange(T::kName);
  return static_cast<int64_t>(v);
}

// Non-throwing form of Check for BinaryLoopChecked.
template <class T>
inline int64_t Fit(__int128 v, bool& bad) {
  bad = v < T::kMin || v > T::kMax;
  return static_cast<int64_t>(v);
}

template <class T>
void Register(FunctionRegistry& r) {
  const LogicalType t = T::kType;
  auto binary = [&](const char* name, auto op) {
    r.AddScalar(MakeScalar(name, {t, t}, t,
                           [op](const std::vector<const Vector*>& args, size_t count,
                                Vector& result, FunctionContext&) {
                             BinaryLoop<int64_t, int64_t, int64_t>(*args[0], *args[1], count,
                                                                   result, op);
                           }));
  };
  // + - * run branch-free (BinaryLoopChecked) and fall back to the throwing loop on overflow.
  auto checked = [&](const char* name, auto fast, auto slow) {
    r.AddScalar(MakeScalar(name, {t, t}, t,
                           [fast, slow](const std::vector<const Vector*>& args, size_t count,
                                        Vector& result, FunctionContext&) {
                             BinaryLoopChecked<int64_t, int64_t, int64_t>(*args[0], *args[1], count,
                                                                          result, fast, slow);
                           }));
  };
  checked(
      "+",
      [](int64_t a, int64_t b, bool& bad) { return Fit<T>(static_cast<__int128>(a) + b, bad); },
      [](int64_t a, int64_t b) { return Check<T>(static_cast<__int128>(a) + b); });
  checked(
      "-",
      [](int64_t a, int64_t b, bool& bad) { return Fit<T>(static_cast<__int128>(a) - b, bad); },
      [](int64_t a, int64_t b) { return Check<T>(static_cast<__int128>(a) - b); });
  checked(
      "*",
      [](int64_t a, int64_t b, bool& bad) { return Fit<T>(static_cast<__int128>(a) * b, bad); },
      [](int64_t a, int64_t b) { return Check<T>(static_cast<__int128>(a) * b); });
  binary("/", [](int64_t a, int64_t b) -> int64_t {
    if (b == 0) ThrowDivisionByZero();
    if (b == -1) return Check<T>(-static_cast<__int128>(a));
    return a / b;
  });
  binary("%", [](int64_t a, int64_t b) -> int64_t {
    if (b == 0) ThrowDivisionByZero();
    if (b == -1) return 0;  // INT_MIN % -1 would trap in C
    return a % b;
  });
  auto unary = [&](const char* name, auto op) {
    r.AddScalar(MakeScalar(
        name, {t}, t,
        [op](const std::vector<const Vector*>& args, size_t count, Vector& result,
             FunctionContext&) { UnaryLoop<int64_t, int64_t>(*args[0], count, result, op); }));
  };
  unary("-", [](int64_t a) { return Check<T>(-static_cast<__int128>(a)); });
  unary("+", [](int64_t a) { return a; });
}

}  // namespace

void RegisterIntegerArithmetic(FunctionRegistry& registry) {
  Register<SmallIntTraits>(registry);
  Register<IntegerTraits>(registry);
  Register<BigIntTraits>(registry);
}

}  // namespace kadedb
