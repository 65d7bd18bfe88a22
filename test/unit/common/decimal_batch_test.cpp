// Decimal batch kernels (common/decimal_batch.hpp) and the sum/avg accumulator
// (function/aggregate/decimal_accum.hpp) against the scalar DecimalAdd/Sub/Mul on random
// batches: int64-boundary and wider mantissas, uniform and mixed scales, NULL rows with garbage.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <vector>

#include "common/decimal.hpp"
#include "common/decimal_batch.hpp"
#include "common/exception.hpp"
#include "function/aggregate/decimal_accum.hpp"

namespace kadedb {
namespace {

using BatchFn = bool (*)(const Decimal*, const Decimal*, const uint8_t*, size_t,
                         std::vector<Decimal>&);
using ScalarFn = Decimal (*)(const Decimal&, const Decimal&);

__int128 RandomMantissa(std::mt19937_64& rng) {
  const __int128 kInt64Max = INT64_MAX;
  switch (rng() % 8) {
    case 0:
      return static_cast<int64_t>(rng() % 2001) - 1000;
    case 1:
      return INT64_MAX - static_cast<int64_t>(rng() % 3);
    case 2:
      return INT64_MIN + static_cast<int64_t>(rng() % 3);
    case 3:
      return (rng() % 2 ? 1 : -1) * (kInt64Max + 1 + static_cast<__int128>(rng() % 3));
    case 4: {  // up to 38 digits
      __int128 m = static_cast<__int128>(rng() >> 1) * static_cast<__int128>(rng() % 5000000000);
      return rng() % 2 ? m : -m;
    }
    default:
      return static_cast<int64_t>(rng());
  }
}

// The scalar result in *out; false when the scalar op throws.
bool Scalar(ScalarFn fn, const Decimal& a, const Decimal& b, Decimal* out) {
  try {
    *out = fn(a, b);
    return true;
  } catch (const Exception&) {
    return false;
  }
}

void CheckBatches(BatchFn batch, ScalarFn scalar, bool uniform_scales) {
  std::mt19937_64 rng(uniform_scales ? 7 : 11);
  int fast = 0;
  for (int round = 0; round < 3000; round++) {
    size_t n = 1 + rng() % 64;
    bool int64_only = rng() % 2 == 0;
    int32_t sa = static_cast<int32_t>(rng() % 21), sb = static_cast<int32_t>(rng() % 21);
    std::vector<Decimal> a(n), b(n), out(n);
    std::vector<uint8_t> valid(n);
    for (size_t i = 0; i < n; i++) {
      valid[i] = rng() % 8 != 0;
      a[i].mantissa =
          int64_only ? static_cast<int64_t>(rng()) >> (rng() % 64) : RandomMantissa(rng);
      b[i].mantissa =
          int64_only ? static_cast<int64_t>(rng()) >> (rng() % 64) : RandomMantissa(rng);
      // Mixed scales: mostly 0..6 (every batch fast when its mantissas fit), now and then up to 38.
      int32_t range = rng() % 64 == 0 ? 39 : 7;
      a[i].scale = uniform_scales ? sa : static_cast<int32_t>(rng() % range);
      b[i].scale = uniform_scales ? sb : static_cast<int32_t>(rng() % range);
      if (!valid[i]) {  // NULL slots: any initialised garbage
        a[i].scale = static_cast<int32_t>(rng());
        b[i].mantissa = static_cast<__int128>(rng()) << 64;
      }
    }
    // out either sized already (written in place) or empty / of another size (rebuilt).
    if (round % 3 == 1) out.clear();
    if (round % 3 == 2) out.resize(n + 5);
    bool ok = batch(a.data(), b.data(), valid.data(), n, out);
    ASSERT_EQ(out.size(), n);
    bool fast_domain = true;
    for (size_t i = 0; i < n; i++) {
      if (!valid[i]) continue;
      Decimal expect;
      bool computed = Scalar(scalar, a[i], b[i], &expect);
      bool in64 = a[i].mantissa == static_cast<int64_t>(a[i].mantissa) &&
                  b[i].mantissa == static_cast<int64_t>(b[i].mantissa);
      fast_domain &= in64 && computed;
      if (!ok) continue;
      ASSERT_TRUE(computed) << "fast path accepted a row the scalar op rejects";
      ASSERT_TRUE(expect.mantissa == out[i].mantissa && expect.scale == out[i].scale)
          << DecimalToString(a[i]) << " op " << DecimalToString(b[i]) << ": "
          << DecimalToString(out[i]) << " vs " << DecimalToString(expect);
    }
    if (ok) fast++;
    // Same-scale int64 operands (numeric(p <= 18, s) columns) must never leave the fast path.
    if (uniform_scales && int64_only && fast_domain && sa - sb <= 18 && sb - sa <= 18 &&
        sa + sb <= 38) {
      ASSERT_TRUE(ok) << "spurious fallback, scales " << sa << ", " << sb;
    }
  }
  EXPECT_GT(fast, 100);
}

TEST(DecimalBatchTest, AddMatchesScalar) {
  CheckBatches(DecimalAddBatch, DecimalAdd, true);
  CheckBatches(DecimalAddBatch, DecimalAdd, false);
}

TEST(DecimalBatchTest, SubMatchesScalar) {
  CheckBatches(DecimalSubBatch, DecimalSub, true);
  CheckBatches(DecimalSubBatch, DecimalSub, false);
}

TEST(DecimalBatchTest, MulMatchesScalar) {
  CheckBatches(DecimalMulBatch, DecimalMul, true);
  CheckBatches(DecimalMulBatch, DecimalMul, false);
}

TEST(DecimalBatchTest, AllNullBatchIsFast) {
  std::vector<Decimal> a(4, Decimal{static_cast<__int128>(1) << 100, 50}), out;
  std::vector<uint8_t> valid(4, 0);
  EXPECT_TRUE(DecimalAddBatch(a.data(), a.data(), valid.data(), 4, out));
  EXPECT_EQ(out.size(), 4u);
  out.clear();
  EXPECT_TRUE(DecimalMulBatch(a.data(), a.data(), valid.data(), 4, out));
  EXPECT_EQ(out.size(), 4u);
}

TEST(DecimalAccumulateTest, MatchesDecimalAddChain) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 2000; round++) {
    Decimal acc{0, kDecimalEmptyScale};
    Decimal expect;
    bool has = false, acc_threw = false, expect_threw = false;
    bool mixed = rng() % 2 == 0;
    for (int i = 0; i < 20; i++) {
      Decimal x{RandomMantissa(rng), mixed ? static_cast<int32_t>(rng() % 30) : 2};
      try {
        DecimalAccumulate(acc, x);
      } catch (const Exception&) {
        acc_threw = true;
      }
      try {
        expect = has ? DecimalAdd(expect, x) : x;
      } catch (const Exception&) {
        expect_threw = true;
      }
      has = true;
      ASSERT_EQ(acc_threw, expect_threw);
      if (acc_threw) break;
      ASSERT_TRUE(acc.mantissa == expect.mantissa && acc.scale == expect.scale)
          << DecimalToString(acc) << " vs " << DecimalToString(expect);
    }
  }
}

}  // namespace
}  // namespace kadedb
