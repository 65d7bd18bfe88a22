// Column segment encode/decode (docs/formats/row_groups.md). Integers go through one chooser
// (EncodeInts) that is reused for decimal mantissas, string lengths and dictionary codes.
#include "storage/column_segment.hpp"

#include <cmath>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "common/exception.hpp"
#include "storage/bit_packing.hpp"
#include "storage/column_segment_format.hpp"

namespace kadedb {

namespace {

using segment_format::kHasNulls;
using segment_format::kSegmentVersion;
using segment_format::Malformed;

template <typename T>
void PutRaw(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

// Bounds-checked cursor over segment bytes.
struct Cursor {
  const uint8_t* p;
  const uint8_t* end;
  template <typename T>
  T Get() {
    return segment_format::Get<T>(&p, end);
  }
  const uint8_t* Take(size_t n) { return segment_format::Take(&p, end, n); }
};

// --- integers ---

void EncodeInts(const int64_t* v, size_t n, std::string* out);

void EncodeBitPacked(const int64_t* v, size_t n, int64_t min, uint8_t w, std::string* out) {
  out->push_back(static_cast<char>(SegmentEncoding::kBitPacked));
  PutRaw<int64_t>(out, min);
  out->push_back(static_cast<char>(w));
  std::vector<uint64_t> tmp(n);
  for (size_t i = 0; i < n; i++) tmp[i] = static_cast<uint64_t>(v[i]) - static_cast<uint64_t>(min);
  PackBits(tmp.data(), n, w, out);
}

void EncodeInts(const int64_t* v, size_t n, std::string* out) {
  if (n == 0) {
    out->push_back(static_cast<char>(SegmentEncoding::kConstant));
    PutRaw<int64_t>(out, 0);
    return;
  }
  int64_t min = v[0], max = v[0];
  size_t runs = 1;
  for (size_t i = 1; i < n; i++) {
    min = std::min(min, v[i]);
    max = std::max(max, v[i]);
    runs += v[i] != v[i - 1];
  }
  if (min == max) {
    out->push_back(static_cast<char>(SegmentEncoding::kConstant));
    PutRaw<int64_t>(out, min);
    return;
  }
  uint8_t for_width = BitWidth(static_cast<uint64_t>(max) - static_cast<uint64_t>(min));
  // Deltas wrap modulo 2^64 (decoding adds them back the same way).
  int64_t sdmin = INT64_MAX, sdmax = INT64_MIN;
  for (size_t i = 1; i < n; i++) {
    int64_t d = static_cast<int64_t>(static_cast<uint64_t>(v[i]) - static_cast<uint64_t>(v[i - 1]));
    sdmin = std::min(sdmin, d);
    sdmax = std::max(sdmax, d);
  }
  uint8_t delta_width = BitWidth(static_cast<uint64_t>(sdmax) - static_cast<uint64_t>(sdmin));
  size_t for_bits = n * for_width;
  size_t delta_bits = (n - 1) * delta_width + 64;
  // RLE estimate: run values at for_width plus lengths at ~17 bits.
  size_t rle_bits = runs * (for_width + 17) + 128;
  if (rle_bits < for_bits && rle_bits < delta_bits && runs * 4 <= n) {
    std::vector<int64_t> values, lengths;
    values.reserve(runs);
    lengths.reserve(runs);
    size_t start = 0;
    for (size_t i = 1; i <= n; i++) {
      if (i == n || v[i] != v[start]) {
        values.push_back(v[start]);
        lengths.push_back(static_cast<int64_t>(i - start));
        start = i;
      }
    }
    out->push_back(static_cast<char>(SegmentEncoding::kRle));
    PutRaw<uint32_t>(out, static_cast<uint32_t>(runs));
    EncodeInts(values.data(), runs, out);
    EncodeInts(lengths.data(), runs, out);
    return;
  }
  if (delta_bits < for_bits) {
    out->push_back(static_cast<char>(SegmentEncoding::kDelta));
    PutRaw<int64_t>(out, v[0]);
    PutRaw<int64_t>(out, sdmin);
    out->push_back(static_cast<char>(delta_width));
    std::vector<uint64_t> tmp(n - 1);
    for (size_t i = 1; i < n; i++) {
      tmp[i - 1] = static_cast<uint64_t>(v[i]) - static_cast<uint64_t>(v[i - 1]) -
                   static_cast<uint64_t>(sdmin);
    }
    PackBits(tmp.data(), n - 1, delta_width, out);
    return;
  }
  EncodeBitPacked(v, n, min, for_width, out);
}

void DecodeInts(Cursor& c, size_t n, int64_t* out) {
  auto enc = static_cast<SegmentEncoding>(c.Get<uint8_t>());
  switch (enc) {
    case SegmentEncoding::kConstant: {
      int64_t v = c.Get<int64_t>();
      for (size_t i = 0; i < n; i++) out[i] = v;
      return;
    }
    case SegmentEncoding::kBitPacked: {
      int64_t base = c.Get<int64_t>();
      uint8_t w = c.Get<uint8_t>();
      if (w > 64) Malformed();
      const uint8_t* data = c.Take(PackedSize(n, w));
      auto* u = reinterpret_cast<uint64_t*>(out);
      UnpackBitsAdd(data, n, w, static_cast<uint64_t>(base), u);
      return;
    }
    case SegmentEncoding::kDelta: {
      int64_t first = c.Get<int64_t>();
      uint64_t dmin = static_cast<uint64_t>(c.Get<int64_t>());
      uint8_t w = c.Get<uint8_t>();
      if (w > 64 || n == 0) Malformed();
      const uint8_t* data = c.Take(PackedSize(n - 1, w));
      auto* u = reinterpret_cast<uint64_t*>(out);
      UnpackBitsAdd(data, n - 1, w, dmin, u + 1);
      uint64_t acc = static_cast<uint64_t>(first);
      u[0] = acc;
      for (size_t i = 1; i < n; i++) {
        acc += u[i];
        u[i] = acc;
      }
      return;
    }
    case SegmentEncoding::kRle: {
      uint32_t runs = c.Get<uint32_t>();
      if (runs > n) Malformed();
      std::vector<int64_t> values(runs), lengths(runs);
      DecodeInts(c, runs, values.data());
      DecodeInts(c, runs, lengths.data());
      size_t pos = 0;
      for (uint32_t r = 0; r < runs; r++) {
        if (lengths[r] < 0 || pos + static_cast<size_t>(lengths[r]) > n) Malformed();
        for (int64_t k = 0; k < lengths[r]; k++) out[pos++] = values[r];
      }
      if (pos != n) Malformed();
      return;
    }
    default:
      Malformed();
  }
}

// As DecodeInts, but only positions sel[0..m) (ascending) of out need be right: constant and
// bit-packed blocks are read at those positions only, the others are decoded whole.
void DecodeIntsAt(Cursor& c, size_t n, const uint32_t* sel, size_t m, int64_t* out) {
  const uint8_t* start = c.p;
  auto enc = static_cast<SegmentEncoding>(c.Get<uint8_t>());
  if (enc == SegmentEncoding::kConstant) {
    int64_t v = c.Get<int64_t>();
    for (size_t k = 0; k < m; k++) out[sel[k]] = v;
    return;
  }
  if (enc == SegmentEncoding::kBitPacked) {
    uint64_t base = static_cast<uint64_t>(c.Get<int64_t>());
    uint8_t w = c.Get<uint8_t>();
    if (w > 64) Malformed();
    const uint8_t* data = c.Take(PackedSize(n, w));
    if (w == 0 || w > 56) {
      c.p = start;
      DecodeInts(c, n, out);
      return;
    }
    const uint64_t mask = (uint64_t{1} << w) - 1;
    for (size_t k = 0; k < m; k++) {
      size_t bit = static_cast<size_t>(sel[k]) * w;
      uint64_t word;
      std::memcpy(&word, data + (bit >> 3), 8);
      out[sel[k]] = static_cast<int64_t>(((word >> (bit & 7)) & mask) + base);
    }
    return;
  }
  if (enc == SegmentEncoding::kDelta) {
    // Width 0: an arithmetic progression (row ids), value i = first + i * delta.
    uint64_t first = static_cast<uint64_t>(c.Get<int64_t>());
    uint64_t dmin = static_cast<uint64_t>(c.Get<int64_t>());
    uint8_t w = c.Get<uint8_t>();
    if (w == 0 && n > 0) {
      for (size_t k = 0; k < m; k++) out[sel[k]] = static_cast<int64_t>(first + sel[k] * dmin);
      return;
    }
    // Otherwise prefix sums up to the last selected position only.
    if (w <= 64 && n > 0 && m > 0 && sel[m - 1] < n) {
      const uint8_t* data = c.Take(PackedSize(n - 1, w));
      size_t last = sel[m - 1];
      auto* u = reinterpret_cast<uint64_t*>(out);
      UnpackBitsAdd(data, last, w, dmin, u + 1);
      uint64_t acc = first;
      u[0] = acc;
      for (size_t i = 1; i <= last; i++) {
        acc += u[i];
        u[i] = acc;
      }
      return;
    }
  }
  c.p = start;
  DecodeInts(c, n, out);
}

// --- strings ---

void EncodeStringsPlain(const std::vector<std::string_view>& s, std::string* out) {
  std::vector<int64_t> lengths(s.size());
  size_t total = 0;
  for (size_t i = 0; i < s.size(); i++) {
    lengths[i] = static_cast<int64_t>(s[i].size());
    total += s[i].size();
  }
  EncodeInts(lengths.data(), lengths.size(), out);
  PutRaw<uint64_t>(out, total);
  out->reserve(out->size() + total);
  for (auto& v : s) out->append(v);
}

void DecodeStringsPlain(Cursor& c, size_t n, std::string* out) {
  std::vector<int64_t> lengths(n);
  DecodeInts(c, n, lengths.data());
  uint64_t total = c.Get<uint64_t>();
  const char* data = reinterpret_cast<const char*>(c.Take(total));
  uint64_t pos = 0;
  for (size_t i = 0; i < n; i++) {
    if (lengths[i] < 0 || pos + static_cast<uint64_t>(lengths[i]) > total) Malformed();
    out[i].assign(data + pos, static_cast<size_t>(lengths[i]));
    pos += lengths[i];
  }
}

SegmentEncoding EncodeStrings(const std::vector<std::string_view>& s, std::string* out) {
  // Mostly distinct values (comments, names): skip building a dictionary that would be dropped.
  if (s.size() >= 4096) {
    std::unordered_map<std::string_view, int64_t> sample;
    for (size_t i = 0; i < 1024; i++) sample.emplace(s[i * (s.size() / 1024)], 0);
    if (sample.size() > 768) {
      out->push_back(static_cast<char>(SegmentEncoding::kPlain));
      EncodeStringsPlain(s, out);
      return SegmentEncoding::kPlain;
    }
  }
  std::unordered_map<std::string_view, int64_t> dict;
  std::vector<std::string_view> distinct;
  std::vector<int64_t> codes(s.size());
  size_t limit = s.size() / 2 + 1;
  for (size_t i = 0; i < s.size(); i++) {
    auto [it, inserted] = dict.emplace(s[i], static_cast<int64_t>(distinct.size()));
    if (inserted) {
      distinct.push_back(s[i]);
      if (distinct.size() > limit) break;
    }
    codes[i] = it->second;
  }
  if (distinct.size() <= limit) {
    out->push_back(static_cast<char>(SegmentEncoding::kDictionary));
    PutRaw<uint32_t>(out, static_cast<uint32_t>(distinct.size()));
    EncodeStringsPlain(distinct, out);
    EncodeInts(codes.data(), codes.size(), out);
    return distinct.size() == 1 ? SegmentEncoding::kConstant : SegmentEncoding::kDictionary;
  }
  out->push_back(static_cast<char>(SegmentEncoding::kPlain));
  EncodeStringsPlain(s, out);
  return SegmentEncoding::kPlain;
}

void DecodeStrings(Cursor& c, size_t n, std::string* out) {
  auto enc = static_cast<SegmentEncoding>(c.Get<uint8_t>());
  if (enc == SegmentEncoding::kPlain) return DecodeStringsPlain(c, n, out);
  if (enc != SegmentEncoding::kDictionary) Malformed();
  uint32_t count = c.Get<uint32_t>();
  if (count > n + 1) Malformed();
  std::vector<std::string> dict(count);
  DecodeStringsPlain(c, count, dict.data());
  std::vector<int64_t> codes(n);
  DecodeInts(c, n, codes.data());
  for (size_t i = 0; i < n; i++) {
    if (static_cast<uint64_t>(codes[i]) >= count) Malformed();
    out[i] = dict[codes[i]];
  }
}

// Plain string block as views into the segment bytes.
void DecodeStringViewsPlain(Cursor& c, size_t n, std::vector<int64_t>* lengths,
                            std::vector<std::string_view>* out) {
  lengths->resize(n);
  DecodeInts(c, n, lengths->data());
  uint64_t total = c.Get<uint64_t>();
  const char* data = reinterpret_cast<const char*>(c.Take(total));
  out->resize(n);
  uint64_t pos = 0;
  for (size_t i = 0; i < n; i++) {
    int64_t len = (*lengths)[i];
    if (len < 0 || pos + static_cast<uint64_t>(len) > total) Malformed();
    (*out)[i] = std::string_view(data + pos, static_cast<size_t>(len));
    pos += static_cast<uint64_t>(len);
  }
}

bool StringStatsMeaningful(const LogicalType& t) {
  // Text compares bytewise (docs/formats/keys.md); arrays and UUIDs compare otherwise.
  return t.id == TypeId::kText || t.id == TypeId::kVarchar || t.id == TypeId::kBytea;
}

constexpr size_t kMaxStatString = 128;

}  // namespace

const char* SegmentEncodingName(SegmentEncoding e) {
  switch (e) {
    case SegmentEncoding::kPlain:
      return "plain";
    case SegmentEncoding::kConstant:
      return "constant";
    case SegmentEncoding::kBitPacked:
      return "bitpacked";
    case SegmentEncoding::kDelta:
      return "delta";
    case SegmentEncoding::kRle:
      return "rle";
    case SegmentEncoding::kDictionary:
      return "dictionary";
  }
  return "unknown";
}

SegmentEncoding EncodeSegment(const Vector& v, size_t offset, size_t n, const LogicalType& sql_type,
                              std::string* out, ZoneMap* zone) {
  *zone = ZoneMap();
  PhysicalType phys = v.physical();
  const uint8_t* valid = v.validity().data() + offset;
  uint32_t nulls = 0;
  for (size_t i = 0; i < n; i++) nulls += valid[i] == 0;
  zone->null_count = nulls;
  out->push_back(static_cast<char>(kSegmentVersion));
  out->push_back(static_cast<char>(phys));
  size_t enc_pos = out->size();
  out->push_back(0);
  out->push_back(static_cast<char>(nulls ? kHasNulls : 0));
  PutRaw<uint32_t>(out, static_cast<uint32_t>(n));
  if (nulls) {
    std::vector<uint64_t> bits(n);
    for (size_t i = 0; i < n; i++) bits[i] = valid[i] != 0;
    PackBits(bits.data(), n, 1, out);
  }
  // Non-NULL positions only; NULL slots take the previous value so runs and deltas stay tight.
  auto first_valid = [&]() -> size_t {
    for (size_t i = 0; i < n; i++)
      if (valid[i]) return i;
    return n;
  };
  size_t fv = first_valid();
  SegmentEncoding enc = SegmentEncoding::kPlain;
  switch (phys) {
    case PhysicalType::kInt64: {
      const int64_t* src = v.ints().data() + offset;
      std::vector<int64_t> tmp;
      if (nulls) {
        tmp.resize(n);
        int64_t prev = fv < n ? src[fv] : 0;
        for (size_t i = 0; i < n; i++) tmp[i] = prev = valid[i] ? src[i] : prev;
        src = tmp.data();
      }
      size_t at = out->size();
      EncodeInts(src, n, out);
      enc = static_cast<SegmentEncoding>((*out)[at]);
      if (fv < n) {
        zone->has_stats = true;
        zone->int_min = zone->int_max = src[fv];
        for (size_t i = 0; i < n; i++) {
          zone->int_min = std::min(zone->int_min, src[i]);
          zone->int_max = std::max(zone->int_max, src[i]);
        }
      }
      break;
    }
    case PhysicalType::kDouble: {
      const double* src = v.doubles().data() + offset;
      bool constant = true, nan = false;
      double first = fv < n ? src[fv] : 0;
      double mn = first, mx = first;
      for (size_t i = 0; i < n; i++) {
        if (!valid[i]) continue;
        constant &= std::memcmp(&src[i], &first, sizeof(double)) == 0;
        nan |= std::isnan(src[i]);
        mn = std::min(mn, src[i]);
        mx = std::max(mx, src[i]);
      }
      if (fv < n && !nan) {
        zone->has_stats = true;
        zone->double_min = mn;
        zone->double_max = mx;
      }
      if (constant) {
        enc = SegmentEncoding::kConstant;
        PutRaw<double>(out, first);
      } else {
        enc = SegmentEncoding::kPlain;
        out->append(reinterpret_cast<const char*>(src), n * sizeof(double));
      }
      break;
    }
    case PhysicalType::kDecimal: {
      const Decimal* src = v.decimals().data() + offset;
      int32_t scale = fv < n ? src[fv].scale : 0;
      bool fits = true;
      for (size_t i = 0; i < n && fits; i++) {
        if (!valid[i]) continue;
        fits =
            src[i].scale == scale && src[i].mantissa >= INT64_MIN && src[i].mantissa <= INT64_MAX;
      }
      if (fits) {
        out->push_back(0);  // form: int64 mantissas at one scale
        PutRaw<int32_t>(out, scale);
        std::vector<int64_t> m(n);
        int64_t prev = fv < n ? static_cast<int64_t>(src[fv].mantissa) : 0;
        for (size_t i = 0; i < n; i++)
          m[i] = prev = valid[i] ? static_cast<int64_t>(src[i].mantissa) : prev;
        size_t at = out->size();
        EncodeInts(m.data(), n, out);
        enc = static_cast<SegmentEncoding>((*out)[at]);
        if (fv < n) {
          zone->has_stats = true;
          zone->dec_scale = scale;
          int64_t mn = m[0], mx = m[0];
          for (int64_t x : m) mn = std::min(mn, x), mx = std::max(mx, x);
          zone->dec_min = mn;
          zone->dec_max = mx;
        }
      } else {
        out->push_back(1);  // form: plain (scale, mantissa) pairs
        for (size_t i = 0; i < n; i++) {
          PutRaw<int32_t>(out, src[i].scale);
          PutRaw<__int128>(out, src[i].mantissa);
        }
      }
      break;
    }
    case PhysicalType::kString: {
      const std::string* src = v.strings().data() + offset;
      std::vector<std::string_view> views(n);
      std::string_view prev = fv < n ? std::string_view(src[fv]) : std::string_view();
      for (size_t i = 0; i < n; i++) views[i] = prev = valid[i] ? std::string_view(src[i]) : prev;
      enc = EncodeStrings(views, out);
      if (fv < n && StringStatsMeaningful(sql_type)) {
        std::string_view mn = views[0], mx = views[0];
        for (auto s : views) {
          if (s < mn) mn = s;
          if (s > mx) mx = s;
        }
        if (mn.size() <= kMaxStatString && mx.size() <= kMaxStatString) {
          zone->has_stats = true;
          zone->str_min = mn;
          zone->str_max = mx;
        }
      }
      break;
    }
    case PhysicalType::kInterval: {
      const Interval* src = v.intervals().data() + offset;
      for (size_t i = 0; i < n; i++) {
        PutRaw<int32_t>(out, src[i].months);
        PutRaw<int32_t>(out, src[i].days);
        PutRaw<int64_t>(out, src[i].micros);
      }
      break;
    }
  }
  (*out)[enc_pos] = static_cast<char>(enc);
  return enc;
}

uint32_t SegmentRowCount(std::string_view data) {
  if (data.size() < 8 || static_cast<uint8_t>(data[0]) != kSegmentVersion) Malformed();
  uint32_t n;
  std::memcpy(&n, data.data() + 4, 4);
  return n;
}

void DecodeSegment(std::string_view data, Vector& out) {
  Cursor c{reinterpret_cast<const uint8_t*>(data.data()),
           reinterpret_cast<const uint8_t*>(data.data() + data.size())};
  segment_format::Header h = segment_format::ReadHeader(&c.p, c.end);
  uint32_t n = h.rows;
  auto phys = static_cast<PhysicalType>(h.physical);
  auto enc = static_cast<SegmentEncoding>(h.encoding);
  uint8_t flags = h.flags;
  if (phys != out.physical()) Malformed();
  out.Resize(n);
  auto& valid = out.validity();
  if (flags & kHasNulls) {
    const uint8_t* bits = c.Take(PackedSize(n, 1));
    for (uint32_t i = 0; i < n; i++) valid[i] = (bits[i >> 3] >> (i & 7)) & 1;
  } else {
    std::memset(valid.data(), 1, n);
  }
  switch (phys) {
    case PhysicalType::kInt64:
      DecodeInts(c, n, out.ints().data());
      break;
    case PhysicalType::kDouble:
      if (enc == SegmentEncoding::kConstant) {
        double d = c.Get<double>();
        for (uint32_t i = 0; i < n; i++) out.doubles()[i] = d;
      } else {
        std::memcpy(out.doubles().data(), c.Take(n * sizeof(double)), n * sizeof(double));
      }
      break;
    case PhysicalType::kDecimal: {
      uint8_t form = c.Get<uint8_t>();
      Decimal* dst = out.decimals().data();
      if (form == 0) {
        int32_t scale = c.Get<int32_t>();
        static thread_local std::vector<int64_t> m;
        m.resize(n);
        DecodeInts(c, n, m.data());
        for (uint32_t i = 0; i < n; i++) dst[i] = Decimal{m[i], scale};
      } else {
        for (uint32_t i = 0; i < n; i++) {
          dst[i].scale = c.Get<int32_t>();
          dst[i].mantissa = c.Get<__int128>();
        }
      }
      break;
    }
    case PhysicalType::kString:
      DecodeStrings(c, n, out.strings().data());
      break;
    case PhysicalType::kInterval:
      for (uint32_t i = 0; i < n; i++) {
        auto& iv = out.intervals()[i];
        iv.months = c.Get<int32_t>();
        iv.days = c.Get<int32_t>();
        iv.micros = c.Get<int64_t>();
      }
      break;
  }
}

void DecodeSegmentRaw(std::string_view data, PhysicalType physical, RawSegment* raw,
                      const uint32_t* sel, size_t m) {
  Cursor c{reinterpret_cast<const uint8_t*>(data.data()),
           reinterpret_cast<const uint8_t*>(data.data() + data.size())};
  segment_format::Header h = segment_format::ReadHeader(&c.p, c.end);
  uint32_t n = h.rows;
  auto phys = static_cast<PhysicalType>(h.physical);
  auto enc = static_cast<SegmentEncoding>(h.encoding);
  uint8_t flags = h.flags;
  if (phys != physical) Malformed();
  raw->n = n;
  raw->physical = phys;
  raw->has_nulls = (flags & kHasNulls) != 0;
  raw->decimal_ints = false;
  raw->dictionary = false;
  raw->records = nullptr;
  if (raw->has_nulls) {
    const uint8_t* bits = c.Take(PackedSize(n, 1));
    raw->valid.resize(n);
    for (uint32_t i = 0; i < n; i++) raw->valid[i] = (bits[i >> 3] >> (i & 7)) & 1;
  }
  switch (phys) {
    case PhysicalType::kInt64:
      raw->ints.resize(n);
      if (sel != nullptr) {
        DecodeIntsAt(c, n, sel, m, raw->ints.data());
      } else {
        DecodeInts(c, n, raw->ints.data());
      }
      break;
    case PhysicalType::kDouble:
      raw->doubles.resize(n);
      if (enc == SegmentEncoding::kConstant) {
        double d = c.Get<double>();
        for (uint32_t i = 0; i < n; i++) raw->doubles[i] = d;
      } else if (sel != nullptr) {
        const uint8_t* src = c.Take(n * sizeof(double));
        for (size_t k = 0; k < m; k++)
          std::memcpy(&raw->doubles[sel[k]], src + sel[k] * sizeof(double), sizeof(double));
      } else {
        std::memcpy(raw->doubles.data(), c.Take(n * sizeof(double)), n * sizeof(double));
      }
      break;
    case PhysicalType::kDecimal:
      if (c.Get<uint8_t>() == 0) {
        raw->decimal_ints = true;
        raw->scale = c.Get<int32_t>();
        raw->ints.resize(n);
        if (sel != nullptr) {
          DecodeIntsAt(c, n, sel, m, raw->ints.data());
        } else {
          DecodeInts(c, n, raw->ints.data());
        }
      } else {
        raw->records = c.Take(static_cast<size_t>(n) * 20);
      }
      break;
    case PhysicalType::kString: {
      auto senc = static_cast<SegmentEncoding>(c.Get<uint8_t>());
      if (senc == SegmentEncoding::kPlain) {
        DecodeStringViewsPlain(c, n, &raw->codes, &raw->views);
        break;
      }
      if (senc != SegmentEncoding::kDictionary) Malformed();
      uint32_t count = c.Get<uint32_t>();
      if (count > n + 1) Malformed();
      DecodeStringViewsPlain(c, count, &raw->codes, &raw->dict);
      raw->codes.resize(n);
      if (sel != nullptr) {
        DecodeIntsAt(c, n, sel, m, raw->codes.data());
        for (size_t k = 0; k < m; k++)
          if (static_cast<uint64_t>(raw->codes[sel[k]]) >= count) Malformed();
      } else {
        DecodeInts(c, n, raw->codes.data());
        for (size_t i = 0; i < n; i++)
          if (static_cast<uint64_t>(raw->codes[i]) >= count) Malformed();
      }
      raw->dictionary = true;
      raw->dict_id = segment_format::NextDictionaryId();
      break;
    }
    case PhysicalType::kInterval:
      raw->records = c.Take(static_cast<size_t>(n) * 16);
      break;
  }
}

}  // namespace kadedb
