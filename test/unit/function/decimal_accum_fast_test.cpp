// The int64 fast paths of the numeric sum/avg accumulator (function/aggregate/decimal_accum.hpp):
// which batches DecimalAccumulateTotal declines, and DecimalAccumulateRows / DecimalAccumulateTotal
// against the row-by-row DecimalAccumulate chain, from accumulators seeded anywhere up to 38
// digits (also around 2^125, the fast path's bound) and at scales equal to or unlike the batch's.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "common/decimal.hpp"
#include "common/exception.hpp"
#include "function/aggregate/decimal_accum.hpp"

namespace kadedb {
namespace {

constexpr __int128 kMaxMantissa = [] {
  __int128 r = 1;
  for (int i = 0; i < kDecimalMaxDigits; i++) r *= 10;
  return r - 1;
}();

Decimal RandomSeed(std::mt19937_64& rng, int32_t batch_scale) {
  const __int128 k2125 = static_cast<__int128>(1) << 125;
  __int128 m;
  switch (rng() % 6) {
    case 0:
      return Decimal{0, kDecimalEmptyScale};
    case 1:
      m = kMaxMantissa - static_cast<__int128>(rng() % 1000);
      break;
    case 2:
      m = k2125 - 1 - static_cast<__int128>(rng() % 3) + static_cast<__int128>(rng() % 3);
      break;
    case 3:
      m = static_cast<__int128>(rng() >> 1) * static_cast<__int128>(rng() % 4000000000);
      break;
    default:
      m = static_cast<int64_t>(rng()) >> (rng() % 64);
  }
  if (rng() % 2) m = -m;
  int32_t scale = rng() % 4 == 0 ? static_cast<int32_t>(rng() % 6) : batch_scale;
  return Decimal{m, scale};
}

// acc after DecimalAccumulate of every row in order; false when that throws.
bool Chain(Decimal acc, const std::vector<Decimal>& rows, Decimal* out) {
  try {
    for (const Decimal& x : rows) DecimalAccumulate(acc, x);
  } catch (const Exception&) {
    return false;
  }
  *out = acc;
  return true;
}

TEST(DecimalAccumulateFastTest, TotalDeclinesOtherBatches) {
  std::vector<Decimal> in = {{5, 2}, {-7, 2}, {INT64_MAX, 2}, {INT64_MIN, 2}};
  std::vector<uint8_t> valid(4, 1);
  Decimal acc{0, kDecimalEmptyScale};
  EXPECT_TRUE(DecimalAccumulateTotal(acc, in.data(), valid.data(), in.size()));
  EXPECT_TRUE(acc.mantissa == -3 && acc.scale == 2);
  in[1].scale = 3;  // another scale
  EXPECT_FALSE(DecimalAccumulateTotal(acc, in.data(), valid.data(), in.size()));
  in[1].scale = 2;
  in[2].mantissa = static_cast<__int128>(INT64_MAX) + 1;  // beyond int64
  EXPECT_FALSE(DecimalAccumulateTotal(acc, in.data(), valid.data(), in.size()));
  in[2].mantissa = 1;
  valid[3] = 0;  // a NULL row
  EXPECT_FALSE(DecimalAccumulateTotal(acc, in.data(), valid.data(), in.size()));
  EXPECT_FALSE(DecimalAccumulateTotal(acc, in.data(), valid.data(), 0));
  EXPECT_TRUE(acc.mantissa == -3 && acc.scale == 2);
}

TEST(DecimalAccumulateFastTest, MatchesRowByRow) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 4000; round++) {
    const int32_t scale = static_cast<int32_t>(rng() % 5);
    const Decimal seed = RandomSeed(rng, scale);
    std::vector<Decimal> rows(1 + rng() % 300);
    for (auto& x : rows) {
      int64_t m = rng() % 3 == 0 ? (rng() % 2 ? INT64_MAX : INT64_MIN)
                                 : static_cast<int64_t>(rng()) >> (rng() % 64);
      x = Decimal{m, scale};
    }
    Decimal expect;
    const bool ok = Chain(seed, rows, &expect);

    // Through DecimalAccumulateRows, with NULL rows (garbage, skipped) in between: each row's
    // state is acc, the count of valid rows is counted by on_row.
    std::vector<Decimal> mixed;
    std::vector<uint8_t> mixed_valid;
    for (const Decimal& x : rows) {
      mixed.push_back(x);
      mixed_valid.push_back(1);
      if (rng() % 3 == 0) {
        mixed.push_back(Decimal{static_cast<__int128>(rng()) << 64, scale});
        mixed_valid.push_back(0);
      }
    }
    Decimal acc = seed;
    size_t counted = 0;
    bool threw = false;
    try {
      DecimalAccumulateRows(
          mixed.data(), mixed_valid.data(), mixed.size(), [&](size_t) -> Decimal& { return acc; },
          [&](size_t) { counted++; });
    } catch (const Exception&) {
      threw = true;
    }
    if (!threw) {
      ASSERT_EQ(counted, rows.size());
    }
    ASSERT_EQ(threw, !ok);
    if (ok) {
      ASSERT_TRUE(acc.mantissa == expect.mantissa && acc.scale == expect.scale)
          << DecimalToString(acc) << " vs " << DecimalToString(expect);
    }

    // One register total: either declined (acc untouched) or the chain's result.
    acc = seed;
    std::vector<uint8_t> valid(rows.size(), 1);
    if (DecimalAccumulateTotal(acc, rows.data(), valid.data(), rows.size())) {
      ASSERT_TRUE(ok) << "total accepted a batch whose row-by-row sum overflows";
      ASSERT_TRUE(acc.mantissa == expect.mantissa && acc.scale == expect.scale)
          << DecimalToString(acc) << " vs " << DecimalToString(expect);
    } else {
      ASSERT_TRUE(acc.mantissa == seed.mantissa && acc.scale == seed.scale);
      // Declined only for a seed at another scale or at or beyond 2^125.
      const __int128 mag = seed.mantissa < 0 ? -seed.mantissa : seed.mantissa;
      ASSERT_TRUE(seed.scale != scale || mag >= (static_cast<__int128>(1) << 125) - 1);
    }
  }
}

}  // namespace
}  // namespace kadedb
