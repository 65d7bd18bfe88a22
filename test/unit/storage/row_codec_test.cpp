// Row codec: every physical class round-trips, NULLs survive, projections decode only the asked
// columns (in any order, duplicates allowed), and short rows read missing columns as NULL.
#include "storage/row_codec.hpp"

#include <gtest/gtest.h>

#include "common/exception.hpp"

namespace kadedb {
namespace {

std::vector<LogicalType> AllTypes() {
  return {TypeId::kBoolean,
          TypeId::kInteger,
          TypeId::kBigInt,
          TypeId::kDouble,
          LogicalType::Decimal(20, 4),
          TypeId::kText,
          TypeId::kInterval,
          TypeId::kUuid,
          TypeId::kTimestamp};
}

std::vector<Value> SampleRow(int i) {
  return {Value::Boolean(i % 2),
          Value::Integer(-i * 1000),
          Value::BigInt(int64_t{1} << (i % 63)),
          Value::Double(i * 0.25 - 3),
          Value::Numeric(Decimal{static_cast<__int128>(i) * 123456789012345ll - 7, 4},
                         LogicalType::Decimal(20, 4)),
          Value::Text(std::string("row\0x", 5) + std::to_string(i)),
          Value::FromInterval(Interval{i, -i, i * 1000000ll}),
          Value::Uuid(std::string(16, static_cast<char>(i))),
          Value::Timestamp(1700000000000000ll + i)};
}

TEST(RowCodecTest, RoundTripAllTypesWithNulls) {
  auto types = AllTypes();
  for (int i = 0; i < 50; i++) {
    std::vector<Value> row = SampleRow(i);
    for (size_t c = 0; c < row.size(); c++) {
      if ((i + c) % 4 == 0) row[c] = Value::Null(types[c]);
    }
    std::string data;
    EncodeRowValues(row, types, &data);
    std::vector<Value> back = DecodeRowValues(data, types);
    ASSERT_EQ(back.size(), row.size());
    for (size_t c = 0; c < row.size(); c++) {
      EXPECT_EQ(back[c].IsNull(), row[c].IsNull()) << "row " << i << " col " << c;
      if (!row[c].IsNull()) {
        EXPECT_EQ(back[c].ToString(), row[c].ToString()) << "col " << c;
      }
    }
  }
}

TEST(RowCodecTest, ChunkEncodingMatchesValueEncoding) {
  auto types = AllTypes();
  DataChunk chunk(types);
  for (int i = 0; i < 10; i++) chunk.AppendRow(SampleRow(i));
  for (int i = 0; i < 10; i++) {
    std::string a, b;
    EncodeRow(chunk, i, &a);
    EncodeRowValues(SampleRow(i), types, &b);
    EXPECT_EQ(a, b);
  }
}

TEST(RowCodecTest, ProjectionAndShortRows) {
  auto types = AllTypes();
  std::string data;
  EncodeRowValues(SampleRow(3), types, &data);
  // Table gained a column after the row was written: it reads as NULL.
  auto wider = types;
  wider.push_back(TypeId::kText);
  RowReader reader(wider, {9, 5, 1, 5});
  std::vector<Vector> out;
  for (uint32_t c : {9u, 5u, 1u, 5u}) {
    out.emplace_back(wider[c]);
    out.back().Resize(2);
  }
  reader.Read(data, out, 1);
  EXPECT_TRUE(out[0].IsNull(1));
  EXPECT_EQ(out[1].strings()[1], std::string("row\0x3", 6));
  EXPECT_EQ(out[2].ints()[1], -3000);
  EXPECT_EQ(out[3].strings()[1], std::string("row\0x3", 6));
}

TEST(RowCodecTest, TruncatedDataThrowsCorruption) {
  auto types = AllTypes();
  std::string data;
  EncodeRowValues(SampleRow(5), types, &data);
  for (size_t cut : {size_t{0}, size_t{1}, size_t{3}, data.size() / 2, data.size() - 1}) {
    try {
      DecodeRowValues(std::string_view(data).substr(0, cut), types);
      FAIL() << "cut at " << cut;
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), "XX001");
    }
  }
}

}  // namespace
}  // namespace kadedb
