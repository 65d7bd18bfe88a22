// Filters evaluated inside table scans on a segment's raw (encoded-width) values, before any
// per-row object is built: integers, decimal mantissas rescaled once, doubles and dictionary
// codes, into a per-position pass mask that the scan turns into a selection vector.
//
// A filter may keep rows the SQL predicate rejects (it is conservative: unsupported classes or
// constants that cannot be compared exactly keep every row), never the other way round: the
// scan's own filter expressions still run on the rows it returns.
#pragma once

#include <cstdint>
#include <vector>

#include "storage/column_segment.hpp"
#include "storage/table_filter.hpp"

namespace kadedb {

// Per-dictionary results of one string filter, kept by the caller between calls on blocks of
// the same segment (RawSegment::dict_id) so the dictionary is matched once, not per block.
// REQUIRES: used with one filter whose constants do not change.
struct DictMatchCache {
  uint64_t dict_id = 0;
  std::vector<uint8_t> match;
};

// pass[i] &= (row i of raw may satisfy filter), for i in [0, raw.n). sql_type: the column's
// type (string filters apply to bytewise-ordered text only). Returns true when the filter was
// exact: every row left in pass satisfies it (false: some rows it rejects may be kept, e.g.
// constants not comparable exactly, NaN, classes without a raw filter, join-key filters).
bool FilterRawSegment(const RawSegment& raw, const TableFilter& filter, const LogicalType& sql_type,
                      uint8_t* pass, DictMatchCache* cache = nullptr);

// As FilterRawSegment for the rows sel[0..m) of raw only: pass[k] &= (row sel[k] may satisfy
// filter), for k in [0, m). Returns exactness as FilterRawSegment.
bool FilterRawSegmentAt(const RawSegment& raw, const uint32_t* sel, size_t m,
                        const TableFilter& filter, const LogicalType& sql_type, uint8_t* pass,
                        DictMatchCache* cache = nullptr);

// The filters a scan evaluates per block: a lower and an upper bound on the same column become
// one kBetween (one pass over the values) for integer classes (strict bounds moved by one) and
// inclusive decimal bounds; the others are kept. covers[i]: a bit per filter of `in` (index <
// 64) that output i stands for.
std::vector<TableFilter> MergeRangeFilters(const std::vector<TableFilter>& in,
                                           const std::vector<PhysicalType>& column_physical,
                                           std::vector<uint64_t>* covers);

}  // namespace kadedb
