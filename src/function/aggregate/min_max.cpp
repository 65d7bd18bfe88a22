// min(x) / max(x) for every comparable type (declared "any"; the kernel is picked by the
// argument's physical class and the result has the argument's type). Text/bytea states own a
// std::string (Destroy releases it). NULL over zero rows.
#include <limits>
#include <type_traits>

#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "function/scalar/value_compare.hpp"

namespace kadedb {

namespace {

// An empty double state holds NaN, so that the grouped loop's one comparison (false against
// NaN) sends a group's first row to the slow path, which reads has.
template <class T>
T EmptyValue() {
  if constexpr (std::is_same_v<T, double>) {
    return std::numeric_limits<double>::quiet_NaN();
  } else {
    return T{};
  }
}

template <class T>
struct MinMaxState {
  T value = EmptyValue<T>();
  bool has = false;
};

template <class T, bool kMax>
class MinMaxKernel : public BatchAggregateKernel<MinMaxKernel<T, kMax>, MinMaxState<T>> {
  using Base = TypedAggregateKernel<MinMaxState<T>>;

  static bool Better(const T& x, const T& current) {
    if constexpr (std::is_same_v<T, double>) {
      // CompareValues' order without its branches: NaN above every other value, equal to NaN;
      // -0.0 equals 0.0 (not better, so the first one seen stays).
      bool x_nan = std::isnan(x), c_nan = std::isnan(current);
      return kMax ? (x > current) | (x_nan & !c_nan) : (x < current) | (c_nan & !x_nan);
    } else if constexpr (std::is_same_v<T, int64_t>) {
      return kMax ? x > current : x < current;
    } else {
      int c = CompareValues(x, current);
      return kMax ? c > 0 : c < 0;
    }
  }

 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    const T* in = Storage<T>::Get(*args[0]).data();
    const uint8_t* valid = args[0]->validity().data();
    if constexpr (std::is_arithmetic_v<T>) {
      // The executor feeds NULL-free batches to skip-NULL aggregates, so check validity once
      // and run a loop with one (rarely taken) branch per row.
      if (AllValid(valid, count)) {
        for (size_t i = 0; i < count; i++) {
          auto* s = Base::Get(at(i));
          T x = in[i];
          // Stored only when it changes: after the first rows of a group a new extreme is rare
          // and the branch well predicted (an unconditional select-and-store is slower).
          if constexpr (std::is_same_v<T, double>) {
            // One compare per row: it is false for a NaN on either side (and the empty state
            // holds NaN), so new extremes, NaNs and first rows all take the exact slow path.
            if (kMax ? x <= s->value : x >= s->value) continue;
          }
          if (!s->has | Better(x, s->value)) {
            s->value = x;
            s->has = true;
          }
        }
        return;
      }
    }
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      auto* s = Base::Get(at(i));
      if (!s->has || Better(in[i], s->value)) {
        s->value = in[i];
        s->has = true;
      }
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Base::Get(source);
    auto* t = Base::Get(target);
    if (s->has && (!t->has || Better(s->value, t->value))) {
      t->value = s->value;
      t->has = true;
    }
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    auto& out = Storage<T>::Get(result);
    for (size_t i = 0; i < count; i++) {
      const auto* s = Base::Get(states[i]);
      result.SetNull(i, !s->has);
      if (s->has) out[i] = s->value;
    }
  }
};

template <bool kMax>
std::unique_ptr<AggregateKernel> MakeKernel(const std::vector<LogicalType>& args,
                                            const LogicalType&) {
  switch (PhysicalOf(args[0])) {
    case PhysicalType::kInt64:
      return std::make_unique<MinMaxKernel<int64_t, kMax>>();
    case PhysicalType::kDouble:
      return std::make_unique<MinMaxKernel<double, kMax>>();
    case PhysicalType::kDecimal:
      return std::make_unique<MinMaxKernel<Decimal, kMax>>();
    case PhysicalType::kString:
      return std::make_unique<MinMaxKernel<std::string, kMax>>();
    case PhysicalType::kInterval:
      return std::make_unique<MinMaxKernel<Interval, kMax>>();
  }
  ThrowInternal("min/max: unknown physical type");
}

}  // namespace

void RegisterMinMaxAggregates(FunctionRegistry& r) {
  for (int is_max = 0; is_max < 2; is_max++) {
    AggregateFunction f;
    f.name = is_max ? "max" : "min";
    f.arg_types = {TypeId::kNull};
    f.return_type = TypeId::kNull;
    f.bind = [](std::vector<LogicalType>& types) {
      if (types[0].id == TypeId::kNull) types[0] = TypeId::kText;  // min(NULL): unknown -> text
      return types[0];
    };
    f.make_kernel = is_max ? MakeKernel<true> : MakeKernel<false>;
    r.AddAggregate(std::move(f));
  }
}

}  // namespace kadedb
