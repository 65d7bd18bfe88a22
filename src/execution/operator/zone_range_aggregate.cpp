// Zone-range partitioned hash aggregation (execution/zone_range_partition.hpp): splitting a chunk
// between the final groups of its morsel and the ordinary table, and finishing the final groups.
#include <algorithm>

#include "execution/execution_state.hpp"
#include "execution/operator/hash_aggregate_state.hpp"

namespace kadedb {

void ZoneRangeBases(ExecState& state, const PhysicalHashAggregate& op, HashAggregateState& st,
                    GroupTable& t, const Vector& key, size_t count) {
  auto& bases = st.bases;
  bases.resize(count);
  const MorselKeys& mk = state.morsel_keys;
  bool sealed = mk.scan == op.range_scan && mk.row_group >= 0;
  bool int_key = key.physical() == PhysicalType::kInt64;
  const uint8_t* vd = key.validity().data();
  std::vector<const Vector*> values = {&key};
  if (!sealed || !int_key || mk.exclusive.Empty()) {
    if (!sealed && int_key) {
      // No zone guarantee for these rows (row store, or a chunk of unknown origin): remember
      // their key range.
      const int64_t* kv = key.ints().data();
      int64_t lo = st.tail_min, hi = st.tail_max;
      bool any = false;
      for (size_t i = 0; i < count; i++) {
        if (!vd[i]) continue;
        lo = std::min(lo, kv[i]);
        hi = std::max(hi, kv[i]);
        any = true;
      }
      if (any) {
        st.has_tail = true;
        st.tail_min = lo;
        st.tail_max = hi;
      }
    } else if (!sealed) {
      st.has_tail = true;  // not an integer key after all: nothing may stay final
      st.tail_min = std::numeric_limits<int64_t>::min();
      st.tail_max = std::numeric_limits<int64_t>::max();
    }
    FindGroups(state, op, t, values, count, st.group_ids);
    for (size_t i = 0; i < count; i++) bases[i] = GroupStates(op, t, st.group_ids[i]);
    return;
  }
  const int64_t* kv = key.ints().data();
  const KeyInterval iv = mk.exclusive;
  auto& inner = st.inner_rows;
  auto& other = st.other_rows;
  // Usually every row is inside: checked by a (vectorised) min / max first.
  uint8_t all_valid = 1;
  int64_t lo = std::numeric_limits<int64_t>::max(), hi = std::numeric_limits<int64_t>::min();
  for (size_t i = 0; i < count; i++) {
    all_valid &= vd[i];
    lo = std::min(lo, kv[i]);
    hi = std::max(hi, kv[i]);
  }
  size_t ni = count, no = 0;
  if (!(all_valid && lo > iv.lo && hi < iv.hi)) {
    inner.resize(count);
    other.resize(count);
    ni = 0;
    for (size_t i = 0; i < count; i++) {
      bool in = vd[i] & (kv[i] > iv.lo) & (kv[i] < iv.hi);
      inner[ni] = static_cast<uint32_t>(i);
      other[no] = static_cast<uint32_t>(i);
      ni += in;
      no += !in;
    }
  }
  if (st.finals.empty()) {
    st.finals.emplace_back();
    InitTableLike(st.finals[0], t, op);
  }
  if (!st.morsel) st.morsel = std::make_unique<MorselGroups>();
  GroupTable& fin = st.finals[0];
  st.morsel->Begin(mk.row_group, iv, fin);
  st.morsel->Find(state, op, fin, key, ni == count ? nullptr : inner.data(), ni, bases.data());
  if (no == 0) return;
  Vector sub(key.type());
  AppendVectorSel(sub, key, other.data(), no);
  values[0] = &sub;
  FindGroups(state, op, t, values, no, st.group_ids);
  for (size_t j = 0; j < no; j++) bases[other[j]] = GroupStates(op, t, st.group_ids[j]);
}

void ZoneRangeCombine(HashAggregateState& global, HashAggregateState& local) {
  for (auto& f : local.finals) global.finals.push_back(std::move(f));
  local.finals.clear();
  if (local.has_tail) {
    global.has_tail = true;
    global.tail_min = std::min(global.tail_min, local.tail_min);
    global.tail_max = std::max(global.tail_max, local.tail_max);
  }
}

void ZoneRangeResolve(ExecState& state, const PhysicalHashAggregate& op, HashAggregateState& st) {
  if (!st.has_tail || st.tables.empty()) return;
  std::vector<uint32_t> ids;
  for (GroupTable& f : st.finals) {
    ids.clear();
    const int64_t* keys = f.keys.column(0).ints().data();
    for (size_t g = 0; g < f.group_count; g++) {
      if (keys[g] >= st.tail_min && keys[g] <= st.tail_max) ids.push_back(static_cast<uint32_t>(g));
    }
    if (ids.empty()) continue;
    MergeGroups(state, op, st.tables[0], f, ids.data(), ids.size());
    f.moved_to.assign(f.group_count, 0);
    for (uint32_t g : ids) f.moved_to[g] = 1;
  }
}

void ZoneRangeAppend(const PhysicalHashAggregate& op, HashAggregateState& st) {
  uint64_t kept = 0;
  for (GroupTable& f : st.finals) {
    for (size_t g = 0; g < f.group_count; g++) kept += f.moved_to.empty() || f.moved_to[g] == 0;
    st.tables.push_back(std::move(f));
  }
  st.finals.clear();
  op.zone_final_groups.store(kept, std::memory_order_relaxed);
}

}  // namespace kadedb
