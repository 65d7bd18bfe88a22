// abs, sign, ceil/ceiling, floor, round, trunc for integers (abs only), real/double and numeric.
// round(double) rounds half to even (rint, as PostgreSQL); round(numeric) rounds half away from
// zero; round/trunc(numeric, n) accept negative n. width_bucket(x, low, high, count) on doubles.
#include <cmath>
#include <limits>

#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

template <class T, class R = T, class Op>
ScalarExec Unary(Op op) {
  return
      [op](Args a, size_t n, Vector& res, FunctionContext&) { UnaryLoop<T, R>(*a[0], n, res, op); };
}

void AddIntAbs(FunctionRegistry& r, TypeId id, int64_t min, const char* name) {
  r.AddScalar(MakeScalar("abs", {id}, id, Unary<int64_t>([min, name](int64_t v) {
                           if (v == min) ThrowOutOfRange(name);
                           return v < 0 ? -v : v;
                         })));
}

int64_t WidthBucket(double x, double low, double high, int64_t count) {
  if (count <= 0) throw Exception("2201G", "count must be greater than zero");
  if (std::isnan(x) || std::isnan(low) || std::isnan(high)) {
    throw Exception("2201G", "operand, lower bound, and upper bound cannot be NaN");
  }
  if (std::isinf(low) || std::isinf(high)) {
    throw Exception("2201G", "lower and upper bounds must be finite");
  }
  if (low == high) throw Exception("2201G", "lower bound cannot equal upper bound");
  int64_t bucket;
  if (low < high) {
    if (x < low) return 0;
    if (x >= high) {
      bucket = count + 1;
    } else {
      bucket =
          std::min(count, static_cast<int64_t>(std::floor((x - low) / (high - low) * count)) + 1);
    }
  } else {
    if (x > low) return 0;
    if (x <= high) {
      bucket = count + 1;
    } else {
      bucket =
          std::min(count, static_cast<int64_t>(std::floor((low - x) / (low - high) * count)) + 1);
    }
  }
  if (bucket > std::numeric_limits<int32_t>::max()) ThrowOutOfRange("integer");
  return bucket;
}

}  // namespace

void RegisterRoundingFunctions(FunctionRegistry& r) {
  const LogicalType dbl = TypeId::kDouble, real = TypeId::kReal, num = TypeId::kDecimal,
                    integer = TypeId::kInteger;
  AddIntAbs(r, TypeId::kSmallInt, std::numeric_limits<int16_t>::min(), "smallint");
  AddIntAbs(r, TypeId::kInteger, std::numeric_limits<int32_t>::min(), "integer");
  AddIntAbs(r, TypeId::kBigInt, std::numeric_limits<int64_t>::min(), "bigint");
  auto fabs = Unary<double>([](double v) { return std::fabs(v); });
  r.AddScalar(MakeScalar("abs", {real}, real, fabs));
  r.AddScalar(MakeScalar("abs", {dbl}, dbl, fabs));
  r.AddScalar(MakeScalar("abs", {num}, num, Unary<Decimal>(DecimalAbs)));

  r.AddScalar(MakeScalar("sign", {dbl}, dbl, Unary<double>([](double v) {
                           return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0);
                         })));
  r.AddScalar(MakeScalar("sign", {num}, num, Unary<Decimal>([](const Decimal& d) {
                           return DecimalFromInt(DecimalSign(d));
                         })));
  for (const char* name : {"ceil", "ceiling"}) {
    r.AddScalar(MakeScalar(name, {dbl}, dbl, Unary<double>([](double v) { return std::ceil(v); })));
    r.AddScalar(MakeScalar(name, {num}, num, Unary<Decimal>(DecimalCeil)));
  }
  r.AddScalar(
      MakeScalar("floor", {dbl}, dbl, Unary<double>([](double v) { return std::floor(v); })));
  r.AddScalar(MakeScalar("floor", {num}, num, Unary<Decimal>(DecimalFloor)));
  r.AddScalar(
      MakeScalar("round", {dbl}, dbl, Unary<double>([](double v) { return std::rint(v); })));
  r.AddScalar(MakeScalar("round", {num}, num,
                         Unary<Decimal>([](const Decimal& d) { return DecimalRound(d, 0); })));
  r.AddScalar(
      MakeScalar("trunc", {dbl}, dbl, Unary<double>([](double v) { return std::trunc(v); })));
  r.AddScalar(MakeScalar("trunc", {num}, num,
                         Unary<Decimal>([](const Decimal& d) { return DecimalTrunc(d, 0); })));
  r.AddScalar(
      MakeScalar("round", {num, integer}, num, [](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<Decimal, int64_t, Decimal>(
            *a[0], *a[1], n, res, [](const Decimal& d, int64_t digits) {
              return DecimalRound(d, static_cast<int32_t>(digits));
            });
      }));
  r.AddScalar(
      MakeScalar("trunc", {num, integer}, num, [](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<Decimal, int64_t, Decimal>(
            *a[0], *a[1], n, res, [](const Decimal& d, int64_t digits) {
              return DecimalTrunc(d, static_cast<int32_t>(digits));
            });
      }));
  r.AddScalar(MakeScalar("width_bucket", {dbl, dbl, dbl, integer}, integer,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           PropagateNulls(a, n, res);
                           for (size_t i = 0; i < n; i++) {
                             if (res.IsNull(i)) continue;
                             res.ints()[i] = WidthBucket(a[0]->doubles()[i], a[1]->doubles()[i],
                                                         a[2]->doubles()[i], a[3]->ints()[i]);
                           }
                         }));
}

}  // namespace kadedb
