// avg(x): integers and numeric -> numeric (exact sum / count with PostgreSQL's division scale,
// e.g. avg(1, 2) = 1.5000000000000000), real/double -> double, interval -> interval. NULL over
// zero rows.
#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/aggregate/decimal_accum.hpp"
#include "function/aggregate/float_accum.hpp"
#include "function/builtin_functions.hpp"

namespace kadedb {

namespace {

template <class Acc>
struct AvgState {
  Acc sum{};
  int64_t count = 0;
};

class IntAvgKernel : public BatchAggregateKernel<IntAvgKernel, AvgState<__int128>> {
 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    const int64_t* in = args[0]->ints().data();
    const uint8_t* valid = args[0]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      auto* s = Get(at(i));
      s->sum += in[i];
      s->count++;
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    Get(target)->sum += Get(source)->sum;
    Get(target)->count += Get(source)->count;
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, s->count == 0);
      if (s->count) {
        result.decimals()[i] = DecimalDiv(Decimal{s->sum, 0}, DecimalFromInt(s->count));
      }
    }
  }
};

// The sum starts at scale kDecimalEmptyScale (see DecimalAccumulate), so a row adds with one
// scale compare and no test of count. Rows of one scale with int64 mantissas take the fast paths
// of decimal_accum.hpp, as sum(numeric) does.
struct DecimalAvgState {
  Decimal sum{0, kDecimalEmptyScale};
  int64_t count = 0;
};

class DecimalAvgKernel : public BatchAggregateKernel<DecimalAvgKernel, DecimalAvgState> {
 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    const Decimal* in = args[0]->decimals().data();
    const uint8_t* valid = args[0]->validity().data();
    if (SingleState(at, count)) {
      auto* s = Get(at(0));
      if (DecimalAccumulateTotal(s->sum, in, valid, count)) {
        s->count += static_cast<int64_t>(count);
        return;
      }
    }
    DecimalAccumulateRows(
        in, valid, count, [&](size_t i) -> Decimal& { return Get(at(i))->sum; },
        [&](size_t i) { Get(at(i))->count++; });
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Get(source);
    auto* t = Get(target);
    if (!s->count) return;
    DecimalAccumulate(t->sum, s->sum);
    t->count += s->count;
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, s->count == 0);
      if (s->count) result.decimals()[i] = DecimalDiv(s->sum, DecimalFromInt(s->count));
    }
  }
};

// PostgreSQL's float8_accum state, so that avg overflows (22003) exactly where it does.
class DoubleAvgKernel : public BatchAggregateKernel<DoubleAvgKernel, FloatAccumState> {
 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    const double* in = args[0]->doubles().data();
    const uint8_t* valid = args[0]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (valid[i]) FloatAccum(*Get(at(i)), in[i]);
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    FloatCombine(*Get(target), *Get(source));
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, s->n == 0);
      if (s->n != 0) result.doubles()[i] = s->sx / s->n;
    }
  }
};

class IntervalAvgKernel : public TypedAggregateKernel<AvgState<Interval>> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    const Interval* in = args[0]->intervals().data();
    const uint8_t* valid = args[0]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      auto* s = Get(states[i]);
      s->sum = IntervalAdd(s->sum, in[i]);
      s->count++;
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    Get(target)->sum = IntervalAdd(Get(target)->sum, Get(source)->sum);
    Get(target)->count += Get(source)->count;
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, s->count == 0);
      if (s->count) {
        result.intervals()[i] = IntervalDivide(s->sum, static_cast<double>(s->count));
      }
    }
  }
};

}  // namespace

void RegisterAvgAggregate(FunctionRegistry& r) {
  for (TypeId t : {TypeId::kSmallInt, TypeId::kInteger, TypeId::kBigInt}) {
    r.AddAggregate(MakeAggregate<IntAvgKernel>("avg", {t}, TypeId::kDecimal));
  }
  r.AddAggregate(MakeAggregate<DecimalAvgKernel>("avg", {TypeId::kDecimal}, TypeId::kDecimal));
  r.AddAggregate(MakeAggregate<DoubleAvgKernel>("avg", {TypeId::kReal}, TypeId::kDouble));
  r.AddAggregate(MakeAggregate<DoubleAvgKernel>("avg", {TypeId::kDouble}, TypeId::kDouble));
  r.AddAggregate(MakeAggregate<IntervalAvgKernel>("avg", {TypeId::kInterval}, TypeId::kInterval));
}

}  // namespace kadedb
