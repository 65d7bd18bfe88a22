// Text input functions for every type (PostgreSQL's boolin, int4in, float8in, numeric_in, ...)
// and ParseValue on top of them.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "common/blob_format.hpp"
#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "function/cast/cast_array.hpp"
#include "function/cast/cast_internal.hpp"

namespace kadedb {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

[[noreturn]] void ThrowSyntax(const char* type, std::string_view text) {
  throw Exception(
      sqlstate::kInvalidTextRepresentation,
      std::string("invalid input syntax for type ") + type + ": \"" + std::string(text) + "\"");
}

bool IsPrefixOf(std::string_view s, std::string_view word) {
  return !s.empty() && s.size() <= word.size() && word.substr(0, s.size()) == s;
}

}  // namespace

bool ParseBoolText(std::string_view text, bool* out) {
  std::string_view t = Trim(text);
  std::string s;
  for (char c : t) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (IsPrefixOf(s, "true") || IsPrefixOf(s, "yes") || s == "on" || s == "1") {
    *out = true;
    return true;
  }
  if (IsPrefixOf(s, "false") || IsPrefixOf(s, "no") || (s.size() >= 2 && IsPrefixOf(s, "off")) ||
      s == "0") {
    *out = false;
    return true;
  }
  return false;
}

int64_t ParseIntegerText(std::string_view text, TypeId id) {
  const char* type = id == TypeId::kSmallInt  ? "smallint"
                     : id == TypeId::kInteger ? "integer"
                                              : "bigint";
  std::string_view s = Trim(text);
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  if (i >= s.size()) ThrowSyntax(type, text);
  // Accumulate negatively so INT64_MIN parses.
  int64_t v = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_' && i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1])) &&
        i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      continue;  // PostgreSQL 16 digit separators
    }
    if (c < '0' || c > '9') ThrowSyntax(type, text);
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_sub_overflow(v, c - '0', &v)) {
      overflow = true;
    }
  }
  if (!negative) {
    if (v == std::numeric_limits<int64_t>::min()) {
      overflow = true;
    } else {
      v = -v;
    }
  }
  int64_t lo = id == TypeId::kSmallInt ? INT16_MIN : id == TypeId::kInteger ? INT32_MIN : INT64_MIN;
  int64_t hi = id == TypeId::kSmallInt ? INT16_MAX : id == TypeId::kInteger ? INT32_MAX : INT64_MAX;
  if (overflow || v < lo || v > hi) {
    throw Exception(sqlstate::kNumericOutOfRange,
                    "value \"" + std::string(text) + "\" is out of range for type " + type);
  }
  return v;
}

double ParseFloatText(std::string_view text, bool is_real) {
  const char* type = is_real ? "real" : "double precision";
  std::string s(Trim(text));
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view body = lower;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == "nan" && lower == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (body == "infinity" || body == "inf") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (s.empty()) ThrowSyntax(type, text);
  // strtod also accepts hex floats and "nan(...)"; PostgreSQL's syntax is decimal only.
  for (char c : lower) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == '+' ||
          c == '-')) {
      ThrowSyntax(type, text);
    }
  }
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') ThrowSyntax(type, text);
  bool out_of_range = errno == ERANGE && (v == 0 || std::isinf(v));
  if (is_real && !out_of_range) {
    float f = static_cast<float>(v);
    out_of_range = std::isinf(f) || (f == 0 && v != 0);
    v = f;
  }
  if (out_of_range) {
    throw Exception(sqlstate::kNumericOutOfRange,
                    "\"" + std::string(text) + "\" is out of range for type " + type);
  }
  return v;
}

void ParseInto(std::string_view text, const LogicalType& type, Vector& out, size_t i) {
  switch (type.id) {
    case TypeId::kNull:
      out.SetNull(i, true);
      return;
    case TypeId::kBoolean: {
      bool b;
      if (!ParseBoolText(text, &b)) ThrowSyntax("boolean", text);
      out.ints()[i] = b ? 1 : 0;
      return;
    }
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
      out.ints()[i] = ParseIntegerText(text, type.id);
      return;
    case TypeId::kReal:
    case TypeId::kDouble:
      out.doubles()[i] = ParseFloatText(text, type.id == TypeId::kReal);
      return;
    case TypeId::kDecimal: {
      Decimal d = DecimalParse(text);
      out.decimals()[i] =
          type.precision > 0 ? DecimalApplyTypmod(d, type.precision, type.scale) : d;
      return;
    }
    case TypeId::kVarchar:
    case TypeId::kText:
      out.strings()[i] = std::string(text);
      if (type.id == TypeId::kVarchar && type.length > 0) {
        ApplyVarcharLength(out.strings()[i], type.length, false);
      }
      return;
    case TypeId::kBytea:
      out.strings()[i] = ParseBytea(text);
      return;
    case TypeId::kUuid:
      out.strings()[i] = ParseUuid(text);
      return;
    case TypeId::kDate:
      out.ints()[i] = ParseDate(text);
      return;
    case TypeId::kTime:
      out.ints()[i] = ParseTime(text);
      return;
    case TypeId::kTimestamp:
      out.ints()[i] = ParseTimestamp(text);
      return;
    case TypeId::kTimestampTz:
      out.ints()[i] = ParseTimestampTz(text);
      return;
    case TypeId::kInterval:
      out.intervals()[i] = ParseInterval(text);
      return;
    case TypeId::kArray:
      out.strings()[i] = ParseArrayText(text, type.ElementType());
      return;
  }
}

Value ParseValue(std::string_view text, const LogicalType& type) {
  Vector v(type, 1);
  v.Resize(1);
  ParseInto(text, type, v, 0);
  return v.GetValue(0);
}

}  // namespace kadedb
