// DynamicFilter: a one-column TableFilter whose constant an operator tightens while the scan
// that feeds it is running. Top-N publishes the first sort key of its current worst kept row
// (ORDER BY x DESC LIMIT n: "x >= bound"); the scan reads the latest bound whenever it starts a
// row group, skips groups whose zone map excludes it and drops rows on the raw segment values
// (storage/segment_filter.hpp) before materialising any other column.
//
// Like every TableFilter it is a hint: rows that fail it can never reach the operator's result,
// and the operator still checks the rows it gets. nulls_pass: NULLs sort before the bound (a
// NULLS FIRST key), so they must be kept although the comparison fails for them.
//
// Threading: Set/Update/Get/Reset take a mutex; version() is a lock-free read so the scan can
// notice a change without locking. One plan execution at a time: the scan calls Reset when it
// starts, so a bound from an earlier run of the same plan is never used.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

#include "storage/table_filter.hpp"

namespace kadedb {

class DynamicFilter {
 public:
  DynamicFilter(uint32_t scan_column, TableFilterKind kind, bool nulls_pass)
      : scan_column_(scan_column), kind_(kind), nulls_pass_(nulls_pass) {}

  uint32_t scan_column() const { return scan_column_; }
  bool nulls_pass() const { return nulls_pass_; }
  // Changes whenever the filter changes (starts at 0 with no bound).
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

  // Forgets the bound (a new execution of the plan starts).
  void Reset() {
    std::lock_guard<std::mutex> lock(mutex_);
    bound_ = Value();
    version_.fetch_add(1, std::memory_order_release);
  }
  // Calls f(bound) under the lock (bound is NULL when none is set yet); f returns true when it
  // changed the bound. REQUIRES: a non-NULL bound has the column's physical class.
  template <typename F>
  void Update(F&& f) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (f(bound_)) version_.fetch_add(1, std::memory_order_release);
  }
  // The current filter into *out and its version into *version; false when there is no bound.
  bool Get(TableFilter* out, uint64_t* version) const {
    std::lock_guard<std::mutex> lock(mutex_);
    *version = version_.load(std::memory_order_relaxed);
    if (bound_.IsNull()) return false;
    out->scan_column = scan_column_;
    out->kind = kind_;
    out->constant = bound_;
    return true;
  }

 private:
  const uint32_t scan_column_;
  const TableFilterKind kind_;
  const bool nulls_pass_;
  mutable std::mutex mutex_;
  Value bound_;
  std::atomic<uint64_t> version_{0};
};

}  // namespace kadedb
