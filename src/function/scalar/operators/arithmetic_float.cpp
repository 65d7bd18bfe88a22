// + - * / % and unary - + for real and double precision, plus ^ (power) for double. Overflow to
// infinity from finite inputs raises 22003 "value out of range: overflow", a zero result from
// non-zero inputs of * and / raises "value out of range: underflow", x / 0 raises 22012. Real
// arithmetic is done in float so results round like PostgreSQL's float4.
#include <cmath>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

[[noreturn]] void ThrowFloatOverflow() {
  throw Exception(sqlstate::kNumericOutOfRange, "value out of range: overflow");
}
[[noreturn]] void ThrowFloatUnderflow() {
  throw Exception(sqlstate::kNumericOutOfRange, "value out of range: underflow");
}

// Shared with the math functions (power()).
double CheckedPow(double a, double b) {
  if (a == 0 && b < 0) {
    throw Exception("2201F", "zero raised to a negative power is undefined");
  }
  if (a < 0 && std::floor(b) != b && std::isfinite(b)) {
    throw Exception("2201F",
                    "a negative number raised to a non-integer power yields a complex "
                    "result");
  }
  double r = std::pow(a, b);
  if (std::isinf(r) && std::isfinite(a) && std::isfinite(b)) ThrowFloatOverflow();
  if (r == 0 && a != 0 && std::isfinite(a) && std::isfinite(b)) ThrowFloatUnderflow();
  return r;
}

namespace {

template <class F>
inline F CheckOverflow(F r, F a, F b) {
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) ThrowFloatOverflow();
  return r;
}

// Non-throwing error tests for the branch-free fast path.
template <class F>
inline bool Overflowed(F r, F a, F b) {
  return std::isinf(r) && !std::isinf(a) && !std::isinf(b);
}

// Registers + - * / over (left, right) -> result computed in F, and unary - + when left == right.
// Mixed real/double pairs exist as in PostgreSQL (float48pl ...), so real + integer resolves to
// double precision the way PostgreSQL's preferred-type rule picks it.
template <class F>
void Register(FunctionRegistry& r, TypeId left, TypeId right, TypeId result_type) {
  const LogicalType t = result_type;
  const LogicalType lt = left, rt = right;
  // fast(a, b, bad) never throws (BinaryLoopChecked); slow(a, b) throws the row's error.
  auto binary = [&](const char* name, auto fast, auto slow) {
    r.AddScalar(MakeScalar(
        name, {lt, rt}, t,
        [fast, slow](const std::vector<const Vector*>& args, size_t count, Vector& result,
                     FunctionContext&) {
          BinaryLoopChecked<double, double, double>(
              *args[0], *args[1], count, result,
              [&](double a, double b, bool& bad) {
                return static_cast<double>(fast(static_cast<F>(a), static_cast<F>(b), bad));
              },
              [&](double a, double b) {
                return static_cast<double>(slow(static_cast<F>(a), static_cast<F>(b)));
              });
        }));
  };
  binary(
      "+",
      [](F a, F b, bool& bad) {
        F v = a + b;
        bad = Overflowed(v, a, b);
        return v;
      },
      [](F a, F b) { return CheckOverflow<F>(a + b, a, b); });
  binary(
      "-",
      [](F a, F b, bool& bad) {
        F v = a - b;
        bad = Overflowed(v, a, b);
        return v;
      },
      [](F a, F b) { return CheckOverflow<F>(a - b, a, b); });
  binary(
      "*",
      [](F a, F b, bool& bad) {
        F v = a * b;
        bad = Overflowed(v, a, b) || (v == 0 && a != 0 && b != 0);
        return v;
      },
      [](F a, F b) {
        F v = CheckOverflow<F>(a * b, a, b);
        if (v == 0 && a != 0 && b != 0) ThrowFloatUnderflow();
        return v;
      });
  binary(
      "/",
      [](F a, F b, bool& bad) {
        F v = a / b;  // IEEE: x / 0 is inf or NaN, no trap; such rows are flagged
        // NaN / 0 is NaN, not an error (PostgreSQL's float8_div).
        bad = (b == 0 && !std::isnan(a)) || Overflowed(v, a, b) ||
              (v == 0 && a != 0 && !std::isinf(b));
        return v;
      },
      [](F a, F b) {
        if (b == 0 && !std::isnan(a)) ThrowDivisionByZero();
        F v = CheckOverflow<F>(a / b, a, b);
        if (v == 0 && a != 0 && !std::isinf(b)) ThrowFloatUnderflow();
        return v;
      });
  if (left != right) return;
  auto unary = [&](const char* name, auto op) {
    r.AddScalar(MakeScalar(
        name, {t}, t,
        [op](const std::vector<const Vector*>& args, size_t count, Vector& result,
             FunctionContext&) { UnaryLoop<double, double>(*args[0], count, result, op); }));
  };
  unary("-", [](double a) { return -a; });
  unary("+", [](double a) { return a; });
}

}  // namespace

void RegisterFloatArithmetic(FunctionRegistry& registry) {
  Register<float>(registry, TypeId::kReal, TypeId::kReal, TypeId::kReal);
  Register<double>(registry, TypeId::kDouble, TypeId::kDouble, TypeId::kDouble);
  Register<double>(registry, TypeId::kReal, TypeId::kDouble, TypeId::kDouble);
  Register<double>(registry, TypeId::kDouble, TypeId::kReal, TypeId::kDouble);
  const LogicalType d = TypeId::kDouble;
  registry.AddScalar(MakeScalar(
      "^", {d, d}, d,
      [](const std::vector<const Vector*>& args, size_t count, Vector& result, FunctionContext&) {
        BinaryLoop<double, double, double>(*args[0], *args[1], count, result, CheckedPow);
      }));
}

}  // namespace kadedb
