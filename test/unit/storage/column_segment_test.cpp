// Column segments: every encoding round-trips (with and without NULLs, extreme values), the
// chooser picks the expected encoding for typical shapes, bit packing at every width, and zone
// maps exclude exactly what they should.
#include "storage/column_segment.hpp"

#include <gtest/gtest.h>

#include <random>

#include "common/exception.hpp"
#include "storage/bit_packing.hpp"

namespace kadedb {
namespace {

Vector RoundTrip(const Vector& v, SegmentEncoding* enc, ZoneMap* zone,
                 LogicalType type = LogicalType()) {
  std::string buf;
  *enc = EncodeSegment(v, 0, v.size(), type.id == TypeId::kNull ? v.type() : type, &buf, zone);
  Vector out(v.type());
  DecodeSegment(buf, out);
  return out;
}

void ExpectSame(const Vector& a, const Vector& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); i++) {
    ASSERT_EQ(a.IsNull(i), b.IsNull(i)) << i;
    if (a.IsNull(i)) continue;
    ASSERT_EQ(a.GetValue(i).ToString(), b.GetValue(i).ToString()) << i;
  }
}

Vector Ints(const std::vector<int64_t>& values, TypeId t = TypeId::kBigInt) {
  Vector v{LogicalType(t)};
  for (int64_t x : values) v.Append(Value::FromInt(LogicalType(t), x));
  return v;
}

TEST(BitPackingTest, EveryWidthRoundTrips) {
  std::mt19937_64 rng(7);
  for (int w = 0; w <= 64; w++) {
    std::vector<uint64_t> in(1000);
    for (auto& x : in) x = w == 64 ? rng() : (w == 0 ? 0 : rng() & ((uint64_t{1} << w) - 1));
    std::string packed;
    PackBits(in.data(), in.size(), static_cast<uint8_t>(w), &packed);
    ASSERT_EQ(packed.size(), PackedSize(in.size(), static_cast<uint8_t>(w)));
    std::vector<uint64_t> out(in.size());
    UnpackBits(reinterpret_cast<const uint8_t*>(packed.data()), 0, in.size(),
               static_cast<uint8_t>(w), out.data());
    ASSERT_EQ(in, out) << "width " << w;
    // A window in the middle.
    UnpackBits(reinterpret_cast<const uint8_t*>(packed.data()), 333, 100, static_cast<uint8_t>(w),
               out.data());
    for (int i = 0; i < 100; i++) ASSERT_EQ(out[i], in[333 + i]) << "width " << w;
  }
}

TEST(ColumnSegmentTest, IntegerEncodingsChosenAndRoundTrip) {
  SegmentEncoding enc;
  ZoneMap zone;
  std::vector<int64_t> constant(5000, 42), seq(5000), small(5000), runs(5000), wide(5000);
  std::mt19937_64 rng(1);
  for (int i = 0; i < 5000; i++) {
    seq[i] = 1000000 + i * 3;
    small[i] = static_cast<int64_t>(rng() % 50) - 10;
    runs[i] = i / 500;
    wide[i] = static_cast<int64_t>(rng());
  }
  wide[0] = INT64_MIN;
  wide[1] = INT64_MAX;
  struct Case {
    std::vector<int64_t>* values;
    SegmentEncoding expected;
  } cases[] = {{&constant, SegmentEncoding::kConstant},
               {&seq, SegmentEncoding::kDelta},
               {&small, SegmentEncoding::kBitPacked},
               {&runs, SegmentEncoding::kRle},
               {&wide, SegmentEncoding::kBitPacked}};
  for (auto& c : cases) {
    Vector v = Ints(*c.values);
    Vector out = RoundTrip(v, &enc, &zone);
    ExpectSame(v, out);
    EXPECT_EQ(enc, c.expected);
    EXPECT_TRUE(zone.has_stats);
    EXPECT_EQ(zone.int_min, *std::min_element(c.values->begin(), c.values->end()));
    EXPECT_EQ(zone.int_max, *std::max_element(c.values->begin(), c.values->end()));
  }
}

TEST(ColumnSegmentTest, NullsAndAllNull) {
  SegmentEncoding enc;
  ZoneMap zone;
  Vector v{LogicalType(TypeId::kInteger)};
  for (int i = 0; i < 3000; i++) {
    v.Append(i % 7 == 0 ? Value::Null(LogicalType(TypeId::kInteger)) : Value::Integer(i));
  }
  ExpectSame(v, RoundTrip(v, &enc, &zone));
  EXPECT_EQ(zone.null_count, 429u);
  EXPECT_EQ(zone.int_min, 1);
  EXPECT_EQ(zone.int_max, 2999);

  Vector all{LogicalType(TypeId::kText)};
  for (int i = 0; i < 100; i++) all.Append(Value::Null(LogicalType(TypeId::kText)));
  ExpectSame(all, RoundTrip(all, &enc, &zone));
  EXPECT_FALSE(zone.has_stats);
  EXPECT_EQ(zone.null_count, 100u);
}

TEST(ColumnSegmentTest, StringsDictionaryAndPlain) {
  SegmentEncoding enc;
  ZoneMap zone;
  Vector dict{LogicalType(TypeId::kText)}, plain{LogicalType(TypeId::kText)};
  for (int i = 0; i < 4000; i++) {
    dict.Append(Value::Text(i % 3 == 0 ? "AIR" : (i % 3 == 1 ? "MAIL" : "")));
    plain.Append(i == 5 ? Value::Null(LogicalType(TypeId::kText))
                        : Value::Text("comment " + std::to_string(i * 7919)));
  }
  ExpectSame(dict, RoundTrip(dict, &enc, &zone));
  EXPECT_EQ(enc, SegmentEncoding::kDictionary);
  EXPECT_EQ(zone.str_min, "");
  EXPECT_EQ(zone.str_max, "MAIL");
  ExpectSame(plain, RoundTrip(plain, &enc, &zone));
  EXPECT_EQ(enc, SegmentEncoding::kPlain);
  EXPECT_EQ(zone.null_count, 1u);
}

TEST(ColumnSegmentTest, DoublesDecimalsIntervals) {
  SegmentEncoding enc;
  ZoneMap zone;
  Vector d{LogicalType(TypeId::kDouble)};
  for (int i = 0; i < 1000; i++) d.Append(Value::Double(i * 0.25 - 3));
  ExpectSame(d, RoundTrip(d, &enc, &zone));
  EXPECT_EQ(zone.double_min, -3);

  LogicalType dec(TypeId::kDecimal);
  dec.precision = 15;
  dec.scale = 2;
  Vector m(dec);
  for (int i = 0; i < 1000; i++) m.Append(Value::Numeric(Decimal{i * 7 - 100, 2}, dec));
  ExpectSame(m, RoundTrip(m, &enc, &zone));
  EXPECT_EQ(enc, SegmentEncoding::kDelta);  // an arithmetic sequence: every delta is 7
  EXPECT_EQ(zone.dec_scale, 2);
  EXPECT_EQ(static_cast<int64_t>(zone.dec_min), -100);

  // Mantissas beyond int64 and mixed scales use the plain form.
  Vector big{LogicalType(TypeId::kDecimal)};
  big.Append(Value::Numeric(Decimal{static_cast<__int128>(1) << 100, 3}));
  big.Append(Value::Numeric(Decimal{5, 1}));
  ExpectSame(big, RoundTrip(big, &enc, &zone));
  EXPECT_FALSE(zone.has_stats);

  Vector iv{LogicalType(TypeId::kInterval)};
  iv.Append(Value::FromInterval(Interval{1, 2, 3}));
  iv.Append(Value::FromInterval(Interval{-1, 0, 1000000}));
  ExpectSame(iv, RoundTrip(iv, &enc, &zone));
}

TEST(ColumnSegmentTest, DamagedSegmentThrows) {
  Vector v = Ints({1, 2, 3, 5, 8, 13});
  std::string buf;
  ZoneMap zone;
  EncodeSegment(v, 0, v.size(), v.type(), &buf, &zone);
  Vector out(v.type());
  EXPECT_THROW(DecodeSegment(std::string_view(buf).substr(0, buf.size() - 20), out), Exception);
  Vector wrong{LogicalType(TypeId::kText)};
  EXPECT_THROW(DecodeSegment(buf, wrong), Exception);
}

TEST(ZoneMapTest, MayMatch) {
  ZoneMap z;
  z.has_stats = true;
  z.int_min = 10;
  z.int_max = 20;
  z.null_count = 0;
  auto f = [](TableFilterKind k, int64_t c, int64_t upper = 0) {
    TableFilter t;
    t.kind = k;
    t.constant = Value::BigInt(c);
    t.upper = Value::BigInt(upper);
    return t;
  };
  auto p = PhysicalType::kInt64;
  EXPECT_TRUE(z.MayMatch(f(TableFilterKind::kEqual, 10), p, 100));
  EXPECT_FALSE(z.MayMatch(f(TableFilterKind::kEqual, 21), p, 100));
  EXPECT_FALSE(z.MayMatch(f(TableFilterKind::kLess, 10), p, 100));
  EXPECT_TRUE(z.MayMatch(f(TableFilterKind::kLessEqual, 10), p, 100));
  EXPECT_FALSE(z.MayMatch(f(TableFilterKind::kGreater, 20), p, 100));
  EXPECT_TRUE(z.MayMatch(f(TableFilterKind::kGreaterEqual, 20), p, 100));
  EXPECT_FALSE(z.MayMatch(f(TableFilterKind::kBetween, 21, 30), p, 100));
  EXPECT_FALSE(z.MayMatch(f(TableFilterKind::kBetween, 0, 9), p, 100));
  EXPECT_TRUE(z.MayMatch(f(TableFilterKind::kBetween, 0, 10), p, 100));
  EXPECT_FALSE(z.MayMatch(f(TableFilterKind::kIsNull, 0), p, 100));
  TableFilter in;
  in.kind = TableFilterKind::kIn;
  in.values = {Value::BigInt(1), Value::BigInt(30)};
  EXPECT_FALSE(z.MayMatch(in, p, 100));
  in.values.push_back(Value::BigInt(15));
  EXPECT_TRUE(z.MayMatch(in, p, 100));
  ZoneMap constant = z;
  constant.int_max = 10;
  EXPECT_FALSE(constant.MayMatch(f(TableFilterKind::kNotEqual, 10), p, 100));
  // Serialisation keeps everything.
  std::string buf;
  z.Serialize(&buf);
  ZoneMap back;
  std::string_view in_view = buf;
  ASSERT_TRUE(back.Deserialize(&in_view));
  EXPECT_EQ(back.int_min, 10);
  EXPECT_EQ(back.int_max, 20);
  EXPECT_TRUE(in_view.empty());
}

}  // namespace
}  // namespace kadedb
