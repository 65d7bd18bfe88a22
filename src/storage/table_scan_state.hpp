// TableScanState: the cursor of one DataTable scan (see DataTable::InitScan / Scan).
//
// Owned by the caller (through unique_ptr); holds a storage iterator, so it must not outlive the
// StorageTransaction it was created in. Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "storage/row_codec.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {

class TableScanState {
 public:
  TableScanState(std::unique_ptr<StorageIterator> it, RowReader reader, size_t column_count)
      : iterator(std::move(it)), reader(std::move(reader)), column_count(column_count) {}

  std::unique_ptr<StorageIterator> iterator;  // positioned at the next row
  RowReader reader;                           // decodes the projected columns
  size_t column_count;                        // number of projected columns
  bool exhausted = false;
};

}  // namespace kadedb
