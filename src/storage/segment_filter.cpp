// Scan filters on raw segment values (see segment_filter.hpp). The comparison loops are
// branch-free over plain arrays so the compiler vectorises them.
#include "storage/segment_filter.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace kadedb {

namespace {

template <typename T, typename Op>
[[gnu::always_inline]] inline void CompareLoop(const T* v, size_t n, T c, uint8_t* pass, Op op) {
  for (size_t i = 0; i < n; i++) pass[i] &= static_cast<uint8_t>(op(v[i], c));
}

template <typename T>
[[gnu::always_inline]] inline void BetweenLoop(const T* v, size_t n, T lo, T hi, uint8_t* pass) {
  for (size_t i = 0; i < n; i++) pass[i] &= static_cast<uint8_t>((v[i] >= lo) & (v[i] <= hi));
}

// Applies a comparison kind with constant c (and upper for kBetween) to n values.
template <typename T>
[[gnu::always_inline]] inline bool CompareKindBody(const T* v, size_t n, TableFilterKind kind, T c,
                                                   T upper, uint8_t* pass) {
  switch (kind) {
    case TableFilterKind::kEqual:
      CompareLoop(v, n, c, pass, std::equal_to<T>());
      return true;
    case TableFilterKind::kNotEqual:
      CompareLoop(v, n, c, pass, std::not_equal_to<T>());
      return true;
    case TableFilterKind::kLess:
      CompareLoop(v, n, c, pass, std::less<T>());
      return true;
    case TableFilterKind::kLessEqual:
      CompareLoop(v, n, c, pass, std::less_equal<T>());
      return true;
    case TableFilterKind::kGreater:
      CompareLoop(v, n, c, pass, std::greater<T>());
      return true;
    case TableFilterKind::kGreaterEqual:
      CompareLoop(v, n, c, pass, std::greater_equal<T>());
      return true;
    case TableFilterKind::kBetween:
      BetweenLoop(v, n, c, upper, pass);
      return true;
    default:
      return false;
  }
}

// The comparison loops compiled twice: for the baseline target and, chosen at run time, for
// AVX2 with the vectoriser's dynamic cost model (the -O2 default leaves them scalar: SSE2 has no
// 64-bit compare).
template <typename T>
bool CompareKindBaseline(const T* v, size_t n, TableFilterKind kind, T c, T upper, uint8_t* pass) {
  return CompareKindBody(v, n, kind, c, upper, pass);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC target("avx2")
#pragma GCC optimize("vect-cost-model=dynamic")
bool CompareKindAvx2(const int64_t* v, size_t n, TableFilterKind kind, int64_t c, int64_t upper,
                     uint8_t* pass) {
  return CompareKindBody(v, n, kind, c, upper, pass);
}
bool CompareKindAvx2(const double* v, size_t n, TableFilterKind kind, double c, double upper,
                     uint8_t* pass) {
  return CompareKindBody(v, n, kind, c, upper, pass);
}
#pragma GCC pop_options
const bool kHaveAvx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#define KADEDB_FILTER_AVX2 1
#endif

template <typename T>
bool CompareKind(const T* v, size_t n, TableFilterKind kind, T c, T upper, uint8_t* pass) {
#ifdef KADEDB_FILTER_AVX2
  if (kHaveAvx2) return CompareKindAvx2(v, n, kind, c, upper, pass);
#endif
  return CompareKindBaseline(v, n, kind, c, upper, pass);
}

template <typename T>
void InLoop(const T* v, size_t n, const std::vector<T>& values, uint8_t* pass) {
  static thread_local std::vector<uint8_t> hit;
  hit.assign(n, 0);
  for (T c : values) {
    for (size_t i = 0; i < n; i++) hit[i] |= static_cast<uint8_t>(v[i] == c);
  }
  for (size_t i = 0; i < n; i++) pass[i] &= hit[i];
}

// The decimal constant d at scale `scale` as an int64 mantissa; false when not exact or out of
// range (the filter is then not applied).
bool DecimalAtScale(const Value& v, int32_t scale, int64_t* out) {
  if (PhysicalOf(v.type()) != PhysicalType::kDecimal) return false;
  const Decimal& d = v.GetDecimal();
  __int128 m = d.mantissa;
  int32_t diff = scale - d.scale;
  if (diff > 18 || diff < -38) return false;
  __int128 limit = static_cast<__int128>(INT64_MAX);
  if (diff >= 0) {
    for (int32_t i = 0; i < diff; i++) {
      if (m > limit || m < -limit) return false;
      m *= 10;
    }
  } else {
    for (int32_t i = 0; i < -diff; i++) {
      if (m % 10 != 0) return false;
      m /= 10;
    }
  }
  if (m > limit || m < -limit) return false;
  *out = static_cast<int64_t>(m);
  return true;
}

// Integer values (int64 class or decimal mantissas); *constant converts a filter value.
// Returns true when applied (false: every row kept).
template <typename Convert>
bool FilterInts(const int64_t* v, size_t n, const TableFilter& f, Convert convert, uint8_t* pass) {
  if (f.kind == TableFilterKind::kIn) {
    std::vector<int64_t> values;
    for (const Value& x : f.values) {
      int64_t c;
      if (!convert(x, &c)) return false;  // not comparable exactly: keep every row
      values.push_back(c);
    }
    InLoop(v, n, values, pass);
    return true;
  }
  int64_t c = 0, upper = 0;
  if (!convert(f.constant, &c)) return false;
  if (f.kind == TableFilterKind::kBetween && !convert(f.upper, &upper)) return false;
  return CompareKind(v, n, f.kind, c, upper, pass);
}

// Returns true when applied exactly (not when NaN rows were kept).
bool FilterDoubles(const double* v, size_t n, const TableFilter& f, uint8_t* pass) {
  auto get = [](const Value& x, double* out) {
    if (PhysicalOf(x.type()) != PhysicalType::kDouble) return false;
    *out = x.GetDouble();
    return !std::isnan(*out);
  };
  static thread_local std::vector<uint8_t> nan;
  nan.resize(n);
  for (size_t i = 0; i < n; i++) nan[i] = static_cast<uint8_t>(v[i] != v[i]);
  static thread_local std::vector<uint8_t> mask;
  mask.assign(n, 1);
  if (f.kind == TableFilterKind::kIn) {
    std::vector<double> values;
    for (const Value& x : f.values) {
      double c;
      if (!get(x, &c)) return false;
      values.push_back(c);
    }
    InLoop(v, n, values, mask.data());
  } else {
    double c = 0, upper = 0;
    if (!get(f.constant, &c)) return false;
    if (f.kind == TableFilterKind::kBetween && !get(f.upper, &upper)) return false;
    if (!CompareKind(v, n, f.kind, c, upper, mask.data())) return false;
  }
  // NaN sorts above every number in SQL: keep NaN rows and let the expression decide.
  uint8_t any_nan = 0;
  for (size_t i = 0; i < n; i++) {
    pass[i] &= mask[i] | nan[i];
    any_nan |= nan[i];
  }
  return any_nan == 0;
}

// True when s satisfies a comparison / IN filter (bytewise order, as text compares).
bool StringMatches(std::string_view s, const TableFilter& f) {
  auto cmp = [&](const Value& x) { return s.compare(x.GetString()); };
  switch (f.kind) {
    case TableFilterKind::kEqual:
      return cmp(f.constant) == 0;
    case TableFilterKind::kNotEqual:
      return cmp(f.constant) != 0;
    case TableFilterKind::kLess:
      return cmp(f.constant) < 0;
    case TableFilterKind::kLessEqual:
      return cmp(f.constant) <= 0;
    case TableFilterKind::kGreater:
      return cmp(f.constant) > 0;
    case TableFilterKind::kGreaterEqual:
      return cmp(f.constant) >= 0;
    case TableFilterKind::kBetween:
      return cmp(f.constant) >= 0 && s.compare(f.upper.GetString()) <= 0;
    case TableFilterKind::kIn:
      for (const Value& x : f.values)
        if (cmp(x) == 0) return true;
      return false;
    default:
      return true;
  }
}

// False when a constant of f is not a string (the filter is then not applied).
bool StringConstants(const TableFilter& f) {
  auto is_string = [](const Value& x) { return PhysicalOf(x.type()) == PhysicalType::kString; };
  if (f.kind == TableFilterKind::kIn) {
    for (const Value& x : f.values)
      if (!is_string(x)) return false;
    return true;
  }
  return is_string(f.constant) && (f.kind != TableFilterKind::kBetween || is_string(f.upper));
}

// The match table of raw's dictionary for f (from cache when it holds this dictionary).
const uint8_t* DictMatch(const RawSegment& raw, const TableFilter& f, DictMatchCache* cache) {
  static thread_local DictMatchCache local;
  if (cache == nullptr) {
    cache = &local;
    cache->dict_id = 0;
  }
  if (cache->dict_id != raw.dict_id || raw.dict_id == 0 || cache->match.size() != raw.dict.size()) {
    cache->match.resize(raw.dict.size());
    for (size_t d = 0; d < raw.dict.size(); d++) cache->match[d] = StringMatches(raw.dict[d], f);
    cache->dict_id = raw.dict_id;
  }
  return cache->match.data();
}

// Returns true when applied.
bool FilterStrings(const RawSegment& raw, const TableFilter& f, uint8_t* pass,
                   DictMatchCache* cache) {
  if (!StringConstants(f)) return false;
  size_t n = raw.n;
  if (raw.dictionary) {
    const uint8_t* match = DictMatch(raw, f, cache);
    const int64_t* codes = raw.codes.data();
    for (size_t i = 0; i < n; i++) pass[i] &= match[codes[i]];
    return true;
  }
  for (size_t i = 0; i < n; i++) {
    if (pass[i]) pass[i] = StringMatches(raw.views[i], f);
  }
  return true;
}

}  // namespace

bool FilterRawSegment(const RawSegment& raw, const TableFilter& f, const LogicalType& sql_type,
                      uint8_t* pass, DictMatchCache* cache) {
  size_t n = raw.n;
  if (f.kind == TableFilterKind::kIsNull) {
    if (!raw.has_nulls) {
      std::fill(pass, pass + n, 0);
    } else {
      for (size_t i = 0; i < n; i++) pass[i] &= static_cast<uint8_t>(raw.valid[i] ^ 1);
    }
    return true;
  }
  bool exact = f.kind == TableFilterKind::kIsNotNull;
  switch (raw.physical) {
    case PhysicalType::kInt64: {
      auto convert = [](const Value& x, int64_t* out) {
        if (PhysicalOf(x.type()) != PhysicalType::kInt64) return false;
        *out = x.GetInt();
        return true;
      };
      if (f.kind == TableFilterKind::kJoinKeys) {
        if (f.join_keys) f.join_keys->Filter(raw.ints.data(), n, pass);
      } else if (f.kind != TableFilterKind::kIsNotNull) {
        exact = FilterInts(raw.ints.data(), n, f, convert, pass);
      }
      break;
    }
    case PhysicalType::kDecimal: {
      if (!raw.decimal_ints) {
        exact = false;
        break;
      }
      int32_t scale = raw.scale;
      auto convert = [scale](const Value& x, int64_t* out) {
        return DecimalAtScale(x, scale, out);
      };
      if (f.kind != TableFilterKind::kIsNotNull)
        exact = FilterInts(raw.ints.data(), n, f, convert, pass);
      break;
    }
    case PhysicalType::kDouble:
      if (f.kind != TableFilterKind::kIsNotNull)
        exact = FilterDoubles(raw.doubles.data(), n, f, pass);
      break;
    case PhysicalType::kString:
      if (f.kind != TableFilterKind::kIsNotNull &&
          (sql_type.id == TypeId::kText || sql_type.id == TypeId::kVarchar)) {
        exact = FilterStrings(raw, f, pass, cache);
      }
      break;
    case PhysicalType::kInterval:
      exact = false;
      break;
  }
  // Comparisons, IN and IS NOT NULL never hold for NULL.
  if (raw.has_nulls) {
    for (size_t i = 0; i < n; i++) pass[i] &= raw.valid[i];
  }
  return exact;
}

bool FilterRawSegmentAt(const RawSegment& raw, const uint32_t* sel, size_t m,
                        const TableFilter& filter, const LogicalType& sql_type, uint8_t* pass,
                        DictMatchCache* cache) {
  // Dictionary strings: the match table at the selected codes (no copy of the dictionary).
  if (raw.physical == PhysicalType::kString && raw.dictionary &&
      filter.kind != TableFilterKind::kIsNull && filter.kind != TableFilterKind::kIsNotNull) {
    bool exact = (sql_type.id == TypeId::kText || sql_type.id == TypeId::kVarchar) &&
                 StringConstants(filter);
    if (exact) {
      const uint8_t* match = DictMatch(raw, filter, cache);
      const int64_t* codes = raw.codes.data();
      for (size_t k = 0; k < m; k++) pass[k] &= match[codes[sel[k]]];
    }
    if (raw.has_nulls) {
      for (size_t k = 0; k < m; k++) pass[k] &= raw.valid[sel[k]];
    }
    return exact;
  }
  // The selected rows as a segment of their own (records-based classes are never filtered).
  static thread_local RawSegment sub;
  sub.n = static_cast<uint32_t>(m);
  sub.physical = raw.physical;
  sub.has_nulls = raw.has_nulls;
  sub.decimal_ints = raw.decimal_ints;
  sub.scale = raw.scale;
  sub.dictionary = raw.dictionary;
  sub.records = nullptr;
  if (raw.has_nulls) {
    sub.valid.resize(m);
    for (size_t k = 0; k < m; k++) sub.valid[k] = raw.valid[sel[k]];
  }
  switch (raw.physical) {
    case PhysicalType::kInt64:
    case PhysicalType::kDecimal:
      if (raw.physical == PhysicalType::kDecimal && !raw.decimal_ints) return false;
      sub.ints.resize(m);
      for (size_t k = 0; k < m; k++) sub.ints[k] = raw.ints[sel[k]];
      break;
    case PhysicalType::kDouble:
      sub.doubles.resize(m);
      for (size_t k = 0; k < m; k++) sub.doubles[k] = raw.doubles[sel[k]];
      break;
    case PhysicalType::kString:
      // Dictionaries were handled above (only IS [NOT] NULL reaches here for them).
      sub.dictionary = false;
      sub.views.resize(m);
      if (!raw.dictionary) {
        for (size_t k = 0; k < m; k++) sub.views[k] = raw.views[sel[k]];
      }
      break;
    case PhysicalType::kInterval:
      return false;
  }
  return FilterRawSegment(sub, filter, sql_type, pass, cache);
}

std::vector<TableFilter> MergeRangeFilters(const std::vector<TableFilter>& in,
                                           const std::vector<PhysicalType>& column_physical,
                                           std::vector<uint64_t>* covers) {
  std::vector<TableFilter> out;
  covers->clear();
  std::vector<uint8_t> used(in.size(), 0);
  auto bit = [](size_t i) { return i < 64 ? uint64_t{1} << i : uint64_t{0}; };
  auto is_lower = [](TableFilterKind k) {
    return k == TableFilterKind::kGreater || k == TableFilterKind::kGreaterEqual;
  };
  auto is_upper = [](TableFilterKind k) {
    return k == TableFilterKind::kLess || k == TableFilterKind::kLessEqual;
  };
  // The inclusive bound of f as a Value of its class; false when it cannot be formed.
  auto bound = [](const TableFilter& f, PhysicalType p, Value* v) {
    PhysicalType cp = PhysicalOf(f.constant.type());
    if (p == PhysicalType::kInt64 && cp == PhysicalType::kInt64) {
      int64_t c = f.constant.GetInt();
      if (f.kind == TableFilterKind::kGreater) {
        if (c == INT64_MAX) return false;
        c++;
      } else if (f.kind == TableFilterKind::kLess) {
        if (c == INT64_MIN) return false;
        c--;
      }
      *v = Value::BigInt(c);
      return true;
    }
    if (p == PhysicalType::kDecimal && cp == PhysicalType::kDecimal &&
        (f.kind == TableFilterKind::kGreaterEqual || f.kind == TableFilterKind::kLessEqual)) {
      *v = f.constant;
      return true;
    }
    return false;
  };
  for (size_t i = 0; i < in.size(); i++) {
    if (used[i]) continue;
    const TableFilter& lo = in[i];
    uint32_t col = lo.scan_column;
    PhysicalType p = col < column_physical.size() ? column_physical[col] : PhysicalType::kInterval;
    if (is_lower(lo.kind) || is_upper(lo.kind)) {
      for (size_t j = i + 1; j < in.size(); j++) {
        const TableFilter& other = in[j];
        if (used[j] || other.scan_column != col) continue;
        bool pair = (is_lower(lo.kind) && is_upper(other.kind)) ||
                    (is_upper(lo.kind) && is_lower(other.kind));
        if (!pair) continue;
        const TableFilter& l = is_lower(lo.kind) ? lo : other;
        const TableFilter& u = is_lower(lo.kind) ? other : lo;
        Value lv, uv;
        if (!bound(l, p, &lv) || !bound(u, p, &uv)) continue;
        TableFilter m;
        m.scan_column = col;
        m.kind = TableFilterKind::kBetween;
        m.constant = std::move(lv);
        m.upper = std::move(uv);
        out.push_back(std::move(m));
        covers->push_back(bit(i) | bit(j));
        used[i] = used[j] = 1;
        break;
      }
      if (used[i]) continue;
    }
    out.push_back(lo);
    covers->push_back(bit(i));
    used[i] = 1;
  }
  return out;
}

}  // namespace kadedb
