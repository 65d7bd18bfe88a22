// TimeZone::FromName: UTC and fixed offsets (ISO-8601 sign convention, "+02" = east of UTC).
#include <cctype>
#include <cstdlib>

#include "common/time_zone.hpp"

namespace kadedb {

bool TimeZone::FromName(const std::string& name, TimeZone* out) {
  std::string n;
  for (char c : name) n += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (n == "UTC" || n == "GMT" || n == "Z" || n == "ZULU" || n == "ETC/UTC" || n == "UCT" ||
      n == "ETC/GMT" || n == "UNIVERSAL") {
    *out = Utc();
    out->name_ = name;
    return true;
  }
  if (n.empty() || (n[0] != '+' && n[0] != '-')) return false;
  int sign = n[0] == '-' ? -1 : 1;
  size_t pos = 1;
  auto read2 = [&](int* v) {
    size_t start = pos;
    while (pos < n.size() && std::isdigit(static_cast<unsigned char>(n[pos])) && pos - start < 2) {
      ++pos;
    }
    if (pos == start) return false;
    *v = std::atoi(n.substr(start, pos - start).c_str());
    return true;
  };
  int h = 0, m = 0;
  if (!read2(&h)) return false;
  if (pos < n.size() && n[pos] == ':') ++pos;
  if (pos < n.size() && !read2(&m)) return false;
  if (pos != n.size() || h > 15 || m > 59) return false;
  *out = FixedOffset(sign * (h * 3600 + m * 60));
  out->name_ = name;
  return true;
}

}  // namespace kadedb
