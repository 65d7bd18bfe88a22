// stddev/stddev_samp, stddev_pop, variance/var_samp, var_pop.
//
// Integer and numeric inputs give numeric, computed exactly as PostgreSQL's numeric_stddev_internal
// does: (N·Σx² − (Σx)²) / (N·(N−1)) (or N² for the population forms) with PostgreSQL's division
// scale, and the square root rounded to that same scale. real/double inputs give double via the
// Youngs-Cramer running sums PostgreSQL uses for float8 (mergeable in Combine). The sample forms
// are NULL for fewer than two rows, the population forms for zero rows.
#include <cmath>

#include "common/decimal.hpp"
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/aggregate/float_accum.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/math/numeric_math.hpp"

namespace kadedb {

namespace {

enum class Stat : uint8_t { kVarSamp, kVarPop, kStddevSamp, kStddevPop };

constexpr bool IsSample(Stat s) {
  return s == Stat::kVarSamp || s == Stat::kStddevSamp;
}
constexpr bool IsStddev(Stat s) {
  return s == Stat::kStddevSamp || s == Stat::kStddevPop;
}

struct NumericState {
  int64_t n = 0;
  Decimal sum;
  Decimal sum_sq;
};

template <Stat kStat, bool kIntInput>
class NumericVarianceKernel : public TypedAggregateKernel<NumericState> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    const uint8_t* valid = args[0]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      Decimal x = kIntInput ? DecimalFromInt(args[0]->ints()[i]) : args[0]->decimals()[i];
      auto* s = Get(states[i]);
      s->sum = DecimalAdd(s->sum, x);
      s->sum_sq = DecimalAdd(s->sum_sq, DecimalMul(x, x));
      s->n++;
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Get(source);
    auto* t = Get(target);
    t->n += s->n;
    t->sum = DecimalAdd(t->sum, s->sum);
    t->sum_sq = DecimalAdd(t->sum_sq, s->sum_sq);
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      bool null = IsSample(kStat) ? s->n <= 1 : s->n == 0;
      result.SetNull(i, null);
      if (null) continue;
      Decimal n = DecimalFromInt(s->n);
      Decimal num = DecimalSub(DecimalMul(n, s->sum_sq), DecimalMul(s->sum, s->sum));
      if (DecimalSign(num) <= 0) {
        result.decimals()[i] = Decimal{0, 0};
        continue;
      }
      Decimal den = DecimalMul(n, IsSample(kStat) ? DecimalFromInt(s->n - 1) : n);
      Decimal var = DecimalDiv(num, den);
      result.decimals()[i] = IsStddev(kStat) ? DecimalSqrtAtScale(var, var.scale) : var;
    }
  }
};

using FloatState = FloatAccumState;

template <Stat kStat>
class FloatVarianceKernel : public TypedAggregateKernel<FloatState> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    const double* in = args[0]->doubles().data();
    const uint8_t* valid = args[0]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (valid[i]) FloatAccum(*Get(states[i]), in[i]);
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    FloatCombine(*Get(target), *Get(source));
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      bool null = IsSample(kStat) ? s->n <= 1 : s->n == 0;
      result.SetNull(i, null);
      if (null) continue;
      double var = s->sxx / (IsSample(kStat) ? s->n - 1 : s->n);
      result.doubles()[i] = IsStddev(kStat) ? std::sqrt(var) : var;
    }
  }
};

template <Stat kStat>
void Register(FunctionRegistry& r, const char* name) {
  for (TypeId t : {TypeId::kSmallInt, TypeId::kInteger, TypeId::kBigInt}) {
    r.AddAggregate(MakeAggregate<NumericVarianceKernel<kStat, true>>(name, {t}, TypeId::kDecimal));
  }
  r.AddAggregate(MakeAggregate<NumericVarianceKernel<kStat, false>>(name, {TypeId::kDecimal},
                                                                    TypeId::kDecimal));
  r.AddAggregate(MakeAggregate<FloatVarianceKernel<kStat>>(name, {TypeId::kReal}, TypeId::kDouble));
  r.AddAggregate(
      MakeAggregate<FloatVarianceKernel<kStat>>(name, {TypeId::kDouble}, TypeId::kDouble));
}

}  // namespace

void RegisterVarianceAggregates(FunctionRegistry& r) {
  Register<Stat::kVarSamp>(r, "variance");
  Register<Stat::kVarSamp>(r, "var_samp");
  Register<Stat::kVarPop>(r, "var_pop");
  Register<Stat::kStddevSamp>(r, "stddev");
  Register<Stat::kStddevSamp>(r, "stddev_samp");
  Register<Stat::kStddevPop>(r, "stddev_pop");
}

}  // namespace kadedb
