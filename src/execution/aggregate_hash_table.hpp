// GroupTable: the groups of one grouping set of a hash aggregate (PhysicalHashAggregate), and
// FindGroups, which maps every row of a chunk to its group (creating missing groups).
//
// Groups live in an open-addressing table of 64-bit slots (32-bit hash tag | group id + 1) over
// the groups' keys (a RowCollection, one row per group) and hashes; each group's aggregate states
// sit in fixed-size blocks of an arena (never moved). Three lookups come before the hash table,
// each answering most rows of a chunk without hashing them:
//  - one integer key: a row whose key equals the previous row's takes its group (clustered
//    input: sorted keys), and keys in a small range are found in a direct array (key - base);
//  - at most two integer / short-string keys (<= 7 bytes) with few groups: a small direct-mapped
//    cache keyed by the keys packed into two words (no string hashing or comparing).
// Rows left over are hashed, looked up with prefetching and, when missing, inserted; the keys of
// new groups are appended to the key columns once per chunk. MergeByProbing merges the
// thread-local tables of a parallel aggregate in place.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "execution/operator/physical_hash_aggregate.hpp"
#include "execution/vector_ops.hpp"

namespace kadedb {

class ExecState;

// One entry of the short-key cache: the packed keys, which of them are NULL, the group + 1.
struct PackedKeyEntry {
  uint64_t w0 = 0;
  uint64_t w1 = 0;
  uint32_t nulls = 0;
  uint32_t group = 0;  // group id + 1; 0 = empty
};

// The slot array of a GroupTable: zero-filled on Assign; large arrays are mapped with transparent
// huge pages requested (random probes into a table of millions of slots otherwise miss the TLB
// on nearly every lookup).
class SlotArray {
 public:
  SlotArray() = default;
  SlotArray(const SlotArray&) = delete;
  SlotArray& operator=(const SlotArray&) = delete;
  SlotArray(SlotArray&& o) noexcept { *this = std::move(o); }
  SlotArray& operator=(SlotArray&& o) noexcept;
  ~SlotArray() { Release(); }
  void Assign(size_t n);
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  uint64_t* data() { return data_; }
  const uint64_t* data() const { return data_; }
  uint64_t& operator[](size_t i) { return data_[i]; }

 private:
  void Release();
  uint64_t* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_bytes_ = 0;  // > 0: mmap'ed
};

struct GroupTable {
  std::vector<idx_t> key_indices;  // group expression indices in this set
  RowCollection keys;              // one row per group
  std::vector<uint64_t> hashes;    // per group
  SlotArray slots;                 // hash tag | group id + 1, 0 = empty
  std::vector<std::unique_ptr<__int128[]>> blocks;
  size_t group_count = 0;
  // Buffered aggregate inputs: per aggregate, rows of (arguments..., order keys...) and groups.
  std::vector<RowCollection> buffered;
  std::vector<std::vector<uint64_t>> buffered_groups;
  uint64_t bytes = 0;  // groups and states counted against the memory limit
  // Parallel: groups of this (thread-local) table per merge partition (PrepareCombine).
  std::vector<size_t> partition_counts;
  // One integer key: group id + 1 by key - direct_base for keys in a small range (0 = none), so
  // low-cardinality GROUP BY finds its groups by one array read per row, without hashing.
  std::vector<uint32_t> direct;
  uint64_t direct_base = 0;
  // Short-key cache (see the file comment); off for good once the table has many groups.
  std::vector<PackedKeyEntry> packed_cache;
  bool packed_off = false;
  // The last lookup found few existing groups (new keys, e.g. sorted input): probe once, in the
  // inserting pass, instead of a lookup pass first.
  bool mostly_new = false;
  // After MergeByProbing: per group, 0 when the group is its key's result group, else the
  // (table index + 1) << 32 | group it was combined into (GetData skips such groups).
  std::vector<uint64_t> moved_to;
};

constexpr size_t kGroupsPerBlock = 1024;

// Group g's state of aggregate a is at GroupStates(op, t, g) + a.state_offset (per block, one
// array of states per aggregate; PhysicalHashAggregate::PrepareStates).
inline uint8_t* GroupStates(const PhysicalHashAggregate& op, GroupTable& t, size_t g) {
  return reinterpret_cast<uint8_t*>(t.blocks[g / kGroupsPerBlock].get()) +
         (g % kGroupsPerBlock) * op.state_stride;
}

// Creates a group (its states Initialize()d); returns its id.
size_t NewGroup(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t);
// Allocates state blocks until groups groups fit (creates no group).
void ReserveGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t, size_t groups);
// Creates n groups at once (blocks first, then each aggregate's states in one loop); returns the
// first id.
size_t NewGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t, size_t n);
// Rebuilds the slot array with capacity slots (a power of two) from the groups' hashes.
void Rehash(GroupTable& t, size_t capacity);
// Finds or creates the group of every row of group_values (indexed by group expression; the
// table reads its key_indices); fills group_ids. known_hashes: the rows' hashes when already
// computed (the parallel merge), else null.
void FindGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t,
                const std::vector<const Vector*>& group_values, size_t count,
                std::vector<uint64_t>& group_ids, const uint64_t* known_hashes = nullptr);

// The parallel merge of thread-local tables of one grouping set without copying groups: every
// group of tables[i] (i > 0) looks its key up in tables[0..i) (read-only then) and, when found,
// is combined into that group and marked in moved_to; groups not found stay where they are. The
// tables together then hold each key once (tables[0] should be the largest). Groups of one table
// have distinct keys, so the threads working on it never combine into the same state.
void MergeByProbing(ExecState& state, const PhysicalHashAggregate& op,
                    const std::vector<GroupTable*>& tables);

}  // namespace kadedb
