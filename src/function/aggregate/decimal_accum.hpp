// DecimalAccumulate: acc += x for the decimal sum/avg kernels, inline. Same scales (every row of
// a numeric(p, s) column) add in int128 with an overflow and 38-digit check; an empty
// accumulator (scale kDecimalEmptyScale, which no value has) takes x; anything else goes through
// DecimalAdd, so the result is always exactly DecimalAdd's.
#pragma once

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

}  // namespace kadedb
