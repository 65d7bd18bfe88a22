// DecimalAccumulate: acc += x for the decimal sum/avg kernels, inline. Same scales (every row of
// a numeric(p, s) column) add in int128 with an overflow and 38-digit check; an empty
// accumulator (scale kDecimalEmptyScale, which no value has) takes x; anything else goes through
// DecimalAdd, so the result is always exactly DecimalAdd's. The batch helpers below are the fast
// paths for a batch whose rows all have one scale and int64 mantissas (every numeric(p <= 18, s)
// column, e.g. TPC-H's numeric(15, 2), and products of two).
#pragma once

#include <cstddef>

#include "common/decimal.hpp"

namespace kadedb {

// Scale of an accumulator that has seen no value yet: folding "empty" into the scale compare
// spares the per-row check of a separate flag.
inline constexpr int32_t kDecimalEmptyScale = -1;

inline void DecimalAccumulate(Decimal& acc, const Decimal& x) {
  constexpr __int128 kLimit = [] {
    __int128 r = 1;
    for (int i = 0; i < kDecimalMaxDigits; i++) r *= 10;
    return r;
  }();
  constexpr unsigned __int128 kSpan = static_cast<unsigned __int128>(kLimit - 1) * 2;
  __int128 r;
  // |r| < 10^38 as one unsigned compare: r + (10^38 - 1) in [0, 2 * (10^38 - 1)].
  if (acc.scale == x.scale && !__builtin_add_overflow(acc.mantissa, x.mantissa, &r) &&
      static_cast<unsigned __int128>(r) + static_cast<unsigned __int128>(kLimit - 1) <= kSpan) {
    acc.mantissa = r;
    return;
  }
  if (acc.scale == kDecimalEmptyScale) {
    acc = x;
    return;
  }
  acc = DecimalAdd(acc, x);
}

// True when every row is valid, has the scale of row 0 (stored in *scale) and a mantissa within
// int64. One branch-free pass.
inline bool UniformInt64Batch(const Decimal* in, const uint8_t* valid, size_t n, int32_t* scale) {
  if (n == 0) return false;
  const int32_t s = in[0].scale;
  uint8_t ok = 1;
  for (size_t i = 0; i < n; i++) {
    const __int128 m = in[i].mantissa;
    ok &= valid[i] & (in[i].scale == s) & (static_cast<__int128>(static_cast<int64_t>(m)) == m);
  }
  *scale = s;
  return ok != 0;
}

// True when acc is at `scale` and |acc| < 2^125: then acc + t for any |t| < 2^124 stays below
// 10^38 (about 2^126.2), so DecimalAccumulate would add without rescaling or rounding.
inline bool DecimalRoomy(const Decimal& acc, int32_t scale) {
  const uint64_t hi = static_cast<uint64_t>(static_cast<unsigned __int128>(acc.mantissa) >> 64);
  return (acc.scale == scale) & (hi + (uint64_t{1} << 61) < (uint64_t{1} << 62));
}

// acc += {x, scale}: a plain int128 add when DecimalRoomy (no overflow or 38-digit check due),
// else DecimalAccumulate. The result is DecimalAccumulate's either way.
inline void DecimalAccumulateInt64(Decimal& acc, int64_t x, int32_t scale) {
  if (__builtin_expect(DecimalRoomy(acc, scale), 1)) {
    acc.mantissa += x;
    return;
  }
  DecimalAccumulate(acc, Decimal{x, scale});
}

// acc += every in[i] (n rows of a UniformInt64Batch at `scale`), summed in registers first. The
// total of at most 2^20 int64 mantissas is below 2^83, so when acc is empty or DecimalRoomy every
// row-by-row partial sum would have been a plain add too and the result is the same. Returns
// false (acc untouched) otherwise, or when n > 2^20: the caller then accumulates row by row.
inline bool DecimalAccumulateTotal(Decimal& acc, const Decimal* in, size_t n, int32_t scale) {
  if (n > (size_t{1} << 20)) return false;
  if (acc.scale != kDecimalEmptyScale && !DecimalRoomy(acc, scale)) return false;
  __int128 total = 0;
  for (size_t i = 0; i < n; i++) total += static_cast<int64_t>(in[i].mantissa);
  if (acc.scale == kDecimalEmptyScale) {
    acc = Decimal{total, scale};
  } else {
    acc.mantissa += total;
  }
  return true;
}

}  // namespace kadedb
