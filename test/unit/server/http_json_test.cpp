// The HTTP API's JSON reader and writer: escaping, UTF-8 repair, number text kept exact, value
// encodings per type, malformed input rejected with a position, depth limit.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "common/array_format.hpp"
#include "server/http/json_reader.hpp"
#include "server/http/json_writer.hpp"

namespace kadedb {
namespace {

std::string Str(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

std::string Val(const Value& v) {
  std::string out;
  AppendJsonValue(out, v);
  return out;
}

TEST(HttpJsonWriter, EscapesStrings) {
  EXPECT_EQ(Str("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Str("line\nnext\ttab"), "\"line\\nnext\\ttab\"");
  EXPECT_EQ(Str(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
  EXPECT_EQ(Str("caf\xC3\xA9 \xF0\x9F\x98\x80"), "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
}

TEST(HttpJsonWriter, ReplacesInvalidUtf8) {
  EXPECT_EQ(Str("a\xFF"
                "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(Str("\xC3"), "\"\xEF\xBF\xBD\"");                                  // truncated sequence
  EXPECT_EQ(Str("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  EXPECT_EQ(Str("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                  // overlong
}

TEST(HttpJsonWriter, EncodesValuesByType) {
  EXPECT_EQ(Val(Value()), "null");
  EXPECT_EQ(Val(Value::Boolean(true)), "true");
  EXPECT_EQ(Val(Value::Integer(-42)), "-42");
  EXPECT_EQ(Val(Value::BigInt(9007199254740993LL)), "9007199254740993");
  EXPECT_EQ(Val(Value::Double(1.5)), "1.5");
  EXPECT_EQ(Val(Value::Double(NAN)), "\"NaN\"");
  EXPECT_EQ(Val(Value::Double(-INFINITY)), "\"-Infinity\"");
  Decimal d;
  d.mantissa = 12345678901234567;
  d.mantissa *= 1000;
  d.scale = 3;
  EXPECT_EQ(Val(Value::Numeric(d)), "\"12345678901234567.000\"");
  EXPECT_EQ(Val(Value::Text("hi")), "\"hi\"");
  EXPECT_EQ(Val(Value::Bytea(std::string("\x00\xff\x10", 3))), "\"\\\\x00ff10\"");
  EXPECT_EQ(Val(Value::Date(19724)), "\"2024-01-02\"");
  EXPECT_EQ(Val(Value::Timestamp(1704164645500000LL)), "\"2024-01-02T03:04:05.5\"");
  EXPECT_EQ(Val(Value::TimestampTz(1704164645000000LL)), "\"2024-01-02T03:04:05Z\"");
}

TEST(HttpJsonWriter, EncodesArraysAsJsonArrays) {
  LogicalType element(TypeId::kInteger);
  std::string encoded =
      EncodeArray(element, {Value::Integer(1), Value::Null(element), Value::Integer(3)});
  EXPECT_EQ(Val(Value::Array(LogicalType::Array(element), encoded)), "[1,null,3]");
  LogicalType text(TypeId::kText);
  encoded = EncodeArray(text, {Value::Text("a\"b")});
  EXPECT_EQ(Val(Value::Array(LogicalType::Array(text), encoded)), "[\"a\\\"b\"]");
}

TEST(HttpJsonWriter, EncodesVectorCells) {
  Vector v(LogicalType(TypeId::kInteger), 2);
  v.Resize(2);
  v.ints()[0] = 7;
  v.SetNull(1, true);
  std::string out;
  AppendJsonCell(out, v, 0);
  out += ',';
  AppendJsonCell(out, v, 1);
  EXPECT_EQ(out, "7,null");
}

TEST(HttpJsonReader, ParsesDocuments) {
  JsonValue v;
  std::string error;
  ASSERT_TRUE(
      ParseJson(R"( {"sql": "SELECT $1", "params": [1, 2.50, "x", true, null, [1]]} )", &v, &error))
      << error;
  ASSERT_EQ(v.kind, JsonValue::Kind::kObject);
  EXPECT_EQ(v.Find("sql")->text, "SELECT $1");
  const JsonValue* params = v.Find("params");
  ASSERT_EQ(params->items.size(), 6u);
  EXPECT_TRUE(params->items[0].IsIntegerLiteral());
  EXPECT_EQ(params->items[1].text, "2.50");  // the literal, not a double
  EXPECT_FALSE(params->items[1].IsIntegerLiteral());
  EXPECT_EQ(params->items[2].text, "x");
  EXPECT_TRUE(params->items[3].boolean);
  EXPECT_EQ(params->items[4].kind, JsonValue::Kind::kNull);
  EXPECT_EQ(params->items[5].kind, JsonValue::Kind::kArray);
  EXPECT_EQ(v.Find("missing"), nullptr);
}

TEST(HttpJsonReader, DecodesEscapes) {
  JsonValue v;
  std::string error;
  ASSERT_TRUE(ParseJson(R"("a\n\"\\\/\u00e9\ud83d\ude00")", &v, &error)) << error;
  EXPECT_EQ(v.text, "a\n\"\\/\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(HttpJsonReader, RejectsMalformedInput) {
  JsonValue v;
  std::string error;
  for (const char* bad : {"", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "01", "1.", "-", "\"abc",
                          "\"\\x\"", "\"\\ud800\"", "tru", "{} x", "\"a\nb\"", "{1:2}", "nul"}) {
    EXPECT_FALSE(ParseJson(bad, &v, &error)) << bad;
    EXPECT_NE(error.find("at byte"), std::string::npos) << error;
  }
}

TEST(HttpJsonReader, LimitsDepth) {
  JsonValue v;
  std::string error;
  std::string deep(kMaxJsonDepth + 1, '[');
  deep += std::string(kMaxJsonDepth + 1, ']');
  EXPECT_FALSE(ParseJson(deep, &v, &error));
  EXPECT_NE(error.find("too deeply"), std::string::npos) << error;
  std::string ok(kMaxJsonDepth - 1, '[');
  ok += std::string(kMaxJsonDepth - 1, ']');
  EXPECT_TRUE(ParseJson(ok, &v, &error)) << error;
}

}  // namespace
}  // namespace kadedb
