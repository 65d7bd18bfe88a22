// WideUint: a 256-bit unsigned integer for the slow paths of decimal arithmetic (products and
// scaled dividends of two 38-digit mantissas need up to 76 digits). Little-endian 64-bit limbs.
// Only what decimal_arith.cpp needs; division is bitwise long division (slow path only).
#pragma once

#include <cstdint>

namespace kadedb {

struct WideUint {
  using u128 = unsigned __int128;
  uint64_t limb[4] = {0, 0, 0, 0};

  static WideUint From(u128 v) {
    WideUint w;
    w.limb[0] = static_cast<uint64_t>(v);
    w.limb[1] = static_cast<uint64_t>(v >> 64);
    return w;
  }
  bool FitsU128() const { return limb[2] == 0 && limb[3] == 0; }
  u128 ToU128() const { return (static_cast<u128>(limb[1]) << 64) | limb[0]; }
  bool IsZero() const { return (limb[0] | limb[1] | limb[2] | limb[3]) == 0; }

  // Returns false on overflow.
  bool MulSmall(uint64_t m) {
    u128 carry = 0;
    for (auto& l : limb) {
      u128 p = static_cast<u128>(l) * m + carry;
      l = static_cast<uint64_t>(p);
      carry = p >> 64;
    }
    return carry == 0;
  }
  bool MulPow10(int k) {
    while (k > 0) {
      int step = k > 19 ? 19 : k;
      uint64_t m = 1;
      for (int i = 0; i < step; ++i) m *= 10;
      if (!MulSmall(m)) return false;
      k -= step;
    }
    return true;
  }
  static WideUint Mul(u128 a, u128 b) {
    uint64_t x[2] = {static_cast<uint64_t>(a), static_cast<uint64_t>(a >> 64)};
    uint64_t y[2] = {static_cast<uint64_t>(b), static_cast<uint64_t>(b >> 64)};
    WideUint r;
    for (int i = 0; i < 2; ++i) {
      u128 carry = 0;
      for (int j = 0; j < 2; ++j) {
        u128 p = static_cast<u128>(x[i]) * y[j] + r.limb[i + j] + carry;
        r.limb[i + j] = static_cast<uint64_t>(p);
        carry = p >> 64;
      }
      for (int k = i + 2; carry != 0 && k < 4; ++k) {
        u128 s = static_cast<u128>(r.limb[k]) + carry;
        r.limb[k] = static_cast<uint64_t>(s);
        carry = s >> 64;
      }
    }
    return r;
  }
  // Returns false on overflow.
  bool Add(const WideUint& o) {
    u128 carry = 0;
    for (int i = 0; i < 4; ++i) {
      u128 s = static_cast<u128>(limb[i]) + o.limb[i] + carry;
      limb[i] = static_cast<uint64_t>(s);
      carry = s >> 64;
    }
    return carry == 0;
  }
  // REQUIRES: *this >= o.
  void Sub(const WideUint& o) {
    uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) {
      uint64_t a = limb[i], b = o.limb[i];
      uint64_t d = a - b - borrow;
      borrow = (a < b || (a == b && borrow)) ? 1 : 0;
      limb[i] = d;
    }
  }
  static int Compare(const WideUint& a, const WideUint& b) {
    for (int i = 3; i >= 0; --i) {
      if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i] ? -1 : 1;
    }
    return 0;
  }
  int Bit(int i) const { return static_cast<int>((limb[i / 64] >> (i % 64)) & 1); }
  void ShiftLeft1(int in_bit) {
    for (int i = 3; i > 0; --i) limb[i] = (limb[i] << 1) | (limb[i - 1] >> 63);
    limb[0] = (limb[0] << 1) | static_cast<uint64_t>(in_bit);
  }
  // Quotient and remainder. REQUIRES: !d.IsZero() and d < 2^255.
  static void DivMod(const WideUint& n, const WideUint& d, WideUint* q, WideUint* r) {
    WideUint quo, rem;
    for (int i = 255; i >= 0; --i) {
      rem.ShiftLeft1(n.Bit(i));
      quo.ShiftLeft1(0);
      if (Compare(rem, d) >= 0) {
        rem.Sub(d);
        quo.limb[0] |= 1;
      }
    }
    *q = quo;
    *r = rem;
  }
};

}  // namespace kadedb
