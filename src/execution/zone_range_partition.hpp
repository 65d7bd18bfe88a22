// Zone-range partitioned aggregation: which keys of a sealed row group no other row group of
// the same scan can hold (ExclusiveKeyIntervals), and how a table scan tells the operators above
// it where the chunk it just produced comes from (MorselKeys, ExecState::morsel_keys).
//
// A hash aggregate grouping by one integer column read straight from a sequential scan in its
// own pipeline aggregates the rows whose key is exclusive to their row group in a small
// per-morsel table and keeps those groups as final: every row of the table with that key is in
// that morsel, except rows of the row store (not sealed, updated or uncommitted), which go
// through the ordinary hash table and whose key range is remembered, so the final groups it
// covers are merged at the end (PhysicalHashAggregate::Finalize).
#pragma once

#include <cstdint>
#include <vector>

#include "storage/parallel_scan.hpp"

namespace kadedb {

class PhysicalOperator;

// The open interval (lo, hi) of keys; INT64_MIN / INT64_MAX stand for no bound (and are never
// inside, which only costs the fast path for those two keys).
struct KeyInterval {
  int64_t lo = 0;
  int64_t hi = 0;
  bool Contains(int64_t k) const { return k > lo && k < hi; }
  bool Empty() const { return static_cast<__int128>(hi) - lo < 2; }
};

// Per zone (one per sealed row group): an interval such that a non-NULL key k of that group's
// rows with Contains(k) lies outside every other group's zone (kUnknown counts as every key).
// Groups with no value (kNone) get an empty interval and bound nothing.
std::vector<KeyInterval> ExclusiveKeyIntervals(const std::vector<KeyZone>& zones);

// Set by a PhysicalTableScan with key_range_column >= 0 on every chunk it produces (on the
// producing thread's ExecState), before the chunk is pushed up its pipeline.
struct MorselKeys {
  const PhysicalOperator* scan = nullptr;
  int64_t row_group = -1;  // the sealed row group of the chunk's rows; -1: the row store
  KeyInterval exclusive;   // of that row group (empty for the row store)
};

}  // namespace kadedb
