// Constants and helpers shared by the column segment writer/decoder (column_segment.cpp) and the
// block-wise reader (column_segment_reader.cpp): one definition of the segment header's version
// and flag bits (docs/formats/row_groups.md), the corruption error, and the dictionary ids that
// key per-dictionary filter caches. Private to src/storage.
#pragma once

#include <atomic>
#include <cstdint>

#include "common/exception.hpp"

namespace kadedb {
namespace segment_format {

inline constexpr uint8_t kSegmentVersion = 1;
inline constexpr uint8_t kHasNulls = 1;  // header flag: a validity bitmap follows

[[noreturn]] inline void Malformed() {
  throw Exception(sqlstate::kDataCorrupted, "column segment is damaged");
}

// A process-wide unique, non-zero id for a dictionary just decoded (RawSegment::dict_id).
// Thread-safe.
inline uint64_t NextDictionaryId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace segment_format
}  // namespace kadedb
