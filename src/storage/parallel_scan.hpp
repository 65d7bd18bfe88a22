// ParallelScanState / LocalScanState: morsel-driven scans of one DataTable.
//
// A scan is split into morsels: each sealed row group is one morsel, and the row store (rows not
// yet sealed into column segments) is split into row-id ranges. DataTable::InitParallelScan
// builds the shared state once; every worker thread makes its own LocalScanState
// (DataTable::InitLocalScan) and calls DataTable::ScanMorsel until it returns false. Each row of
// the table visible to the transaction is returned by exactly one ScanMorsel call of one worker.
//
// Threading: ParallelScanState is thread-safe (morsels are handed out under a mutex or atomics).
// A LocalScanState belongs to one thread. When the transaction has uncommitted writes, the scan
// must read through the transaction object, which is single-threaded: MaxThreads() is then 1 and
// ScanMorsel serialises callers internally, so using more threads stays correct (just not
// faster). Both states must not outlive the StorageTransaction they were built from, and the
// transaction must not be used for writes while a parallel scan reads it.
//
// Key zones: RowGroupKeyZones tells, per sealed row group of the scan, the range of one
// integer-class column from its zone map, and LocalScanState::row_group which row group a chunk
// came from; a hash aggregate uses both to finish the groups of keys only one row group can hold
// without merging them (execution/zone_range_partition.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace kadedb {

// What a sealed row group's zone map says about the values of one integer-class column: no
// non-NULL value (kNone), every non-NULL value in [min, max] (kRange), or nothing (kUnknown).
// Deletes only remove rows, so a zone stays a correct (conservative) bound.
struct KeyZone {
  enum class Kind : uint8_t { kNone, kRange, kUnknown };
  Kind kind = Kind::kUnknown;
  int64_t min = 0;
  int64_t max = 0;
};

class ParallelScanState {
 public:
  virtual ~ParallelScanState() = default;
  // How many threads can usefully scan at once: 1 when reads must go through the transaction,
  // else the number of morsels (at least 1).
  virtual size_t MaxThreads() const = 0;
  // Per sealed row group the scan reads (indexed like LocalScanState::row_group): the zone of
  // scan column scan_column (an index into the scan's column list); kUnknown for every group when
  // the column is not of the int64 physical class. Rows of the row store have no zone.
  virtual std::vector<KeyZone> RowGroupKeyZones(size_t scan_column) const = 0;
};

class LocalScanState {
 public:
  virtual ~LocalScanState() = default;
  // After ScanMorsel returned rows: bit i (i < 64) set when pushed filter i held for every row
  // of that chunk (it ran exactly on them), so the caller need not evaluate it again. Rows of
  // the row store are not filtered (0).
  uint64_t exact_filters = 0;
  // After ScanMorsel returned rows: the sealed row group they all came from (an index into
  // ParallelScanState::RowGroupKeyZones), or -1 for rows of the row store. A chunk never mixes
  // morsels, and one row group is one morsel: a thread sees its chunks one after another.
  int64_t row_group = -1;
};

}  // namespace kadedb
