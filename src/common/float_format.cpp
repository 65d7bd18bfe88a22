// Float text output (see float_format.hpp).
#include "common/float_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace kadedb {

namespace {

// sci is std::to_chars scientific output ("-1.2345e+02"): shortest round-trip digits.
std::string FromScientific(const char* begin, const char* end, int plain_limit) {
  std::string sci(begin, end);
  size_t e = sci.find('e');
  int exp = std::atoi(sci.c_str() + e + 1);
  if (exp < -4 || exp >= plain_limit) return sci;
  bool neg = sci[0] == '-';
  std::string digits;
  for (size_t i = neg ? 1 : 0; i < e; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  std::string out = neg ? "-" : "";
  if (exp < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exp - 1), '0');
    out += digits;
  } else if (static_cast<int>(digits.size()) <= exp + 1) {
    out += digits;
    out.append(static_cast<size_t>(exp + 1) - digits.size(), '0');
  } else {
    out += digits.substr(0, exp + 1);
    out += '.';
    out += digits.substr(exp + 1);
  }
  return out;
}

template <typename F>
std::string Format(F v, int plain_limit) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  return FromScientific(buf, res.ptr, plain_limit);
}

}  // namespace

std::string FormatDouble(double v) {
  return Format(v, 15);
}
std::string FormatReal(float v) {
  return Format(v, 6);
}

}  // namespace kadedb
