// SealedKeyMap: an in-memory hash from the keys of one unique index to the row ids of sealed rows
// that held them, so a point lookup by a whole unique key can find a sealed row without reading
// the index column family (a RocksDB memtable skip-list or table-file search).
//
// Hints, never answers. Entries are added from committed row groups (RowGroupCache) and never
// updated: a row deleted, updated or dropped since keeps its entry. Callers must therefore check
// every candidate against the row as their snapshot sees it (its key equals the looked-up key and
// the row is live) and fall back to the index when no candidate checks out. Because the index is
// unique, a live row holding the key at a snapshot is the one row the index maps the key to.
//
// Layout: open addressing with linear probing over 64-bit slots, slot = (24-bit hash tag) << 40 |
// row id (0 = empty). The slot index is the top log2(capacity) bits of the hash, which are also
// the tag's top bits, so growing re-places slots from their tags alone. Row ids of 2^40 or more
// are not recorded. Memory: 8 bytes per slot, at most kMaxSlots slots (then groups stop being
// added: lookups of their keys take the index path).
//
// Threading: thread-safe. Candidates take a shared lock (try-lock: while a group is being
// inserted, lookups answer nothing and take the index path); AddGroup an exclusive one.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string_view>
#include <vector>

namespace kadedb {

class SealedKeyMap {
 public:
  static constexpr uint32_t kMaxLog2Slots = 23;  // 8M slots = 64 MiB, ~5.8M keys

  // Hash of an encoded key (the index key without its oid prefix).
  static uint64_t Hash(std::string_view encoded_key);

  // Calls check(row_id) for each recorded row id whose key may hash to hash, until one returns
  // true; returns that row id, or 0 when none did (or the map was busy).
  uint64_t Find(uint64_t hash, const std::function<bool(uint64_t)>& check) const;

  // Whether the row group starting at row_start has been added (or given up on).
  bool Covers(uint64_t row_start) const;
  // Records (hash, row id) pairs of the group starting at row_start. Returns false (and records
  // nothing more, then or later) when the map would outgrow kMaxLog2Slots.
  bool AddGroup(uint64_t row_start, const std::vector<std::pair<uint64_t, uint64_t>>& entries);

  // Group-cache generation this map last caught up with (see DataTable::SealedKeyHint).
  std::atomic<uint64_t> seen_generation{0};
  // Held (try_lock) by the one thread adding groups, so others do not decode the same ones.
  std::mutex builder;

 private:
  void Grow(uint32_t log2);
  void Place(uint64_t slot);

  mutable std::shared_mutex mutex_;
  std::vector<uint64_t> slots_;  // capacity 1 << log2_ (empty until the first group)
  uint32_t log2_ = 0;
  size_t count_ = 0;
  bool full_ = false;
  std::set<uint64_t> covered_;  // row_start of the groups added
};

}  // namespace kadedb
