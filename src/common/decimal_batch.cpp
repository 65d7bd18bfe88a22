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

inline bool FitsInt64(__int128 m) {
  return static_cast<__int128>(static_cast<int64_t>(m)) == m;
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

// Fills out with row(i, ok) for i < n (in place when out has n elements, else rebuilt with n);
// false when ok was cleared on some valid row.
template <class Row>
bool Produce(size_t n, const uint8_t* valid, std::vector<Decimal>& out, const Row& row) {
  uint8_t bad = 0;
  auto gen = [&](size_t i) {
    bool ok;
    Decimal d = row(i, ok);
    bad |= valid[i] & static_cast<uint8_t>(!ok);
    return d;
  };
  if (out.size() == n) {
    Decimal* __restrict o = out.data();
    for (size_t i = 0; i < n; i++) o[i] = gen(i);
  } else {
    out.clear();
    out.assign(GenIterator<decltype(gen)>(&gen, 0), GenIterator<decltype(gen)>(&gen, n));
  }
  return bad == 0;
}

// Every valid row of a at scale sa and of b at scale sb (columns, constants and expressions over
// them): the operand with the smaller scale is aligned by one hoisted factor (kScaleA / kScaleB),
// and the result scale is the same on every row.
template <bool kSubtract, bool kScaleA, bool kScaleB>
bool AddUniform(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n, int32_t sa,
                int32_t sb, int64_t factor, std::vector<Decimal>& out) {
  const int32_t s = sa > sb ? sa : sb;
  return Produce(n, valid, out, [=](size_t i, bool& ok) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    const int64_t x = static_cast<int64_t>(am), y = static_cast<int64_t>(bm);
    ok = (static_cast<__int128>(x) == am) & (static_cast<__int128>(y) == bm) & (a[i].scale == sa) &
         (b[i].scale == sb);
    const __int128 xs = kScaleA ? static_cast<__int128>(x) * factor : static_cast<__int128>(x);
    const __int128 ys = kScaleB ? static_cast<__int128>(y) * factor : static_cast<__int128>(y);
    return Decimal{kSubtract ? xs - ys : xs + ys, s};
  });
}

// Any scales per row (unconstrained numeric): each row aligns by its own factors.
template <bool kSubtract>
bool AddMixed(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
              std::vector<Decimal>& out) {
  return Produce(n, valid, out, [=](size_t i, bool& ok) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    // int64 scale arithmetic: NULL slots may hold any scale without overflowing anything.
    const int64_t sa = a[i].scale, sb = b[i].scale;
    const int64_t s = sa > sb ? sa : sb;
    const uint64_t da = static_cast<uint64_t>(s - sa), db = static_cast<uint64_t>(s - sb);
    ok = FitsInt64(am) & FitsInt64(bm) & (da <= 18) & (db <= 18);
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

}  // namespace

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
  return Produce(n, valid, out, [=](size_t i, bool& ok) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    const int64_t s = static_cast<int64_t>(a[i].scale) + b[i].scale;
    ok = FitsInt64(am) & FitsInt64(bm) & (s <= kDecimalMaxScale);
    return Decimal{static_cast<__int128>(static_cast<int64_t>(am)) * static_cast<int64_t>(bm),
                   static_cast<int32_t>(s)};
  });
}

}  // namespace kadedb
