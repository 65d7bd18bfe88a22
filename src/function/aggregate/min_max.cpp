// min(x) / max(x) for every comparable type (declared "any"; the kernel is picked by the
// argument's physical class and the result has the argument's type). Text/bytea states own a
// std::string (Destroy releases it). NULL over zero rows.
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"
#include "function/scalar/value_compare.hpp"

namespace kadedb {

namespace {

template <class T>
struct MinMaxState {
  T value{};
  bool has = false;
};

template <class T, bool kMax>
class MinMaxKernel : public TypedAggregateKernel<MinMaxState<T>> {
  using Base = TypedAggregateKernel<MinMaxState<T>>;

  static bool Better(const T& x, const T& current) {
    int c = CompareValues(x, current);
    return kMax ? c > 0 : c < 0;
  }

 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    const T* in = Storage<T>::Get(*args[0]).data();
    const uint8_t* valid = args[0]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      auto* s = Base::Get(states[i]);
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
