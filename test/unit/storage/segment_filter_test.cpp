// Scan filters on raw segments (FilterRawSegment) and late materialisation
// (GatherRawSegment): for every physical class and filter kind the pass mask keeps every row
// the SQL predicate accepts (exactly, where the filter is exact), NULLs never pass a
// comparison, and gathering the selected rows equals decoding the whole segment and picking.
#include "storage/segment_filter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace kadedb {
namespace {

std::string Encode(const Vector& v, LogicalType type) {
  std::string buf;
  ZoneMap zone;
  EncodeSegment(v, 0, v.size(), type, &buf, &zone);
  return buf;
}

std::vector<uint8_t> Pass(const std::string& seg, const Vector& v, const TableFilter& f,
                          LogicalType type) {
  RawSegment raw;
  DecodeSegmentRaw(seg, v.physical(), &raw);
  std::vector<uint8_t> pass(raw.n, 1);
  FilterRawSegment(raw, f, type, pass.data());
  return pass;
}

TableFilter Cmp(TableFilterKind kind, Value c, Value upper = Value()) {
  TableFilter f;
  f.kind = kind;
  f.constant = std::move(c);
  f.upper = std::move(upper);
  return f;
}

TEST(SegmentFilterTest, IntegerComparisonsAreExact) {
  LogicalType t(TypeId::kInteger);
  Vector v{t};
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; i++) {
    if (i % 17 == 0) {
      v.Append(Value::Null(t));
    } else {
      v.Append(Value::Integer(static_cast<int32_t>(rng() % 1000) - 500));
    }
  }
  std::string seg = Encode(v, t);
  struct Case {
    TableFilterKind kind;
    bool (*op)(int64_t, int64_t, int64_t);
  };
  std::vector<Case> cases = {
      {TableFilterKind::kEqual, [](int64_t x, int64_t c, int64_t) { return x == c; }},
      {TableFilterKind::kNotEqual, [](int64_t x, int64_t c, int64_t) { return x != c; }},
      {TableFilterKind::kLess, [](int64_t x, int64_t c, int64_t) { return x < c; }},
      {TableFilterKind::kLessEqual, [](int64_t x, int64_t c, int64_t) { return x <= c; }},
      {TableFilterKind::kGreater, [](int64_t x, int64_t c, int64_t) { return x > c; }},
      {TableFilterKind::kGreaterEqual, [](int64_t x, int64_t c, int64_t) { return x >= c; }},
      {TableFilterKind::kBetween, [](int64_t x, int64_t c, int64_t u) { return x >= c && x <= u; }},
  };
  for (auto& cs : cases) {
    auto pass = Pass(seg, v, Cmp(cs.kind, Value::Integer(17), Value::Integer(120)), t);
    for (size_t i = 0; i < v.size(); i++) {
      bool want = !v.IsNull(i) && cs.op(v.ints()[i], 17, 120);
      ASSERT_EQ(pass[i] != 0, want) << static_cast<int>(cs.kind) << " row " << i;
    }
  }
  TableFilter in;
  in.kind = TableFilterKind::kIn;
  in.values = {Value::Integer(3), Value::Integer(-200), Value::Integer(499)};
  auto pass = Pass(seg, v, in, t);
  for (size_t i = 0; i < v.size(); i++) {
    int64_t x = v.ints()[i];
    bool want = !v.IsNull(i) && (x == 3 || x == -200 || x == 499);
    ASSERT_EQ(pass[i] != 0, want) << i;
  }
  TableFilter is_null;
  is_null.kind = TableFilterKind::kIsNull;
  pass = Pass(seg, v, is_null, t);
  for (size_t i = 0; i < v.size(); i++) ASSERT_EQ(pass[i] != 0, v.IsNull(i)) << i;
  is_null.kind = TableFilterKind::kIsNotNull;
  pass = Pass(seg, v, is_null, t);
  for (size_t i = 0; i < v.size(); i++) ASSERT_EQ(pass[i] != 0, !v.IsNull(i)) << i;
}

TEST(SegmentFilterTest, DecimalConstantsAreRescaled) {
  LogicalType t = LogicalType::Decimal(15, 2);
  Vector v{t};
  for (int i = 0; i < 1000; i++) v.Append(Value::Numeric(Decimal{i % 300, 2}, t));
  std::string seg = Encode(v, t);
  // 1 (scale 0) == 1.00; 0.05 at scale 2; 0.055 at scale 3 is not exact: no filtering.
  auto pass = Pass(seg, v, Cmp(TableFilterKind::kLess, Value::Numeric(Decimal{1, 0})), t);
  for (size_t i = 0; i < v.size(); i++) ASSERT_EQ(pass[i] != 0, (i % 300) < 100) << i;
  pass = Pass(
      seg, v,
      Cmp(TableFilterKind::kBetween, Value::Numeric(Decimal{5, 2}), Value::Numeric(Decimal{70, 3})),
      t);
  for (size_t i = 0; i < v.size(); i++) {
    int64_t m = i % 300;
    ASSERT_EQ(pass[i] != 0, m >= 5 && m <= 7) << i;
  }
  pass = Pass(seg, v, Cmp(TableFilterKind::kLess, Value::Numeric(Decimal{55, 3})), t);
  for (size_t i = 0; i < v.size(); i++) ASSERT_TRUE(pass[i]) << i;
}

TEST(SegmentFilterTest, DoublesKeepNaN) {
  LogicalType t(TypeId::kDouble);
  Vector v{t};
  for (int i = 0; i < 100; i++) v.Append(Value::Double(i % 10 == 0 ? std::nan("") : i * 0.5));
  std::string seg = Encode(v, t);
  auto pass = Pass(seg, v, Cmp(TableFilterKind::kGreater, Value::Double(20.0)), t);
  for (size_t i = 0; i < v.size(); i++) {
    double x = v.doubles()[i];
    ASSERT_EQ(pass[i] != 0, std::isnan(x) || x > 20.0) << i;
  }
}

TEST(SegmentFilterTest, StringsDictionaryAndPlain) {
  LogicalType t(TypeId::kVarchar);
  for (bool dict : {true, false}) {
    Vector v{t};
    for (int i = 0; i < 6000; i++) {
      if (i % 13 == 0) {
        v.Append(Value::Null(t));
      } else {
        v.Append(Value::Varchar(dict ? "m" + std::to_string(i % 7) : "s" + std::to_string(i)));
      }
    }
    std::string seg = Encode(v, t);
    std::string probe = dict ? "m3" : "s4000";
    auto pass = Pass(seg, v, Cmp(TableFilterKind::kEqual, Value::Varchar(probe)), t);
    size_t hits = 0;
    for (size_t i = 0; i < v.size(); i++) {
      bool want = !v.IsNull(i) && v.strings()[i] == probe;
      ASSERT_EQ(pass[i] != 0, want) << i;
      hits += want;
    }
    EXPECT_GT(hits, 0u);
    pass = Pass(seg, v, Cmp(TableFilterKind::kLess, Value::Varchar(probe)), t);
    for (size_t i = 0; i < v.size(); i++) {
      ASSERT_EQ(pass[i] != 0, !v.IsNull(i) && v.strings()[i] < probe) << i;
    }
  }
}

TEST(SegmentFilterTest, GatherEqualsDecodeAndPick) {
  std::vector<LogicalType> types = {LogicalType(TypeId::kBigInt), LogicalType::Decimal(15, 2),
                                    LogicalType(TypeId::kDouble), LogicalType(TypeId::kText),
                                    LogicalType(TypeId::kDate),   LogicalType(TypeId::kInterval)};
  std::mt19937 rng(3);
  for (const LogicalType& t : types) {
    Vector v{t};
    for (int i = 0; i < 3000; i++) {
      if (rng() % 11 == 0) {
        v.Append(Value::Null(t));
        continue;
      }
      int64_t x = static_cast<int64_t>(rng() % 50);
      switch (t.id) {
        case TypeId::kBigInt:
          v.Append(Value::BigInt(x * 1000003));
          break;
        case TypeId::kDecimal:
          v.Append(Value::Numeric(Decimal{x * 7, 2}, t));
          break;
        case TypeId::kDouble:
          v.Append(Value::Double(x / 3.0));
          break;
        case TypeId::kText:
          v.Append(Value::Text("t" + std::to_string(i % 3 == 0 ? x : i)));
          break;
        case TypeId::kDate:
          v.Append(Value::Date(x + 9000));
          break;
        default:
          v.Append(Value::FromInterval(Interval{static_cast<int32_t>(x), 2, x * 5}));
          break;
      }
    }
    std::string seg = Encode(v, t);
    RawSegment raw;
    DecodeSegmentRaw(seg, v.physical(), &raw);
    std::vector<uint32_t> sel;
    for (uint32_t i = 0; i < v.size(); i++)
      if (rng() % 3 == 0) sel.push_back(i);
    // Whole decode, and decoding only the selected positions, gather the same rows.
    RawSegment partial;
    DecodeSegmentRaw(seg, v.physical(), &partial, sel.data(), sel.size());
    for (const RawSegment* r : {&raw, &partial}) {
      Vector out{t};
      GatherRawSegment(*r, sel.data(), sel.size(), out);
      ASSERT_EQ(out.size(), sel.size());
      for (size_t k = 0; k < sel.size(); k++) {
        ASSERT_EQ(out.IsNull(k), v.IsNull(sel[k])) << t.ToString() << " " << k;
        if (!out.IsNull(k)) {
          ASSERT_EQ(out.GetValue(k).ToString(), v.GetValue(sel[k]).ToString()) << t.ToString();
        }
      }
    }
  }
}

}  // namespace
}  // namespace kadedb
