// Floating-point math: sqrt, cbrt, exp, ln, log (base 10), log(b, x), power/pow, pi, degrees,
// radians and the trigonometric functions, with PostgreSQL's error codes (2201F for sqrt of a
// negative number and invalid powers, 2201E for logarithms of zero or negatives, 22003 for
// overflow and out-of-domain inverse trigonometry).
#include <cmath>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

template <class Op>
ScalarExec Unary(Op op) {
  return [op](Args a, size_t n, Vector& res, FunctionContext&) {
    UnaryLoop<double, double>(*a[0], n, res, op);
  };
}
template <class Op>
ScalarExec Binary(Op op) {
  return [op](Args a, size_t n, Vector& res, FunctionContext&) {
    BinaryLoop<double, double, double>(*a[0], *a[1], n, res, op);
  };
}

inline double CheckResult(double r, double x) {
  if (std::isinf(r) && !std::isinf(x)) ThrowFloatOverflow();
  return r;
}

double Log(double x, double (*f)(double)) {
  if (x == 0) throw Exception("2201E", "cannot take logarithm of zero");
  if (x < 0) throw Exception("2201E", "cannot take logarithm of a negative number");
  return f(x);
}

double InverseTrig(double x, double (*f)(double)) {
  if (!std::isnan(x) && (x < -1 || x > 1)) {
    throw Exception(sqlstate::kNumericOutOfRange, "input is out of range");
  }
  return f(x);
}

}  // namespace

void RegisterTranscendentalFunctions(FunctionRegistry& r) {
  const LogicalType d = TypeId::kDouble;
  auto add1 = [&](const char* name, ScalarExec e) { r.AddScalar(MakeScalar(name, {d}, d, e)); };
  add1("sqrt", Unary([](double x) {
         if (x < 0) throw Exception("2201F", "cannot take square root of a negative number");
         return std::sqrt(x);
       }));
  add1("cbrt", Unary([](double x) { return std::cbrt(x); }));
  add1("exp", Unary([](double x) {
         double v = CheckResult(std::exp(x), x);
         if (v == 0 && std::isfinite(x)) ThrowFloatUnderflow();
         return v;
       }));
  add1("ln", Unary([](double x) { return Log(x, std::log); }));
  add1("log", Unary([](double x) { return Log(x, std::log10); }));
  add1("log10", Unary([](double x) { return Log(x, std::log10); }));
  r.AddScalar(MakeScalar("log", {d, d}, d, Binary([](double b, double x) {
                           double lb = Log(b, std::log);
                           double lx = Log(x, std::log);
                           if (lb == 0) ThrowDivisionByZero();
                           return lx / lb;
                         })));
  for (const char* name : {"power", "pow"}) {
    r.AddScalar(MakeScalar(name, {d, d}, d, Binary(CheckedPow)));
  }
  r.AddScalar(MakeScalar("pi", {}, d, [](Args, size_t n, Vector& res, FunctionContext&) {
    res.Resize(n);
    for (size_t i = 0; i < n; i++) {
      res.doubles()[i] = M_PI;
      res.SetNull(i, false);
    }
  }));
  add1("degrees", Unary([](double x) { return x * (180.0 / M_PI); }));
  add1("radians", Unary([](double x) { return x * (M_PI / 180.0); }));
  add1("sin", Unary([](double x) { return std::sin(x); }));
  add1("cos", Unary([](double x) { return std::cos(x); }));
  add1("tan", Unary([](double x) { return std::tan(x); }));
  add1("cot", Unary([](double x) { return 1.0 / std::tan(x); }));
  add1("asin", Unary([](double x) { return InverseTrig(x, std::asin); }));
  add1("acos", Unary([](double x) { return InverseTrig(x, std::acos); }));
  add1("atan", Unary([](double x) { return std::atan(x); }));
  r.AddScalar(
      MakeScalar("atan2", {d, d}, d, Binary([](double y, double x) { return std::atan2(y, x); })));
  add1("sinh", Unary([](double x) { return CheckResult(std::sinh(x), x); }));
  add1("cosh", Unary([](double x) { return CheckResult(std::cosh(x), x); }));
  add1("tanh", Unary([](double x) { return std::tanh(x); }));
}

}  // namespace kadedb
