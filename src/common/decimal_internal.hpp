// Helpers shared by decimal.cpp and decimal_arith.cpp (not part of the decimal API).
#pragma once

#include <string>

#include "common/exception.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

inline constexpr __int128 Pow10I128(int k) {
  __int128 r = 1;
  for (int i = 0; i < k; ++i) r *= 10;
  return r;
}

inline unsigned __int128 DecimalMagnitude(__int128 v) {
  return v < 0 ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
}

// Decimal digits of |v| ("0" for zero).
inline std::string MagnitudeDigits(__int128 v) {
  unsigned __int128 m = DecimalMagnitude(v);
  if (m == 0) return "0";
  char buf[40];
  int n = 40;
  while (m != 0) {
    buf[--n] = static_cast<char>('0' + static_cast<int>(m % 10));
    m /= 10;
  }
  return std::string(buf + n, buf + 40);
}

// m / 10^k rounded half away from zero (k >= 0; any k > 38 yields 0).
inline __int128 RoundDivPow10(__int128 m, int k) {
  if (k == 0) return m;
  if (k > 38) return 0;
  __int128 p = Pow10I128(k);
  __int128 q = m / p, r = m % p;
  if (r < 0) r = -r;
  if (r >= p - r) q += m < 0 ? -1 : 1;
  return q;
}

[[noreturn]] inline void ThrowNumericOverflow() {
  throw Exception(sqlstate::kNumericOutOfRange, "value overflows numeric format");
}
[[noreturn]] inline void ThrowDivisionByZeroDecimal() {
  throw Exception(sqlstate::kDivisionByZero, "division by zero");
}

}  // namespace kadedb
