// RowGroupCache: one table's committed row-group headers kept in memory, so a point fetch of a
// sealed row finds its group (and the group's decoded segments) without a RocksDB iterator.
//
// Validity. An entry is a header some transaction saw committed at snapshot sequence seen_seq.
// Headers are immutable and only removed with the whole table (DataTable::DropAllData, DROP
// TABLE), so the header stays visible to every snapshot at or after seen_seq. DropAllData calls
// Disable() before writing its deletes: the cache then answers nothing, for good (a rolled-back
// DROP only costs this table object its cache). Lookup answers only for snapshots >= seen_seq;
// older snapshots (a long REPEATABLE READ transaction) and the transaction's own uncommitted row
// groups take the iterator path. Only headers read from the snapshot (never a transaction's own
// writes) are added. A missing entry never means "not sealed": callers then read storage.
//
// Decoded segments: each entry keeps weak references to the decoded vectors it has handed out
// (the process-wide SegmentCache owns them and bounds their memory), plus the row-id vector of a
// group whose ids are not the dense range [row_start, row_end).
//
// Threading: thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "kadedb/data_chunk.hpp"
#include "storage/row_group.hpp"

namespace kadedb {

struct CachedRowGroup {
  RowGroupHeader header;
  uint64_t seen_seq = 0;  // a snapshot sequence the header was read committed at
  bool dense = false;     // row ids are exactly [row_start, row_end): position = id - row_start

  // Position of row_id in the group's segments, or -1 when the group does not hold it.
  // ids: the decoded row-id segment (only read when !dense).
  int64_t Position(uint64_t row_id, const Vector* ids) const;
  // Decoded segment `column` (kRowIdSegment for the row ids), read through load on first use
  // or after the SegmentCache dropped it.
  std::shared_ptr<const Vector> Segment(
      uint32_t column, const std::function<std::shared_ptr<const Vector>()>& load) const;

 private:
  mutable std::mutex mutex_;
  mutable std::vector<std::weak_ptr<const Vector>> columns_;
  mutable std::weak_ptr<const Vector> row_ids_;
};

class RowGroupCache {
 public:
  // The group holding row_id for a reader whose snapshot has sequence snapshot_seq (0: unknown,
  // never answered), or null when none is cached for it.
  std::shared_ptr<const CachedRowGroup> Lookup(uint64_t row_id, uint64_t snapshot_seq) const;
  // Records a header read committed at snapshot sequence seen_seq (kept: the earliest one).
  void Add(const RowGroupHeader& header, uint64_t seen_seq);
  // Drops every entry and ignores later Adds.
  void Disable();
  // Bumped by every Add that changed the cache: lets a derived structure (SealedKeyMap) tell
  // cheaply whether there may be groups it has not seen.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // Every cached group, by row_start (callers check seen_seq against their snapshot).
  std::vector<std::shared_ptr<const CachedRowGroup>> All() const;

 private:
  std::atomic<uint64_t> generation_{0};
  bool disabled_ = false;  // guarded by mutex_
  mutable std::shared_mutex mutex_;
  std::map<uint64_t, std::shared_ptr<const CachedRowGroup>> groups_;  // by row_start
};

}  // namespace kadedb
