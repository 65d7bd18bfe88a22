// DecimalConstBatch (common/decimal_batch.hpp): c op v[i] / v[i] op c for + - * against the
// scalar DecimalAdd/Sub/Mul on random batches: int64-boundary and wider mantissas on both sides,
// uniform and mixed scales, scales up to 20 apart, NULL rows holding garbage.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "common/decimal.hpp"
#include "common/decimal_batch.hpp"
#include "common/exception.hpp"

namespace kadedb {
namespace {

__int128 Mantissa(std::mt19937_64& rng) {
  switch (rng() % 6) {
    case 0:
      return INT64_MAX - static_cast<int64_t>(rng() % 3);
    case 1:
      return INT64_MIN + static_cast<int64_t>(rng() % 3);
    case 2:
      return static_cast<__int128>(INT64_MAX) + 1 + static_cast<__int128>(rng() % 3);
    default:
      return static_cast<int64_t>(rng()) >> (rng() % 64);
  }
}

TEST(DecimalConstBatchTest, MatchesScalar) {
  std::mt19937_64 rng(13);
  int fast = 0;
  for (int round = 0; round < 6000; round++) {
    const char op = "+-*"[rng() % 3];
    const bool const_left = rng() % 2 == 0;
    const bool uniform = rng() % 4 != 0;
    const int32_t sv = static_cast<int32_t>(rng() % 21);
    const Decimal c{Mantissa(rng), static_cast<int32_t>(rng() % 21)};
    const size_t n = 1 + rng() % 40;
    std::vector<Decimal> v(n), out;
    std::vector<uint8_t> valid(n);
    for (size_t i = 0; i < n; i++) {
      valid[i] = rng() % 8 != 0;
      v[i] = Decimal{rng() % 4 == 0 ? Mantissa(rng) : static_cast<int64_t>(rng()) >> (rng() % 64),
                     uniform ? sv : static_cast<int32_t>(rng() % 21)};
      if (!valid[i])
        v[i] = Decimal{static_cast<__int128>(rng()) << 70, static_cast<int32_t>(rng())};
    }
    if (round % 2) out.resize(n + 3);
    if (!DecimalConstBatch(op, c, const_left, v.data(), valid.data(), n, out)) continue;
    fast++;
    ASSERT_EQ(out.size(), n);
    for (size_t i = 0; i < n; i++) {
      if (!valid[i]) continue;
      const Decimal& a = const_left ? c : v[i];
      const Decimal& b = const_left ? v[i] : c;
      Decimal expect;
      try {
        expect = op == '+' ? DecimalAdd(a, b) : op == '-' ? DecimalSub(a, b) : DecimalMul(a, b);
      } catch (const Exception&) {
        FAIL() << "fast path accepted a row the scalar op rejects";
      }
      ASSERT_TRUE(expect.mantissa == out[i].mantissa && expect.scale == out[i].scale)
          << DecimalToString(a) << " " << op << " " << DecimalToString(b) << ": "
          << DecimalToString(out[i]) << " vs " << DecimalToString(expect);
    }
  }
  EXPECT_GT(fast, 500);
}

}  // namespace
}  // namespace kadedb
