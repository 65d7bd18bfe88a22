// bool_and / every and bool_or over booleans. NULL over zero rows.
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"

namespace kadedb {

namespace {

struct BoolState {
  bool value = false;
  bool has = false;
};

template <bool kAnd>
class BoolKernel : public TypedAggregateKernel<BoolState> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    const int64_t* in = args[0]->ints().data();
    const uint8_t* valid = args[0]->validity().data();
    for (size_t i = 0; i < count; i++) {
      if (!valid[i]) continue;
      Merge(Get(states[i]), in[i] != 0);
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    if (Get(source)->has) Merge(Get(target), Get(source)->value);
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, !s->has);
      result.ints()[i] = s->value;
    }
  }

 private:
  static void Merge(BoolState* s, bool v) {
    s->value = !s->has ? v : (kAnd ? (s->value && v) : (s->value || v));
    s->has = true;
  }
};

}  // namespace

void RegisterBoolAggregates(FunctionRegistry& r) {
  const LogicalType b = TypeId::kBoolean;
  r.AddAggregate(MakeAggregate<BoolKernel<true>>("bool_and", {b}, b));
  r.AddAggregate(MakeAggregate<BoolKernel<true>>("every", {b}, b));
  r.AddAggregate(MakeAggregate<BoolKernel<false>>("bool_or", {b}, b));
}

}  // namespace kadedb
