// ColumnSegment: the encoded values of one column of one sealed row group, and its zone map.
// Byte layout and the encodings: docs/formats/row_groups.md.
//
// EncodeSegment picks, per segment, the smallest of the encodings that fit the values:
// constant, frame-of-reference + bit packing, delta + bit packing, run-length (integers and
// integer-valued decimals, dates, timestamps, booleans), dictionary (strings) and plain. NULL
// slots are stored in a validity bitmap and never reach the value encoding. DecodeSegment is
// the inverse; it writes straight into a Vector's typed storage. Both are pure functions of
// their inputs (thread-safe).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kadedb/data_chunk.hpp"
#include "storage/table_filter.hpp"

namespace kadedb {

enum class SegmentEncoding : uint8_t {
  kPlain = 0,
  kConstant = 1,
  kBitPacked = 2,   // frame of reference: base + packed (value - base)
  kDelta = 3,       // first value + packed (delta - min delta)
  kRle = 4,         // runs: values and lengths, each integer-encoded
  kDictionary = 5,  // distinct strings + integer-encoded codes
};

const char* SegmentEncodingName(SegmentEncoding e);

// Min/max over the non-NULL values of a segment, in the column's physical class, and the NULL
// count. has_stats is false when min/max are unknown (all NULL, NaN present, long strings,
// decimals of mixed scale, types whose byte order is not their SQL order).
struct ZoneMap {
  uint32_t null_count = 0;
  bool has_stats = false;
  int64_t int_min = 0, int_max = 0;
  double double_min = 0, double_max = 0;
  __int128 dec_min = 0, dec_max = 0;
  int32_t dec_scale = 0;
  std::string str_min, str_max;

  void Serialize(std::string* out) const;
  // Returns false on malformed input.
  bool Deserialize(std::string_view* in);
  // False when no row of a segment with this zone map can satisfy filter (for a column of
  // physical class physical and row count rows). Conservative: true when unsure.
  bool MayMatch(const TableFilter& filter, PhysicalType physical, uint32_t rows) const;
};

// Encodes rows [offset, offset + n) of v as one segment, appended to out; fills zone with its
// zone map and returns the top-level encoding chosen. sql_type: the column's type (decides
// whether string min/max are meaningful).
SegmentEncoding EncodeSegment(const Vector& v, size_t offset, size_t n, const LogicalType& sql_type,
                              std::string* out, ZoneMap* zone);

// Number of rows of an encoded segment. Throws Exception XX001 when malformed.
uint32_t SegmentRowCount(std::string_view data);

// Decodes a whole segment into out (resized to its row count; out has the column's type).
// Throws Exception XX001 when data is malformed or of another physical class.
void DecodeSegment(std::string_view data, Vector& out);

}  // namespace kadedb
