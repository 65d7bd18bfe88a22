// Constants and helpers shared by the column segment writer/decoder (column_segment.cpp) and the
// block-wise reader (column_segment_reader.cpp): one definition of the segment header's version
// and flag bits (docs/formats/row_groups.md), the corruption error, the bounds-checked reads of
// segment bytes, and the dictionary ids that key per-dictionary filter caches. Private to
// src/storage.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "common/exception.hpp"

namespace kadedb {
namespace segment_format {

inline constexpr uint8_t kSegmentVersion = 1;
inline constexpr uint8_t kHasNulls = 1;  // header flag: a validity bitmap follows

[[noreturn]] inline void Malformed() {
  throw Exception(sqlstate::kDataCorrupted, "column segment is damaged");
}

// The T at *p (unaligned), advancing *p past it; Malformed when fewer than sizeof(T) bytes are
// left before end.
template <typename T>
T Get(const uint8_t** p, const uint8_t* end) {
  if (static_cast<size_t>(end - *p) < sizeof(T)) Malformed();
  T v;
  std::memcpy(&v, *p, sizeof(T));
  *p += sizeof(T);
  return v;
}

// The n bytes at *p, advancing *p past them; Malformed when fewer are left before end.
inline const uint8_t* Take(const uint8_t** p, const uint8_t* end, size_t n) {
  if (static_cast<size_t>(end - *p) < n) Malformed();
  const uint8_t* r = *p;
  *p += n;
  return r;
}

// The fixed segment header (docs/formats/row_groups.md) after its version byte, which
// ReadHeader checks. physical and encoding are PhysicalType and SegmentEncoding values.
struct Header {
  uint8_t physical;
  uint8_t encoding;
  uint8_t flags;  // kHasNulls
  uint32_t rows;
};

// Reads the header at *p (advancing *p past it); Malformed when short or of another version.
inline Header ReadHeader(const uint8_t** p, const uint8_t* end) {
  if (Get<uint8_t>(p, end) != kSegmentVersion) Malformed();
  Header h;
  h.physical = Get<uint8_t>(p, end);
  h.encoding = Get<uint8_t>(p, end);
  h.flags = Get<uint8_t>(p, end);
  h.rows = Get<uint32_t>(p, end);
  return h;
}

// A process-wide unique, non-zero id for a dictionary just decoded (RawSegment::dict_id).
// Thread-safe.
inline uint64_t NextDictionaryId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace segment_format
}  // namespace kadedb
