// Batch fast paths for decimal + - * (see decimal_batch.hpp).
//
// Why no range checks: with both mantissas within int64 and the scales at most 18 apart, an
// aligned operand is below 2^63 * 10^18 < 10^37, so a sum or difference stays below 2 * 10^37,
// and a product of two int64 mantissas below 2^126 < 10^38: every result fits the 38 digits
// DecimalAdd/Sub/Mul allow, and is exactly theirs (same value, same PostgreSQL result scale).
#include "common/decimal_batch.hpp"

#include <iterator>

#include "common/decimal.hpp"

namespace kadedb {

namespace {

// Non-zero when m is outside int64: its high word is not the sign extension of its low word.
inline uint64_t Int64Miss(__int128 m) {
  const int64_t lo = static_cast<int64_t>(m);
  const int64_t hi = static_cast<int64_t>(static_cast<unsigned __int128>(m) >> 64);
  return static_cast<uint64_t>(hi ^ (lo >> 63));
}

// Forward iterator whose element i is gen(i): std::vector::assign constructs each slot straight
// from it, so a fresh result vector is written once instead of zero-filled and then written.
template <class Gen>
class GenIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Decimal;
  using difference_type = std::ptrdiff_t;
  using pointer = const Decimal*;
  using reference = Decimal;

  GenIterator(const Gen* gen, size_t i) : gen_(gen), i_(i) {}
  Decimal operator*() const { return (*gen_)(i_); }
  GenIterator& operator++() {
    ++i_;
    return *this;
  }
  GenIterator operator++(int) {
    GenIterator old = *this;
    ++i_;
    return old;
  }
  bool operator==(const GenIterator& o) const { return i_ == o.i_; }
  bool operator!=(const GenIterator& o) const { return i_ != o.i_; }

 private:
  const Gen* gen_;
  size_t i_;
};

// Fills out with row(i, miss) for i < n (in place when out has n elements, else rebuilt with n);
// false when miss was non-zero on some valid row. The loop ORs every row's miss without reading
// validity (a NULL slot may hold anything); only a batch with some miss looks at which rows were
// valid, in a second pass.
template <class Row>
bool Produce(size_t n, const uint8_t* valid, std::vector<Decimal>& out, const Row& row) {
  uint64_t any_miss = 0;
  auto gen = [&](size_t i) {
    uint64_t miss;
    Decimal d = row(i, miss);
    any_miss |= miss;
    return d;
  };
  if (out.size() == n) {
    Decimal* __restrict o = out.data();
    for (size_t i = 0; i < n; i++) o[i] = gen(i);
  } else {
    out.clear();
    out.assign(GenIterator<decltype(gen)>(&gen, 0), GenIterator<decltype(gen)>(&gen, n));
  }
  if (any_miss == 0) return true;
  for (size_t i = 0; i < n; i++) {
    uint64_t miss;
    row(i, miss);
    if (valid[i] && miss != 0) return false;
  }
  return true;
}

// Every valid row of a at scale sa and of b at scale sb (columns, constants and expressions over
// them): the operand with the smaller scale is aligned by one hoisted factor (kScaleA / kScaleB),
// and the result scale is the same on every row.
template <bool kSubtract, bool kScaleA, bool kScaleB>
bool AddUniform(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n, int32_t sa,
                int32_t sb, int64_t factor, std::vector<Decimal>& out) {
  const int32_t s = sa > sb ? sa : sb;
  return Produce(n, valid, out, [=](size_t i, uint64_t& miss) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    const int64_t x = static_cast<int64_t>(am), y = static_cast<int64_t>(bm);
    miss = Int64Miss(am) | Int64Miss(bm) | static_cast<uint32_t>(a[i].scale ^ sa) |
           static_cast<uint32_t>(b[i].scale ^ sb);
    const __int128 xs = kScaleA ? static_cast<__int128>(x) * factor : static_cast<__int128>(x);
    const __int128 ys = kScaleB ? static_cast<__int128>(y) * factor : static_cast<__int128>(y);
    return Decimal{kSubtract ? xs - ys : xs + ys, s};
  });
}

// Any scales per row (unconstrained numeric): each row aligns by its own factors.
template <bool kSubtract>
bool AddMixed(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
              std::vector<Decimal>& out) {
  return Produce(n, valid, out, [=](size_t i, uint64_t& miss) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    // int64 scale arithmetic: NULL slots may hold any scale without overflowing anything.
    const int64_t sa = a[i].scale, sb = b[i].scale;
    const int64_t s = sa > sb ? sa : sb;
    const uint64_t da = static_cast<uint64_t>(s - sa), db = static_cast<uint64_t>(s - sb);
    miss = Int64Miss(am) | Int64Miss(bm) | (da > 18) | (db > 18);
    const __int128 x =
        static_cast<__int128>(static_cast<int64_t>(am)) * kDecimalPow10Int64[da <= 18 ? da : 0];
    const __int128 y =
        static_cast<__int128>(static_cast<int64_t>(bm)) * kDecimalPow10Int64[db <= 18 ? db : 0];
    return Decimal{kSubtract ? x - y : x + y, static_cast<int32_t>(s)};
  });
}

template <bool kSubtract>
bool AddBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
              std::vector<Decimal>& out) {
  size_t first = 0;
  while (first < n && !valid[first]) first++;
  if (first < n) {
    const int32_t sa = a[first].scale, sb = b[first].scale;
    if (sa >= 0 && sb >= 0 && sa - sb <= 18 && sb - sa <= 18) {
      bool done;
      if (sa == sb) {
        done = AddUniform<kSubtract, false, false>(a, b, valid, n, sa, sb, 1, out);
      } else if (sa < sb) {
        done = AddUniform<kSubtract, true, false>(a, b, valid, n, sa, sb,
                                                  kDecimalPow10Int64[sb - sa], out);
      } else {
        done = AddUniform<kSubtract, false, true>(a, b, valid, n, sa, sb,
                                                  kDecimalPow10Int64[sa - sb], out);
      }
      if (done) return true;
    }
  }
  // Mixed scales, or no valid row (out still gets its n slots).
  return AddMixed<kSubtract>(a, b, valid, n, out);
}

// c + v[i], c - v[i] or v[i] - c (kSign: +1 adds v, -1 subtracts v; kConstSign the constant's
// sign) with c already aligned to the result scale s (cm = c's mantissa * 10^(s - c's scale)) and
// v's rows at scale sv aligned by vf = 10^(s - sv): |cm|, |v * vf| < 2^63 * 10^18, so the result
// stays below 10^38 as in AddUniform.
template <int kConstSign, int kSign, bool kScaleV>
bool AddConst(__int128 cm, const Decimal* v, const uint8_t* valid, size_t n, int32_t sv, int64_t vf,
              int32_t s, std::vector<Decimal>& out) {
  return Produce(n, valid, out, [=](size_t i, uint64_t& miss) {
    const __int128 vm = v[i].mantissa;
    miss = Int64Miss(vm) | static_cast<uint32_t>(v[i].scale ^ sv);
    const int64_t x = static_cast<int64_t>(vm);
    const __int128 xs = kScaleV ? static_cast<__int128>(x) * vf : static_cast<__int128>(x);
    return Decimal{(kConstSign > 0 ? cm : -cm) + (kSign > 0 ? xs : -xs), s};
  });
}

}  // namespace

bool DecimalConstBatch(char op, const Decimal& c, bool const_left, const Decimal* v,
                       const uint8_t* valid, size_t n, std::vector<Decimal>& out) {
  size_t first = 0;
  while (first < n && !valid[first]) first++;
  if (first == n || Int64Miss(c.mantissa) != 0) return false;
  const int32_t sv = v[first].scale, sc = c.scale;
  if (op == '*') {
    const int64_t s = static_cast<int64_t>(sc) + sv;
    if (s > kDecimalMaxScale) return false;
    const int64_t cm = static_cast<int64_t>(c.mantissa);
    return Produce(n, valid, out, [=](size_t i, uint64_t& miss) {
      const __int128 vm = v[i].mantissa;
      miss = Int64Miss(vm) | static_cast<uint32_t>(v[i].scale ^ sv);
      return Decimal{static_cast<__int128>(cm) * static_cast<int64_t>(vm), static_cast<int32_t>(s)};
    });
  }
  if (sv < 0 || sc - sv > 18 || sv - sc > 18) return false;
  const int32_t s = sc > sv ? sc : sv;
  const __int128 cm = static_cast<__int128>(static_cast<int64_t>(c.mantissa)) *
                      kDecimalPow10Int64[static_cast<size_t>(s - sc)];
  const int64_t vf = kDecimalPow10Int64[static_cast<size_t>(s - sv)];
  const bool scale_v = vf != 1;
  if (op == '+') {
    return scale_v ? AddConst<1, 1, true>(cm, v, valid, n, sv, vf, s, out)
                   : AddConst<1, 1, false>(cm, v, valid, n, sv, vf, s, out);
  }
  if (const_left) {  // c - v
    return scale_v ? AddConst<1, -1, true>(cm, v, valid, n, sv, vf, s, out)
                   : AddConst<1, -1, false>(cm, v, valid, n, sv, vf, s, out);
  }
  // v - c
  return scale_v ? AddConst<-1, 1, true>(cm, v, valid, n, sv, vf, s, out)
                 : AddConst<-1, 1, false>(cm, v, valid, n, sv, vf, s, out);
}

bool DecimalAddBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     std::vector<Decimal>& out) {
  return AddBatch<false>(a, b, valid, n, out);
}

bool DecimalSubBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     std::vector<Decimal>& out) {
  return AddBatch<true>(a, b, valid, n, out);
}

bool DecimalMulBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     std::vector<Decimal>& out) {
  return Produce(n, valid, out, [=](size_t i, uint64_t& miss) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    const int64_t s = static_cast<int64_t>(a[i].scale) + b[i].scale;
    miss = Int64Miss(am) | Int64Miss(bm) | (s > kDecimalMaxScale);
    return Decimal{static_cast<__int128>(static_cast<int64_t>(am)) * static_cast<int64_t>(bm),
                   static_cast<int32_t>(s)};
  });
}

}  // namespace kadedb
