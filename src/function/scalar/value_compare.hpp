// Three-way comparison of physical values, with PostgreSQL's orderings: NaN above every double
// and equal to itself, numerics by value, strings bytewise (C collation), intervals by their
// 30-day-month length. Used by greatest/least, nullif and the min/max aggregates.
#pragma once

#include <cmath>
#include <string>

#include "common/datetime.hpp"
#include "common/decimal.hpp"

namespace kadedb {

inline int CompareValues(int64_t a, int64_t b) {
  return (a > b) - (a < b);
}
inline int CompareValues(double a, double b) {
  if (std::isnan(a)) return std::isnan(b) ? 0 : 1;
  if (std::isnan(b)) return -1;
  return (a > b) - (a < b);
}
inline int CompareValues(const Decimal& a, const Decimal& b) {
  return DecimalCompare(a, b);
}
inline int CompareValues(const std::string& a, const std::string& b) {
  int c = a.compare(b);  // char_traits<char>::compare orders as unsigned char, like memcmp
  return (c > 0) - (c < 0);
}
inline int CompareValues(const Interval& a, const Interval& b) {
  return IntervalCompare(a, b);
}

}  // namespace kadedb
