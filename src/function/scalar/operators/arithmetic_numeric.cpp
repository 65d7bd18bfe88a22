// + - * / % ^ and unary - + for numeric, exact via common/decimal.hpp (PostgreSQL result scales;
// 22003 on overflow, 22012 on division by zero). ^ is exact for small integer exponents.
#include <algorithm>
#include <cmath>

#include "common/decimal.hpp"
#include "common/decimal_batch.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/math/numeric_math.hpp"
#include "function/scalar/operators/arithmetic_numeric.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

// Rescales to `scale` fractional digits, reduced so the result keeps within 38 digits.
Decimal FitScale(const Decimal& d, int32_t scale) {
  int32_t integer_digits = DecimalDigitCount(d.mantissa) - d.scale;
  scale = std::min(scale, kDecimalMaxDigits - std::max(integer_digits, 1));
  return DecimalRescale(d, std::max(scale, 0));
}

// The numeric ^ result with PostgreSQL's result scale (at least 16 significant digits): exact
// products for integer exponents 0..64, otherwise computed in long double and rounded to 16
// significant digits. Also used by power(numeric, numeric) (numeric_math.cpp).
Decimal DecimalPower(const Decimal& a, const Decimal& b) {
  int64_t e;
  if (DecimalCompare(DecimalTrunc(b, 0), b) == 0 && DecimalToInt64(b, &e) && e >= 0 && e <= 64) {
    Decimal r = DecimalFromInt(1);
    for (int64_t i = 0; i < e; i++) r = DecimalMul(r, a);
    return FitScale(r, std::max(16, a.scale));
  }
  // CheckedPow raises PostgreSQL's errors (0 ^ negative, negative ^ fraction, overflow).
  CheckedPow(DecimalToDouble(a), DecimalToDouble(b));
  long double r = std::pow(DecimalToLongDouble(a), DecimalToLongDouble(b));
  if (r == 0) return Decimal{0, 16};
  int32_t scale = 16 - static_cast<int32_t>(std::floor(std::log10(std::fabs(r)))) - 1;
  scale = std::max({scale, a.scale, b.scale, 0});
  return DecimalFromLongDouble(r, std::min(scale, kDecimalMaxScale));
}

namespace {

using DecimalBatchFn = bool (*)(const Decimal*, const Decimal*, const uint8_t*, size_t,
                                std::vector<Decimal>&);
using DecimalScalarFn = Decimal (*)(const Decimal&, const Decimal&);

// + - * over vectors: the branch-free batch loops of common/decimal_batch.hpp (int64 mantissas,
// scales at most 18 apart: every row of numeric(p <= 18, s) columns and their products); a batch
// with any other valid row is redone row by row with DecimalAdd/Sub/Mul, whose results are the
// same and which raise the errors in row order. Sizes its result: an empty one is built with
// each 32-byte slot written once (see NumericKernelSizesResult).
template <DecimalBatchFn kBatch, DecimalScalarFn kScalar>
struct DecimalBatchKernel {
  void operator()(const std::vector<const Vector*>& args, size_t count, Vector& result,
                  FunctionContext&) const {
    const Vector& a = *args[0];
    const Vector& b = *args[1];
    const uint8_t* va = a.validity().data();
    const uint8_t* vb = b.validity().data();
    auto& rvalid = result.validity();
    rvalid.resize(count);
    for (size_t i = 0; i < count; i++) rvalid[i] = va[i] & vb[i];
    if (kBatch(a.decimals().data(), b.decimals().data(), rvalid.data(), count, result.decimals())) {
      return;
    }
    BinaryLoop<Decimal, Decimal, Decimal>(a, b, count, result, kScalar);
  }
};

using AddKernel = DecimalBatchKernel<DecimalAddBatch, DecimalAdd>;
using SubKernel = DecimalBatchKernel<DecimalSubBatch, DecimalSub>;
using MulKernel = DecimalBatchKernel<DecimalMulBatch, DecimalMul>;

}  // namespace

bool NumericKernelSizesResult(const ScalarFunction& fn) {
  if (fn.return_type.id != TypeId::kDecimal) return false;
  return fn.exec.target<AddKernel>() != nullptr || fn.exec.target<SubKernel>() != nullptr ||
         fn.exec.target<MulKernel>() != nullptr;
}

bool ExecuteNumericConstant(const ScalarFunction& fn, const Decimal& c, bool const_left,
                            const Vector& v, size_t count, Vector& result) {
  if (fn.return_type.id != TypeId::kDecimal) return false;
  char op = fn.exec.target<AddKernel>()   ? '+'
            : fn.exec.target<SubKernel>() ? '-'
            : fn.exec.target<MulKernel>() ? '*'
                                          : 0;
  if (op == 0) return false;
  auto& rvalid = result.validity();
  rvalid.assign(v.validity().begin(), v.validity().begin() + static_cast<std::ptrdiff_t>(count));
  return DecimalConstBatch(op, c, const_left, v.decimals().data(), rvalid.data(), count,
                           result.decimals());
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
  registry.AddScalar(MakeScalar("+", {n, n}, n, AddKernel()));
  registry.AddScalar(MakeScalar("-", {n, n}, n, SubKernel()));
  registry.AddScalar(MakeScalar("*", {n, n}, n, MulKernel()));
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
