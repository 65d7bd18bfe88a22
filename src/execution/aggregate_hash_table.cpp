// GroupTable / FindGroups: the hash aggregate's group lookup (run detection, direct array,
// short-key cache, then the hash table with prefetching) and group creation.
#include "execution/aggregate_hash_table.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include <sys/mman.h>

#include "execution/execution_state.hpp"
#include "execution/parallel/pipeline_executor.hpp"
#include "execution/parallel/task_scheduler.hpp"

namespace kadedb {

namespace {

// A slot holds the group id + 1 in its low 32 bits and the hash's high 32 bits above, so most
// mismatches are rejected without touching the group's hash or keys.
inline uint64_t SlotTag(uint64_t hash) {
  return hash & 0xFFFFFFFF00000000ULL;
}

// Direct index (GroupTable::direct): keys within kDirectSpan of the first group's key.
constexpr uint64_t kDirectSpan = uint64_t{1} << 16;
// Short-key cache: entries (a power of two) and the group count above which it is turned off
// (many groups: it would mostly miss).
constexpr int kPackedCacheBits = 10;
constexpr size_t kPackedMaxGroups = 256;
// Rows ahead whose first slot is prefetched while probing.
constexpr size_t kPrefetchAhead = 16;

void AddDirectKey(GroupTable& t, const Vector& keys, size_t row, size_t g) {
  if (keys.IsNull(row) || g + 1 > UINT32_MAX) return;
  uint64_t v = static_cast<uint64_t>(keys.ints()[row]);
  if (t.direct.empty()) t.direct_base = v - 1024;  // room for smaller keys too (wraps safely)
  uint64_t off = v - t.direct_base;
  if (off >= kDirectSpan) return;  // out of range: found through the hash table only
  if (off >= t.direct.size()) {
    t.direct.resize(std::min<uint64_t>(kDirectSpan, std::max<uint64_t>(off + 1, 2048) * 2), 0);
  }
  t.direct[off] = static_cast<uint32_t>(g + 1);
}

inline size_t PackedSlot(uint64_t w0, uint64_t w1, uint32_t nulls) {
  uint64_t h = ((w0 * 0x9E3779B97F4A7C15ULL) ^ w1 ^ (static_cast<uint64_t>(nulls) << 61)) *
               0xC2B2AE3D27D4EB4FULL;
  return static_cast<size_t>(h >> (64 - kPackedCacheBits));
}

// Packs rows [0, count) of a key column into w (NULL: 0 and bit in nulls; a string of <= 7
// bytes: its bytes and its length in the top byte); ok[i] = 0 when row i does not fit.
void PackColumn(const Vector& v, size_t count, uint64_t* w, uint32_t* nulls, uint32_t bit,
                uint8_t* ok) {
  const uint8_t* vd = v.validity().data();
  if (v.physical() == PhysicalType::kInt64) {
    const int64_t* iv = v.ints().data();
    for (size_t i = 0; i < count; i++) {
      w[i] = vd[i] ? static_cast<uint64_t>(iv[i]) : 0;
      nulls[i] |= vd[i] ? 0 : bit;
    }
    return;
  }
  const std::string* sv = v.strings().data();
  for (size_t i = 0; i < count; i++) {
    if (!vd[i]) {
      w[i] = 0;
      nulls[i] |= bit;
      continue;
    }
    size_t n = sv[i].size();
    if (n > 7) {
      ok[i] = 0;
      continue;
    }
    uint64_t x = 0;
    if (sv[i].capacity() >= 7) {
      // One 8-byte load (the buffer holds capacity + 1 >= 8 bytes), bytes past n masked off.
      std::memcpy(&x, sv[i].data(), 8);
      x &= n == 0 ? 0 : ~uint64_t{0} >> (64 - 8 * n);
    } else {
      std::memcpy(&x, sv[i].data(), n);
    }
    w[i] = x | (static_cast<uint64_t>(n) << 56);
  }
}

bool Packable(const GroupTable& t, const std::vector<const Vector*>& group_values) {
  if (t.packed_off || t.key_indices.size() > 2) return false;
  for (idx_t k : t.key_indices) {
    PhysicalType p = group_values[k]->physical();
    if (p != PhysicalType::kInt64 && p != PhysicalType::kString) return false;
  }
  return true;
}

// Per-call scratch arrays (one set per thread: FindGroups runs on thread-local tables).
struct FindScratch {
  std::vector<uint32_t> todo, missing, dups, new_rows;
  std::vector<uint64_t> hashes, w0, w1;
  std::vector<uint32_t> nulls;
  std::vector<uint8_t> ok;
};
thread_local FindScratch scratch;

}  // namespace

SlotArray& SlotArray::operator=(SlotArray&& o) noexcept {
  if (this != &o) {
    Release();
    data_ = o.data_;
    size_ = o.size_;
    mapped_bytes_ = o.mapped_bytes_;
    o.data_ = nullptr;
    o.size_ = 0;
    o.mapped_bytes_ = 0;
  }
  return *this;
}

void SlotArray::Release() {
  if (mapped_bytes_ > 0) {
    munmap(data_, mapped_bytes_);
  } else {
    std::free(data_);
  }
  data_ = nullptr;
  size_ = 0;
  mapped_bytes_ = 0;
}

void SlotArray::Assign(size_t n) {
  Release();
  if (n == 0) return;
  size_t bytes = n * sizeof(uint64_t);
  constexpr size_t kHugePage = size_t{2} << 20;
  if (bytes >= kHugePage) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      madvise(p, bytes, MADV_HUGEPAGE);  // a hint: fine when refused
      data_ = static_cast<uint64_t*>(p);
      size_ = n;
      mapped_bytes_ = bytes;
      return;
    }
  }
  data_ = static_cast<uint64_t*>(std::calloc(n, sizeof(uint64_t)));
  if (!data_) throw std::bad_alloc();
  size_ = n;
}

size_t NewGroup(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t) {
  size_t g = t.group_count++;
  if (g / kGroupsPerBlock >= t.blocks.size()) {
    size_t bytes = std::max<size_t>(op.state_size, 16) * kGroupsPerBlock;
    // Not zeroed: every state is Initialize()d when its group is created.
    t.blocks.push_back(std::make_unique_for_overwrite<__int128[]>(bytes / 16));
    state.Allocate(bytes, "HASH_GROUP_BY");
    t.bytes += bytes;
  }
  uint8_t* base = GroupStates(op, t, g);
  for (auto& a : op.aggregates) a.kernel->Initialize(base + a.state_offset);
  return g;
}

void ReserveGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t,
                   size_t groups) {
  size_t bytes = std::max<size_t>(op.state_size, 16) * kGroupsPerBlock;
  while (t.blocks.size() * kGroupsPerBlock < groups) {
    t.blocks.push_back(std::make_unique_for_overwrite<__int128[]>(bytes / 16));
    state.Allocate(bytes, "HASH_GROUP_BY");
    t.bytes += bytes;
  }
}

size_t NewGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t, size_t n) {
  size_t first = t.group_count, end = first + n;
  ReserveGroups(state, op, t, end);
  t.group_count = end;
  for (auto& a : op.aggregates) {
    for (size_t g = first; g < end;) {
      // One block's run of states of this aggregate: state_stride bytes apart.
      size_t stop = std::min(end, (g / kGroupsPerBlock + 1) * kGroupsPerBlock);
      uint8_t* p = GroupStates(op, t, g) + a.state_offset;
      for (; g < stop; g++, p += op.state_stride) a.kernel->Initialize(p);
    }
  }
  return first;
}

void Rehash(GroupTable& t, size_t capacity) {
  t.slots.Assign(capacity);
  size_t mask = capacity - 1;
  uint64_t* slots = t.slots.data();
  const uint64_t* hashes = t.hashes.data();
  for (size_t g = 0; g < t.group_count; g++) {
    if (g + kPrefetchAhead < t.group_count) {
      __builtin_prefetch(slots + (hashes[g + kPrefetchAhead] & mask), 1);
    }
    size_t s = hashes[g] & mask;
    while (slots[s] != 0) s = (s + 1) & mask;
    slots[s] = SlotTag(hashes[g]) | (g + 1);
  }
}

void FindGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t,
                const std::vector<const Vector*>& group_values, size_t count,
                std::vector<uint64_t>& group_ids, const uint64_t* known_hashes) {
  group_ids.resize(count);
  if (t.key_indices.empty()) {  // the single group 0
    std::fill(group_ids.begin(), group_ids.end(), 0);
    return;
  }
  size_t nk = t.key_indices.size();
  const Vector& key0 = *group_values[t.key_indices[0]];
  bool one_int_key = nk == 1 && key0.physical() == PhysicalType::kInt64;
  bool int_keys = true;
  for (idx_t k : t.key_indices) int_keys &= group_values[k]->physical() == PhysicalType::kInt64;
  FindScratch& sc = scratch;
  auto& todo = sc.todo;
  auto& dups = sc.dups;
  todo.clear();
  dups.clear();

  // 1. Lookups without hashing.
  bool packed = false;
  if (one_int_key) {
    // The direct index first (one read for a key in its range); a row it misses takes the
    // previous row's group when its key is the same (runs of equal keys), else is looked up.
    const int64_t* iv = key0.ints().data();
    const uint8_t* ivd = key0.validity().data();
    const uint32_t* direct = t.direct.data();
    uint64_t base = t.direct_base, span = t.direct.size();
    for (size_t i = 0; i < count; i++) {
      uint64_t off = static_cast<uint64_t>(iv[i]) - base;
      uint32_t d = (ivd[i] && off < span) ? direct[off] : 0;
      if (d != 0) {
        group_ids[i] = d - 1;
      } else if (i > 0 && ivd[i] == ivd[i - 1] && (ivd[i] == 0 || iv[i] == iv[i - 1])) {
        dups.push_back(static_cast<uint32_t>(i));
      } else {
        todo.push_back(static_cast<uint32_t>(i));
      }
    }
  } else if (Packable(t, group_values)) {
    if (t.group_count > kPackedMaxGroups) {
      t.packed_off = true;
      t.packed_cache = {};
    } else {
      packed = true;
      if (t.packed_cache.empty()) t.packed_cache.resize(size_t{1} << kPackedCacheBits);
      sc.w0.resize(count);
      sc.w1.assign(count, 0);
      sc.nulls.assign(count, 0);
      sc.ok.assign(count, 1);
      PackColumn(key0, count, sc.w0.data(), sc.nulls.data(), 1, sc.ok.data());
      if (nk == 2) {
        PackColumn(*group_values[t.key_indices[1]], count, sc.w1.data(), sc.nulls.data(), 2,
                   sc.ok.data());
      }
      const PackedKeyEntry* cache = t.packed_cache.data();
      for (size_t i = 0; i < count; i++) {
        if (sc.ok[i]) {
          const PackedKeyEntry& e = cache[PackedSlot(sc.w0[i], sc.w1[i], sc.nulls[i])];
          if (e.group != 0 && e.w0 == sc.w0[i] && e.w1 == sc.w1[i] && e.nulls == sc.nulls[i]) {
            group_ids[i] = e.group - 1;
            continue;
          }
        }
        todo.push_back(static_cast<uint32_t>(i));
      }
    }
  }
  if (!one_int_key && !packed) {
    todo.resize(count);
    for (size_t i = 0; i < count; i++) todo[i] = static_cast<uint32_t>(i);
  }

  if (!todo.empty()) {
    // 2. Hashes of the rows (all of them: hashing is vectorised per column).
    const uint64_t* hashes = known_hashes;
    if (!hashes) {
      sc.hashes.resize(count);
      for (size_t k = 0; k < nk; k++) {
        HashVector(*group_values[t.key_indices[k]], count, sc.hashes.data(), k > 0);
      }
      hashes = sc.hashes.data();
    }
    if (t.slots.empty()) Rehash(t, 1024);
    // Equality of group g's keys (stored) and input row i's.
    auto stored_equal = [&](size_t g, size_t i) {
      for (size_t k = 0; k < nk; k++) {
        const Vector& gk = t.keys.column(k);
        const Vector& in = *group_values[t.key_indices[k]];
        if (int_keys) {
          uint8_t a = gk.validity()[g], b = in.validity()[i];
          if (!((a & b) ? gk.ints()[g] == in.ints()[i] : a == b)) return false;
        } else if (!ValuesEqual(gk, g, in, i)) {
          return false;
        }
      }
      return true;
    };
    // 3. A lookup-only pass (the table does not change): rows without a group yet are missing.
    auto& missing = sc.missing;
    missing.clear();
    if (t.group_count > 0 && !t.mostly_new) {
      const uint64_t* slots = t.slots.data();
      size_t mask = t.slots.size() - 1;
      size_t n = todo.size();
      for (size_t j = 0; j < n; j++) {
        if (j + kPrefetchAhead < n) {
          __builtin_prefetch(slots + (hashes[todo[j + kPrefetchAhead]] & mask));
        }
        size_t i = todo[j];
        size_t s = hashes[i] & mask;
        uint64_t tag = SlotTag(hashes[i]);
        while (true) {
          uint64_t slot = slots[s];
          if (slot == 0) {
            missing.push_back(static_cast<uint32_t>(i));
            break;
          }
          size_t g = (slot & 0xFFFFFFFFULL) - 1;
          if ((slot & 0xFFFFFFFF00000000ULL) == tag && stored_equal(g, i)) {
            group_ids[i] = g;
            break;
          }
          s = (s + 1) & mask;
        }
      }
    } else {
      missing.assign(todo.begin(), todo.end());
    }
    // 4. Inserts: the table changes (new groups, growth). The keys of groups created here are
    // still the input rows new_rows[g - first_new] until they are appended below.
    auto& new_rows = sc.new_rows;
    new_rows.clear();
    size_t first_new = t.group_count;
    size_t n = missing.size();
    for (size_t j = 0; j < n; j++) {
      size_t i = missing[j];
      if ((t.group_count + 1) * 2 > t.slots.size()) Rehash(t, t.slots.size() * 2);
      size_t mask = t.slots.size() - 1;
      if (j + kPrefetchAhead < n) {
        __builtin_prefetch(t.slots.data() + (hashes[missing[j + kPrefetchAhead]] & mask));
      }
      size_t s = hashes[i] & mask;
      uint64_t tag = SlotTag(hashes[i]);
      while (true) {
        uint64_t slot = t.slots[s];
        if (slot == 0) {
          size_t g = NewGroup(state, op, t);
          t.hashes.push_back(hashes[i]);
          new_rows.push_back(static_cast<uint32_t>(i));
          t.slots[s] = tag | (g + 1);
          group_ids[i] = g;
          if (one_int_key) AddDirectKey(t, key0, i, g);
          break;
        }
        size_t g = (slot & 0xFFFFFFFFULL) - 1;
        if ((slot & 0xFFFFFFFF00000000ULL) == tag && t.hashes[g] == hashes[i]) {
          bool eq;
          if (g >= first_new) {
            size_t r = new_rows[g - first_new];
            eq = true;
            for (size_t k = 0; k < nk && eq; k++) {
              const Vector& in = *group_values[t.key_indices[k]];
              eq = ValuesEqual(in, r, in, i);
            }
          } else {
            eq = stored_equal(g, i);
          }
          if (eq) {
            group_ids[i] = g;
            break;
          }
        }
        s = (s + 1) & mask;
      }
    }
    // Mostly new keys: the next call skips the lookup pass (and goes back to it once most rows
    // find their group again).
    t.mostly_new = n > 0 && new_rows.size() * 8 > todo.size() * 7;
    if (!new_rows.empty()) {
      uint64_t bytes = new_rows.size() * (24 * nk + 16);
      for (size_t k = 0; k < nk; k++) {
        const Vector& in = *group_values[t.key_indices[k]];
        AppendVectorSel(t.keys.column(k), in, new_rows.data(), new_rows.size());
        if (in.physical() == PhysicalType::kString) {
          for (uint32_t r : new_rows) {
            if (!in.IsNull(r) && in.strings()[r].size() > 15) bytes += in.strings()[r].size();
          }
        }
      }
      t.keys.SetCount(t.group_count);
      state.Allocate(bytes, "HASH_GROUP_BY");
      t.bytes += bytes;
    }
    // 5. Remember the packed keys of the rows just resolved.
    if (packed) {
      PackedKeyEntry* cache = t.packed_cache.data();
      for (uint32_t i : todo) {
        if (!sc.ok[i] || group_ids[i] + 1 > UINT32_MAX) continue;
        PackedKeyEntry& e = cache[PackedSlot(sc.w0[i], sc.w1[i], sc.nulls[i])];
        e.w0 = sc.w0[i];
        e.w1 = sc.w1[i];
        e.nulls = sc.nulls[i];
        e.group = static_cast<uint32_t>(group_ids[i] + 1);
      }
    }
  }
  // Rows equal to their predecessor, in order (a run's rows resolve front to back).
  for (uint32_t i : dups) group_ids[i] = group_ids[i - 1];
}

namespace {

// Group of t whose key equals group g of src (hash h); -1 when none.
int64_t FindGroupOf(const GroupTable& t, const GroupTable& src, size_t g, uint64_t h) {
  if (t.group_count == 0 || t.slots.empty()) return -1;
  size_t mask = t.slots.size() - 1;
  size_t s = h & mask;
  uint64_t tag = SlotTag(h);
  const uint64_t* slots = t.slots.data();
  while (true) {
    uint64_t slot = slots[s];
    if (slot == 0) return -1;
    size_t tg = (slot & 0xFFFFFFFFULL) - 1;
    if ((slot & 0xFFFFFFFF00000000ULL) == tag && t.hashes[tg] == h) {
      bool eq = true;
      for (size_t k = 0; k < t.key_indices.size() && eq; k++) {
        eq = ValuesEqual(t.keys.column(k), tg, src.keys.column(k), g);
      }
      if (eq) return static_cast<int64_t>(tg);
    }
    s = (s + 1) & mask;
  }
}

}  // namespace

void MergeByProbing(ExecState& state, const PhysicalHashAggregate& op,
                    const std::vector<GroupTable*>& tables) {
  for (GroupTable* t : tables) t->moved_to.assign(t->group_count, 0);
  auto combine = [&](GroupTable& src, size_t g, size_t owner_table, size_t owner) {
    const uint8_t* from = GroupStates(op, src, g);
    uint8_t* to = GroupStates(op, *tables[owner_table], owner);
    for (auto& a : op.aggregates) a.kernel->Combine(from + a.state_offset, to + a.state_offset);
    src.moved_to[g] = ((owner_table + 1) << 32) | owner;
  };
  if (!tables.empty() && tables[0]->key_indices.empty()) {
    // No keys: one group per table; all go into the first table that has it.
    size_t first = tables.size();
    for (size_t i = 0; i < tables.size(); i++) {
      if (tables[i]->group_count == 0) continue;
      if (first == tables.size()) {
        first = i;
      } else {
        combine(*tables[i], 0, first, 0);
      }
    }
    return;
  }
  constexpr size_t kChunk = 4096;
  size_t threads = std::max<size_t>(1, PipelineThreads(state));
  for (size_t i = 1; i < tables.size(); i++) {
    GroupTable& src = *tables[i];
    if (src.group_count == 0) continue;
    std::atomic<size_t> next{0};
    size_t chunks = (src.group_count + kChunk - 1) / kChunk;
    auto body = [&](size_t) {
      while (true) {
        size_t c = next.fetch_add(1);
        if (c >= chunks) break;
        size_t end = std::min(src.group_count, (c + 1) * kChunk);
        for (size_t g = c * kChunk; g < end; g++) {
          if (g + kPrefetchAhead < end && !tables[0]->slots.empty()) {
            const GroupTable& t0 = *tables[0];
            __builtin_prefetch(t0.slots.data() +
                               (src.hashes[g + kPrefetchAhead] & (t0.slots.size() - 1)));
          }
          uint64_t h = src.hashes[g];
          for (size_t j = 0; j < i; j++) {
            int64_t found = FindGroupOf(*tables[j], src, g, h);
            if (found < 0) continue;
            uint64_t moved = tables[j]->moved_to[found];
            if (moved == 0) {
              combine(src, g, j, static_cast<size_t>(found));
            } else {
              combine(src, g, (moved >> 32) - 1, moved & 0xFFFFFFFFULL);
            }
            break;
          }
        }
      }
    };
    if (chunks == 1) {
      body(0);
    } else {
      TaskScheduler::Get().RunOnThreads(std::min(threads, chunks), body);
    }
  }
}

}  // namespace kadedb
