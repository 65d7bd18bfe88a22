// Window aggregate inputs, state arenas and the segment tree (see the header).
#include "execution/operator/physical_window_segment_tree.hpp"

#include <algorithm>
#include <tuple>

namespace kadedb {

StateArena::StateArena(const AggregateKernel& kernel, size_t count)
    : kernel_(kernel), count_(count) {
  stride_ = (std::max<size_t>(kernel.StateSize(), 1) + 15) / 16 * 16;
  storage_.resize(count * stride_ + 16);
  auto addr = reinterpret_cast<uintptr_t>(storage_.data());
  base_ = storage_.data() + ((16 - addr % 16) % 16);
  for (size_t i = 0; i < count_; i++) kernel_.Initialize((*this)[i]);
}

StateArena::~StateArena() {
  for (size_t i = 0; i < count_; i++) kernel_.Destroy((*this)[i]);
}

void WindowAggregateInput::Feed(const std::vector<uint64_t>& rows, uint8_t** states) const {
  for (size_t offset = 0; offset < rows.size(); offset += kStandardVectorSize) {
    size_t n = std::min(kStandardVectorSize, rows.size() - offset);
    std::vector<Vector> vectors;
    std::vector<const Vector*> ptrs;
    vectors.reserve(args_.size());
    for (auto* a : args_) {
      vectors.emplace_back(a->type());
      AppendVectorIdx(vectors.back(), *a, rows.data() + offset, n);
    }
    for (auto& v : vectors) ptrs.push_back(&v);
    kernel_.Update(ptrs, n, states + offset);
  }
}

void WindowAggregateInput::Update(uint8_t* state, uint64_t a, uint64_t b) const {
  std::vector<uint64_t> rows;
  rows.reserve(b > a ? b - a : 0);
  for (uint64_t p = a; p < b; p++) {
    uint64_t row = order_[p];
    if (included_[row]) rows.push_back(row);
  }
  if (rows.empty()) return;
  std::vector<uint8_t*> states(rows.size(), state);
  Feed(rows, states.data());
}

void WindowAggregateInput::UpdateGrouped(StateArena& arena, uint64_t a, uint64_t b,
                                         uint64_t per_state) const {
  std::vector<uint64_t> rows;
  std::vector<uint8_t*> states;
  for (uint64_t p = a; p < b; p++) {
    uint64_t row = order_[p];
    if (!included_[row]) continue;
    rows.push_back(row);
    states.push_back(arena[(p - a) / per_state]);
  }
  if (!rows.empty()) Feed(rows, states.data());
}

WindowSegmentTree::WindowSegmentTree(const WindowAggregateInput& input, uint64_t n)
    : input_(input) {
  const AggregateKernel& kernel = input.kernel();
  uint64_t count = (n + kFanout - 1) / kFanout;
  if (n <= kFanout) return;  // rows are added directly
  levels_.push_back(std::make_unique<StateArena>(kernel, count));
  input.UpdateGrouped(*levels_.back(), 0, n, kFanout);
  bytes_ += count * kernel.StateSize();
  while (count > kFanout) {
    uint64_t parents = (count + kFanout - 1) / kFanout;
    auto level = std::make_unique<StateArena>(kernel, parents);
    StateArena& below = *levels_.back();
    for (uint64_t j = 0; j < parents; j++) {
      for (uint64_t c = j * kFanout; c < std::min(count, (j + 1) * kFanout); c++) {
        kernel.Combine(below[c], (*level)[j]);
      }
    }
    levels_.push_back(std::move(level));
    bytes_ += parents * kernel.StateSize();
    count = parents;
  }
}

void WindowSegmentTree::AddUnits(uint8_t* state, size_t level, uint64_t a, uint64_t b) const {
  if (a >= b) return;
  if (level == 0) {
    input_.Update(state, a, b);
    return;
  }
  StateArena& nodes = *levels_[level - 1];
  for (uint64_t j = a; j < b; j++) input_.kernel().Combine(nodes[j], state);
}

void WindowSegmentTree::Aggregate(uint8_t* state, uint64_t a, uint64_t b) const {
  std::vector<std::tuple<size_t, uint64_t, uint64_t>> right;
  size_t level = 0;
  while (a < b) {
    if (level == levels_.size()) {
      AddUnits(state, level, a, b);
      break;
    }
    uint64_t pa = (a + kFanout - 1) / kFanout, pb = b / kFanout;
    if (pa >= pb) {
      AddUnits(state, level, a, b);
      break;
    }
    AddUnits(state, level, a, pa * kFanout);
    if (pb * kFanout < b) right.emplace_back(level, pb * kFanout, b);
    a = pa;
    b = pb;
    level++;
  }
  for (auto it = right.rbegin(); it != right.rend(); ++it) {
    AddUnits(state, std::get<0>(*it), std::get<1>(*it), std::get<2>(*it));
  }
}

}  // namespace kadedb
