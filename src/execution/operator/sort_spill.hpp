// SpilledRun: one sorted run of ORDER BY rows written to a temporary file when the sort's input
// does not fit in the memory limit (an external merge sort: PhysicalOrder merges the runs).
//
// The file is an anonymous temporary file (tmpfile(): in the system temp directory, already
// unlinked, so it disappears when the run is destroyed or the process exits, however it ends).
// Layout: per row a 4-byte little-endian length, then the row in the row codec of the rows
// column family (docs/formats/rows.md) over the output columns followed by the sort key columns.
// Not thread-safe: one run is written, then read, by one thread at a time.
#pragma once

#include <cstdio>
#include <memory>
#include <vector>

#include "execution/vector_ops.hpp"

namespace kadedb {

class SpilledRun {
 public:
  // Writes rows order[0..n) of rows and keys (same row count), in that order. Throws 53100 when
  // the temporary file cannot be created or written.
  static std::unique_ptr<SpilledRun> Write(const RowCollection& rows, const RowCollection& keys,
                                           const std::vector<uint64_t>& order);
  ~SpilledRun();
  SpilledRun(const SpilledRun&) = delete;
  SpilledRun& operator=(const SpilledRun&) = delete;

  // Replaces rows and keys with the next up to kStandardVectorSize rows of the run. Returns
  // false (and leaves them empty) at the end.
  bool ReadBlock(RowCollection& rows, RowCollection& keys);
  size_t row_count() const { return row_count_; }

 private:
  SpilledRun() = default;
  std::FILE* file_ = nullptr;
  std::vector<LogicalType> row_types_, key_types_;
  size_t row_count_ = 0;
  size_t rows_read_ = 0;
};

}  // namespace kadedb
