// RowGroup: the header of one sealed column row group and the keys of the "colseg" column
// family. Byte layouts: docs/formats/row_groups.md.
//
// A row group holds the rows of one table whose row ids lie in [row_start, row_end), sealed
// from the row store in one transaction, and is immutable once written. Deleting (or updating)
// a sealed row writes a delete marker key for its row id; a scan folds the markers of a row
// group into its delete bitmap. (One key per deleted row rather than one bitmap key per group:
// two transactions deleting different rows of a group then never conflict, as in the row
// store.) An updated sealed row keeps its row id: its new version lives in the row store, which
// is always read after the row groups and takes precedence in point fetches. Segments are
// addressed by (table, row_start, column) and carry the seal_id of the sealing, so a cache
// entry of a row group that was later unsealed and sealed again can never be mistaken for the
// new one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/column_segment.hpp"

namespace kadedb {

// Rows per sealed row group (60 vectors of 2048).
inline constexpr uint32_t kRowGroupSize = 122880;
// Column index of the row-id segment of a row group.
inline constexpr uint32_t kRowIdSegment = 0xFFFFFFFFu;

struct SegmentInfo {
  SegmentEncoding encoding = SegmentEncoding::kPlain;
  uint32_t size = 0;      // encoded bytes
  uint64_t checksum = 0;  // SegmentChecksum of the encoded bytes
  ZoneMap zone;
};

struct RowGroupHeader {
  uint64_t row_start = 0;  // smallest row id the group may hold
  uint64_t row_end = 0;    // exclusive upper bound of its row ids
  uint32_t row_count = 0;  // rows (positions) in every segment
  uint64_t seal_id = 0;    // unique per sealing (cache identity)
  SegmentInfo row_ids;
  std::vector<SegmentInfo> columns;  // table columns at sealing time, in table order

  std::string Serialize() const;
  // Throws Exception XX001 when data is malformed.
  static RowGroupHeader Parse(std::string_view data);
};

// colseg keys: table oid (8 BE) + tag + row_start (8 BE) [+ column (4 BE)].
std::string RowGroupHeaderKey(uint64_t table_oid, uint64_t row_start);
std::string RowGroupSegmentKey(uint64_t table_oid, uint64_t row_start, uint32_t column);
// Delete marker of a sealed row: table oid (8 BE) + 'X' + row id (8 BE), empty value.
std::string RowDeleteMarkerKey(uint64_t table_oid, uint64_t row_id);
// Prefix of every header key of a table (iterate it to list the row groups in row-id order).
std::string RowGroupHeaderPrefix(uint64_t table_oid);

// 64-bit checksum of segment bytes (FNV-1a over 8-byte words).
uint64_t SegmentChecksum(std::string_view data);

}  // namespace kadedb
