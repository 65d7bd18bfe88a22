// JoinKeyFilter (runtime join filters): the row filter never drops a build key (bitmap and Bloom
// filter alike), the bitmap is exact, the Bloom filter drops most non-keys, zone-map ranges are
// judged by min/max and the sorted key list, blocks with few keys in their range are tested
// exactly, and an empty key set matches nothing.
#include "storage/join_key_filter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

namespace kadedb {
namespace {

std::vector<uint8_t> ApplyFilter(const JoinKeyFilter& f, const std::vector<int64_t>& v) {
  std::vector<uint8_t> pass(v.size(), 1);
  f.Filter(v.data(), v.size(), pass.data());
  return pass;
}

TEST(JoinKeyFilter, DenseKeysUseAnExactBitmap) {
  std::vector<int64_t> keys = {10, 12, 12, 500, 9000};
  JoinKeyFilter f(keys, true);
  EXPECT_TRUE(f.has_bitmap());
  std::vector<int64_t> probe;
  for (int64_t x = -100; x < 10000; x++) probe.push_back(x);
  auto pass = ApplyFilter(f, probe);
  std::set<int64_t> want(keys.begin(), keys.end());
  for (size_t i = 0; i < probe.size(); i++) {
    EXPECT_EQ(pass[i] != 0, want.count(probe[i]) > 0) << probe[i];
  }
}

// Sparse keys over a range of at most kSmallBitmapBits values (a quarter's order keys among all
// order keys) still get the exact bitmap; a wider sparse range gets the Bloom filter.
TEST(JoinKeyFilter, SparseKeysInASmallRangeUseAnExactBitmap) {
  std::vector<int64_t> keys;
  for (int64_t i = 0; i < 5000; i++) keys.push_back(-3000000 + i * 1237);
  JoinKeyFilter f(keys, true);
  EXPECT_TRUE(f.has_bitmap());
  EXPECT_FALSE(f.has_bloom());
  std::set<int64_t> want(keys.begin(), keys.end());
  std::vector<int64_t> probe;
  for (int64_t x = -3000100; x < 3200000; x += 7) probe.push_back(x);
  for (int64_t k : keys) probe.push_back(k);
  auto pass = ApplyFilter(f, probe);
  for (size_t i = 0; i < probe.size(); i++) {
    ASSERT_EQ(pass[i] != 0, want.count(probe[i]) > 0) << probe[i];
  }
  keys.push_back(int64_t{1} << 40);
  JoinKeyFilter wide(keys, true);
  EXPECT_FALSE(wide.has_bitmap());
  EXPECT_TRUE(wide.has_bloom());
}

TEST(JoinKeyFilter, SparseKeysUseABloomFilterWithoutFalseNegatives) {
  std::vector<int64_t> keys;
  for (int64_t i = 1; i <= 20000; i++) keys.push_back(i * 1000000007);
  keys.push_back(INT64_MIN + 1);
  keys.push_back(INT64_MAX);
  JoinKeyFilter f(keys, true);
  EXPECT_TRUE(f.has_bloom());
  EXPECT_FALSE(f.has_bitmap());
  auto pass = ApplyFilter(f, keys);
  for (size_t i = 0; i < keys.size(); i++) EXPECT_EQ(pass[i], 1) << keys[i];
  std::vector<int64_t> others;
  for (int64_t i = 1; i <= 20000; i++) others.push_back(i * 1000000007 + 1);
  pass = ApplyFilter(f, others);
  size_t kept = 0;
  for (uint8_t p : pass) kept += p;
  EXPECT_LT(kept, others.size() / 10);  // false positives are rare
}

TEST(JoinKeyFilter, RowsAlreadyDroppedStayDropped) {
  JoinKeyFilter f({1, 2, 3}, true);
  std::vector<int64_t> v = {1, 2, 3, 4};
  std::vector<uint8_t> pass = {0, 1, 0, 1};
  f.Filter(v.data(), v.size(), pass.data());
  EXPECT_EQ(pass, (std::vector<uint8_t>{0, 1, 0, 0}));
}

TEST(JoinKeyFilter, ZoneMapRanges) {
  JoinKeyFilter f({100, 200, 300}, false);
  EXPECT_FALSE(f.has_bloom());
  EXPECT_TRUE(f.MayMatchRange(0, 100));
  EXPECT_TRUE(f.MayMatchRange(150, 250));
  EXPECT_FALSE(f.MayMatchRange(101, 199));  // between keys: the sorted list says no
  EXPECT_FALSE(f.MayMatchRange(301, 1000));
  EXPECT_FALSE(f.MayMatchRange(-50, 99));
  auto pass = ApplyFilter(f, {99, 100, 150, 300, 301});  // three keys in range: tested exactly
  EXPECT_EQ(pass, (std::vector<uint8_t>{0, 1, 0, 1, 0}));
}

// Blocks whose value range holds at most kMaxEqualityKeys keys are answered exactly by
// equality tests, with or without a bitmap / Bloom filter behind them, for any block: sorted
// or not, with duplicates, at the int64 extremes.
TEST(JoinKeyFilter, FewKeysInABlockAreTestedExactly) {
  std::vector<int64_t> keys = {INT64_MIN, -7,   5,    5,    1000, 1003,       1005,     1010,
                               1011,      1020, 1030, 1040, 1050, 5000000000, INT64_MAX};
  const std::set<int64_t> want(keys.begin(), keys.end());
  for (bool bloom : {false, true}) {
    JoinKeyFilter f(keys, bloom);
    // Block ranges holding 0, 1, 2, 3, 8 and 9+ keys (the last falls back to the other tests).
    std::vector<std::vector<int64_t>> blocks = {
        {6, 7, 8, 999},
        {4, 5, 5, 6},
        {-8, -7, 5, -6, 0},
        {1000, 1001, 1002, 1003, 1004, 1005},
        {1000, 1003, 1010, 1011, 1020, 1030, 1040, 1050, 1051, 1002},
        {1000, 1003, 1005, 1010, 1011, 1020, 1030, 1040, 1050, 1001, 1049},
        {INT64_MAX, INT64_MAX - 1, 0},
        {INT64_MIN, INT64_MIN + 1, INT64_MAX},
        {5000000000, 4999999999, 5000000001}};
    for (const auto& block : blocks) {
      auto pass = ApplyFilter(f, block);
      auto [lo, hi] = std::minmax_element(block.begin(), block.end());
      size_t inside = 0;
      for (int64_t k : want) inside += k >= *lo && k <= *hi;
      for (size_t i = 0; i < block.size(); i++) {
        if (want.count(block[i])) {
          EXPECT_EQ(pass[i], 1) << block[i];  // never a false negative
        } else if (inside <= JoinKeyFilter::kMaxEqualityKeys) {
          EXPECT_EQ(pass[i], 0) << block[i];  // exact
        }
      }
    }
    // A block holding one key exactly: only that key passes, dropped rows stay dropped.
    std::vector<int64_t> v = {4, 5, 6, 5, 7};
    std::vector<uint8_t> pass = {1, 1, 1, 0, 1};
    f.Filter(v.data(), v.size(), pass.data());
    EXPECT_EQ(pass, (std::vector<uint8_t>{0, 1, 0, 0, 0}));
    // A sorted column: most blocks hold no key at all.
    std::vector<int64_t> sorted;
    for (int64_t x = 100; x < 900; x++) sorted.push_back(x);
    pass = ApplyFilter(f, sorted);
    for (uint8_t p : pass) EXPECT_EQ(p, 0);
  }
}

// Blocks spanning many keys (an unsorted probe column) make the filter stop trying the equality
// test on most blocks; whichever test runs, no key is ever dropped.
TEST(JoinKeyFilter, UnsortedBlocksStopTheEqualityTest) {
  std::vector<int64_t> keys;
  for (int64_t i = 0; i < 100; i++) keys.push_back(i * 10);
  JoinKeyFilter f(keys, false);
  std::vector<int64_t> wide;
  for (int64_t x = -5; x < 1000; x++) wide.push_back(x);
  for (int round = 0; round < 200; round++) {
    auto pass = ApplyFilter(f, wide);
    for (size_t i = 0; i < wide.size(); i++) {
      if (wide[i] >= 0 && wide[i] % 10 == 0) {
        ASSERT_EQ(pass[i], 1) << wide[i];
      }
    }
    std::vector<int64_t> narrow = {41, 50, 52, 50};
    pass = ApplyFilter(f, narrow);
    EXPECT_EQ(pass[1], 1);
    EXPECT_EQ(pass[3], 1);
  }
}

TEST(JoinKeyFilter, EmptyKeySetMatchesNothing) {
  JoinKeyFilter f({}, true);
  EXPECT_TRUE(f.empty());
  EXPECT_FALSE(f.MayMatchRange(INT64_MIN, INT64_MAX));
  auto pass = ApplyFilter(f, {0, 1, -1});
  EXPECT_EQ(pass, (std::vector<uint8_t>{0, 0, 0}));
}

}  // namespace
}  // namespace kadedb
