// Result value formatting as the reference sqllogictest runners print values.
//
// SQLite dialect (slt_sqlite.c): the query's type letter decides: I prints the value converted to
// an integer as sqlite3_column_int does (reals truncate toward zero, text takes its leading
// integer prefix), R prints "%.3f", T prints the text; NULL is "NULL", the empty string
// "(empty)", and bytes outside ' '..'~' print as '@'.
// DuckDB dialect: the value's own text (booleans true/false), NULL and (empty) as above.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "record_runner.hpp"

namespace kadedb {

namespace {

// The value as a long double (for numeric conversions of any type).
long double AsNumber(const Value& v) {
  const LogicalType& t = v.type();
  if (t.IsInteger() || t.id == TypeId::kBoolean) return static_cast<long double>(v.GetInt());
  if (t.IsFloat()) return v.GetDouble();
  std::string s = v.ToString();
  return std::strtold(s.c_str(), nullptr);  // text: leading numeric prefix, else 0
}

std::string Printable(std::string s) {
  for (char& c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < ' ' || u > '~') c = '@';
  }
  return s;
}

}  // namespace

std::string FormatSqliteValue(const Value& v, char type) {
  if (v.IsNull()) return "NULL";
  const LogicalType& t = v.type();
  if (type == 'I') {
    if (t.IsInteger() || t.id == TypeId::kBoolean) return std::to_string(v.GetInt());
    long double x = AsNumber(v);
    if (std::isnan(static_cast<double>(x))) return "0";
    if (x >= 9.2e18L) return "9223372036854775807";
    if (x <= -9.2e18L) return "-9223372036854775808";
    return std::to_string(static_cast<long long>(std::trunc(x)));
  }
  if (type == 'R') {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(AsNumber(v)));
    return buf;
  }
  std::string s = (t.IsString() || t.id == TypeId::kBytea) ? v.GetString() : v.ToString();
  if (s.empty()) return "(empty)";
  return Printable(s);
}

std::string FormatDuckDbValue(const Value& v) {
  if (v.IsNull()) return "NULL";
  if (v.type().id == TypeId::kBoolean) return v.GetBool() ? "true" : "false";
  std::string s = v.type().IsString() ? v.GetString() : v.ToString();
  if (s.empty()) return "(empty)";
  return s;
}

}  // namespace kadedb
