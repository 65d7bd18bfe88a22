// JoinKeyFilter: the key set of a finished hash-join build, summarised for the probe side's table
// scan (a runtime join filter, TableFilterKind::kJoinKeys): the keys' min and max, the sorted
// keys themselves when there are few (zone maps then skip row groups holding none of them), and
// a row filter that drops probe rows whose key cannot be in the build before their other columns
// are built: an exact bitmap over [min, max] when the range is small (<= 1 MiB of bits) or the
// keys dense enough, else a blocked Bloom filter (one 64-bit word per key, three bits set). With
// the sorted keys, a block of values is first tested exactly against the keys inside the
// block's own [min, max] when there are at most kMaxEqualityKeys of them (none at all for most
// blocks of a sorted probe column).
//
// Integer-class keys only (int64 physical values, as the scan's raw segments hold them). Like
// every TableFilter it is a hint: a row that passes may still find no partner (the Bloom filter
// has false positives), a row that fails never has one.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

namespace kadedb {

class JoinKeyFilter {
 public:
  // Keys at most this many are kept sorted for zone-map checks.
  static constexpr size_t kMaxSortedKeys = 4096;
  // A block whose value range holds at most this many keys is filtered by equality tests.
  static constexpr size_t kMaxEqualityKeys = 8;
  // Key ranges up to this many values get an exact bitmap instead of a Bloom filter.
  static constexpr uint64_t kMaxBitmapBits = uint64_t{1} << 26;
  // Key ranges up to this many values always get the bitmap (1 MiB: it stays in the L2 cache,
  // and a lookup is one shift and load where the Bloom filter hashes and tests three bits).
  static constexpr uint64_t kSmallBitmapBits = uint64_t{1} << 23;

  // keys: the build's non-NULL keys (duplicates allowed). bloom: build the Bloom filter too.
  JoinKeyFilter(std::vector<int64_t> keys, bool bloom) {
    empty_ = keys.empty();
    if (empty_) return;
    auto [lo, hi] = std::minmax_element(keys.begin(), keys.end());
    min_ = *lo;
    max_ = *hi;
    const uint64_t range = static_cast<uint64_t>(max_) - static_cast<uint64_t>(min_);
    if (bloom && range < kMaxBitmapBits &&
        (range < kSmallBitmapBits || range < keys.size() * 64 + (uint64_t{1} << 20))) {
      // Dense enough: an exact bitmap over [min, max] (a probe column sorted by its key, as
      // TPC-H's order keys are, then reads it sequentially).
      range_ = range;
      bitmap_.assign(range / 64 + 1, 0);
      for (int64_t k : keys) {
        uint64_t off = static_cast<uint64_t>(k) - static_cast<uint64_t>(min_);
        bitmap_[off >> 6] |= uint64_t{1} << (off & 63);
      }
    } else if (bloom) {
      size_t words = 1;
      while (words * 4 < keys.size()) words <<= 1;  // ~16 bits per key
      shift_ = 64;
      for (size_t w = words; w > 1; w >>= 1) shift_--;
      bloom_.assign(words, 0);
      for (int64_t k : keys) {
        uint64_t h = Hash(k);
        bloom_[Word(h)] |= Bits(h);
      }
    }
    if (keys.size() <= kMaxSortedKeys * 4) {
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      if (keys.size() <= kMaxSortedKeys) sorted_ = std::move(keys);
    }
  }

  // True when no key matches (an empty build side).
  bool empty() const { return empty_; }
  int64_t min() const { return min_; }
  int64_t max() const { return max_; }
  bool has_bloom() const { return !bloom_.empty(); }
  bool has_bitmap() const { return !bitmap_.empty(); }
  size_t bytes() const { return (bloom_.size() + bitmap_.size() + sorted_.size()) * 8; }

  // False when no key lies in [lo, hi] (a zone map's range).
  bool MayMatchRange(int64_t lo, int64_t hi) const {
    if (empty_ || hi < min_ || lo > max_) return false;
    if (sorted_.empty()) return true;
    auto it = std::lower_bound(sorted_.begin(), sorted_.end(), lo);
    return it != sorted_.end() && *it <= hi;
  }

  // pass[i] &= (v[i] may be a key), for i < n.
  void Filter(const int64_t* v, size_t n, uint8_t* pass) const {
    if (empty_) {
      std::fill(pass, pass + n, 0);
      return;
    }
    if (!sorted_.empty() && n > 0 && TryFewKeys()) {
      if (FilterFewKeys(v, n, pass)) return;
      few_failed_.fetch_add(1, std::memory_order_relaxed);
    }
    const int64_t lo = min_, hi = max_;
    if (!bitmap_.empty()) {
      const uint64_t* bits = bitmap_.data();
      const uint64_t base = static_cast<uint64_t>(lo), range = range_;
      for (size_t i = 0; i < n; i++) {
        uint64_t off = static_cast<uint64_t>(v[i]) - base;  // wraps above range when < min
        uint64_t in = off <= range;
        uint64_t at = in ? off : 0;
        pass[i] &= static_cast<uint8_t>((bits[at >> 6] >> (at & 63)) & in);
      }
      return;
    }
    if (bloom_.empty()) {
      for (size_t i = 0; i < n; i++) pass[i] &= static_cast<uint8_t>((v[i] >= lo) & (v[i] <= hi));
      return;
    }
    const uint64_t* words = bloom_.data();
    size_t passing = 0;
    for (size_t i = 0; i < n; i++) passing += pass[i];
    if (passing * 4 < n) {  // earlier filters dropped most rows: look up only the others
      for (size_t i = 0; i < n; i++) {
        if (!pass[i]) continue;
        uint64_t h = Hash(v[i]);
        uint64_t bits = Bits(h);
        pass[i] =
            static_cast<uint8_t>(((words[Word(h)] & bits) == bits) & (v[i] >= lo) & (v[i] <= hi));
      }
      return;
    }
    for (size_t i = 0; i < n; i++) {
      uint64_t h = Hash(v[i]);
      uint64_t bits = Bits(h);
      pass[i] &=
          static_cast<uint8_t>(((words[Word(h)] & bits) == bits) & (v[i] >= lo) & (v[i] <= hi));
    }
  }

 private:
  // Whether to try FilterFewKeys on this block: always on the first 16 blocks and while it
  // answers at least half of those tried, else (an unsorted probe column, whose blocks span
  // many keys) on every 64th block only, so its min/max pass costs nothing where it never helps.
  bool TryFewKeys() const {
    const uint32_t call = few_calls_.fetch_add(1, std::memory_order_relaxed);
    if (call < 16 || call % 64 == 0) {
      few_tried_.fetch_add(1, std::memory_order_relaxed);
      return true;
    }
    const uint32_t tried = few_tried_.load(std::memory_order_relaxed);
    if (few_failed_.load(std::memory_order_relaxed) * 2 >= tried) return false;
    few_tried_.fetch_add(1, std::memory_order_relaxed);
    return true;
  }

  // The tight set test: the keys within [min, max] of the n values (often none or a handful
  // when the probe column is sorted, as a table's key column is) are compared for equality, an
  // exact answer at a few compares per row. False (nothing done) when too many keys fall inside.
  bool FilterFewKeys(const int64_t* v, size_t n, uint8_t* pass) const {
    int64_t lo = v[0], hi = v[0];
    for (size_t i = 1; i < n; i++) {
      lo = v[i] < lo ? v[i] : lo;
      hi = v[i] > hi ? v[i] : hi;
    }
    auto first = std::lower_bound(sorted_.begin(), sorted_.end(), lo);
    auto last = std::upper_bound(first, sorted_.end(), hi);
    const size_t count = static_cast<size_t>(last - first);
    if (count > kMaxEqualityKeys) return false;
    if (count == 0) {
      std::fill(pass, pass + n, 0);
      return true;
    }
    int64_t k[kMaxEqualityKeys];
    for (size_t j = 0; j < kMaxEqualityKeys; j++) k[j] = first[j < count ? j : count - 1];
    if (count == 1) {
      for (size_t i = 0; i < n; i++) pass[i] &= static_cast<uint8_t>(v[i] == k[0]);
      return true;
    }
    if (count == 2) {
      for (size_t i = 0; i < n; i++)
        pass[i] &= static_cast<uint8_t>((v[i] == k[0]) | (v[i] == k[1]));
      return true;
    }
    // Up to kMaxEqualityKeys: the unused slots repeat the last key.
    for (size_t i = 0; i < n; i++) {
      const int64_t x = v[i];
      pass[i] &= static_cast<uint8_t>((x == k[0]) | (x == k[1]) | (x == k[2]) | (x == k[3]) |
                                      (x == k[4]) | (x == k[5]) | (x == k[6]) | (x == k[7]));
    }
    return true;
  }

  static uint64_t Hash(int64_t k) {
    uint64_t h = static_cast<uint64_t>(k) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
  }
  size_t Word(uint64_t h) const { return shift_ >= 64 ? 0 : static_cast<size_t>(h >> shift_); }
  static uint64_t Bits(uint64_t h) {
    return (1ull << (h & 63)) | (1ull << ((h >> 6) & 63)) | (1ull << ((h >> 12) & 63));
  }

  bool empty_ = true;
  int64_t min_ = 0, max_ = 0;
  std::vector<int64_t> sorted_;
  std::vector<uint64_t> bloom_;
  unsigned shift_ = 64;
  std::vector<uint64_t> bitmap_;  // bit k - min set for every key k
  // FilterFewKeys's record over the probe blocks (shared by the scan's threads; a hint only).
  mutable std::atomic<uint32_t> few_calls_{0}, few_tried_{0}, few_failed_{0};
  uint64_t range_ = 0;  // max - min
};

}  // namespace kadedb
