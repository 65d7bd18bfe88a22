// MorselGroups: ascending-key runs, then a direct array or a small hash table, per morsel.
#include "execution/morsel_groups.hpp"

#include <algorithm>

#include "common/hash_mix.hpp"
#include "execution/execution_state.hpp"

namespace kadedb {

namespace {

// Widest key interval indexed by a direct array (4 bytes per key: 1 MiB).
constexpr __int128 kDirectMaxSpan = __int128{1} << 18;
constexpr size_t kMinHashSlots = 1024;
constexpr uint64_t kKeyBytes = 16;  // charged per final group's key (value, validity, slack)

}  // namespace

void MorselGroups::Begin(int64_t row_group, const KeyInterval& interval, const GroupTable& finals) {
  if (row_group == row_group_) return;
  Clear(finals);
  row_group_ = row_group;
  interval_ = interval;
  first_group_ = finals.group_count;
  mode_ = Mode::kAscending;
  have_last_ = false;
}

void MorselGroups::Clear(const GroupTable& finals) {
  if (mode_ == Mode::kDirect) {
    size_t groups = finals.group_count - first_group_;
    if (groups * 16 >= direct_.size()) {
      std::fill(direct_.begin(), direct_.end(), 0);
    } else {
      const int64_t* keys = finals.keys.column(0).ints().data();
      for (size_t g = first_group_; g < finals.group_count; g++) {
        direct_[static_cast<uint64_t>(keys[g]) - direct_base_] = 0;
      }
    }
  } else if (mode_ == Mode::kHash) {
    std::fill(hash_.begin(), hash_.end(), HashEntry{0, 0});
    hash_count_ = 0;
  }
  mode_ = Mode::kAscending;
}

uint32_t* MorselGroups::HashSlot(int64_t k) {
  size_t mask = hash_.size() - 1;
  size_t s = MixBits(static_cast<uint64_t>(k)) & mask;
  while (hash_[s].group != 0 && hash_[s].key != k) s = (s + 1) & mask;
  hash_[s].key = k;  // (a no-op on a hit; the caller fills group on a miss)
  return &hash_[s].group;
}

void MorselGroups::GrowHash() {
  std::vector<HashEntry> old = std::move(hash_);
  hash_.assign(std::max(kMinHashSlots, old.size() * 2), HashEntry{0, 0});
  for (const HashEntry& e : old) {
    if (e.group != 0) *HashSlot(e.key) = e.group;
  }
}

void MorselGroups::BuildIndex(const GroupTable& finals) {
  const int64_t* keys = finals.keys.column(0).ints().data();
  __int128 span = static_cast<__int128>(interval_.hi) - interval_.lo - 1;
  if (span <= kDirectMaxSpan) {
    mode_ = Mode::kDirect;
    direct_base_ = static_cast<uint64_t>(interval_.lo) + 1;
    if (direct_.size() < static_cast<size_t>(span)) direct_.resize(static_cast<size_t>(span), 0);
    for (size_t g = first_group_; g < finals.group_count; g++) {
      direct_[static_cast<uint64_t>(keys[g]) - direct_base_] = static_cast<uint32_t>(g + 1);
    }
    return;
  }
  mode_ = Mode::kHash;
  size_t groups = finals.group_count - first_group_;
  size_t slots = kMinHashSlots;
  while (slots < groups * 4) slots *= 2;
  if (hash_.size() < slots) hash_.assign(slots, HashEntry{0, 0});
  hash_count_ = groups;
  for (size_t g = first_group_; g < finals.group_count; g++) {
    *HashSlot(keys[g]) = static_cast<uint32_t>(g + 1);
  }
}

void MorselGroups::AppendNewKeys(ExecState& state, GroupTable& finals, const Vector& key) {
  if (new_rows_.empty()) return;
  AppendVectorSel(finals.keys.column(0), key, new_rows_.data(), new_rows_.size());
  finals.keys.SetCount(finals.group_count);
  uint64_t bytes = new_rows_.size() * kKeyBytes;
  state.Allocate(bytes, "HASH_GROUP_BY");
  finals.bytes += bytes;
  new_rows_.clear();
}

void MorselGroups::Find(ExecState& state, const PhysicalHashAggregate& op, GroupTable& finals,
                        const Vector& key, const uint32_t* rows, size_t n, uint8_t** bases) {
  if (rows) {
    FindRows(
        state, op, finals, key, [rows](size_t j) { return rows[j]; }, n, bases);
  } else {
    FindRows(
        state, op, finals, key, [](size_t j) { return static_cast<uint32_t>(j); }, n, bases);
  }
}

template <class RowAt>
void MorselGroups::FindRows(ExecState& state, const PhysicalHashAggregate& op, GroupTable& finals,
                            const Vector& key, RowAt row_at, size_t n, uint8_t** bases) {
  const int64_t* kv = key.ints().data();
  new_rows_.clear();
  auto create = [&](uint32_t i) {
    size_t g = NewGroup(state, op, finals);
    new_rows_.push_back(i);
    return g;
  };
  size_t j = 0;
  if (mode_ == Mode::kAscending && n > 0) {
    // Keys ascending through the morsel so far: a row whose key differs from the previous row's
    // starts the next group (the newest group of finals is the previous row's). Branch-free
    // passes: run starts are unpredictable (orders have 1 to 7 lines).
    int64_t first_key = kv[row_at(0)];
    // (first_key - 1 cannot wrap: INT64_MIN is never inside an interval)
    int64_t before = have_last_ ? last_key_ : first_key - 1;
    // One pass: run starts compacted into new_rows_, whether the keys ever go down, and each
    // row's state base from a running group number (blocks for n new groups exist beforehand;
    // the m groups really new are initialised after).
    ReserveGroups(state, op, finals, finals.group_count + n);
    const std::unique_ptr<__int128[]>* blocks = finals.blocks.data();
    size_t stride = op.state_stride;
    size_t g = finals.group_count - 1;  // (wraps to the first new group at once)
    int64_t p = before;
    uint8_t descends = 0;
    new_rows_.resize(n);
    size_t m = 0;
    for (size_t r = 0; r < n; r++) {
      uint32_t i = row_at(r);
      int64_t k = kv[i];
      bool fresh = k != p;
      new_rows_[m] = i;
      m += fresh;
      g += fresh;
      descends |= k < p;
      p = k;
      bases[i] = reinterpret_cast<uint8_t*>(blocks[g / kGroupsPerBlock].get()) +
                 (g % kGroupsPerBlock) * stride;
    }
    if (!descends) {
      new_rows_.resize(m);
      NewGroups(state, op, finals, m);
      last_key_ = p;
      have_last_ = true;
      last_base_ = bases[row_at(n - 1)];
      AppendNewKeys(state, finals, key);
      return;
    }
    new_rows_.clear();
    BuildIndex(finals);  // this batch and the rest of the morsel go through the index
  }
  for (; j < n; j++) {
    uint32_t i = row_at(j);
    int64_t k = kv[i];
    if (!(have_last_ && k == last_key_)) {
      uint32_t* slot;
      if (mode_ == Mode::kDirect) {
        slot = &direct_[static_cast<uint64_t>(k) - direct_base_];
      } else {
        if ((hash_count_ + 1) * 2 > hash_.size()) GrowHash();
        slot = HashSlot(k);
      }
      if (*slot == 0) {
        *slot = static_cast<uint32_t>(create(i) + 1);
        if (mode_ == Mode::kHash) hash_count_++;
      }
      last_key_ = k;
      last_base_ = GroupStates(op, finals, *slot - 1);
      have_last_ = true;
    }
    bases[i] = last_base_;
  }
  AppendNewKeys(state, finals, key);
}

}  // namespace kadedb
