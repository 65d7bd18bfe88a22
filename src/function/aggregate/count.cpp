// count(*) (registered as "count_star", no arguments: the binder maps count(*) to it) and
// count(x) for any type. Both return bigint and give 0 over zero rows.
#include "function/aggregate/aggregate_kernels.hpp"
#include "function/builtin_functions.hpp"

namespace kadedb {

namespace {

template <bool kStar>
class CountKernel : public BatchAggregateKernel<CountKernel<kStar>, int64_t> {
  using Base = TypedAggregateKernel<int64_t>;
  using Base::Get;

 public:
  template <class At>
  void Run(const std::vector<const Vector*>& args, size_t count, const At& at) const {
    if (kStar) {
      if (SingleState(at, count)) {
        *Get(at(0)) += static_cast<int64_t>(count);
        return;
      }
      for (size_t i = 0; i < count; i++) ++*Get(at(i));
      return;
    }
    const uint8_t* valid = args[0]->validity().data();
    if (SingleState(at, count)) {
      int64_t n = 0;
      for (size_t i = 0; i < count; i++) n += valid[i];
      *Get(at(0)) += n;
      return;
    }
    for (size_t i = 0; i < count; i++) *Get(at(i)) += valid[i];
  }
  void Combine(const uint8_t* source, uint8_t* target) const override {
    *Get(target) += *Get(source);
  }
  void Finalize(uint8_t** states, size_t count, Vector& result) const override {
    for (size_t i = 0; i < count; i++) {
      result.ints()[i] = *Get(states[i]);
      result.SetNull(i, false);
    }
  }
};

}  // namespace

void RegisterCountAggregates(FunctionRegistry& registry) {
  AggregateFunction star = MakeAggregate<CountKernel<true>>("count_star", {}, TypeId::kBigInt);
  star.skip_nulls = false;
  registry.AddAggregate(std::move(star));
  registry.AddAggregate(
      MakeAggregate<CountKernel<false>>("count", {TypeId::kNull}, TypeId::kBigInt));
}

}  // namespace kadedb
