// ExclusiveKeyIntervals: the keys of each sealed row group that no other group's zone covers.
#include "execution/zone_range_partition.hpp"

#include <algorithm>
#include <limits>

namespace kadedb {

std::vector<KeyInterval> ExclusiveKeyIntervals(const std::vector<KeyZone>& zones) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  std::vector<KeyInterval> out(zones.size());  // empty (0, 0) by default
  struct Span {
    int64_t min, max;
    size_t zone;
  };
  std::vector<Span> spans;
  for (size_t z = 0; z < zones.size(); z++) {
    if (zones[z].kind == KeyZone::Kind::kRange) {
      spans.push_back({zones[z].min, zones[z].max, z});
    } else if (zones[z].kind == KeyZone::Kind::kUnknown) {
      spans.push_back({kMin, kMax, z});
    }
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.min != b.min ? a.min < b.min : a.max < b.max;
  });
  // Sorted by min: a key k of span p is in no other span when k is above every max before p
  // (those start at or below min_p) and below the min of p + 1 (the later ones start there or
  // above). Ties in min are covered: the earlier of two equal-min spans bounds the later by its
  // max, the later bounds the earlier by its min.
  int64_t max_before = kMin;
  for (size_t p = 0; p < spans.size(); p++) {
    KeyInterval& iv = out[spans[p].zone];
    iv.lo = max_before;
    iv.hi = p + 1 < spans.size() ? spans[p + 1].min : kMax;
    max_before = std::max(max_before, spans[p].max);
    // The group's own keys are within [min, max]: narrowing to it changes nothing for them
    // and keeps the interval (a per-morsel direct index's span) small.
    if (spans[p].min > kMin) iv.lo = std::max(iv.lo, spans[p].min - 1);
    if (spans[p].max < kMax) iv.hi = std::min(iv.hi, spans[p].max + 1);
  }
  return out;
}

}  // namespace kadedb
