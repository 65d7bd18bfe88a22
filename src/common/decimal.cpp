// Decimal text input/output and conversions (arithmetic lives in decimal_arith.cpp).
#include "common/decimal.hpp"

#include <algorithm>

#include "common/exception.hpp"

namespace kadedb {

namespace {
using u128 = unsigned __int128;

u128 Magnitude(__int128 v) {
  return v < 0 ? -static_cast<u128>(v) : static_cast<u128>(v);
}

std::string DigitsOf(u128 v) {
  if (v == 0) return "0";
  char buf[48];
  int n = 0;
  while (v != 0) {
    buf[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  }
  std::string s(static_cast<size_t>(n), '0');
  for (int i = 0; i < n; ++i) s[static_cast<size_t>(i)] = buf[n - 1 - i];
  return s;
}
}  // namespace

int DecimalDigitCount(__int128 mantissa) {
  u128 v = Magnitude(mantissa);
  int n = 0;
  while (v != 0) {
    ++n;
    v /= 10;
  }
  return n;
}

std::string DecimalToString(const Decimal& d) {
  std::string digits = DigitsOf(Magnitude(d.mantissa));
  std::string out = d.mantissa < 0 ? "-" : "";
  if (d.scale <= 0) {
    out += digits;
    if (d.mantissa != 0) out.append(static_cast<size_t>(-d.scale), '0');
    return out;
  }
  size_t scale = static_cast<size_t>(d.scale);
  if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
  out += digits.substr(0, digits.size() - scale);
  out += '.';
  out += digits.substr(digits.size() - scale);
  return out;
}

}  // namespace kadedb
