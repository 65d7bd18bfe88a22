// ZoneMap: serialisation (inside the row-group header, docs/formats/row_groups.md) and the
// segment-skipping test of a TableFilter.
#include <cstring>

#include "storage/column_segment.hpp"
#include "storage/varint.hpp"

namespace kadedb {

namespace {
template <typename T>
void PutRaw(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <typename T>
bool GetRaw(std::string_view* in, T* v) {
  if (in->size() < sizeof(T)) return false;
  std::memcpy(v, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return true;
}
void PutStr(std::string* out, const std::string& s) {
  PutRaw<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}
bool GetStr(std::string_view* in, std::string* s) {
  uint32_t n;
  if (!GetRaw(in, &n) || in->size() < n) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

// Three-way comparison of the filter constant c against the zone's bound (min when use_min),
// in physical class p. Returns false (unknown) when the classes or scales disagree.
bool CompareBound(const ZoneMap& z, const Value& c, PhysicalType p, bool use_min, int* out) {
  if (c.IsNull()) return false;
  auto sign = [](auto a, auto b) { return a < b ? -1 : (a > b ? 1 : 0); };
  switch (p) {
    case PhysicalType::kInt64:
      if (PhysicalOf(c.type()) != PhysicalType::kInt64) return false;
      *out = sign(c.GetInt(), use_min ? z.int_min : z.int_max);
      return true;
    case PhysicalType::kDouble: {
      if (PhysicalOf(c.type()) != PhysicalType::kDouble) return false;
      double d = c.GetDouble();
      if (d != d) return false;  // NaN
      *out = sign(d, use_min ? z.double_min : z.double_max);
      return true;
    }
    case PhysicalType::kDecimal:
      if (PhysicalOf(c.type()) != PhysicalType::kDecimal) return false;
      if (c.GetDecimal().scale != z.dec_scale) return false;
      *out = sign(c.GetDecimal().mantissa, use_min ? z.dec_min : z.dec_max);
      return true;
    case PhysicalType::kString: {
      if (PhysicalOf(c.type()) != PhysicalType::kString) return false;
      int r = std::string_view(c.GetString()).compare(use_min ? z.str_min : z.str_max);
      *out = r < 0 ? -1 : (r > 0 ? 1 : 0);
      return true;
    }
    default:
      return false;
  }
}
}  // namespace

void ZoneMap::Serialize(std::string* out) const {
  PutRaw<uint32_t>(out, null_count);
  out->push_back(has_stats ? 1 : 0);
  if (!has_stats) return;
  PutRaw(out, int_min);
  PutRaw(out, int_max);
  PutRaw(out, double_min);
  PutRaw(out, double_max);
  PutRaw(out, dec_min);
  PutRaw(out, dec_max);
  PutRaw(out, dec_scale);
  PutStr(out, str_min);
  PutStr(out, str_max);
}

bool ZoneMap::Deserialize(std::string_view* in) {
  uint8_t flag;
  if (!GetRaw(in, &null_count) || !GetRaw(in, &flag)) return false;
  has_stats = flag != 0;
  if (!has_stats) return true;
  return GetRaw(in, &int_min) && GetRaw(in, &int_max) && GetRaw(in, &double_min) &&
         GetRaw(in, &double_max) && GetRaw(in, &dec_min) && GetRaw(in, &dec_max) &&
         GetRaw(in, &dec_scale) && GetStr(in, &str_min) && GetStr(in, &str_max);
}

bool ZoneMap::MayMatch(const TableFilter& f, PhysicalType p, uint32_t rows) const {
  bool all_null = null_count >= rows;
  switch (f.kind) {
    case TableFilterKind::kIsNull:
      return null_count > 0;
    case TableFilterKind::kIsNotNull:
      return !all_null;
    default:
      break;
  }
  if (all_null) return false;  // comparisons never match NULL
  if (f.kind == TableFilterKind::kJoinKeys) {
    if (!f.join_keys) return true;
    if (f.join_keys->empty()) return false;
    if (!has_stats || p != PhysicalType::kInt64) return true;
    return f.join_keys->MayMatchRange(int_min, int_max);
  }
  if (!has_stats) return true;
  int vs_min, vs_max;  // sign of (constant - min), (constant - max)
  auto cmp = [&](const Value& c) {
    return CompareBound(*this, c, p, true, &vs_min) && CompareBound(*this, c, p, false, &vs_max);
  };
  switch (f.kind) {
    case TableFilterKind::kEqual:
      return !cmp(f.constant) || (vs_min >= 0 && vs_max <= 0);
    case TableFilterKind::kNotEqual:
      return !cmp(f.constant) || !(vs_min == 0 && vs_max == 0);
    case TableFilterKind::kLess:  // some value < c  <=>  min < c
      return !cmp(f.constant) || vs_min > 0;
    case TableFilterKind::kLessEqual:
      return !cmp(f.constant) || vs_min >= 0;
    case TableFilterKind::kGreater:  // max > c
      return !cmp(f.constant) || vs_max < 0;
    case TableFilterKind::kGreaterEqual:
      return !cmp(f.constant) || vs_max <= 0;
    case TableFilterKind::kBetween: {
      if (!cmp(f.constant)) return true;
      if (vs_max > 0) return false;  // lower bound above max
      int up_min, up_max;
      if (!CompareBound(*this, f.upper, p, true, &up_min) ||
          !CompareBound(*this, f.upper, p, false, &up_max))
        return true;
      return up_min >= 0;  // upper bound at or above min
    }
    case TableFilterKind::kIn:
      for (const Value& v : f.values) {
        if (!cmp(v) || (vs_min >= 0 && vs_max <= 0)) return true;
      }
      return false;
    default:
      return true;
  }
}

}  // namespace kadedb
