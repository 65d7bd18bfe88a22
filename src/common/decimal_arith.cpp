// Decimal arithmetic (see decimal.hpp): an int128 fast path for every operation and a 256-bit
// slow path (WideUint) whose result is rounded back into 38 digits by FitWide.
#include <algorithm>
#include <array>

#include "common/decimal.hpp"
#include "common/decimal_internal.hpp"
#include "common/exception.hpp"
#include "common/wide_uint.hpp"

namespace kadedb {

namespace {

using u128 = unsigned __int128;
using i128 = __int128;

const WideUint& WidePow10(int k) {
  static const auto table = [] {
    std::array<WideUint, 78> t;
    t[0] = WideUint::From(1);
    for (int i = 1; i < 78; ++i) {
      t[i] = t[i - 1];
      t[i].MulSmall(10);
    }
    return t;
  }();
  return table[k];
}

int WideDigitCount(const WideUint& w) {
  int n = 0;
  while (n < 78 && WideUint::Compare(w, WidePow10(n)) >= 0) ++n;
  return n;
}

// Divides by 10^k rounding half away from zero (magnitudes).
WideUint WideRoundDivPow10(const WideUint& mag, int k) {
  if (k == 0) return mag;
  if (k > 77) return WideUint{};
  WideUint q, r;
  WideUint::DivMod(mag, WidePow10(k), &q, &r);
  WideUint twice = r;
  twice.Add(r);
  if (WideUint::Compare(twice, WidePow10(k)) >= 0) q.Add(WideUint::From(1));
  return q;
}

// Rounds a wide signed value into a Decimal of at most 38 digits and scale <= kDecimalMaxScale.
Decimal FitWide(WideUint mag, bool negative, int32_t scale) {
  int digits = WideDigitCount(mag);
  int drop = std::max({digits - kDecimalMaxDigits, scale - kDecimalMaxScale, 0});
  if (drop > scale) ThrowNumericOverflow();
  mag = WideRoundDivPow10(mag, drop);
  scale -= drop;
  if (WideUint::Compare(mag, WidePow10(kDecimalMaxDigits)) >= 0) {
    if (scale == 0) ThrowNumericOverflow();
    mag = WideRoundDivPow10(mag, 1);
    scale -= 1;
  }
  i128 m = static_cast<i128>(mag.ToU128());
  return Decimal{negative ? -m : m, scale};
}

WideUint WideMag(const Decimal& d) {
  return WideUint::From(DecimalMagnitude(d.mantissa));
}

// Scales a mantissa by 10^k in int128; false on overflow or more than 38 digits.
bool ScaleUp(i128 m, int k, i128* out) {
  if (k == 0) {
    *out = m;
    return true;
  }
  if (k >= 0 && k <= 18 && m == static_cast<int64_t>(m)) {
    // |m| < 2^63 and 10^k < 2^60: the product fits in int128 (the caller checks 38 digits).
    *out = static_cast<i128>(static_cast<int64_t>(m)) * kDecimalPow10Int64[k];
    return true;
  }
  if (k > kDecimalMaxDigits) return m == 0 ? (*out = 0, true) : false;
  i128 r;
  if (__builtin_mul_overflow(m, Pow10I128(k), &r)) return false;
  *out = r;
  return true;
}

bool InRange(i128 m) {
  constexpr i128 kLimit = Pow10I128(kDecimalMaxDigits);
  return m < kLimit && m > -kLimit;
}

// Signed add of two wide magnitudes.
Decimal WideSignedAdd(WideUint a, bool an, WideUint b, bool bn, int32_t scale) {
  if (an == bn) {
    if (!a.Add(b)) ThrowNumericOverflow();
    return FitWide(a, an, scale);
  }
  if (WideUint::Compare(a, b) >= 0) {
    a.Sub(b);
    return FitWide(a, an, scale);
  }
  b.Sub(a);
  return FitWide(b, bn, scale);
}

Decimal AddImpl(const Decimal& a, const Decimal& b, bool subtract) {
  int32_t s = std::max(a.scale, b.scale);
  i128 bm = subtract ? -b.mantissa : b.mantissa;
  i128 x, y, r;
  // Equal scales (a column against itself or a sum of one column): no rescaling.
  if (a.scale == b.scale && !__builtin_add_overflow(a.mantissa, bm, &r) && InRange(r)) {
    return Decimal{r, s};
  }
  if (ScaleUp(a.mantissa, s - a.scale, &x) && ScaleUp(bm, s - b.scale, &y) &&
      !__builtin_add_overflow(x, y, &r) && InRange(r)) {
    return Decimal{r, s};
  }
  WideUint wa = WideMag(a), wb = WideMag(b);
  wa.MulPow10(s - a.scale);
  wb.MulPow10(s - b.scale);
  return WideSignedAdd(wa, a.mantissa < 0, wb, subtract ? b.mantissa > 0 : b.mantissa < 0, s);
}

// Leading base-10000 digit and its weight, as PostgreSQL's numeric stores values.
void NbaseLead(const Decimal& d, int* weight, int* first) {
  *weight = 0;
  *first = 0;
  if (d.mantissa == 0) return;
  std::string digits = MagnitudeDigits(d.mantissa);
  int p = static_cast<int>(digits.size()) - 1 - d.scale;  // power of ten of the leading digit
  int w = p >= 0 ? p / 4 : -((-p + 3) / 4);
  int count = p - 4 * w + 1;
  int v = 0;
  for (int i = 0; i < count; ++i) {
    v = v * 10 + (i < static_cast<int>(digits.size()) ? digits[i] - '0' : 0);
  }
  *weight = w;
  *first = v;
}

// Integer digits of |d| (may be <= 0 for values below 1).
int IntegerDigits(const Decimal& d) {
  return DecimalDigitCount(d.mantissa) - d.scale;
}

}  // namespace

Decimal DecimalAdd(const Decimal& a, const Decimal& b) {
  return AddImpl(a, b, false);
}
Decimal DecimalSub(const Decimal& a, const Decimal& b) {
  return AddImpl(a, b, true);
}

Decimal DecimalMul(const Decimal& a, const Decimal& b) {
  int32_t s = a.scale + b.scale;
  i128 r;
  // Both mantissas within int64 (prices, quantities): the 128-bit product cannot overflow.
  if (a.mantissa == static_cast<int64_t>(a.mantissa) &&
      b.mantissa == static_cast<int64_t>(b.mantissa) && s <= kDecimalMaxScale) {
    r = static_cast<i128>(static_cast<int64_t>(a.mantissa)) * static_cast<int64_t>(b.mantissa);
    if (InRange(r)) return Decimal{r, s};
  }
  if (!__builtin_mul_overflow(a.mantissa, b.mantissa, &r) && InRange(r) && s <= kDecimalMaxScale) {
    return Decimal{r, s};
  }
  WideUint w = WideUint::Mul(DecimalMagnitude(a.mantissa), DecimalMagnitude(b.mantissa));
  return FitWide(w, (a.mantissa < 0) != (b.mantissa < 0), s);
}

Decimal DecimalDiv(const Decimal& a, const Decimal& b) {
  if (b.mantissa == 0) ThrowDivisionByZeroDecimal();
  // PostgreSQL's select_div_scale: at least 16 significant digits, never less than either
  // input's scale.
  int w1, f1, w2, f2;
  NbaseLead(a, &w1, &f1);
  NbaseLead(b, &w2, &f2);
  int qweight = w1 - w2;
  if (f1 <= f2) --qweight;
  int rscale = 16 - qweight * 4;
  rscale = std::max({rscale, a.scale, b.scale, 0});
  // Keep the quotient within 38 digits.
  if (a.mantissa != 0) rscale = std::min(rscale, 37 - (IntegerDigits(a) - IntegerDigits(b)));
  rscale = std::clamp(rscale, 0, kDecimalMaxScale);
  if (a.mantissa == 0) return Decimal{0, rscale};
  bool negative = (a.mantissa < 0) != (b.mantissa < 0);
  int e = rscale + b.scale - a.scale;
  u128 am = DecimalMagnitude(a.mantissa), bm = DecimalMagnitude(b.mantissa);
  i128 num;
  if (e >= 0 && ScaleUp(static_cast<i128>(am), e, &num)) {
    u128 q = static_cast<u128>(num) / bm, r = static_cast<u128>(num) % bm;
    if (r >= bm - r) ++q;
    i128 m = static_cast<i128>(q);
    if (InRange(m)) return Decimal{negative ? -m : m, rscale};
  }
  WideUint wn = WideUint::From(am), wd = WideUint::From(bm);
  if (e >= 0) {
    wn.MulPow10(e);
  } else {
    wd.MulPow10(-e);
  }
  WideUint q, r;
  WideUint::DivMod(wn, wd, &q, &r);
  WideUint twice = r;
  twice.Add(r);
  if (WideUint::Compare(twice, wd) >= 0) q.Add(WideUint::From(1));
  return FitWide(q, negative, rscale);
}

Decimal DecimalMod(const Decimal& a, const Decimal& b) {
  if (b.mantissa == 0) ThrowDivisionByZeroDecimal();
  int32_t s = std::max(a.scale, b.scale);
  i128 x, y;
  if (ScaleUp(a.mantissa, s - a.scale, &x) && ScaleUp(b.mantissa, s - b.scale, &y)) {
    return Decimal{x % y, s};
  }
  WideUint wa = WideMag(a), wb = WideMag(b);
  wa.MulPow10(s - a.scale);
  wb.MulPow10(s - b.scale);
  WideUint q, r;
  WideUint::DivMod(wa, wb, &q, &r);
  return FitWide(r, a.mantissa < 0, s);
}

Decimal DecimalNegate(const Decimal& a) {
  return Decimal{-a.mantissa, a.scale};
}
Decimal DecimalAbs(const Decimal& a) {
  return Decimal{a.mantissa < 0 ? -a.mantissa : a.mantissa, a.scale};
}

int DecimalCompare(const Decimal& a, const Decimal& b) {
  int32_t s = std::max(a.scale, b.scale);
  i128 x, y;
  if (ScaleUp(a.mantissa, s - a.scale, &x) && ScaleUp(b.mantissa, s - b.scale, &y)) {
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  int sa = DecimalSign(a), sb = DecimalSign(b);
  if (sa != sb) return sa < sb ? -1 : 1;
  WideUint wa = WideMag(a), wb = WideMag(b);
  wa.MulPow10(s - a.scale);
  wb.MulPow10(s - b.scale);
  int c = WideUint::Compare(wa, wb);
  return sa < 0 ? -c : c;
}

Decimal DecimalRescale(const Decimal& d, int32_t scale) {
  if (scale == d.scale) return d;
  if (scale > d.scale) {
    i128 r;
    if (!ScaleUp(d.mantissa, scale - d.scale, &r) || !InRange(r)) ThrowNumericOverflow();
    return Decimal{r, scale};
  }
  return Decimal{RoundDivPow10(d.mantissa, d.scale - scale), scale};
}

Decimal DecimalRound(const Decimal& d, int32_t digits) {
  if (digits >= 0) return DecimalRescale(d, std::min(digits, kDecimalMaxScale));
  i128 q = RoundDivPow10(d.mantissa, d.scale - digits);
  i128 r;
  if (!ScaleUp(q, -digits, &r) || !InRange(r)) ThrowNumericOverflow();
  return Decimal{r, 0};
}

Decimal DecimalTrunc(const Decimal& d, int32_t digits) {
  if (digits >= d.scale) return DecimalRescale(d, std::min(digits, kDecimalMaxScale));
  int k = d.scale - digits;
  i128 q = k > kDecimalMaxDigits ? 0 : d.mantissa / Pow10I128(k);
  if (digits >= 0) return Decimal{q, digits};
  i128 r;
  if (!ScaleUp(q, -digits, &r) || !InRange(r)) ThrowNumericOverflow();
  return Decimal{r, 0};
}

Decimal DecimalFloor(const Decimal& d) {
  Decimal t = DecimalTrunc(d, 0);
  if (d.mantissa < 0 && DecimalCompare(t, d) != 0) t.mantissa -= 1;
  return t;
}

Decimal DecimalCeil(const Decimal& d) {
  Decimal t = DecimalTrunc(d, 0);
  if (d.mantissa > 0 && DecimalCompare(t, d) != 0) t.mantissa += 1;
  return t;
}

Decimal DecimalApplyTypmod(const Decimal& d, int precision, int scale) {
  Decimal r;
  bool overflow = false;
  if (scale > d.scale && DecimalDigitCount(d.mantissa) + scale - d.scale > kDecimalMaxDigits) {
    overflow = true;  // cannot even be represented at this scale
  } else {
    r = DecimalRescale(d, scale);
    overflow = precision > 0 && DecimalDigitCount(r.mantissa) > precision;
  }
  if (overflow) {
    int maxdigits = precision - scale;
    std::string detail = "A field with precision " + std::to_string(precision) + ", scale " +
                         std::to_string(scale) + " must round to an absolute value less than " +
                         (maxdigits > 0 ? "10^" + std::to_string(maxdigits) : "1") + ".";
    throw Exception(sqlstate::kNumericOutOfRange, "numeric field overflow", 0, detail);
  }
  return r;
}

}  // namespace kadedb
