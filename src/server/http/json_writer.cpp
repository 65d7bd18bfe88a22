// JSON encoding of SQL values for the HTTP API (json_writer.hpp).
#include "server/http/json_writer.hpp"

#include <cmath>
#include <cstdio>

#include "common/array_format.hpp"
#include "common/decimal.hpp"
#include "common/float_format.hpp"
#include "common/json_string.hpp"

namespace kadedb {

namespace {

void AppendDouble(std::string& out, double v, bool is_real) {
  if (std::isnan(v) || std::isinf(v)) {
    out += '"';
    out += std::isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity");
    out += '"';
    return;
  }
  out += is_real ? FormatReal(static_cast<float>(v)) : FormatDouble(v);
}

// PostgreSQL's "2024-01-02 03:04:05.5+00" -> ISO 8601 "2024-01-02T03:04:05.5Z".
std::string IsoTimestamp(std::string text, bool with_zone) {
  size_t space = text.find(' ');
  if (space != std::string::npos && space >= 10) text[space] = 'T';
  if (with_zone && text.size() > 3 && text.compare(text.size() - 3, 3, "+00") == 0) {
    text.replace(text.size() - 3, 3, "Z");
  }
  return text;
}

void AppendHex(std::string& out, const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  out += "\"\\\\x";
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  out += '"';
}

}  // namespace

void AppendJsonValue(std::string& out, const Value& value) {
  if (value.IsNull()) {
    out += "null";
    return;
  }
  const LogicalType& type = value.type();
  switch (type.id) {
    case TypeId::kBoolean:
      out += value.GetBool() ? "true" : "false";
      return;
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      out += std::to_string(value.GetInt());
      return;
    case TypeId::kReal:
    case TypeId::kDouble:
      AppendDouble(out, value.GetDouble(), type.id == TypeId::kReal);
      return;
    case TypeId::kDecimal:
      AppendJsonString(out, DecimalToString(value.GetDecimal()));
      return;
    case TypeId::kBytea:
      AppendHex(out, value.GetString());
      return;
    case TypeId::kVarchar:
    case TypeId::kText:
      AppendJsonString(out, value.GetString());
      return;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      AppendJsonString(out, IsoTimestamp(value.ToString(), type.id == TypeId::kTimestampTz));
      return;
    case TypeId::kArray: {
      std::vector<Value> items = DecodeArray(value.GetString(), type.ElementType());
      out += '[';
      for (size_t i = 0; i < items.size(); i++) {
        if (i > 0) out += ',';
        AppendJsonValue(out, items[i]);
      }
      out += ']';
      return;
    }
    default:
      AppendJsonString(out, value.ToString());
      return;
  }
}

void AppendJsonCell(std::string& out, const Vector& v, size_t row) {
  if (v.IsNull(row)) {
    out += "null";
    return;
  }
  // Fast paths for the common physical layouts; everything else goes through Value.
  switch (v.type().id) {
    case TypeId::kBoolean:
      out += v.ints()[row] != 0 ? "true" : "false";
      return;
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      out += std::to_string(v.ints()[row]);
      return;
    case TypeId::kReal:
    case TypeId::kDouble:
      AppendDouble(out, v.doubles()[row], v.type().id == TypeId::kReal);
      return;
    case TypeId::kVarchar:
    case TypeId::kText:
      AppendJsonString(out, v.strings()[row]);
      return;
    default:
      AppendJsonValue(out, v.GetValue(row));
  }
}

std::string JsonTypeName(const LogicalType& type) {
  return type.ToString();
}

}  // namespace kadedb
