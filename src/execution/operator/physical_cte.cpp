// CTE scan, materialised CTE and recursive CTE.
#include "execution/operator/physical_cte.hpp"

#include <atomic>

#include "common/exception.hpp"
#include "execution/row_hash_set.hpp"

namespace kadedb {

namespace {
struct CTEScanState : OperatorState {
  std::shared_ptr<RowCollection> table;
  size_t offset = 0;
  std::atomic<size_t> next_chunk{0};  // parallel scans
};

void RetypeChunk(DataChunk& chunk, const std::vector<LogicalType>& types) {
  for (size_t c = 0; c < chunk.ColumnCount() && c < types.size(); c++) {
    if (chunk.column(c).type() != types[c] && chunk.column(c).physical() == PhysicalOf(types[c])) {
      chunk.column(c).Retype(types[c]);
    }
  }
}
}  // namespace

std::unique_ptr<OperatorState> PhysicalCTERef::InitSource(ExecState& state) {
  auto st = std::make_unique<CTEScanState>();
  auto it = state.cte_tables.find(cte_index);
  if (it == state.cte_tables.end()) {
    ThrowInternal("CTE " + std::to_string(cte_index) + " read before it was materialised");
  }
  st->table = it->second;
  return st;
}

bool PhysicalCTERef::GetData(ExecState& state, OperatorState* source_state, DataChunk& out) {
  auto& st = static_cast<CTEScanState&>(*source_state);
  st.table->Scan(st.offset, out);
  st.offset += out.size();
  RetypeChunk(out, types);
  return st.offset < st.table->size();
}

std::unique_ptr<OperatorState> PhysicalCTERef::InitGlobalSource(ExecState& state) {
  return InitSource(state);
}

size_t PhysicalCTERef::MaxThreads(OperatorState* global) const {
  // A thread per 8 chunks at most: small tables are not worth waking workers for.
  return static_cast<CTEScanState&>(*global).table->size() / (8 * kStandardVectorSize) + 1;
}

bool PhysicalCTERef::GetDataParallel(ExecState& state, OperatorState* global, OperatorState* local,
                                     DataChunk& out) {
  auto& st = static_cast<CTEScanState&>(*global);
  size_t offset = st.next_chunk.fetch_add(1, std::memory_order_relaxed) * kStandardVectorSize;
  if (offset >= st.table->size()) return false;
  st.table->Scan(offset, out);
  RetypeChunk(out, types);
  return true;
}

bool PhysicalMaterializedCTE::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  auto table = std::make_shared<RowCollection>();
  // A data-modifying CTE's rows do not count as the statement's rows affected.
  uint64_t affected = state.rows_affected;
  CollectAll(*children[0], state, *table);
  state.rows_affected = affected;
  auto previous = state.cte_tables[cte_index];
  state.cte_tables[cte_index] = table;
  bool result = children[1]->Run(state, [&](DataChunk& chunk) {
    ProfileScope inner(state, this);
    return Emit(state, chunk, consume);
  });
  if (previous) {
    state.cte_tables[cte_index] = previous;
  }
  return result;
}

bool PhysicalRecursiveCTE::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  RowHashSet seen(types);
  auto working = std::make_shared<RowCollection>(types);
  uint64_t held_bytes = 0;
  bool stopped = false;
  auto take = [&](DataChunk& chunk, RowCollection& into) -> bool {
    ProfileScope inner(state, this);
    RetypeChunk(chunk, types);
    if (!union_all) {
      std::vector<const Vector*> cols;
      for (size_t c = 0; c < chunk.ColumnCount(); c++) cols.push_back(&chunk.column(c));
      std::vector<uint8_t> is_new;
      uint64_t bytes = seen.Insert(cols, chunk.size(), is_new);
      held_bytes += bytes;
      state.Allocate(bytes, "recursive query");
      std::vector<uint32_t> sel;
      for (size_t i = 0; i < chunk.size(); i++) {
        if (is_new[i]) sel.push_back(static_cast<uint32_t>(i));
      }
      if (sel.empty()) return true;
      if (sel.size() != chunk.size()) chunk.Slice(sel);
    }
    uint64_t bytes = into.Append(chunk);
    held_bytes += bytes;
    state.Allocate(bytes, "recursive query");
    if (!Emit(state, chunk, consume)) {
      stopped = true;
      return false;
    }
    return true;
  };
  children[0]->Run(state, [&](DataChunk& chunk) { return take(chunk, *working); });
  auto previous = state.cte_tables[cte_index];
  while (!stopped && working->size() > 0) {
    state.CheckInterrupt();
    state.cte_tables[cte_index] = working;
    auto next = std::make_shared<RowCollection>(types);
    children[1]->Run(state, [&](DataChunk& chunk) { return take(chunk, *next); });
    working = std::move(next);
  }
  state.cte_tables[cte_index] = previous;
  state.Free(held_bytes);
  return !stopped;
}

}  // namespace kadedb
