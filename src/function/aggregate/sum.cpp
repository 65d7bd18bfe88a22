// sum(x): smallint/integer -> bigint (accumulated in int128, 22003 "bigint out of range" only if
// the final sum does not fit), bigint -> numeric, numeric -> numeric (exact), real -> real,
// double -> double (22003 when finite inputs overflow, as PostgreSQL), interval -> interval. NULL
// over zero rows. Also SQLite's total(x): a double sum that is 0 over zero rows (for the
// sqllogictest corpus).
#include <type_traits>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/aggregate/decimal_accum.hpp"
#include "function/aggregate/float_accum.hpp"
#include "function/builtin_functions.hpp"

namespace kadedb {

namespace {

// An empty double sum holds -0.0, the identity of IEEE addition (-0.0 + x is x, also for
// x = -0.0), so the grouped loop adds without testing has.
template <class Acc>
Acc EmptySum() {
  if constexpr (std::is_same_v<Acc, double>) {
    return -0.0;
  } else {
    return Acc{};
  }
}

template <class Acc>
struct SumState {
  Acc sum = EmptySum<Acc>();
  bool has = false;
};

// Int inputs: int128 accumulator; kToNumeric chooses numeric (bigint input) or bigint output.
template <bool kToNumeric>
class IntSumKernel : public BatchAggregateKernel<IntSumKernel<kToNumeric>, SumState<__int128>> {
  using Base = TypedAggregateKernel<SumState<__int128>>;
  using Base::Get;

 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    const int64_t* in = args[0]->ints().data();
    const uint8_t* valid = args[0]->validity().data();
    if (SingleState(at, count)) {
      // Registers instead of the state; int128 because bigint inputs overflow int64 sums.
      __int128 sum = 0;
      uint8_t any = 0;
      for (size_t i = 0; i < count; i++) {
        sum += in[i] & -static_cast<int64_t>(valid[i]);
        any |= valid[i];
      }
      auto* s = Get(at(0));
      s->sum += sum;
      s->has |= any != 0;
      return;
    }
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      auto* s = Get(at(i));
      s->sum += in[i];
      s->has = true;
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Get(source);
    auto* t = Get(target);
    t->sum += s->sum;
    t->has |= s->has;
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, !s->has);
      if (!s->has) continue;
      if (kToNumeric) {
        result.decimals()[i] = Decimal{s->sum, 0};
      } else {
        if (s->sum > INT64_MAX || s->sum < INT64_MIN) {
          throw Exception(sqlstate::kNumericOutOfRange, "bigint out of range");
        }
        result.ints()[i] = static_cast<int64_t>(s->sum);
      }
    }
  }
};

// Generic accumulator over a storage type T with an add function.
template <class T, T (*kAdd)(const T&, const T&), const std::vector<T>& (Vector::*kGet)() const,
          std::vector<T>& (Vector::*kSet)(), bool kZeroWhenEmpty = false>
class AddSumKernel
    : public BatchAggregateKernel<AddSumKernel<T, kAdd, kGet, kSet, kZeroWhenEmpty>, SumState<T>> {
  using Base = TypedAggregateKernel<SumState<T>>;

 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    const T* in = (args[0]->*kGet)().data();
    const uint8_t* valid = args[0]->validity().data();
    if constexpr (std::is_same_v<T, double>) {
      if (SingleState(at, count)) {
        auto* s = Base::Get(at(0));
        double sum = s->sum;
        bool has = s->has;
        for (size_t i = 0; i < count; i++) {
          if (!valid[i]) continue;
          sum = has ? kAdd(sum, in[i]) : in[i];
          has = true;
        }
        s->sum = sum;
        s->has = has;
        return;
      }
      // Grouped, NULL-free (what the executor feeds): no per-row branch on validity or on the
      // state's "has" flag. An empty state's sum is -0.0 (EmptySum), so kAdd(sum, x) is exactly
      // x for a group's first row (never an overflow; a first -0.0 stays -0.0).
      if (AllValid(valid, count)) {
        for (size_t i = 0; i < count; i++) {
          auto* s = Base::Get(at(i));
          s->sum = kAdd(s->sum, in[i]);
          s->has = true;
        }
        return;
      }
    }
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      auto* s = Base::Get(at(i));
      s->sum = s->has ? kAdd(s->sum, in[i]) : in[i];
      s->has = true;
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Base::Get(source);
    auto* t = Base::Get(target);
    if (!s->has) return;
    t->sum = t->has ? kAdd(t->sum, s->sum) : s->sum;
    t->has = true;
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Base::Get(states[i]);
      result.SetNull(i, !s->has && !kZeroWhenEmpty);
      (result.*kSet)()[i] = s->has ? s->sum : T{};
    }
  }
};

// Numeric sums: the inline same-scale accumulation (DecimalAccumulate); an empty sum has scale
// kDecimalEmptyScale, so a row costs one scale compare and no separate "seen a value" flag. Rows
// of one scale with int64 mantissas (numeric(p <= 18, s) columns) take the fast paths of
// decimal_accum.hpp: one register total per batch without GROUP BY, else one plain int128 add
// per row while the group's sum is far from 38 digits.
struct DecimalSumState {
  Decimal sum{0, kDecimalEmptyScale};
};

class DecimalSumKernel : public BatchAggregateKernel<DecimalSumKernel, DecimalSumState> {
 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    const Decimal* in = args[0]->decimals().data();
    const uint8_t* valid = args[0]->validity().data();
    if (SingleState(at, count)) {
      auto* s = Get(at(0));
      if (DecimalAccumulateTotal(s->sum, in, valid, count)) return;
      Decimal sum = s->sum;
      for (size_t i = 0; i < count; i++) {
        if (valid[i]) DecimalAccumulate(sum, in[i]);
      }
      s->sum = sum;
      return;
    }
    DecimalAccumulateRows(
        in, valid, count, [&](size_t i) -> Decimal& { return Get(at(i))->sum; }, [](size_t) {});
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Get(source);
    if (s->sum.scale != kDecimalEmptyScale) DecimalAccumulate(Get(target)->sum, s->sum);
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      bool empty = s->sum.scale == kDecimalEmptyScale;
      result.SetNull(i, empty);
      result.decimals()[i] = empty ? Decimal{} : s->sum;
    }
  }
};

double AddDouble(const double& a, const double& b) {
  return a + b;
}
// sum(double precision) / sum(real): 22003 when finite inputs overflow (float8pl / float4pl).
double AddDoubleChecked(const double& a, const double& b) {
  return FloatAddChecked(a, b);
}
double AddFloat(const double& a, const double& b) {
  float fa = static_cast<float>(a), fb = static_cast<float>(b);
  float r = fa + fb;
  if (std::isinf(r) && !std::isinf(fa) && !std::isinf(fb)) ThrowFloatOverflow();
  return r;
}
Interval AddInterval(const Interval& a, const Interval& b) {
  return IntervalAdd(a, b);
}

using DoubleSum = AddSumKernel<double, AddDoubleChecked, &Vector::doubles, &Vector::doubles>;
using DoubleTotal = AddSumKernel<double, AddDouble, &Vector::doubles, &Vector::doubles, true>;
using FloatSum = AddSumKernel<double, AddFloat, &Vector::doubles, &Vector::doubles>;
using IntervalSum = AddSumKernel<Interval, AddInterval, &Vector::intervals, &Vector::intervals>;

}  // namespace

void RegisterSumAggregate(FunctionRegistry& r) {
  r.AddAggregate(MakeAggregate<IntSumKernel<false>>("sum", {TypeId::kSmallInt}, TypeId::kBigInt));
  r.AddAggregate(MakeAggregate<IntSumKernel<false>>("sum", {TypeId::kInteger}, TypeId::kBigInt));
  r.AddAggregate(MakeAggregate<IntSumKernel<true>>("sum", {TypeId::kBigInt}, TypeId::kDecimal));
  r.AddAggregate(MakeAggregate<DecimalSumKernel>("sum", {TypeId::kDecimal}, TypeId::kDecimal));
  r.AddAggregate(MakeAggregate<FloatSum>("sum", {TypeId::kReal}, TypeId::kReal));
  r.AddAggregate(MakeAggregate<DoubleSum>("sum", {TypeId::kDouble}, TypeId::kDouble));
  r.AddAggregate(MakeAggregate<DoubleTotal>("total", {TypeId::kDouble}, TypeId::kDouble));
  r.AddAggregate(MakeAggregate<IntervalSum>("sum", {TypeId::kInterval}, TypeId::kInterval));
}

}  // namespace kadedb
