// Aggregates over window frames, on top of the AggregateKernel interface (Initialize / Update /
// Combine / Finalize):
//   - WindowAggregateInput: the argument columns of a window aggregate in sorted order, with a
//     mask of the rows that count (FILTER passed, no NULL argument for NULL-skipping aggregates);
//     Update(state, a, b) feeds sorted positions [a, b) to a state.
//   - WindowSegmentTree: a tree of partial states (fan-out 16) over all sorted rows, so any frame
//     [a, b) is aggregated with O(16 log16 n) Update/Combine work, in row order (string_agg keeps
//     its order).
//   - StateArena: 16-byte aligned storage for many states, destroyed with the arena.
#pragma once

#include <cstdint>
#include <vector>

#include "execution/vector_ops.hpp"
#include "function/function.hpp"

namespace kadedb {

class StateArena {
 public:
  StateArena(const AggregateKernel& kernel, size_t count);
  ~StateArena();
  StateArena(const StateArena&) = delete;
  StateArena& operator=(const StateArena&) = delete;
  uint8_t* operator[](size_t i) { return base_ + i * stride_; }
  size_t size() const { return count_; }

 private:
  const AggregateKernel& kernel_;
  size_t count_;
  size_t stride_;
  std::vector<uint8_t> storage_;
  uint8_t* base_;
};

class WindowAggregateInput {
 public:
  WindowAggregateInput(const AggregateKernel& kernel, std::vector<const Vector*> args,
                       std::vector<uint8_t> included, const std::vector<uint64_t>& order)
      : kernel_(kernel), args_(std::move(args)), included_(std::move(included)), order_(order) {}
  // Adds the counted rows among sorted positions [a, b) to state.
  void Update(uint8_t* state, uint64_t a, uint64_t b) const;
  // Adds each counted row at position p in [a, b) to states[(p - a) / per_state].
  void UpdateGrouped(StateArena& states, uint64_t a, uint64_t b, uint64_t per_state) const;
  const AggregateKernel& kernel() const { return kernel_; }

 private:
  void Feed(const std::vector<uint64_t>& rows, uint8_t** states) const;
  const AggregateKernel& kernel_;
  std::vector<const Vector*> args_;
  std::vector<uint8_t> included_;  // by input row
  const std::vector<uint64_t>& order_;
};

class WindowSegmentTree {
 public:
  static constexpr uint64_t kFanout = 16;
  WindowSegmentTree(const WindowAggregateInput& input, uint64_t n);
  // Adds sorted positions [a, b) to state, in order.
  void Aggregate(uint8_t* state, uint64_t a, uint64_t b) const;
  uint64_t bytes() const { return bytes_; }

 private:
  // Adds units [a, b) of level (0 = rows, l >= 1 = nodes of levels_[l - 1]).
  void AddUnits(uint8_t* state, size_t level, uint64_t a, uint64_t b) const;
  const WindowAggregateInput& input_;
  std::vector<std::unique_ptr<StateArena>> levels_;
  uint64_t bytes_ = 0;
};

}  // namespace kadedb
