// TableScanState: the cursor of one single-threaded DataTable scan (see DataTable::InitScan /
// Scan): a parallel scan (storage/parallel_scan.hpp) driven by one worker.
//
// Owned by the caller (through unique_ptr); reads through the transaction, so it must not
// outlive the StorageTransaction it was created in. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "storage/parallel_scan.hpp"

namespace kadedb {

class TableScanState {
 public:
  TableScanState(std::unique_ptr<ParallelScanState> shared, std::unique_ptr<LocalScanState> local,
                 size_t column_count)
      : shared(std::move(shared)), local(std::move(local)), column_count(column_count) {}

  std::unique_ptr<ParallelScanState> shared;
  std::unique_ptr<LocalScanState> local;
  size_t column_count;  // number of projected columns
  bool exhausted = false;
};

}  // namespace kadedb
