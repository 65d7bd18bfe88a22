// Decimal text input/output and conversions (arithmetic lives in decimal_arith.cpp).
#include "common/decimal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/decimal_internal.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

int DecimalDigitCount(__int128 mantissa) {
  unsigned __int128 v = DecimalMagnitude(mantissa);
  int n = 0;
  while (v != 0) {
    ++n;
    v /= 10;
  }
  return n;
}

std::string DecimalToString(const Decimal& d) {
  std::string digits = MagnitudeDigits(d.mantissa);
  std::string out = d.mantissa < 0 ? "-" : "";
  if (d.scale <= 0) {
    out += digits;
    if (d.mantissa != 0) out.append(static_cast<size_t>(-d.scale), '0');
    return out;
  }
  size_t scale = static_cast<size_t>(d.scale);
  if (digits.size() <= scale) digits = std::string(scale - digits.size() + 1, '0') + digits;
  out += digits.substr(0, digits.size() - scale);
  out += '.';
  out += digits.substr(digits.size() - scale);
  return out;
}

bool DecimalTryParse(std::string_view text, Decimal* out) {
  size_t i = 0, n = text.size();
  while (i < n && IsSpace(text[i])) ++i;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;  // significant digits, leading zeros dropped
  int64_t frac_digits = 0;
  bool any_digit = false, seen_point = false;
  for (; i < n; ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (seen_point) ++frac_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return false;
  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_neg = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exp_neg = text[i++] == '-';
    if (i >= n || text[i] < '0' || text[i] > '9') return false;
    for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 100000) ThrowNumericOverflow();
    }
    if (exp_neg) exponent = -exponent;
  }
  while (i < n && IsSpace(text[i])) ++i;
  if (i != n) return false;

  int64_t scale = frac_digits - exponent;
  if (digits.empty()) {  // zero keeps its written scale (0.00)
    *out = Decimal{0, static_cast<int32_t>(std::clamp<int64_t>(scale, 0, kDecimalMaxScale))};
    return true;
  }
  if (scale < 0) {
    digits.append(static_cast<size_t>(-scale), '0');
    scale = 0;
  }
  int64_t drop = std::max<int64_t>(
      {static_cast<int64_t>(digits.size()) - kDecimalMaxDigits, scale - kDecimalMaxScale, 0});
  if (drop > scale) ThrowNumericOverflow();
  size_t keep = digits.size();
  bool round_up = false;
  if (drop > 0) {
    keep = digits.size() > static_cast<size_t>(drop) ? digits.size() - drop : 0;
    round_up = keep < digits.size() && digits[keep] >= '5';
    scale -= drop;
  }
  __int128 m = 0;
  for (size_t k = 0; k < keep; ++k) m = m * 10 + (digits[k] - '0');
  if (round_up) ++m;
  if (m >= Pow10I128(kDecimalMaxDigits)) {
    if (scale == 0) ThrowNumericOverflow();
    m /= 10;  // 10^38 after rounding: exact
    --scale;
  }
  *out = Decimal{negative ? -m : m, static_cast<int32_t>(scale)};
  return true;
}

Decimal DecimalParse(std::string_view text) {
  Decimal d;
  if (!DecimalTryParse(text, &d)) {
    throw Exception(sqlstate::kInvalidTextRepresentation,
                    "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
  }
  return d;
}

Decimal DecimalFromInt(int64_t v) {
  return Decimal{v, 0};
}

Decimal DecimalFromDouble(double v, int significant_digits) {
  if (std::isnan(v)) {
    throw Exception(sqlstate::kFeatureNotSupported, "cannot convert NaN to numeric");
  }
  if (std::isinf(v)) {
    throw Exception(sqlstate::kFeatureNotSupported, "cannot convert infinity to numeric");
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*g", significant_digits, v);
  return DecimalParse(buf);
}

double DecimalToDouble(const Decimal& d) {
  // Exact operands give a correctly rounded quotient.
  if (d.scale >= 0 && d.scale <= 22 && DecimalMagnitude(d.mantissa) <= (1ULL << 53)) {
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    return static_cast<double>(d.mantissa) / kPow10[d.scale];
  }
  return std::strtod(DecimalToString(d).c_str(), nullptr);
}

bool DecimalToInt64(const Decimal& d, int64_t* out) {
  __int128 m = d.scale > 0 ? RoundDivPow10(d.mantissa, d.scale) : d.mantissa;
  if (d.scale < 0) {
    for (int i = 0; i < -d.scale; ++i) {
      m *= 10;
      if (m > INT64_MAX || m < INT64_MIN) return false;
    }
  }
  if (m > INT64_MAX || m < INT64_MIN) return false;
  *out = static_cast<int64_t>(m);
  return true;
}

void DecimalEncodeOrdered(std::string* out, const Decimal& d) {
  __int128 m = d.mantissa;
  if (m == 0) {
    out->push_back(0x02);
    return;
  }
  bool negative = m < 0;
  unsigned __int128 mag = negative ? -static_cast<unsigned __int128>(m) : m;
  int32_t scale = d.scale;
  while (mag % 10 == 0) {  // 1.50 and 1.5 must encode alike
    mag /= 10;
    scale--;
  }
  char digits[48];
  int n = 0;
  while (mag != 0) {
    digits[n++] = static_cast<char>(mag % 10);
    mag /= 10;
  }
  // digits[n-1] is the most significant. value = 0.D1D2..Dn * 10^exponent.
  int32_t exponent = n - scale;
  uint8_t flip = negative ? 0xff : 0x00;
  out->push_back(negative ? 0x01 : 0x03);
  out->push_back(static_cast<char>(static_cast<uint8_t>(exponent + 128) ^ flip));
  for (int i = n - 1; i >= 0; i -= 2) {
    int hi = digits[i];
    int lo = i >= 1 ? digits[i - 1] : 0;
    out->push_back(static_cast<char>(static_cast<uint8_t>(hi * 10 + lo + 1) ^ flip));
  }
  out->push_back(static_cast<char>(flip));  // terminator: below (above, negated) every pair
}

}  // namespace kadedb
