// Ordered-set aggregates: percentile_cont(f) WITHIN GROUP (ORDER BY x) over double precision and
// interval, percentile_disc(f) WITHIN GROUP (ORDER BY x) over any sortable type, and
// mode() WITHIN GROUP (ORDER BY x). The binder (bind_ordered_set.cpp) turns WITHIN GROUP into
// the aggregate's ORDER BY and calls the internal names below with (x [, f]); the executor
// buffers the rows of aggregates with an ORDER BY and feeds them sorted, so the kernels keep the
// values in arrival order and pick positions at Finalize. NULL x values are skipped (skip_nulls);
// the fraction is the first row's (PostgreSQL evaluates it once per group). percentile_cont /
// percentile_disc also take an array of fractions and return the array of percentiles.
#include <cmath>
#include <optional>

#include "common/array_format.hpp"
#include "common/datetime.hpp"
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"
#include "function/cast/cast.hpp"
#include "function/scalar/value_compare.hpp"

namespace kadedb {

namespace {

struct OrderedValues {
  Vector values;
  double fraction = 0;
  bool has_fraction = false;
  // percentile_*(double precision[]): one result per fraction (nullopt: a NULL element).
  std::vector<std::optional<double>> fractions;
};

class OrderedSetKernel : public TypedAggregateKernel<OrderedValues> {
 public:
  OrderedSetKernel(LogicalType type, bool array_fractions)
      : type_(std::move(type)), array_fractions_(array_fractions) {}
  void Initialize(uint8_t* state) const override {
    new (state) OrderedValues();
    Get(state)->values = Vector(type_);
  }
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    for (size_t i = 0; i < count; i++) {
      if (args[0]->IsNull(i)) continue;
      auto* s = Get(states[i]);
      s->values.AppendFrom(*args[0], i);
      if (args.size() > 1 && !s->has_fraction && !args[1]->IsNull(i)) {
        s->has_fraction = true;
        if (array_fractions_) {
          // The array may arrive as numeric[] / integer[]: its elements are cast here.
          const LogicalType d = TypeId::kDouble;
          for (auto& v : DecodeArray(args[1]->strings()[i], args[1]->type().ElementType())) {
            if (v.IsNull()) {
              s->fractions.push_back(std::nullopt);
            } else {
              double f = CastValue(v, d, CastStrength::kExplicit).GetDouble();
              CheckFraction(f);
              s->fractions.push_back(f);
            }
          }
        } else {
          s->fraction = args[1]->doubles()[i];
          CheckFraction(s->fraction);
        }
      }
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Get(source);
    auto* t = Get(target);
    for (size_t i = 0; i < s->values.size(); i++) t->values.AppendFrom(s->values, i);
    if (!t->has_fraction) {
      t->fraction = s->fraction;
      t->fractions = s->fractions;
      t->has_fraction = s->has_fraction;
    }
  }

 protected:
  static void CheckFraction(double f) {
    if (!(f >= 0 && f <= 1)) {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%g", f);
      throw Exception(sqlstate::kNumericOutOfRange,
                      std::string("percentile value ") + buf + " is not between 0 and 1");
    }
  }
  // Calls pick(values, fraction) once, or once per fraction of an array argument (the result
  // is then the array of the picks), for each group.
  template <class Pick>
  void FinalizeEach(uint8_t** states, size_t count, Vector& result, Pick&& pick) const {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      if (!s->has_fraction) {
        result.SetNull(i, true);
        continue;
      }
      if (!array_fractions_) {
        if (s->values.size() == 0) {
          result.SetNull(i, true);
          continue;
        }
        result.SetValue(i, pick(s->values, s->fraction));
        continue;
      }
      if (s->values.size() == 0) {
        result.SetNull(i, true);
        continue;
      }
      std::vector<Value> out;
      for (auto& f : s->fractions) out.push_back(f ? pick(s->values, *f) : Value::Null(type_));
      result.SetNull(i, false);
      result.strings()[i] = EncodeArray(type_, out);
    }
  }

  LogicalType type_;
  bool array_fractions_ = false;
};

// percentile_disc: the first value whose position reaches the fraction.
class PercentileDiscKernel : public OrderedSetKernel {
 public:
  using OrderedSetKernel::OrderedSetKernel;
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    FinalizeEach(states, count, result, [](const Vector& values, double fraction) {
      size_t n = values.size();
      double pos = std::ceil(fraction * static_cast<double>(n));
      size_t k = pos <= 1 ? 0 : std::min(n - 1, static_cast<size_t>(pos) - 1);
      return values.GetValue(k);
    });
  }
};

// percentile_cont: linear interpolation between the two values around fraction * (n - 1).
class PercentileContKernel : public OrderedSetKernel {
 public:
  using OrderedSetKernel::OrderedSetKernel;
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    bool interval = type_.id == TypeId::kInterval;
    FinalizeEach(states, count, result, [&](const Vector& values, double fraction) {
      size_t n = values.size();
      double pos = fraction * static_cast<double>(n - 1);
      size_t lo = static_cast<size_t>(std::floor(pos));
      size_t hi = static_cast<size_t>(std::ceil(pos));
      double frac = pos - static_cast<double>(lo);
      if (interval) {
        const Interval& a = values.intervals()[lo];
        const Interval& b = values.intervals()[hi];
        return Value::FromInterval(
            lo == hi ? a : IntervalAdd(a, IntervalMultiply(IntervalSub(b, a), frac)));
      }
      double a = values.doubles()[lo], b = values.doubles()[hi];
      return Value::Double(lo == hi ? a : a + frac * (b - a));
    });
  }
};

bool SameValue(const Vector& v, size_t i, size_t j) {
  switch (v.physical()) {
    case PhysicalType::kInt64:
      return v.ints()[i] == v.ints()[j];
    case PhysicalType::kDouble:
      return CompareValues(v.doubles()[i], v.doubles()[j]) == 0;
    case PhysicalType::kDecimal:
      return CompareValues(v.decimals()[i], v.decimals()[j]) == 0;
    case PhysicalType::kString:
      return v.strings()[i] == v.strings()[j];
    case PhysicalType::kInterval:
      return CompareValues(v.intervals()[i], v.intervals()[j]) == 0;
  }
  return false;
}

// mode: the most frequent value; among equally frequent ones the first in the sort order.
class ModeKernel : public OrderedSetKernel {
 public:
  using OrderedSetKernel::OrderedSetKernel;
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      size_t n = s->values.size();
      if (n == 0) {
        result.SetNull(i, true);
        continue;
      }
      size_t best = 0, best_count = 0;
      for (size_t start = 0; start < n;) {
        size_t end = start + 1;
        while (end < n && SameValue(s->values, start, end)) end++;
        if (end - start > best_count) {
          best = start;
          best_count = end - start;
        }
        start = end;
      }
      result.SetValue(i, s->values.GetValue(best));
    }
  }
};

template <class Kernel>
std::unique_ptr<AggregateKernel> MakeKernel(const std::vector<LogicalType>& args,
                                            const LogicalType&) {
  return std::make_unique<Kernel>(args[0], args.size() > 1 && args[1].IsArray());
}

}  // namespace

void RegisterOrderedSetAggregates(FunctionRegistry& r) {
  for (TypeId t : {TypeId::kDouble, TypeId::kInterval}) {
    AggregateFunction f;
    f.name = "ordered_set$percentile_cont";
    f.arg_types = {t, TypeId::kDouble};
    f.return_type = t;
    f.make_kernel = MakeKernel<PercentileContKernel>;
    r.AddAggregate(std::move(f));
  }
  const LogicalType fractions = LogicalType::Array(LogicalType(TypeId::kDouble));
  for (TypeId t : {TypeId::kDouble, TypeId::kInterval}) {
    AggregateFunction f;
    f.name = "ordered_set$percentile_cont";
    f.arg_types = {t, fractions};
    f.return_type = LogicalType::Array(LogicalType(t));
    f.make_kernel = MakeKernel<PercentileContKernel>;
    r.AddAggregate(std::move(f));
  }
  AggregateFunction disc_array;
  disc_array.name = "ordered_set$percentile_disc";
  disc_array.arg_types = {TypeId::kNull, fractions};
  disc_array.return_type = TypeId::kNull;
  disc_array.bind = [](std::vector<LogicalType>& types) {
    if (types[0].id == TypeId::kNull) types[0] = TypeId::kText;
    LogicalType e = types[0].id == TypeId::kDecimal ? LogicalType(TypeId::kDecimal) : types[0];
    return LogicalType::Array(e);
  };
  disc_array.make_kernel = MakeKernel<PercentileDiscKernel>;
  r.AddAggregate(std::move(disc_array));
  AggregateFunction disc;
  disc.name = "ordered_set$percentile_disc";
  disc.arg_types = {TypeId::kNull, TypeId::kDouble};
  disc.return_type = TypeId::kNull;
  auto same_as_input = [](std::vector<LogicalType>& types) {
    if (types[0].id == TypeId::kNull) types[0] = TypeId::kText;
    // anyelement: the result has the input's type without its modifier (numeric, not (10,2)).
    return types[0].id == TypeId::kDecimal ? LogicalType(TypeId::kDecimal) : types[0];
  };
  disc.bind = same_as_input;
  disc.make_kernel = MakeKernel<PercentileDiscKernel>;
  r.AddAggregate(std::move(disc));
  AggregateFunction mode;
  mode.name = "ordered_set$mode";
  mode.arg_types = {TypeId::kNull};
  mode.return_type = TypeId::kNull;
  mode.bind = same_as_input;
  mode.make_kernel = MakeKernel<ModeKernel>;
  r.AddAggregate(std::move(mode));
}

}  // namespace kadedb
