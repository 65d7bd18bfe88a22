// JoinHashTable: the hash table of a hash join's build side. Flat open addressing (linear
// probing) over 16-byte slots, one slot per distinct key: the slot holds the key itself when the
// join has one non-NULL-matching integer key (the probe then compares in the slot: one cache
// line per lookup), otherwise the key's 64-bit hash (a probe compares hashes, then the typed key
// values of the slot's first row only). Build rows with equal keys are chained through `next`
// in input order, so a lookup yields every partner without comparing again.
//
// Built from the key columns and hashes of a RowCollection (rows whose key has a NULL under `=`
// are left out). The slot array is split into 2^k partitions by the top bits of the hash; large
// builds insert the partitions on several threads at once (each thread owns whole partitions, no
// locks). Read-only after Build: probing threads share it.
#pragma once

#include <cstdint>
#include <vector>

#include "execution/vector_ops.hpp"

namespace kadedb {

class JoinHashTable {
 public:
  // keys: the build key columns (n rows); hashes: their combined hashes; check[k]: NULLs of key k
  // never match (rows holding one are skipped). threads: how many threads may insert.
  void Build(const RowCollection& keys, const std::vector<uint64_t>& hashes,
             const std::vector<bool>& check, size_t threads);

  bool has_null_key() const { return has_null_key_; }
  bool int_mode() const { return int_mode_; }
  size_t bytes() const { return slots_.size() * sizeof(Slot) + next_.size() * sizeof(uint64_t); }

  // First build row (+1) whose key equals the integer key (int mode only); 0 when none.
  uint64_t FindInt(int64_t key, uint64_t hash) const {
    const Slot* part = slots_.data() + (((hash >> 40) & part_count_mask_) << part_bits_);
    uint64_t s = hash & part_mask_;
    while (true) {
      const Slot& e = part[s];
      if (e.row == 0) return 0;
      if (static_cast<int64_t>(e.key) == key) return e.row;
      s = (s + 1) & part_mask_;
    }
  }
  // First build row (+1) whose key equals probe row i of probe (generic mode); 0 when none.
  uint64_t Find(const std::vector<Vector>& probe, size_t i, uint64_t hash) const {
    const Slot* part = slots_.data() + (((hash >> 40) & part_count_mask_) << part_bits_);
    uint64_t s = hash & part_mask_;
    while (true) {
      const Slot& e = part[s];
      if (e.row == 0) return 0;
      if (e.key == hash && KeysEqual(probe, i, e.row - 1)) return e.row;
      s = (s + 1) & part_mask_;
    }
  }
  // The next build row (+1) with the same key as row r (0-based); 0 at the end.
  uint64_t Next(uint64_t r) const { return next_[r]; }
  // Hints the cache to load the slot a lookup of hash starts at.
  void Prefetch(uint64_t hash) const {
    __builtin_prefetch(slots_.data() + (((hash >> 40) & part_count_mask_) << part_bits_) +
                       (hash & part_mask_));
  }

 private:
  struct Slot {
    uint64_t key = 0;  // the integer key (int mode) or the key's hash
    uint64_t row = 0;  // first build row + 1; 0 = empty
  };
  bool KeysEqual(const std::vector<Vector>& probe, size_t i, uint64_t r) const;
  // Inserts the rows of partition p (rows listed in order) into its slots.
  void InsertPartition(size_t p, const std::vector<uint32_t>& rows);

  const RowCollection* keys_ = nullptr;
  const std::vector<uint64_t>* hashes_ = nullptr;
  std::vector<Slot> slots_;
  std::vector<uint64_t> next_;
  bool int_mode_ = false;
  bool has_null_key_ = false;
  uint64_t part_count_mask_ = 0;  // partition of a hash: (hash >> 40) & part_count_mask_
  unsigned part_bits_ = 0;        // log2 of the slots per partition
  uint64_t part_mask_ = 0;        // slot within the partition: hash & part_mask_
};

}  // namespace kadedb
