// Value text output (PostgreSQL's output functions), LogicalType names, Status, Vector/DataChunk.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "kadedb/data_chunk.hpp"
#include "kadedb/status.hpp"

namespace kadedb {
namespace {

TEST(ValueTest, NumbersPrintLikePostgres) {
  EXPECT_EQ(Value::Boolean(true).ToString(), "t");
  EXPECT_EQ(Value::Boolean(false).ToString(), "f");
  EXPECT_EQ(Value::BigInt(INT64_MIN).ToString(), "-9223372036854775808");
  EXPECT_EQ(Value::Double(0.1).ToString(), "0.1");
  EXPECT_EQ(Value::Double(1e20).ToString(), "1e+20");
  EXPECT_EQ(Value::Double(1e15).ToString(), "1e+15");
  EXPECT_EQ(Value::Double(123456789012345.0).ToString(), "123456789012345");
  EXPECT_EQ(Value::Double(0.0001).ToString(), "0.0001");
  EXPECT_EQ(Value::Double(0.00001).ToString(), "1e-05");
  EXPECT_EQ(Value::Double(-0.0).ToString(), "-0");
  EXPECT_EQ(Value::Double(1.0 / 3).ToString(), "0.3333333333333333");
  EXPECT_EQ(Value::Double(std::numeric_limits<double>::infinity()).ToString(), "Infinity");
  EXPECT_EQ(Value::Double(-std::numeric_limits<double>::infinity()).ToString(), "-Infinity");
  EXPECT_EQ(Value::Double(std::nan("")).ToString(), "NaN");
  EXPECT_EQ(Value::Double(1.7976931348623157e308).ToString(), "1.7976931348623157e+308");
  EXPECT_EQ(Value::Real(1000000.f).ToString(), "1e+06");
  EXPECT_EQ(Value::Real(100000.f).ToString(), "100000");
  EXPECT_EQ(Value::Real(0.1f).ToString(), "0.1");
  EXPECT_EQ(Value::Numeric(Decimal{150, 2}).ToString(), "1.50");
  EXPECT_EQ(Value::Numeric(Decimal{-1, 3}).ToString(), "-0.001");
  EXPECT_EQ(Value::Numeric(Decimal{0, 2}).ToString(), "0.00");
}

TEST(ValueTest, OtherTypesPrintLikePostgres) {
  EXPECT_EQ(Value::Date(DaysFromCivil(2024, 1, 2)).ToString(), "2024-01-02");
  EXPECT_EQ(Value::Date(DaysFromCivil(0, 1, 1)).ToString(), "0001-01-01 BC");
  EXPECT_EQ(Value::Time(13 * kMicrosPerHour + 4 * kMicrosPerMinute + 5 * kMicrosPerSecond + 123000)
                .ToString(),
            "13:04:05.123");
  int64_t ts = DaysFromCivil(2024, 1, 2) * kMicrosPerDay + 13 * kMicrosPerHour +
               4 * kMicrosPerMinute + 5 * kMicrosPerSecond;
  EXPECT_EQ(Value::Timestamp(ts).ToString(), "2024-01-02 13:04:05");
  EXPECT_EQ(Value::TimestampTz(ts).ToString(), "2024-01-02 13:04:05+00");
  EXPECT_EQ(Value::FromInterval(
                Interval{14, 3, 4 * kMicrosPerHour + 5 * kMicrosPerMinute + 6 * kMicrosPerSecond})
                .ToString(),
            "1 year 2 mons 3 days 04:05:06");
  EXPECT_EQ(Value::FromInterval(Interval{}).ToString(), "00:00:00");
  EXPECT_EQ(Value::Bytea(std::string("\x01\x02", 2)).ToString(), "\\x0102");
  EXPECT_EQ(Value::Bytea("").ToString(), "\\x");
  EXPECT_EQ(Value::Uuid(
                std::string("\xa0\xee\xbc\x99\x9c\x0b\x4e\xf8\xbb\x6d\x6b\xb9\xbd\x38\x0a\x11", 16))
                .ToString(),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(Value().ToString(), "NULL");
  EXPECT_EQ(Value::Null(TypeId::kInteger).ToString(), "NULL");
  EXPECT_EQ(Value::Varchar("ab", 5).type(), LogicalType::Varchar(5));
}

TEST(TypeTest, PostgresSpelling) {
  EXPECT_EQ(LogicalType(TypeId::kNull).ToString(), "unknown");
  EXPECT_EQ(LogicalType(TypeId::kDouble).ToString(), "double precision");
  EXPECT_EQ(LogicalType(TypeId::kDecimal).ToString(), "numeric");
  EXPECT_EQ(LogicalType::Decimal(10, 2).ToString(), "numeric(10,2)");
  EXPECT_EQ(LogicalType::Varchar(20).ToString(), "character varying(20)");
  EXPECT_EQ(LogicalType(TypeId::kVarchar).ToString(), "character varying");
  EXPECT_EQ(LogicalType(TypeId::kTimestampTz).ToString(), "timestamp with time zone");
  EXPECT_EQ(LogicalType(TypeId::kTime).ToString(), "time without time zone");
}

TEST(StatusTest, ErrorAndOk) {
  Status ok = Status::OK();
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.sqlstate(), "00000");
  EXPECT_EQ(ok.ToString(), "OK");
  Status e = Status::Error("42P01", "relation \"t\" does not exist", 15, "d", "h");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.sqlstate(), "42P01");
  EXPECT_EQ(e.position(), 15);
  EXPECT_EQ(e.detail(), "d");
  EXPECT_EQ(e.hint(), "h");
  EXPECT_EQ(e.ToString(), "ERROR 42P01: relation \"t\" does not exist");
}

TEST(VectorTest, AppendSliceAndChunks) {
  Vector v(TypeId::kText);
  v.Append(Value::Text("a"));
  v.Append(Value::Null(TypeId::kText));
  v.Append(Value::Text("c"));
  EXPECT_EQ(v.physical(), PhysicalType::kString);
  EXPECT_EQ(v.size(), 3u);
  EXPECT_TRUE(v.IsNull(1));
  v.Slice({2, 2, 0});
  EXPECT_EQ(v.GetValue(0).ToString(), "c");
  EXPECT_EQ(v.GetValue(1).ToString(), "c");
  EXPECT_EQ(v.GetValue(2).ToString(), "a");

  DataChunk chunk({TypeId::kInteger, LogicalType::Decimal(5, 2), TypeId::kReal});
  chunk.AppendRow({Value::Integer(1), Value::Numeric(Decimal{150, 2}, LogicalType::Decimal(5, 2)),
                   Value::Real(0.5f)});
  chunk.AppendRow({Value::Null(TypeId::kInteger), Value::Null(TypeId::kDecimal), Value::Real(2)});
  EXPECT_EQ(chunk.size(), 2u);
  EXPECT_EQ(chunk.GetValue(1, 0).ToString(), "1.50");
  EXPECT_EQ(chunk.GetValue(1, 0).type(), LogicalType::Decimal(5, 2));
  EXPECT_EQ(chunk.GetValue(2, 0).type().id, TypeId::kReal);
  EXPECT_TRUE(chunk.GetValue(0, 1).IsNull());
  DataChunk copy(chunk.Types());
  copy.AppendRowFrom(chunk, 1);
  EXPECT_EQ(copy.size(), 1u);
  EXPECT_EQ(copy.GetValue(2, 0).ToString(), "2");
  chunk.SetSize(5);
  EXPECT_EQ(chunk.column(0).size(), 5u);
  EXPECT_FALSE(chunk.column(0).IsNull(4));
  EXPECT_EQ(PhysicalOf(TypeId::kInterval), PhysicalType::kInterval);
  EXPECT_EQ(PhysicalOf(TypeId::kUuid), PhysicalType::kString);
  EXPECT_EQ(PhysicalOf(TypeId::kTimestampTz), PhysicalType::kInt64);
}

}  // namespace
}  // namespace kadedb
