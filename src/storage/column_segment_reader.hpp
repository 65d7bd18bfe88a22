// SegmentReader: decodes an encoded column segment (docs/formats/row_groups.md) block by block,
// so a scan works on vector-sized, cache-resident slices of a row group instead of whole-group
// arrays: rows [start, start + count) go into a RawSegment of count entries (position i = row
// start + i), either whole or at selected positions only (late materialisation).
//
// Reads are cheapest in ascending start order (delta, run-length and plain-string positions
// carry over from one block to the next); an earlier start restarts from row 0. The reader keeps
// views into the segment bytes, which must outlive it. Not thread-safe; reused between segments
// (its buffers keep their capacity).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "storage/column_segment.hpp"

namespace kadedb {

// Integer stream of a segment (values, decimal mantissas, string lengths, dictionary codes).
class IntStreamReader {
 public:
  // Parses the stream header at *p (bounded by end) for n values; advances *p past the stream.
  // Throws Exception XX001 when malformed.
  void Init(const uint8_t** p, const uint8_t* end, uint32_t n);
  // out[i] = value start + i, for i in [0, count). REQUIRES: start + count <= n.
  void Read(uint32_t start, uint32_t count, int64_t* out);
  // out[sel[k]] = value start + sel[k] for k in [0, m) (sel ascending; other slots of out up
  // to sel[m - 1] may be written too).
  void ReadAt(uint32_t start, const uint32_t* sel, size_t m, int64_t* out);

 private:
  void Skip(uint32_t to);  // delta: advances next_ to `to`

  SegmentEncoding enc_ = SegmentEncoding::kConstant;
  uint32_t n_ = 0;
  uint64_t base_ = 0;  // constant value, frame-of-reference base, delta first value
  uint64_t dmin_ = 0;  // delta: minimum delta
  uint8_t w_ = 0;
  const uint8_t* data_ = nullptr;
  // Delta: value of row next_ - 1 in acc_ (rows before next_ were summed).
  uint32_t next_ = 0;
  uint64_t acc_ = 0;
  std::vector<uint64_t> tmp_;
  // Run-length: run values and cumulative ends; run_ is the run of the last read.
  std::vector<int64_t> run_values_, run_ends_;
  size_t run_ = 0;
};

class SegmentReader {
 public:
  // Parses the segment header (and a dictionary). Throws Exception XX001 when data is malformed
  // or of another physical class.
  void Init(std::string_view data, PhysicalType physical);
  uint32_t size() const { return n_; }
  bool has_nulls() const { return block_.has_nulls; }

  // Decodes rows [start, start + count) into block() (block().n == count).
  // REQUIRES: start % 8 == 0, start + count <= size().
  const RawSegment& Read(uint32_t start, uint32_t count);
  // As Read, but only positions sel[0..m) (ascending, < count) of the block need be right.
  const RawSegment& ReadAt(uint32_t start, uint32_t count, const uint32_t* sel, size_t m);
  const RawSegment& block() const { return block_; }

 private:
  void ReadValidity(uint32_t start, uint32_t count);
  void ReadPlainStrings(uint32_t start, uint32_t count);
  // Read (kSelected false: every row; sel and m unused) and ReadAt (only positions sel[0..m)).
  template <bool kSelected>
  const RawSegment& Decode(uint32_t start, uint32_t count, const uint32_t* sel, size_t m);
  // out = the integer stream's rows [start, start + count), all or at sel[0..m) as Decode.
  template <bool kSelected>
  void ReadInts(uint32_t start, uint32_t count, const uint32_t* sel, size_t m,
                std::vector<int64_t>& out);

  uint32_t n_ = 0;
  RawSegment block_;
  const uint8_t* valid_bits_ = nullptr;
  IntStreamReader ints_;  // values, mantissas, codes or plain-string lengths
  // kDouble / records: the start of the fixed-size values; constant doubles.
  const uint8_t* fixed_ = nullptr;
  bool constant_double_ = false;
  double double_value_ = 0;
  // Plain strings: the bytes, and the byte offset of row str_next_.
  const char* str_data_ = nullptr;
  uint64_t str_total_ = 0;
  uint32_t str_next_ = 0;
  uint64_t str_pos_ = 0;
  uint32_t dict_count_ = 0;
};

}  // namespace kadedb
