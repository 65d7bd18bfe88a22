// JSON encoding of SQL values for the HTTP API (json_writer.hpp).
#include "server/http/json_writer.hpp"

#include <cmath>
#include <cstdio>

#include "common/array_format.hpp"
#include "common/decimal.hpp"
#include "common/float_format.hpp"

namespace kadedb {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there are not one.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; k++) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;  // surrogates are not characters
  return n;
}

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

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = Utf8SequenceLength(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";  // U+FFFD
        i++;
      } else {
        out.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
    i++;
  }
  out += '"';
}

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
