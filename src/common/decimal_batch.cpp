// Batch fast paths for decimal + - * (see decimal_batch.hpp).
//
// Why no range checks: with both mantissas within int64 and the scales at most 18 apart, an
// aligned operand is below 2^63 * 10^18 < 10^37, so a sum or difference stays below 2 * 10^37,
// and a product of two int64 mantissas below 2^126 < 10^38: every result fits the 38 digits
// DecimalAdd/Sub/Mul allow, and is exactly theirs (same value, same PostgreSQL result scale).
#include "common/decimal_batch.hpp"

#include "common/decimal.hpp"

namespace kadedb {

namespace {

inline bool FitsInt64(__int128 m) {
  return static_cast<__int128>(static_cast<int64_t>(m)) == m;
}

template <bool kSubtract>
bool AddBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
              Decimal* __restrict out) {
  uint8_t bad = 0;
  for (size_t i = 0; i < n; i++) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    // int64 scale arithmetic: NULL slots may hold any scale without overflowing anything.
    const int64_t sa = a[i].scale, sb = b[i].scale;
    const int64_t s = sa > sb ? sa : sb;
    const uint64_t da = static_cast<uint64_t>(s - sa), db = static_cast<uint64_t>(s - sb);
    const bool ok = FitsInt64(am) & FitsInt64(bm) & (da <= 18) & (db <= 18);
    const __int128 x =
        static_cast<__int128>(static_cast<int64_t>(am)) * kDecimalPow10Int64[da <= 18 ? da : 0];
    const __int128 y =
        static_cast<__int128>(static_cast<int64_t>(bm)) * kDecimalPow10Int64[db <= 18 ? db : 0];
    out[i].mantissa = kSubtract ? x - y : x + y;
    out[i].scale = static_cast<int32_t>(s);
    bad |= valid[i] & static_cast<uint8_t>(!ok);
  }
  return bad == 0;
}

}  // namespace

bool DecimalAddBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     Decimal* out) {
  return AddBatch<false>(a, b, valid, n, out);
}

bool DecimalSubBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     Decimal* out) {
  return AddBatch<true>(a, b, valid, n, out);
}

bool DecimalMulBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     Decimal* __restrict out) {
  uint8_t bad = 0;
  for (size_t i = 0; i < n; i++) {
    const __int128 am = a[i].mantissa, bm = b[i].mantissa;
    const int64_t s = static_cast<int64_t>(a[i].scale) + b[i].scale;
    const bool ok = FitsInt64(am) & FitsInt64(bm) & (s <= kDecimalMaxScale);
    out[i].mantissa = static_cast<__int128>(static_cast<int64_t>(am)) * static_cast<int64_t>(bm);
    out[i].scale = static_cast<int32_t>(s);
    bad |= valid[i] & static_cast<uint8_t>(!ok);
  }
  return bad == 0;
}

}  // namespace kadedb
