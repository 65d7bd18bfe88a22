// ScanScratch: the per-worker buffers of a row-group scan (raw segments, pass mask, selection),
// recycled through a small process-wide pool so that a query does not fault in fresh pages for
// megabytes of decode buffers on every run. Thread-safe (the pool has a mutex; a scratch
// belongs to one local scan state at a time).
#pragma once

#include <memory>
#include <vector>

#include "storage/column_segment.hpp"

namespace kadedb {

struct ScanScratch {
  std::vector<RawSegment> raws;  // per scanned column
  RawSegment ids;                // row ids of the current group
  std::vector<uint8_t> pass;     // per position of the current group
  std::vector<uint32_t> sel;     // positions that passed
};

struct ScanScratchReleaser {
  void operator()(ScanScratch* s) const;
};
using ScanScratchPtr = std::unique_ptr<ScanScratch, ScanScratchReleaser>;

// A scratch with raws.size() == columns (buffers from an earlier scan when one is free).
ScanScratchPtr AcquireScanScratch(size_t columns);

}  // namespace kadedb
