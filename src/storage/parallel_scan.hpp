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
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace kadedb {

class ParallelScanState {
 public:
  virtual ~ParallelScanState() = default;
  // How many threads can usefully scan at once: 1 when reads must go through the transaction,
  // else the number of morsels (at least 1).
  virtual size_t MaxThreads() const = 0;
};

class LocalScanState {
 public:
  virtual ~LocalScanState() = default;
  // After ScanMorsel returned rows: bit i (i < 64) set when pushed filter i held for every row
  // of that chunk (it ran exactly on them), so the caller need not evaluate it again. Rows of
  // the row store are not filtered (0).
  uint64_t exact_filters = 0;
};

}  // namespace kadedb
