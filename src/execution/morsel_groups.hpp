// MorselGroups: the group lookup of zone-range partitioned aggregation
// (execution/zone_range_partition.hpp) for the rows of one morsel whose key no other sealed row
// group holds. Their groups are created in a separate table of final groups (PhysicalHashAggregate
// never looks them up again once the morsel is done), so the lookup only has to know the current
// morsel's keys and is reset when the next morsel starts: it stays small and cache-resident
// whatever the total number of groups.
//
// Lookup, cheapest first: keys ascending through the morsel (a table stored in key order, like
// TPC-H's lineitem by l_orderkey) need no index at all: a key equal to the previous row's takes
// its group, a larger one is new. At the first key that goes down, the morsel's groups so far are
// indexed and the rest of the morsel uses a direct array over the morsel's key interval (when
// narrow) or a small open-addressing table. One instance per thread (not thread-safe).
#pragma once

#include <cstdint>
#include <vector>

#include "execution/aggregate_hash_table.hpp"
#include "execution/zone_range_partition.hpp"

namespace kadedb {

class MorselGroups {
 public:
  // Switches to morsel row_group (keys inside interval) when it is not the current one; finals'
  // groups created before belong to earlier morsels.
  void Begin(int64_t row_group, const KeyInterval& interval, const GroupTable& finals);
  // Finds or creates in finals (one int64-class key column) the group of rows rows[0, n) of key
  // (every one non-NULL and inside the interval; rows null: rows 0..n-1) and stores its state
  // base (GroupStates) at bases[row].
  void Find(ExecState& state, const PhysicalHashAggregate& op, GroupTable& finals,
            const Vector& key, const uint32_t* rows, size_t n, uint8_t** bases);

 private:
  enum class Mode : uint8_t { kAscending, kDirect, kHash };
  struct HashEntry {
    int64_t key;
    uint32_t group;  // + 1; 0 = empty
  };
  // Find over the rows row_at(0..n).
  template <class RowAt>
  void FindRows(ExecState& state, const PhysicalHashAggregate& op, GroupTable& finals,
                const Vector& key, RowAt row_at, size_t n, uint8_t** bases);
  // Indexes the groups of the current morsel so far (leaves kAscending).
  void BuildIndex(const GroupTable& finals);
  void Clear(const GroupTable& finals);
  uint32_t* HashSlot(int64_t k);
  void GrowHash();
  void AppendNewKeys(ExecState& state, GroupTable& finals, const Vector& key);

  int64_t row_group_ = -1;
  KeyInterval interval_;
  size_t first_group_ = 0;  // finals' first group of this morsel
  Mode mode_ = Mode::kAscending;
  bool have_last_ = false;
  int64_t last_key_ = 0;
  uint8_t* last_base_ = nullptr;
  // kDirect: group + 1 by key - direct_base_ (only the current morsel's entries are non-zero).
  std::vector<uint32_t> direct_;
  uint64_t direct_base_ = 0;
  // kHash: linear probing, a power of two, at most half full.
  std::vector<HashEntry> hash_;
  size_t hash_count_ = 0;
  std::vector<uint32_t> new_rows_;  // rows whose group was created by the running Find
};

}  // namespace kadedb
