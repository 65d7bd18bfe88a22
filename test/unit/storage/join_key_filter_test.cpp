// JoinKeyFilter (runtime join filters): the row filter never drops a build key (bitmap and Bloom
// filter alike), the bitmap is exact, the Bloom filter drops most non-keys, zone-map ranges are
// judged by min/max and the sorted key list, and an empty key set matches nothing.
#include "storage/join_key_filter.hpp"

#include <gtest/gtest.h>

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
  auto pass = ApplyFilter(f, {99, 100, 150, 300, 301});  // min/max only without a row filter
  EXPECT_EQ(pass, (std::vector<uint8_t>{0, 1, 1, 1, 0}));
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
