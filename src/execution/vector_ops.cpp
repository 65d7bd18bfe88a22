// Typed Vector helpers: append/gather, broadcast, hashing, equality and ordering.
#include "execution/vector_ops.hpp"

#include <cmath>
#include <cstring>
#include <string_view>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "common/exception.hpp"
#include "common/hash_mix.hpp"

namespace kadedb {

namespace {

inline uint64_t Combine(uint64_t a, uint64_t b) {
  return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
}

constexpr uint64_t kNullHash = 0xbf58476d1ce4e5b9ULL;

inline Decimal NormalizeDecimal(Decimal d) {
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    d.scale--;
  }
  if (d.mantissa == 0) d.scale = 0;
  return d;
}

inline uint64_t HashDouble(double d) {
  if (std::isnan(d)) return 0x7ff8dead;
  if (d == 0) d = 0;  // -0.0 == 0.0
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof(bits));
  return MixBits(bits);
}
inline uint64_t HashDecimal(const Decimal& v) {
  Decimal d = NormalizeDecimal(v);
  auto u = static_cast<unsigned __int128>(d.mantissa);
  return Combine(MixBits(static_cast<uint64_t>(u)),
                 MixBits(static_cast<uint64_t>(u >> 64) ^ d.scale));
}
inline uint64_t HashInterval(const Interval& v) {
  auto u = static_cast<unsigned __int128>(IntervalSortKey(v));
  return Combine(MixBits(static_cast<uint64_t>(u)), MixBits(static_cast<uint64_t>(u >> 64)));
}
inline uint64_t HashString(const std::string& s) {
  return std::hash<std::string_view>()(s);
}

template <typename T, typename F>
void AppendTyped(std::vector<T>& dst, const std::vector<T>& src, size_t count, F) {
  dst.insert(dst.end(), src.begin(), src.begin() + count);
}

inline int CompareDouble(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace

void AppendVector(Vector& dst, const Vector& src, size_t count) {
  auto& dv = dst.validity();
  const auto& sv = src.validity();
  dv.insert(dv.end(), sv.begin(), sv.begin() + count);
  switch (dst.physical()) {
    case PhysicalType::kInt64:
      dst.ints().insert(dst.ints().end(), src.ints().begin(), src.ints().begin() + count);
      break;
    case PhysicalType::kDouble:
      dst.doubles().insert(dst.doubles().end(), src.doubles().begin(),
                           src.doubles().begin() + count);
      break;
    case PhysicalType::kDecimal:
      dst.decimals().insert(dst.decimals().end(), src.decimals().begin(),
                            src.decimals().begin() + count);
      break;
    case PhysicalType::kString:
      dst.strings().insert(dst.strings().end(), src.strings().begin(),
                           src.strings().begin() + count);
      break;
    case PhysicalType::kInterval:
      dst.intervals().insert(dst.intervals().end(), src.intervals().begin(),
                             src.intervals().begin() + count);
      break;
  }
}

template <typename I>
static void AppendIndexed(Vector& dst, const Vector& src, const I* sel, size_t n) {
  auto& dv = dst.validity();
  const auto& sv = src.validity();
  size_t base = dv.size();
  dv.resize(base + n);
  for (size_t k = 0; k < n; k++) dv[base + k] = sv[sel[k]];
  switch (dst.physical()) {
    case PhysicalType::kInt64: {
      auto& d = dst.ints();
      const auto& s = src.ints();
      d.resize(base + n);
      for (size_t k = 0; k < n; k++) d[base + k] = s[sel[k]];
      break;
    }
    case PhysicalType::kDouble: {
      auto& d = dst.doubles();
      const auto& s = src.doubles();
      d.resize(base + n);
      for (size_t k = 0; k < n; k++) d[base + k] = s[sel[k]];
      break;
    }
    case PhysicalType::kDecimal: {
      auto& d = dst.decimals();
      const auto& s = src.decimals();
      d.resize(base + n);
      for (size_t k = 0; k < n; k++) d[base + k] = s[sel[k]];
      break;
    }
    case PhysicalType::kString: {
      auto& d = dst.strings();
      const auto& s = src.strings();
      if (d.capacity() < base + n) d.reserve(std::max(base + n, d.capacity() * 2));
      for (size_t k = 0; k < n; k++) d.push_back(s[sel[k]]);
      break;
    }
    case PhysicalType::kInterval: {
      auto& d = dst.intervals();
      const auto& s = src.intervals();
      d.resize(base + n);
      for (size_t k = 0; k < n; k++) d[base + k] = s[sel[k]];
      break;
    }
  }
}

void AppendVectorSel(Vector& dst, const Vector& src, const uint32_t* sel, size_t n) {
  AppendIndexed(dst, src, sel, n);
}
void AppendVectorIdx(Vector& dst, const Vector& src, const uint64_t* idx, size_t n) {
  AppendIndexed(dst, src, idx, n);
}

void AppendNulls(Vector& dst, size_t count) {
  size_t base = dst.size();
  dst.Resize(base + count);
  auto& v = dst.validity();
  for (size_t i = base; i < base + count; i++) v[i] = 0;
}

void BroadcastValue(const Value& value, size_t count, Vector& dst) {
  dst.Resize(0);
  if (!value.IsNull() && dst.physical() == PhysicalType::kDecimal) {
    // One pass (a numeric constant such as q1's 1 in 1 - l_discount): Resize would first
    // zero-fill the 32-byte slots that the fill then overwrites.
    dst.validity().assign(count, 1);
    dst.decimals().assign(count, value.GetDecimal());
    return;
  }
  dst.Resize(count);
  if (value.IsNull()) {
    std::fill(dst.validity().begin(), dst.validity().end(), 0);
    return;
  }
  switch (dst.physical()) {
    case PhysicalType::kInt64:
      std::fill(dst.ints().begin(), dst.ints().end(), value.GetInt());
      break;
    case PhysicalType::kDouble:
      std::fill(dst.doubles().begin(), dst.doubles().end(), value.GetDouble());
      break;
    case PhysicalType::kDecimal:
      std::fill(dst.decimals().begin(), dst.decimals().end(), value.GetDecimal());
      break;
    case PhysicalType::kString:
      std::fill(dst.strings().begin(), dst.strings().end(), value.GetString());
      break;
    case PhysicalType::kInterval:
      std::fill(dst.intervals().begin(), dst.intervals().end(), value.GetInterval());
      break;
  }
}

void HashVector(const Vector& v, size_t count, uint64_t* hashes, bool combine) {
  const auto& valid = v.validity();
  auto put = [&](size_t i, uint64_t h) {
    if (!valid[i]) h = kNullHash;
    hashes[i] = combine ? Combine(hashes[i], h) : h;
  };
  switch (v.physical()) {
    case PhysicalType::kInt64: {
      // The hot case (integer keys): branch-free loops over raw arrays.
      const int64_t* d = v.ints().data();
      const uint8_t* vd = valid.data();
      if (combine) {
        for (size_t i = 0; i < count; i++) {
          uint64_t h = vd[i] ? MixBits(static_cast<uint64_t>(d[i])) : kNullHash;
          hashes[i] = Combine(hashes[i], h);
        }
      } else {
        for (size_t i = 0; i < count; i++) {
          hashes[i] = vd[i] ? MixBits(static_cast<uint64_t>(d[i])) : kNullHash;
        }
      }
      break;
    }
    case PhysicalType::kDouble: {
      const auto& d = v.doubles();
      for (size_t i = 0; i < count; i++) put(i, HashDouble(d[i]));
      break;
    }
    case PhysicalType::kDecimal: {
      const auto& d = v.decimals();
      for (size_t i = 0; i < count; i++) put(i, valid[i] ? HashDecimal(d[i]) : 0);
      break;
    }
    case PhysicalType::kString: {
      const auto& d = v.strings();
      for (size_t i = 0; i < count; i++) put(i, valid[i] ? HashString(d[i]) : 0);
      break;
    }
    case PhysicalType::kInterval: {
      const auto& d = v.intervals();
      for (size_t i = 0; i < count; i++) put(i, HashInterval(d[i]));
      break;
    }
  }
}

uint64_t HashRow(const Vector& v, size_t i) {
  if (v.IsNull(i)) return kNullHash;
  switch (v.physical()) {
    case PhysicalType::kInt64:
      return MixBits(static_cast<uint64_t>(v.ints()[i]));
    case PhysicalType::kDouble:
      return HashDouble(v.doubles()[i]);
    case PhysicalType::kDecimal:
      return HashDecimal(v.decimals()[i]);
    case PhysicalType::kString:
      return HashString(v.strings()[i]);
    case PhysicalType::kInterval:
      return HashInterval(v.intervals()[i]);
  }
  return 0;
}

int CompareValues(const Vector& a, size_t i, const Vector& b, size_t j) {
  switch (a.physical()) {
    case PhysicalType::kInt64: {
      int64_t x = a.ints()[i], y = b.ints()[j];
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case PhysicalType::kDouble:
      return CompareDouble(a.doubles()[i], b.doubles()[j]);
    case PhysicalType::kDecimal:
      return DecimalCompare(a.decimals()[i], b.decimals()[j]);
    case PhysicalType::kString: {
      const std::string& x = a.strings()[i];
      const std::string& y = b.strings()[j];
      int c = x.compare(y);  // bytewise (char_traits<char>::compare is memcmp)
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case PhysicalType::kInterval:
      return IntervalCompare(a.intervals()[i], b.intervals()[j]);
  }
  return 0;
}

bool ValuesEqual(const Vector& a, size_t i, const Vector& b, size_t j) {
  bool an = a.IsNull(i), bn = b.IsNull(j);
  if (an || bn) return an == bn;
  switch (a.physical()) {
    case PhysicalType::kInt64:
      return a.ints()[i] == b.ints()[j];
    case PhysicalType::kString:
      return a.strings()[i] == b.strings()[j];
    default:
      return CompareValues(a, i, b, j) == 0;
  }
}

static void AppendRaw(std::string& key, const void* p, size_t n) {
  key.append(static_cast<const char*>(p), n);
}

void AppendKeyBytes(const Vector& v, size_t i, std::string& key) {
  if (v.IsNull(i)) {
    key.push_back('\0');
    return;
  }
  key.push_back('\1');
  switch (v.physical()) {
    case PhysicalType::kInt64:
      AppendRaw(key, &v.ints()[i], 8);
      break;
    case PhysicalType::kDouble: {
      double d = v.doubles()[i];
      if (std::isnan(d)) d = NAN;
      if (d == 0) d = 0;
      AppendRaw(key, &d, 8);
      break;
    }
    case PhysicalType::kDecimal: {
      Decimal d = NormalizeDecimal(v.decimals()[i]);
      AppendRaw(key, &d.mantissa, 16);
      AppendRaw(key, &d.scale, 4);
      break;
    }
    case PhysicalType::kString: {
      uint64_t n = v.strings()[i].size();
      AppendRaw(key, &n, 8);
      key += v.strings()[i];
      break;
    }
    case PhysicalType::kInterval: {
      __int128 k = IntervalSortKey(v.intervals()[i]);
      AppendRaw(key, &k, 16);
      break;
    }
  }
}

void AppendKeyBytes(const Value& value, std::string& key) {
  Vector v(value.type());
  v.Append(value);
  AppendKeyBytes(v, 0, key);
}

uint64_t VectorBytes(const Vector& v, size_t count) {
  switch (v.physical()) {
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return count * 9;
    case PhysicalType::kDecimal:
      return count * 33;
    case PhysicalType::kInterval:
      return count * 17;
    case PhysicalType::kString: {
      uint64_t total = count * (sizeof(std::string) + 1);
      const auto& s = v.strings();
      for (size_t i = 0; i < count && i < s.size(); i++) {
        if (s[i].size() > 15) total += s[i].size();
      }
      return total;
    }
  }
  return 0;
}

void RowCollection::Initialize(const std::vector<LogicalType>& types) {
  types_ = types;
  columns_.clear();
  for (const auto& t : types) columns_.emplace_back(t);
  count_ = 0;
}

uint64_t RowCollection::Append(const DataChunk& chunk) {
  uint64_t bytes = 0;
  size_t n = chunk.size();
  for (size_t c = 0; c < columns_.size(); c++) {
    AppendVector(columns_[c], chunk.column(c), n);
    bytes += VectorBytes(chunk.column(c), n);
  }
  count_ += n;
  return bytes;
}

uint64_t RowCollection::AppendSel(const DataChunk& chunk, const uint32_t* sel, size_t n) {
  uint64_t bytes = 0;
  for (size_t c = 0; c < columns_.size(); c++) {
    AppendVectorSel(columns_[c], chunk.column(c), sel, n);
    bytes += VectorBytes(chunk.column(c), n);
  }
  count_ += n;
  return bytes;
}

void RowCollection::Scan(size_t offset, DataChunk& out) const {
  out.Initialize(types_, 0);
  size_t n = std::min(kStandardVectorSize, count_ > offset ? count_ - offset : 0);
  std::vector<uint64_t> idx(n);
  for (size_t i = 0; i < n; i++) idx[i] = offset + i;
  for (size_t c = 0; c < columns_.size(); c++)
    AppendVectorIdx(out.column(c), columns_[c], idx.data(), n);
  out.SetSize(n);
}

void RowCollection::Gather(const uint64_t* idx, size_t n, DataChunk& out) const {
  out.Initialize(types_, 0);
  for (size_t c = 0; c < columns_.size(); c++) AppendVectorIdx(out.column(c), columns_[c], idx, n);
  out.SetSize(n);
}

void RowCollection::Clear() {
  Initialize(types_);
}

}  // namespace kadedb
