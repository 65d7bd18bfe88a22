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
#include <vector>

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

// A segment decoded into its raw physical form, without per-row objects, for filters that run
// on the encoded data and for decoding only the selected rows (late materialisation). Views
// point into the segment bytes, which must outlive it. Reused between segments (the vectors
// keep their capacity).
struct RawSegment {
  uint32_t n = 0;
  PhysicalType physical = PhysicalType::kInt64;
  bool has_nulls = false;
  std::vector<uint8_t> valid;  // n entries when has_nulls (1 = not NULL)
  // kInt64; kDecimal when decimal_ints (every mantissa fits int64, one scale).
  std::vector<int64_t> ints;
  bool decimal_ints = false;
  int32_t scale = 0;
  // kDouble: n values (constant segments are expanded).
  std::vector<double> doubles;
  // kString: dictionary (dict entries + codes) or plain (views, one per row).
  bool dictionary = false;
  std::vector<std::string_view> dict;
  uint64_t dict_id = 0;  // unique per dictionary filled in (keys per-dictionary filter caches)
  std::vector<int64_t> codes;
  std::vector<std::string_view> views;
  // kInterval and wide decimals: fixed-size records (20 bytes per decimal: i32 scale, i128
  // mantissa; 16 per interval) starting at records.
  const uint8_t* records = nullptr;
};

// Decodes data into raw. With sel (m ascending positions), only those positions need be
// decoded (the others are unspecified): constant and bit-packed blocks are then read at those
// positions only. Throws Exception XX001 when data is malformed or of another class.
void DecodeSegmentRaw(std::string_view data, PhysicalType physical, RawSegment* raw,
                      const uint32_t* sel = nullptr, size_t m = 0);

// Materialises rows sel[0..m) (ascending positions) of raw into rows [offset, offset + m) of out
// (resized to offset + m; out has the column's type).
void GatherRawSegment(const RawSegment& raw, const uint32_t* sel, size_t m, Vector& out,
                      size_t offset = 0);

}  // namespace kadedb
