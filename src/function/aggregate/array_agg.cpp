// array_agg(x): the input values, NULLs included, as an array in input order (or the call's
// ORDER BY, which the executor applies before Update); NULL over zero rows. The state holds the
// array encoding without its terminator (docs/formats/array.md), so Combine is concatenation.
#include "common/array_format.hpp"
#include "common/exception.hpp"
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"

namespace kadedb {

namespace {

struct ArrayAggState {
  std::string elements;  // encoded elements, no terminator
  bool has = false;
};

class ArrayAggKernel : public TypedAggregateKernel<ArrayAggState> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    const Vector& v = *args[0];
    for (size_t i = 0; i < count; i++) {
      auto* s = Get(states[i]);
      AppendArrayElement(&s->elements, v.type(), v.GetValue(i));
      s->has = true;
    }
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* s = Get(source);
    auto* t = Get(target);
    if (!s->has) return;
    t->elements += s->elements;
    t->has = true;
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      const auto* s = Get(states[i]);
      result.SetNull(i, !s->has);
      if (!s->has) continue;
      std::string& out = result.strings()[i];
      out = s->elements;
      FinishArray(&out);
    }
  }
};

}  // namespace

void RegisterArrayAggAggregate(FunctionRegistry& r) {
  AggregateFunction f = MakeAggregate<ArrayAggKernel>("array_agg", {TypeId::kNull}, TypeId::kNull);
  f.skip_nulls = false;
  f.bind = [](std::vector<LogicalType>& args) {
    if (args[0].IsArray()) {
      throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
    }
    if (args[0].id == TypeId::kNull) args[0] = TypeId::kText;  // array_agg(NULL): text[]
    return LogicalType::Array(args[0]);
  };
  r.AddAggregate(std::move(f));
}

}  // namespace kadedb
