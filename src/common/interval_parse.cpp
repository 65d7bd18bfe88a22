// Interval text input: PostgreSQL's postgres style ('1 year 2 mons 3 days 04:05:06',
// '2 hours 30 minutes', '-1 day', '1.5 days', '3 days ago', '@ 1 day', plain '5' = seconds) and
// ISO 8601 durations ('P1Y2M3DT4H5M6S', 'PT1.5S').
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "common/datetime.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

[[noreturn]] void ThrowSyntax(std::string_view text) {
  throw Exception(sqlstate::kInvalidDatetimeFormat,
                  "invalid input syntax for type interval: \"" + std::string(text) + "\"");
}
[[noreturn]] void ThrowRange(std::string_view text) {
  throw Exception(sqlstate::kDatetimeFieldOverflow,
                  "interval field value out of range: \"" + std::string(text) + "\"");
}

enum class Unit : uint8_t {
  kMicro,
  kMilli,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kUnknown
};

Unit UnitOf(std::string u) {
  for (auto& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u == "microsecond" || u == "microseconds" || u == "us" || u == "usec" || u == "usecs" ||
      u == "useconds")
    return Unit::kMicro;
  if (u == "millisecond" || u == "milliseconds" || u == "ms" || u == "msec" || u == "msecs" ||
      u == "mseconds")
    return Unit::kMilli;
  if (u == "second" || u == "seconds" || u == "s" || u == "sec" || u == "secs")
    return Unit::kSecond;
  if (u == "minute" || u == "minutes" || u == "m" || u == "min" || u == "mins")
    return Unit::kMinute;
  if (u == "hour" || u == "hours" || u == "h" || u == "hr" || u == "hrs") return Unit::kHour;
  if (u == "day" || u == "days" || u == "d") return Unit::kDay;
  if (u == "week" || u == "weeks" || u == "w") return Unit::kWeek;
  if (u == "month" || u == "months" || u == "mon" || u == "mons") return Unit::kMonth;
  if (u == "year" || u == "years" || u == "y" || u == "yr" || u == "yrs") return Unit::kYear;
  if (u == "decade" || u == "decades") return Unit::kDecade;
  if (u == "century" || u == "centuries" || u == "c") return Unit::kCentury;
  if (u == "millennium" || u == "millennia" || u == "millenniums") return Unit::kMillennium;
  return Unit::kUnknown;
}

// Accumulates fields in long double so fractions spill down like PostgreSQL (months -> 30-day
// days -> 24-hour micros), then rounds the micros.
struct Accumulator {
  long double months = 0, days = 0, micros = 0;
  void Add(Unit u, long double v) {
    switch (u) {
      case Unit::kMicro:
        micros += v;
        break;
      case Unit::kMilli:
        micros += v * 1000;
        break;
      case Unit::kSecond:
        micros += v * kMicrosPerSecond;
        break;
      case Unit::kMinute:
        micros += v * kMicrosPerMinute;
        break;
      case Unit::kHour:
        micros += v * kMicrosPerHour;
        break;
      case Unit::kDay:
        days += v;
        break;
      case Unit::kWeek:
        days += v * 7;
        break;
      case Unit::kMonth:
        months += v;
        break;
      case Unit::kYear:
        months += v * 12;
        break;
      case Unit::kDecade:
        months += v * 120;
        break;
      case Unit::kCentury:
        months += v * 1200;
        break;
      case Unit::kMillennium:
        months += v * 12000;
        break;
      case Unit::kUnknown:
        break;
    }
  }
  Interval Finish(std::string_view text, bool negate) const {
    long double m = std::trunc(months);
    long double d = days + (months - m) * 30;
    long double dwhole = std::trunc(d);
    long double us = micros + (d - dwhole) * kMicrosPerDay;
    if (negate) m = -m, dwhole = -dwhole, us = -us;
    if (std::fabs(m) > INT32_MAX || std::fabs(dwhole) > INT32_MAX || std::fabs(us) > 9.2e18L) {
      ThrowRange(text);
    }
    Interval r;
    r.months = static_cast<int32_t>(m);
    r.days = static_cast<int32_t>(dwhole);
    r.micros = static_cast<int64_t>(std::llround(us));
    return r;
  }
};

bool IsDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// "[+-]digits[.digits]" at pos. Returns false if no number.
bool ReadNumber(std::string_view s, size_t& pos, long double* v, bool* had_sign_minus) {
  size_t start = pos;
  bool neg = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) neg = s[pos++] == '-';
  size_t digits_start = pos;
  while (pos < s.size() && (IsDigit(s[pos]) || s[pos] == '.')) ++pos;
  if (pos == digits_start) {
    pos = start;
    return false;
  }
  std::string num(s.substr(digits_start, pos - digits_start));
  if (std::count(num.begin(), num.end(), '.') > 1 || num == ".") {
    pos = start;
    return false;
  }
  *v = std::strtold(num.c_str(), nullptr);
  if (neg) *v = -*v;
  if (had_sign_minus) *had_sign_minus = neg;
  return true;
}

Interval ParseIso(std::string_view text, std::string_view s) {
  Accumulator acc;
  size_t pos = 1;  // after 'P'
  bool in_time = false;
  if (pos >= s.size()) ThrowSyntax(text);
  while (pos < s.size()) {
    if (s[pos] == 'T' || s[pos] == 't') {
      in_time = true;
      ++pos;
      continue;
    }
    long double v;
    if (!ReadNumber(s, pos, &v, nullptr) || pos >= s.size()) ThrowSyntax(text);
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(s[pos++])));
    if (!in_time && u == 'Y')
      acc.Add(Unit::kYear, v);
    else if (!in_time && u == 'M')
      acc.Add(Unit::kMonth, v);
    else if (!in_time && u == 'W')
      acc.Add(Unit::kWeek, v);
    else if (!in_time && u == 'D')
      acc.Add(Unit::kDay, v);
    else if (in_time && u == 'H')
      acc.Add(Unit::kHour, v);
    else if (in_time && u == 'M')
      acc.Add(Unit::kMinute, v);
    else if (in_time && u == 'S')
      acc.Add(Unit::kSecond, v);
    else
      ThrowSyntax(text);
  }
  return acc.Finish(text, false);
}

}  // namespace

Interval ParseInterval(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty()) ThrowSyntax(text);
  if (s[0] == 'P' || s[0] == 'p') return ParseIso(text, s);
  if (s[0] == '@') s.remove_prefix(1);

  Accumulator acc;
  bool ago = false, any = false;
  size_t pos = 0;
  auto skip_spaces = [&] {
    while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
  };
  while (true) {
    skip_spaces();
    if (pos >= s.size()) break;
    if (ago) ThrowSyntax(text);
    // Time field: [-]H:M[:S[.f]]
    size_t colon = s.find(':', pos);
    size_t word_end = pos;
    while (word_end < s.size() && !std::isspace(static_cast<unsigned char>(s[word_end])))
      ++word_end;
    if (colon != std::string_view::npos && colon < word_end) {
      std::string_view field = s.substr(pos, word_end - pos);
      bool neg = false;
      if (!field.empty() && (field[0] == '-' || field[0] == '+')) {
        neg = field[0] == '-';
        field.remove_prefix(1);
      }
      long double parts[3] = {0, 0, 0};
      int n = 0;
      size_t p = 0;
      while (p <= field.size() && n < 3) {
        size_t next = field.find(':', p);
        if (next == std::string_view::npos) next = field.size();
        std::string part(field.substr(p, next - p));
        if (part.empty() || part.find_first_not_of("0123456789.") != std::string::npos ||
            (n < 2 && part.find('.') != std::string::npos && next != field.size())) {
          ThrowSyntax(text);
        }
        parts[n++] = std::strtold(part.c_str(), nullptr);
        p = next + 1;
        if (next == field.size()) break;
      }
      if (p < field.size() || n < 2) ThrowSyntax(text);
      if (parts[1] >= 60 || parts[2] >= 60) ThrowRange(text);
      long double us =
          parts[0] * kMicrosPerHour + parts[1] * kMicrosPerMinute + parts[2] * kMicrosPerSecond;
      acc.micros += neg ? -us : us;
      pos = word_end;
      any = true;
      continue;
    }
    long double v;
    if (ReadNumber(s, pos, &v, nullptr)) {
      skip_spaces();
      size_t unit_start = pos;
      while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
      Unit u = Unit::kSecond;  // a bare number means seconds
      if (pos > unit_start) {
        std::string unit(s.substr(unit_start, pos - unit_start));
        u = UnitOf(unit);
        if (u == Unit::kUnknown) ThrowSyntax(text);
      }
      acc.Add(u, v);
      any = true;
      continue;
    }
    std::string word;
    while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) word += s[pos++];
    for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (word == "ago" && any) {
      ago = true;
      continue;
    }
    ThrowSyntax(text);
  }
  if (!any) ThrowSyntax(text);
  return acc.Finish(text, ago);
}

}  // namespace kadedb
