// DecimalAccumulate: acc += x for the decimal sum/avg kernels, inline. Same scales (every row of
// a numeric(p, s) column) add in int128 with an overflow and 38-digit check; anything else goes
// through DecimalAdd, so the result is always exactly DecimalAdd's.
#pragma once

#include "common/decimal.hpp"

namespace kadedb {

inline void DecimalAccumulate(Decimal& acc, const Decimal& x) {
  constexpr __int128 kLimit = [] {
    __int128 r = 1;
    for (int i = 0; i < kDecimalMaxDigits; i++) r *= 10;
    return r;
  }();
  __int128 r;
  if (acc.scale == x.scale && !__builtin_add_overflow(acc.mantissa, x.mantissa, &r) && r < kLimit &&
      r > -kLimit) {
    acc.mantissa = r;
    return;
  }
  acc = DecimalAdd(acc, x);
}

}  // namespace kadedb
