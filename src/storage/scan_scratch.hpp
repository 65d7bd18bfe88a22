// ScanScratch: the per-worker buffers of a row-group scan (block readers, pass mask, selection),
// recycled through a small process-wide pool so that a query does not fault in fresh pages for
// megabytes of decode buffers on every run. Thread-safe (the pool has a mutex; a scratch
// belongs to one local scan state at a time).
#pragma once

#include <memory>
#include <vector>

#include "storage/column_segment.hpp"
#include "storage/column_segment_reader.hpp"
#include "storage/segment_filter.hpp"

namespace kadedb {

struct ScanScratch {
  std::vector<SegmentReader> readers;       // per scanned column
  SegmentReader id_reader;                  // row ids of the current group
  RawSegment ids;                           // row ids decoded whole (groups with deletes)
  std::vector<uint32_t> deleted;            // positions of deleted rows in the current group
  std::vector<uint8_t> pass;                // per position of the current block
  std::vector<uint8_t> pass_at;             // per selected position of the current block
  std::vector<uint32_t> sel;                // positions of the current block that passed
  std::vector<DictMatchCache> dict_caches;  // per pushed filter
};

struct ScanScratchReleaser {
  void operator()(ScanScratch* s) const;
};
using ScanScratchPtr = std::unique_ptr<ScanScratch, ScanScratchReleaser>;

// A scratch with readers.size() == columns (buffers from an earlier scan when one is free).
ScanScratchPtr AcquireScanScratch(size_t columns);

}  // namespace kadedb
