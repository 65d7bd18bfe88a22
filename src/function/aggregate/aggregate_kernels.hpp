// Shared pieces of the aggregate kernels: a base class that manages a typed state (placement
// new in Initialize, destructor in Destroy) and helpers to build AggregateFunctions.
//
// States live in memory the executor owns (StateSize() bytes, 16-byte aligned). Update loops
// check the validity mask even though the executor filters NULLs for skip_nulls aggregates, so
// a kernel is correct on any batch.
#pragma once

#include <memory>
#include <new>
#include <type_traits>

#include "common/exception.hpp"
#include "function/function.hpp"

namespace kadedb {

template <class State>
class TypedAggregateKernel : public AggregateKernel {
 public:
  size_t StateSize() const override { return sizeof(State); }
  void Initialize(uint8_t* state) const override { new (state) State(); }
  void Destroy(uint8_t* state) const override {
    if constexpr (!std::is_trivially_destructible_v<State>) Get(state)->~State();
  }

 protected:
  static State* Get(uint8_t* s) { return std::launder(reinterpret_cast<State*>(s)); }
  static const State* Get(const uint8_t* s) {
    return std::launder(reinterpret_cast<const State*>(s));
  }
};

// Where row i's state is: states[i] (Update) or bases[i] + offset (UpdateAt).
struct StatePtrs {
  uint8_t* const* states;
  uint8_t* operator()(size_t i) const { return states[i]; }
};
struct StateBases {
  uint8_t* const* bases;
  size_t offset;
  uint8_t* operator()(size_t i) const { return bases[i] + offset; }
};

// A kernel whose update loop is written once, as Derived::Run(args, count, at) with at one of
// StatePtrs / StateBases, and serves both Update and UpdateAt.
template <class Derived, class State>
class BatchAggregateKernel : public TypedAggregateKernel<State> {
 public:
  void Update(const std::vector<const Vector*>& args, size_t count,
              uint8_t** states) const override {
    static_cast<const Derived*>(this)->Run(args, count, StatePtrs{states});
  }
  void UpdateAt(const std::vector<const Vector*>& args, size_t count, uint8_t* const* bases,
                size_t offset) const override {
    static_cast<const Derived*>(this)->Run(args, count, StateBases{bases, offset});
  }
};

// True when every row's validity byte is set (a branch-free AND the compiler vectorises).
inline bool AllValid(const uint8_t* valid, size_t count) {
  uint8_t all = 1;
  for (size_t i = 0; i < count; i++) all &= valid[i];
  return all != 0;
}

// True when every row of the batch updates the same state (an aggregate without GROUP BY), so a
// kernel can accumulate in registers and store once. Checked in blocks of 64 rows (each a
// branch-free compare) that stop at the first block with another state, so grouped input, whose
// states differ within the first rows, pays for one block instead of the whole batch.
// (Rows of StateBases with equal bases share the state too: the offset is the same for all.)
inline bool SingleState(const uint8_t* const* states, size_t count) {
  if (count == 0) return false;
  const uint8_t* first = states[0];
  for (size_t begin = 0; begin < count; begin += 64) {
    size_t end = begin + 64 < count ? begin + 64 : count;
    bool same = true;
    for (size_t i = begin; i < end; i++) same &= states[i] == first;
    if (!same) return false;
  }
  return true;
}
inline bool SingleState(const StatePtrs& at, size_t count) {
  return SingleState(at.states, count);
}
inline bool SingleState(const StateBases& at, size_t count) {
  return SingleState(at.bases, count);
}

// An aggregate with fixed argument and result types whose kernel does not depend on them.
template <class Kernel>
AggregateFunction MakeAggregate(std::string name, std::vector<LogicalType> args,
                                LogicalType return_type) {
  AggregateFunction f;
  f.name = std::move(name);
  f.arg_types = std::move(args);
  f.return_type = return_type;
  f.make_kernel = [](const std::vector<LogicalType>&, const LogicalType&) {
    return std::unique_ptr<AggregateKernel>(new Kernel());
  };
  return f;
}

}  // namespace kadedb
