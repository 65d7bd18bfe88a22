// Datetime text output (PostgreSQL DateStyle ISO, IntervalStyle postgres) and CivilFromDays.
#include <cstdio>
#include <cstdlib>

#include "common/datetime.hpp"

namespace kadedb {

CivilDate CivilFromDays(int64_t days) {
  int64_t z = days + 719468;
  int64_t era = FloorDiv(z, 146097);
  int64_t doe = z - era * 146097;                                       // [0, 146096]
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  CivilDate c;
  c.day = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
  return c;
}

namespace {

// Appends "YYYY-MM-DD" (year as BC-adjusted absolute value); returns whether BC.
bool AppendDate(std::string& out, int64_t days) {
  CivilDate c = CivilFromDays(days);
  bool bc = c.year <= 0;
  long long year = bc ? 1 - c.year : c.year;
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04lld-%02d-%02d", year, c.month, c.day);
  out += buf;
  return bc;
}

// Appends "HH:MM:SS[.ffffff]" with trailing fractional zeros removed; hours may exceed 23.
void AppendTime(std::string& out, int64_t micros) {
  int64_t hours = micros / kMicrosPerHour;
  micros -= hours * kMicrosPerHour;
  int64_t minutes = micros / kMicrosPerMinute;
  micros -= minutes * kMicrosPerMinute;
  int64_t seconds = micros / kMicrosPerSecond;
  int64_t fraction = micros - seconds * kMicrosPerSecond;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%02lld:%02lld:%02lld", static_cast<long long>(hours),
                static_cast<long long>(minutes), static_cast<long long>(seconds));
  out += buf;
  if (fraction != 0) {
    std::snprintf(buf, sizeof(buf), ".%06lld", static_cast<long long>(fraction));
    std::string f(buf);
    while (f.back() == '0') f.pop_back();
    out += f;
  }
}

void AppendOffset(std::string& out, int32_t seconds_east) {
  char sign = seconds_east < 0 ? '-' : '+';
  int32_t abs_off = std::abs(seconds_east);
  char buf[32];
  int h = abs_off / 3600, m = (abs_off / 60) % 60, s = abs_off % 60;
  if (s != 0) {
    std::snprintf(buf, sizeof(buf), "%c%02d:%02d:%02d", sign, h, m, s);
  } else if (m != 0) {
    std::snprintf(buf, sizeof(buf), "%c%02d:%02d", sign, h, m);
  } else {
    std::snprintf(buf, sizeof(buf), "%c%02d", sign, h);
  }
  out += buf;
}

}  // namespace

std::string FormatDate(int64_t days) {
  if (days == kDateNegInfinity) return "-infinity";
  if (days == kDatePosInfinity) return "infinity";
  std::string out;
  if (AppendDate(out, days)) out += " BC";
  return out;
}

std::string FormatTime(int64_t micros) {
  std::string out;
  AppendTime(out, micros);
  return out;
}

std::string FormatTimestamp(int64_t micros) {
  if (micros == kTimestampNegInfinity) return "-infinity";
  if (micros == kTimestampPosInfinity) return "infinity";
  std::string out;
  bool bc = AppendDate(out, FloorDiv(micros, kMicrosPerDay));
  out += ' ';
  AppendTime(out, FloorMod(micros, kMicrosPerDay));
  if (bc) out += " BC";
  return out;
}

std::string FormatTimestampTz(int64_t micros, const TimeZone& zone) {
  if (micros == kTimestampNegInfinity) return "-infinity";
  if (micros == kTimestampPosInfinity) return "infinity";
  int32_t offset = zone.OffsetAtUtc(micros);
  int64_t local = micros + offset * kMicrosPerSecond;
  std::string out;
  bool bc = AppendDate(out, FloorDiv(local, kMicrosPerDay));
  out += ' ';
  AppendTime(out, FloorMod(local, kMicrosPerDay));
  AppendOffset(out, offset);
  if (bc) out += " BC";
  return out;
}

namespace {
// PostgreSQL's AddPostgresIntPart: " -1 years", "+3 days" after a negative field.
void AppendIntervalPart(std::string& out, int64_t value, const char* unit, bool& is_zero,
                        bool& is_before) {
  if (value == 0) return;
  if (!is_zero) out += ' ';
  if (is_before && value > 0) out += '+';
  out += std::to_string(value);
  out += ' ';
  out += unit;
  if (value != 1) out += 's';
  is_before = value < 0;
  is_zero = false;
}
}  // namespace

std::string FormatInterval(const Interval& v) {
  std::string out;
  bool is_zero = true, is_before = false;
  int64_t years = v.months / 12;
  int64_t months = v.months % 12;
  AppendIntervalPart(out, years, "year", is_zero, is_before);
  AppendIntervalPart(out, months, "mon", is_zero, is_before);
  AppendIntervalPart(out, v.days, "day", is_zero, is_before);
  if (is_zero || v.micros != 0) {
    bool minus = v.micros < 0;
    if (!is_zero) out += ' ';
    if (minus) {
      out += '-';
    } else if (is_before) {
      out += '+';
    }
    // Magnitude without overflowing on INT64_MIN.
    uint64_t mag = minus ? 0 - static_cast<uint64_t>(v.micros) : static_cast<uint64_t>(v.micros);
    uint64_t hours = mag / static_cast<uint64_t>(kMicrosPerHour);
    int64_t rest = static_cast<int64_t>(mag % static_cast<uint64_t>(kMicrosPerHour));
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%02llu:", static_cast<unsigned long long>(hours));
    out += buf;
    std::string tail;
    AppendTime(tail, rest);  // "00:MM:SS[.f]"
    out += tail.substr(3);
  }
  return out;
}

}  // namespace kadedb
