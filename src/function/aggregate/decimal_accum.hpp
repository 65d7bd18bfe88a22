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

// True when acc is at `scale` and |acc| < 2^125: then acc + t for any |t| < 2^124 stays below
// 10^38 (about 2^126.2), so DecimalAccumulate would add without rescaling or rounding.
inline bool DecimalRoomy(const Decimal& acc, int32_t scale) {
  const uint64_t hi = static_cast<uint64_t>(static_cast<unsigned __int128>(acc.mantissa) >> 64);
  return (acc.scale == scale) & (hi + (uint64_t{1} << 61) < (uint64_t{1} << 62));
}

// Non-zero when m is outside int64 (its high word is not the sign extension of its low word).
inline uint64_t DecimalInt64Miss(__int128 m) {
  const int64_t lo = static_cast<int64_t>(m);
  const int64_t hi = static_cast<int64_t>(static_cast<unsigned __int128>(m) >> 64);
  return static_cast<uint64_t>(hi ^ (lo >> 63));
}

// Zero when acc += x is a plain int128 add of x's mantissa to acc's: x with an int64 mantissa,
// at acc's scale or acc empty (scale kDecimalEmptyScale, mantissa 0: then the sum is x, as
// DecimalAccumulate's acc = x), and |acc| < 2^125, i.e. its high word's top four bits all equal
// (so |acc + x| < 10^38 needs no check). Branch-free: one OR-ed word for the caller's one
// branch, so a group's first row is no misprediction either.
inline uint64_t DecimalFastMiss(const Decimal& acc, const Decimal& x) {
  const int64_t hi = static_cast<int64_t>(static_cast<unsigned __int128>(acc.mantissa) >> 64);
  const uint32_t not_empty = static_cast<uint32_t>(acc.scale + 1 == 0) - 1u;
  return DecimalInt64Miss(x.mantissa) | (static_cast<uint32_t>(x.scale ^ acc.scale) & not_empty) |
         (static_cast<uint64_t>((hi >> 61) + 1) >> 1);
}

// Row i < n of a grouped batch: acc(i) += in[i] for the valid rows, each exactly as
// DecimalAccumulate, and on_row(i) for each valid row (avg's count). The inner loop holds no call
// (a call would spill its pointers each row) and, when every row is valid (what the executor
// feeds), no validity test; a row that is not a plain add leaves it, goes through
// DecimalAccumulate and re-enters.
template <bool kAllValid, class AccAt, class OnRow>
inline void DecimalAccumulateRowsImpl(const Decimal* in, const uint8_t* valid, size_t n,
                                      const AccAt& acc, const OnRow& on_row) {
  size_t i = 0;
  while (true) {
    for (; i < n; i++) {
      Decimal& a = acc(i);
      const Decimal& x = in[i];
      uint64_t miss = DecimalFastMiss(a, x);
      if (!kAllValid) miss |= valid[i] ^ 1u;
      if (__builtin_expect(miss != 0, 0)) break;
      a.mantissa += static_cast<int64_t>(x.mantissa);
      a.scale = x.scale;
      on_row(i);
    }
    if (i == n) return;
    if (kAllValid || valid[i]) {
      DecimalAccumulate(acc(i), in[i]);
      on_row(i);
    }
    i++;
  }
}

template <class AccAt, class OnRow>
inline void DecimalAccumulateRows(const Decimal* in, const uint8_t* valid, size_t n,
                                  const AccAt& acc, const OnRow& on_row) {
  uint8_t all = 1;
  for (size_t i = 0; i < n; i++) all &= valid[i];
  if (all) {
    DecimalAccumulateRowsImpl<true>(in, valid, n, acc, on_row);
  } else {
    DecimalAccumulateRowsImpl<false>(in, valid, n, acc, on_row);
  }
}

// acc += every in[i], i < n, through one register total, when every row is valid, has the scale
// of row 0 and an int64 mantissa, n <= 2^20 and acc is empty or DecimalRoomy at that scale: the
// total is then below 2^83, every row-by-row partial sum would have been a plain add too, and
// the result is the same. Returns false (acc untouched) otherwise; the caller then accumulates
// row by row.
inline bool DecimalAccumulateTotal(Decimal& acc, const Decimal* in, const uint8_t* valid,
                                   size_t n) {
  if (n == 0 || n > (size_t{1} << 20)) return false;
  const int32_t scale = in[0].scale;
  if (acc.scale != kDecimalEmptyScale && !DecimalRoomy(acc, scale)) return false;
  __int128 total = 0;
  uint64_t miss = 0;
  uint8_t all = 1;
  for (size_t i = 0; i < n; i++) {
    const __int128 m = in[i].mantissa;
    total += static_cast<int64_t>(m);
    miss |= DecimalInt64Miss(m) | static_cast<uint32_t>(in[i].scale ^ scale);
    all &= valid[i];
  }
  if (miss != 0 || all == 0) return false;
  if (acc.scale == kDecimalEmptyScale) {
    acc = Decimal{total, scale};
  } else {
    acc.mantissa += total;
  }
  return true;
}

}  // namespace kadedb
