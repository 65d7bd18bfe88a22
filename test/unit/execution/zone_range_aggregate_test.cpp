// Zone-range partitioned aggregation: ExclusiveKeyIntervals against a brute-force check over
// random zones, and through SQL what sqllogictest cannot see: how many groups EXPLAIN ANALYZE
// reports finished by zone range (sorted, unsorted, overlapping keys; a tail that collides),
// and two sessions, one with uncommitted updates of sealed rows, each getting its own answer.
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>

#include "execution/zone_range_partition.hpp"
#include "kadedb/kadedb.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

using test::Ok;
using test::One;

KeyZone Range(int64_t lo, int64_t hi) {
  KeyZone z;
  z.kind = KeyZone::Kind::kRange;
  z.min = lo;
  z.max = hi;
  return z;
}
KeyZone Kind(KeyZone::Kind kind) {
  KeyZone z;
  z.kind = kind;
  return z;
}

TEST(ZoneRangePartitionTest, TouchingRangesExcludeOnlyTheSharedEnds) {
  auto iv = ExclusiveKeyIntervals({Range(1, 10), Range(10, 20), Range(21, 30)});
  ASSERT_EQ(iv.size(), 3u);
  EXPECT_TRUE(iv[0].Contains(1));
  EXPECT_TRUE(iv[0].Contains(9));
  EXPECT_FALSE(iv[0].Contains(10));
  EXPECT_FALSE(iv[1].Contains(10));
  EXPECT_TRUE(iv[1].Contains(11));
  EXPECT_TRUE(iv[1].Contains(20));
  EXPECT_TRUE(iv[2].Contains(21));
  EXPECT_TRUE(iv[2].Contains(30));
}

TEST(ZoneRangePartitionTest, OverlapsNestingTiesAndUnknownZones) {
  // [5, 50] contains [10, 12]: only keys of the outer range above 12 and below 10 stay its own
  // on the low side, nothing past the next start; the inner one owns nothing past 50's reach.
  auto iv = ExclusiveKeyIntervals({Range(5, 50), Range(10, 12), Range(60, 70)});
  EXPECT_TRUE(iv[0].Contains(5));
  EXPECT_TRUE(iv[0].Contains(9));
  EXPECT_FALSE(iv[0].Contains(10));
  EXPECT_FALSE(iv[0].Contains(30));
  EXPECT_TRUE(iv[1].Empty() || (!iv[1].Contains(10) && !iv[1].Contains(11)));
  EXPECT_TRUE(iv[2].Contains(60));
  // Equal ranges: neither owns anything.
  iv = ExclusiveKeyIntervals({Range(1, 5), Range(1, 5)});
  for (int64_t k = 0; k <= 6; k++) {
    EXPECT_FALSE(iv[0].Contains(k));
    EXPECT_FALSE(iv[1].Contains(k));
  }
  // An unknown zone may hold any key: the others own nothing; a zone without values bounds
  // nothing and owns nothing.
  iv = ExclusiveKeyIntervals(
      {Range(1, 5), Kind(KeyZone::Kind::kUnknown), Range(7, 9), Kind(KeyZone::Kind::kNone)});
  EXPECT_TRUE(iv[0].Empty());
  EXPECT_TRUE(iv[2].Empty());
  EXPECT_TRUE(iv[3].Empty());
  iv = ExclusiveKeyIntervals({Kind(KeyZone::Kind::kNone), Range(3, 4)});
  EXPECT_TRUE(iv[0].Empty());
  EXPECT_TRUE(iv[1].Contains(3));
  EXPECT_TRUE(iv[1].Contains(4));
  // The int64 extremes are never inside (a conservative edge).
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  iv = ExclusiveKeyIntervals({Range(kMin, 0), Range(1, kMax)});
  EXPECT_FALSE(iv[0].Contains(kMin));
  EXPECT_TRUE(iv[0].Contains(kMin + 1));
  EXPECT_TRUE(iv[0].Contains(0));
  EXPECT_TRUE(iv[1].Contains(kMax - 1));
  EXPECT_FALSE(iv[1].Contains(kMax));
}

// Soundness by brute force: a key of a zone that its interval contains lies in no other zone;
// and with disjoint zones every key of a zone but the int64 extremes is contained.
TEST(ZoneRangePartitionTest, RandomZonesAreSound) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 2000; round++) {
    size_t n = 1 + rng() % 8;
    std::vector<KeyZone> zones;
    for (size_t z = 0; z < n; z++) {
      uint64_t kind = rng() % 10;
      if (kind == 0) {
        zones.push_back(Kind(KeyZone::Kind::kNone));
      } else if (kind == 1 && round % 4 == 0) {
        zones.push_back(Kind(KeyZone::Kind::kUnknown));
      } else {
        int64_t a = static_cast<int64_t>(rng() % 60), b = static_cast<int64_t>(rng() % 60);
        zones.push_back(Range(std::min(a, b), std::max(a, b)));
      }
    }
    auto iv = ExclusiveKeyIntervals(zones);
    ASSERT_EQ(iv.size(), n);
    auto covers = [&](size_t z, int64_t k) {
      if (zones[z].kind == KeyZone::Kind::kUnknown) return true;
      return zones[z].kind == KeyZone::Kind::kRange && zones[z].min <= k && k <= zones[z].max;
    };
    for (size_t z = 0; z < n; z++) {
      for (int64_t k = -2; k < 62; k++) {
        if (!covers(z, k)) continue;
        bool elsewhere = false;
        for (size_t o = 0; o < n; o++) elsewhere |= o != z && covers(o, k);
        if (iv[z].Contains(k)) {
          EXPECT_FALSE(elsewhere) << "round " << round << " zone " << z;
        }
      }
    }
  }
}

class ZoneRangeSqlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = Database::Open(dir_.string(), Options(), &db_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    a_ = db_->Connect();
    b_ = db_->Connect();
    csv_ = (dir_.path() / "zr.csv").string();
    // 300000 rows: sealed by COPY into groups of 122880 + 122880 + 54240 rows.
    Ok(*a_, "CREATE TABLE src(i BIGINT, k BIGINT, k_shuf BIGINT, k_rand BIGINT, v INTEGER)");
    Ok(*a_,
       "INSERT INTO src SELECT i, i / 4, ((i - 1) / 122880 * 122880 + ((i - 1) % 122880) * 7919 "
       "% 122880) / 4, (i * 7919) % 50021, (i % 97)::INTEGER FROM (SELECT g::BIGINT AS i FROM "
       "generate_series(1, 300000) AS t(g)) s");
    Ok(*a_, "COPY src TO '" + csv_ + "' (FORMAT csv)");
    Ok(*a_, "CREATE TABLE t(i BIGINT, k BIGINT, k_shuf BIGINT, k_rand BIGINT, v INTEGER)");
    Ok(*a_, "COPY t FROM '" + csv_ + "' (FORMAT csv)");
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    db_.reset();
  }
  // The "final groups: N" of the EXPLAIN ANALYZE of sql ("" when not shown).
  std::string FinalGroups(Connection& c, const std::string& sql) {
    Result r = c.Query("EXPLAIN ANALYZE " + sql);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return "";
    for (size_t row = 0; row < r.RowCount(); row++) {
      std::string line = r.GetValue(0, row).ToString();
      size_t at = line.find("final groups: ");
      if (at == std::string::npos) continue;
      size_t from = at + 14;
      return line.substr(from, line.find(')', from) - from);
    }
    return "";
  }
  // Rows that differ between GROUP BY col (partitioned) and GROUP BY col::TEXT (not).
  std::string Diff(Connection& c, const std::string& col) {
    std::string part = "SELECT " + col + ", sum(v), count(*) FROM t GROUP BY " + col;
    std::string plain =
        "SELECT " + col + "::TEXT::BIGINT, sum(v), count(*) FROM t GROUP BY " + col + "::TEXT";
    return One(c, "SELECT count(*) FROM ((" + part + " EXCEPT ALL " + plain + ") UNION ALL (" +
                      plain + " EXCEPT ALL " + part + ")) d");
  }
  test::TestDir dir_{"kadedb_zone_range"};
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> a_, b_;
  std::string csv_;
};

TEST_F(ZoneRangeSqlTest, FinalGroupsByKeyOrder) {
  // Sorted keys: all 75001 but the two that span a row-group boundary (30720, 61440).
  EXPECT_EQ(FinalGroups(*a_, "SELECT k, sum(v) FROM t GROUP BY k"), "74999");
  // Unsorted inside each group, disjoint ranges ([0, 30719], [30720, 61439], [61440, 92159]):
  // every one of its 78061 keys, through the per-morsel index.
  EXPECT_EQ(FinalGroups(*a_, "SELECT k_shuf, sum(v) FROM t GROUP BY k_shuf"), "78061");
  // Overlapping zones: nothing is final.
  EXPECT_EQ(FinalGroups(*a_, "SELECT k_rand, sum(v) FROM t GROUP BY k_rand"), "");
  EXPECT_EQ(Diff(*a_, "k"), "0");
  EXPECT_EQ(Diff(*a_, "k_shuf"), "0");
  // A row-store row with key 1000 (first group) and one past every key: every final group
  // from 1000 up to the top key is merged instead (the tail's key range covers them).
  Ok(*a_, "INSERT INTO t VALUES (300001, 1000, 1000, 0, 5), (300002, 99999, 99999, 0, 5)");
  EXPECT_EQ(FinalGroups(*a_, "SELECT k, sum(v) FROM t GROUP BY k"), "1000");
  EXPECT_EQ(One(*a_, "SELECT sum(v) FROM t WHERE k = 1000"),
            One(*a_, "SELECT s FROM (SELECT k, sum(v) AS s FROM t GROUP BY k) q WHERE k = 1000"));
  EXPECT_EQ(Diff(*a_, "k"), "0");
}

TEST_F(ZoneRangeSqlTest, ConcurrentTransactionsSeeTheirOwnRows) {
  std::string q = "SELECT s FROM (SELECT k, sum(v) AS s FROM t GROUP BY k) q WHERE k = ";
  EXPECT_EQ(One(*a_, q + "20000"), "294");  // rows 80000..80003: v = 72 + 73 + 74 + 75
  Ok(*a_, "BEGIN");
  // Sealed rows of other groups moved to key 20000 (first group), a new row, a deletion.
  Ok(*a_, "UPDATE t SET k = 20000 WHERE i IN (150000, 290000)");
  Ok(*a_, "INSERT INTO t VALUES (300001, 20000, 0, 0, 1000)");
  Ok(*a_, "DELETE FROM t WHERE i = 80000");
  std::string own = One(*a_, q + "20000");
  EXPECT_EQ(own, "1327");  // 73 + 74 + 75 + 150000 % 97 + 290000 % 97 + 1000
  EXPECT_EQ(Diff(*a_, "k"), "0");
  // The other session reads the committed state, in parallel and zone-range partitioned.
  EXPECT_EQ(One(*b_, q + "20000"), "294");
  EXPECT_EQ(Diff(*b_, "k"), "0");
  EXPECT_EQ(FinalGroups(*b_, "SELECT k, sum(v) FROM t GROUP BY k"), "74999");
  Ok(*a_, "COMMIT");
  EXPECT_EQ(One(*b_, q + "20000"), own);
  EXPECT_EQ(Diff(*b_, "k"), "0");
}

}  // namespace
}  // namespace kadedb
