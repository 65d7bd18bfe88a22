// JoinKeyPacking (see join_key_packing.hpp).
#include "execution/join_key_packing.hpp"

namespace kadedb {

void JoinKeyPacking::Plan(const RowCollection& keys, const std::vector<bool>& check) {
  active_ = false;
  const size_t nkeys = keys.ColumnCount(), n = keys.size();
  if (nkeys < 2 || n == 0) return;
  for (size_t k = 0; k < nkeys; k++) {
    if (!check[k] || keys.column(k).physical() != PhysicalType::kInt64) return;
  }
  min_.assign(nkeys, INT64_MAX);
  max_.assign(nkeys, INT64_MIN);
  bool any = false;
  for (size_t r = 0; r < n; r++) {
    bool has_null = false;
    for (size_t k = 0; k < nkeys && !has_null; k++) has_null = keys.column(k).IsNull(r);
    if (has_null) continue;
    any = true;
    for (size_t k = 0; k < nkeys; k++) {
      const int64_t v = keys.column(k).ints()[r];
      min_[k] = std::min(min_[k], v);
      max_[k] = std::max(max_[k], v);
    }
  }
  if (!any) return;
  shift_.assign(nkeys, 0);
  unsigned bits = 0;
  for (size_t k = 0; k < nkeys; k++) {
    const uint64_t range = static_cast<uint64_t>(max_[k]) - static_cast<uint64_t>(min_[k]);
    const unsigned width = range == 0 ? 0 : 64 - __builtin_clzll(range);
    shift_[k] = bits;
    bits += width;
    if (bits > 62) return;
  }
  active_ = true;
}

void JoinKeyPacking::Pack(const std::vector<const Vector*>& keys, size_t n, Vector& out,
                          std::vector<uint8_t>& out_of_range) const {
  out = Vector(LogicalType(TypeId::kBigInt));
  out.Resize(n);
  out_of_range.assign(n, 0);
  int64_t* packed = out.ints().data();
  for (size_t i = 0; i < n; i++) packed[i] = 0;
  for (size_t k = 0; k < keys.size(); k++) {
    const int64_t* v = keys[k]->ints().data();
    const uint8_t* valid = keys[k]->validity().data();
    const int64_t lo = min_[k], hi = max_[k];
    const unsigned shift = shift_[k];
    for (size_t i = 0; i < n; i++) {
      if (!valid[i]) {
        out.SetNull(i, true);
      } else if (v[i] < lo || v[i] > hi) {
        out_of_range[i] = 1;
      } else {
        packed[i] |= static_cast<int64_t>((static_cast<uint64_t>(v[i]) - static_cast<uint64_t>(lo))
                                          << shift);
      }
    }
  }
}

}  // namespace kadedb
