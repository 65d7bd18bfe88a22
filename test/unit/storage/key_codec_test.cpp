// Key codec: byte order of encodings must equal value order (ASC, NULLS LAST) for every type,
// on random values, and tuples of components must compare like tuples.
#include "storage/key_codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "common/decimal.hpp"

namespace kadedb {
namespace {

// Sorts values by encoded bytes, then checks each adjacent pair with the value comparator:
// cmp(a, b) < 0 must hold exactly when the encodings differ (and equal encodings mean equal).
void CheckOrder(std::vector<Value> values, const LogicalType& type,
                const std::function<int(const Value&, const Value&)>& cmp) {
  std::vector<std::pair<std::string, Value>> enc;
  for (auto& v : values) {
    std::string k;
    EncodeKeyValue(&k, v, type);
    enc.emplace_back(std::move(k), v);
  }
  std::sort(enc.begin(), enc.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i + 1 < enc.size(); i++) {
    const Value& a = enc[i].second;
    const Value& b = enc[i + 1].second;
    int c = cmp(a, b);
    if (enc[i].first == enc[i + 1].first) {
      EXPECT_EQ(c, 0) << a.ToString() << " vs " << b.ToString();
    } else {
      EXPECT_LT(c, 0) << a.ToString() << " should sort before " << b.ToString();
    }
  }
}

int NullsLast(const Value& a, const Value& b,
              const std::function<int(const Value&, const Value&)>& f) {
  if (a.IsNull() || b.IsNull()) return (a.IsNull() ? 1 : 0) - (b.IsNull() ? 1 : 0);
  return f(a, b);
}

template <typename T>
int Cmp3(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

TEST(KeyCodecTest, IntegersOrder) {
  std::mt19937_64 rng(1);
  std::vector<Value> vals = {Value::BigInt(std::numeric_limits<int64_t>::min()),
                             Value::BigInt(std::numeric_limits<int64_t>::max()),
                             Value::BigInt(0),
                             Value::BigInt(-1),
                             Value::BigInt(1),
                             Value::Null(TypeId::kBigInt)};
  for (int i = 0; i < 2000; i++) {
    int64_t v = static_cast<int64_t>(rng());
    if (i % 3 == 0) v %= 1000;
    vals.push_back(Value::BigInt(v));
  }
  CheckOrder(vals, TypeId::kBigInt, [](const Value& a, const Value& b) {
    return NullsLast(a, b,
                     [](const Value& x, const Value& y) { return Cmp3(x.GetInt(), y.GetInt()); });
  });
}

int DoubleCmp(double a, double b) {
  // PostgreSQL: NaN equals NaN and sorts above everything; -0 == 0.
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return (an ? 1 : 0) - (bn ? 1 : 0);
  return Cmp3(a, b);
}

TEST(KeyCodecTest, DoublesOrder) {
  std::mt19937_64 rng(2);
  std::vector<Value> vals = {Value::Double(0.0),
                             Value::Double(-0.0),
                             Value::Double(std::nan("")),
                             Value::Double(-std::nan("")),
                             Value::Double(std::numeric_limits<double>::infinity()),
                             Value::Double(-std::numeric_limits<double>::infinity()),
                             Value::Double(std::numeric_limits<double>::denorm_min()),
                             Value::Double(-std::numeric_limits<double>::denorm_min()),
                             Value::Double(std::numeric_limits<double>::max()),
                             Value::Double(std::numeric_limits<double>::lowest()),
                             Value::Null(TypeId::kDouble)};
  std::uniform_real_distribution<double> small(-1000, 1000);
  for (int i = 0; i < 2000; i++) {
    double v = i % 2 ? small(rng) : std::bit_cast<double>(rng());
    vals.push_back(Value::Double(v));
  }
  CheckOrder(vals, TypeId::kDouble, [](const Value& a, const Value& b) {
    return NullsLast(a, b, [](const Value& x, const Value& y) {
      return DoubleCmp(x.GetDouble(), y.GetDouble());
    });
  });
}

TEST(KeyCodecTest, DecimalsOrderAcrossScales) {
  std::mt19937_64 rng(3);
  std::vector<Value> vals;
  auto dec = [](__int128 m, int s) { return Value::Numeric(Decimal{m, s}); };
  vals.push_back(dec(0, 0));
  vals.push_back(dec(0, 5));
  vals.push_back(dec(15, 1));   // 1.5
  vals.push_back(dec(150, 2));  // 1.50
  vals.push_back(dec(-15, 1));
  vals.push_back(dec(-150, 2));
  vals.push_back(dec(1, 38));
  vals.push_back(dec(-1, 38));
  __int128 big = 1;
  for (int i = 0; i < 37; i++) big *= 10;
  vals.push_back(dec(big * 9, 0));
  vals.push_back(dec(-big * 9, 0));
  vals.push_back(Value::Null(TypeId::kDecimal));
  for (int i = 0; i < 3000; i++) {
    __int128 m = static_cast<int64_t>(rng());
    if (i % 4 == 0) m = m * static_cast<int64_t>(rng() % 1000000000);
    if (i % 5 == 0) m %= 1000;
    int scale = static_cast<int>(rng() % 20);
    vals.push_back(dec(m, scale));
  }
  CheckOrder(vals, TypeId::kDecimal, [](const Value& a, const Value& b) {
    return NullsLast(a, b, [](const Value& x, const Value& y) {
      return DecimalCompare(x.GetDecimal(), y.GetDecimal());
    });
  });
}

TEST(KeyCodecTest, StringsOrderWithZeroBytes) {
  std::mt19937_64 rng(4);
  std::vector<Value> vals = {Value::Text(""),
                             Value::Text(std::string("\0", 1)),
                             Value::Text(std::string("a\0", 2)),
                             Value::Text("a"),
                             Value::Text(std::string("a\0b", 3)),
                             Value::Text("a\xff"),
                             Value::Null(TypeId::kText)};
  for (int i = 0; i < 2000; i++) {
    std::string s(rng() % 6, ' ');
    for (auto& ch : s)
      ch = static_cast<char>(
          "\0\x01\xff"
          "ab"[rng() % 5]);
    vals.push_back(Value::Text(s));
  }
  CheckOrder(vals, TypeId::kText, [](const Value& a, const Value& b) {
    return NullsLast(a, b, [](const Value& x, const Value& y) {
      int c = x.GetString().compare(y.GetString());  // bytewise (C collation)
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    });
  });
}

TEST(KeyCodecTest, IntervalsOrderByTotal) {
  std::mt19937_64 rng(5);
  std::vector<Value> vals;
  for (int i = 0; i < 2000; i++) {
    Interval iv{static_cast<int32_t>(rng() % 200) - 100, static_cast<int32_t>(rng() % 2000) - 1000,
                static_cast<int64_t>(rng() % 100000000000ll) - 50000000000ll};
    vals.push_back(Value::FromInterval(iv));
  }
  vals.push_back(Value::FromInterval(Interval{1, 0, 0}));
  vals.push_back(Value::FromInterval(Interval{0, 30, 0}));  // equal to 1 month
  CheckOrder(vals, TypeId::kInterval, [](const Value& a, const Value& b) {
    auto total = [](const Interval& iv) {
      return static_cast<__int128>(iv.months) * 30 * 86400000000ll +
             static_cast<__int128>(iv.days) * 86400000000ll + iv.micros;
    };
    return Cmp3(total(a.GetInterval()), total(b.GetInterval()));
  });
}

TEST(KeyCodecTest, UuidsAndDatesOrder) {
  std::mt19937_64 rng(6);
  std::vector<Value> uuids, dates;
  for (int i = 0; i < 500; i++) {
    std::string b(16, '\0');
    for (auto& ch : b) ch = static_cast<char>(rng());
    uuids.push_back(Value::Uuid(b));
    dates.push_back(Value::Date(static_cast<int64_t>(rng() % 100000) - 50000));
  }
  CheckOrder(uuids, TypeId::kUuid, [](const Value& a, const Value& b) {
    int c = a.GetString().compare(b.GetString());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  });
  CheckOrder(dates, TypeId::kDate,
             [](const Value& a, const Value& b) { return Cmp3(a.GetInt(), b.GetInt()); });
}

TEST(KeyCodecTest, TuplesCompareLikeTuples) {
  std::mt19937_64 rng(7);
  struct Row {
    Value a, b;
    std::string key;
  };
  std::vector<Row> rows;
  for (int i = 0; i < 2000; i++) {
    Row r;
    r.a = rng() % 7 == 0 ? Value::Null(TypeId::kInteger)
                         : Value::Integer(static_cast<int32_t>(rng() % 10));
    std::string s(rng() % 3, 'a');
    for (auto& ch : s) ch = static_cast<char>("\0ab"[rng() % 3]);
    r.b = rng() % 7 == 0 ? Value::Null(TypeId::kText) : Value::Text(s);
    EncodeKeyValue(&r.key, r.a, TypeId::kInteger);
    EncodeKeyValue(&r.key, r.b, TypeId::kText);
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.key < y.key; });
  for (size_t i = 0; i + 1 < rows.size(); i++) {
    const Row& x = rows[i];
    const Row& y = rows[i + 1];
    int c = NullsLast(x.a, y.a,
                      [](const Value& p, const Value& q) { return Cmp3(p.GetInt(), q.GetInt()); });
    if (c == 0) {
      c = NullsLast(x.b, y.b, [](const Value& p, const Value& q) {
        int r = p.GetString().compare(q.GetString());
        return r < 0 ? -1 : (r > 0 ? 1 : 0);
      });
    }
    EXPECT_LE(c, 0);
    EXPECT_EQ(c == 0, x.key == y.key);
  }
}

TEST(KeyCodecTest, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor(std::string("ab")), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff")), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff")), "");
  EXPECT_EQ(RowKey(1, 2).size(), 16u);
  EXPECT_LT(RowKey(1, 0xffffffffffffffffull), RowKey(2, 0));
}

}  // namespace
}  // namespace kadedb
