// UNION ALL, and the counting set operations.
#include "execution/operator/physical_set_operation.hpp"

namespace kadedb {

bool PhysicalUnionAll::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  bool stopped = false;
  for (auto& child : children) {
    child->Run(state, [&](DataChunk& chunk) {
      ProfileScope inner(state, this);
      for (size_t c = 0; c < chunk.ColumnCount(); c++) {
        if (chunk.column(c).type() != types[c] &&
            chunk.column(c).physical() == PhysicalOf(types[c])) {
          chunk.column(c).Retype(types[c]);
        }
      }
      if (!Emit(state, chunk, consume)) {
        stopped = true;
        return false;
      }
      return true;
    });
    if (stopped) return false;
  }
  return true;
}

uint64_t SetOperationTable::Add(const DataChunk& chunk, int side) {
  size_t n = chunk.size();
  std::vector<uint64_t> hashes(n, 0);
  for (size_t c = 0; c < chunk.ColumnCount(); c++) {
    HashVector(chunk.column(c), n, hashes.data(), c > 0);
  }
  uint64_t bytes = 0;
  std::vector<uint32_t> one(1);
  for (size_t i = 0; i < n; i++) {
    if ((rows_.size() + 1) * 2 > slots_.size()) {
      size_t cap = std::max<size_t>(1024, slots_.size() * 2);
      slots_.assign(cap, 0);
      for (size_t r = 0; r < rows_.size(); r++) {
        size_t s = hashes_[r] & (cap - 1);
        while (slots_[s]) s = (s + 1) & (cap - 1);
        slots_[s] = r + 1;
      }
    }
    size_t mask = slots_.size() - 1;
    size_t s = hashes[i] & mask;
    uint64_t row = 0;
    while (true) {
      if (slots_[s] == 0) {
        row = rows_.size();
        one[0] = static_cast<uint32_t>(i);
        bytes += rows_.AppendSel(chunk, one.data(), 1) + 40;
        hashes_.push_back(hashes[i]);
        left_count_.push_back(0);
        right_count_.push_back(0);
        slots_[s] = row + 1;
        break;
      }
      uint64_t r = slots_[s] - 1;
      if (hashes_[r] == hashes[i]) {
        bool eq = true;
        for (size_t c = 0; c < chunk.ColumnCount() && eq; c++) {
          eq = ValuesEqual(rows_.column(c), r, chunk.column(c), i);
        }
        if (eq) {
          row = r;
          break;
        }
      }
      s = (s + 1) & mask;
    }
    (side == 0 ? left_count_ : right_count_)[row]++;
  }
  return bytes;
}

std::vector<std::pair<uint64_t, uint64_t>> SetOperationTable::Result(SetOperationType type,
                                                                     bool all) const {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (uint64_t r = 0; r < rows_.size(); r++) {
    uint64_t l = left_count_[r], rc = right_count_[r], copies = 0;
    switch (type) {
      case SetOperationType::kUnion:
        copies = all ? l + rc : 1;
        break;
      case SetOperationType::kIntersect:
        copies = all ? std::min(l, rc) : (l > 0 && rc > 0 ? 1 : 0);
        break;
      case SetOperationType::kExcept:
        copies = all ? (l > rc ? l - rc : 0) : (l > 0 && rc == 0 ? 1 : 0);
        break;
    }
    if (copies > 0) out.emplace_back(r, copies);
  }
  return out;
}

namespace {
struct SetOpState : OperatorState {
  std::unique_ptr<SetOperationTable> table;
  std::vector<uint64_t> output;  // row indices, repeated per copy
  size_t offset = 0;
  uint64_t bytes = 0;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalSetOperation::InitSink(ExecState& state) {
  auto st = std::make_unique<SetOpState>();
  st->table = std::make_unique<SetOperationTable>(types);
  return st;
}

void PhysicalSetOperation::Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
                                size_t child_index) {
  auto& st = static_cast<SetOpState&>(*sink_state);
  for (size_t c = 0; c < input.ColumnCount(); c++) {
    if (input.column(c).type() != types[c] && input.column(c).physical() == PhysicalOf(types[c])) {
      input.column(c).Retype(types[c]);
    }
  }
  uint64_t bytes = st.table->Add(input, static_cast<int>(child_index));
  st.bytes += bytes;
  state.Allocate(bytes, "set operation");
}

void PhysicalSetOperation::Finalize(ExecState& state, OperatorState* sink_state) {
  auto& st = static_cast<SetOpState&>(*sink_state);
  for (auto& [row, copies] : st.table->Result(set_type, all)) {
    for (uint64_t k = 0; k < copies; k++) st.output.push_back(row);
  }
}

bool PhysicalSetOperation::GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) {
  auto& st = static_cast<SetOpState&>(*sink_state);
  size_t n = std::min(kStandardVectorSize, st.output.size() - st.offset);
  st.table->rows().Gather(st.output.data() + st.offset, n, out);
  st.offset += n;
  if (st.offset >= st.output.size()) {
    state.Free(st.bytes);
    st.bytes = 0;
    return false;
  }
  return true;
}

std::string PhysicalSetOperation::Name() const {
  std::string s = set_type == SetOperationType::kUnion       ? "UNION"
                  : set_type == SetOperationType::kIntersect ? "INTERSECT"
                                                             : "EXCEPT";
  return all ? s + "_ALL" : s;
}

}  // namespace kadedb
