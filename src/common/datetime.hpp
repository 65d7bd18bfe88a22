// Date, time, timestamp and interval: calendar math, PostgreSQL text input/output, arithmetic,
// date_trunc and extract.
//
// Encodings (value.hpp): date = days since 1970-01-01 (int32 range; INT32_MIN/MAX = -/+infinity),
// time = microseconds since midnight, timestamp[tz] = microseconds since 1970-01-01 00:00 (UTC for
// timestamptz; INT64_MIN/MAX = -/+infinity), interval = months/days/micros. The calendar is the
// proleptic Gregorian one; year 0 is 1 BC (printed "0001-01-01 BC" as PostgreSQL does).
//
// Errors: 22007 'invalid input syntax for type date: "x"', 22008 'date/time field value out of
// range: "x"', 22008 "date out of range" / "timestamp out of range" / "interval out of range".
#pragma once

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/time_zone.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

inline constexpr int64_t kMicrosPerMilli = 1000;
inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;
inline constexpr int64_t kDateNegInfinity = INT32_MIN;
inline constexpr int64_t kDatePosInfinity = INT32_MAX;
inline constexpr int64_t kTimestampNegInfinity = INT64_MIN;
inline constexpr int64_t kTimestampPosInfinity = INT64_MAX;
struct CivilDate {
  int64_t year = 1970;  // 0 = 1 BC, -1 = 2 BC
  int32_t month = 1;    // 1..12
  int32_t day = 1;      // 1..31
};

inline constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
inline constexpr int64_t FloorMod(int64_t a, int64_t b) {
  return a - FloorDiv(a, b) * b;
}

constexpr bool IsLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
constexpr int DaysInMonth(int64_t year, int month) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}
// Days since 1970-01-01 of a proleptic Gregorian date (400-year era decomposition).
constexpr int64_t DaysFromCivil(int64_t year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = FloorDiv(y, 400);
  int64_t yoe = y - era * 400;                          // [0, 399]
  int64_t mp = month > 2 ? month - 3 : month + 9;       // March = 0
  int64_t doy = (153 * mp + 2) / 5 + day - 1;           // [0, 365]
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}
CivilDate CivilFromDays(int64_t days);

// Valid ranges (PostgreSQL's lower bound, julian day 0 = 4714-11-24 BC; upper bounds limited by
// the int64 microsecond encoding for timestamps).
inline constexpr int64_t kMinDate = DaysFromCivil(-4713, 11, 24);
inline constexpr int64_t kMaxDate = DaysFromCivil(5874897, 12, 31);
inline constexpr int64_t kMinTimestamp = kMinDate * kMicrosPerDay;
inline constexpr int64_t kMaxTimestamp = DaysFromCivil(294247, 1, 1) * kMicrosPerDay - 1;

inline bool DateIsFinite(int64_t d) {
  return d != kDateNegInfinity && d != kDatePosInfinity;
}
inline bool TimestampIsFinite(int64_t t) {
  return t != kTimestampNegInfinity && t != kTimestampPosInfinity;
}
// ---- Text output (PostgreSQL DateStyle ISO, IntervalStyle postgres) ----
std::string FormatDate(int64_t days);         // 2024-01-02, 0044-03-15 BC, infinity
std::string FormatTime(int64_t micros);       // 13:04:05.123
std::string FormatTimestamp(int64_t micros);  // 2024-01-02 13:04:05.5
std::string FormatTimestampTz(int64_t micros, const TimeZone& zone = TimeZone::Utc());  // ...+00
std::string FormatInterval(const Interval& v);  // 1 year 2 mons 3 days 04:05:06

// ---- Text input ----
int64_t ParseDate(std::string_view text);
int64_t ParseTime(std::string_view text);
int64_t ParseTimestamp(std::string_view text);
// Without an explicit offset the text is local time in `zone`.
int64_t ParseTimestampTz(std::string_view text, const TimeZone& zone = TimeZone::Utc());
Interval ParseInterval(std::string_view text);

// ---- Arithmetic ----
// date + integer days (22008 "date out of range").
int64_t DateAddDays(int64_t date, int64_t days);
// Timestamp (local or UTC micros) ± interval; months first (day clamped to the month's end, as
// PostgreSQL), then days, then micros. 22008 "timestamp out of range".
int64_t TimestampAddInterval(int64_t ts, const Interval& iv);
int64_t TimestampSubInterval(int64_t ts, const Interval& iv);
// timestamp - timestamp: PostgreSQL's timestamp_mi (days and time, justify_hours applied).
Interval TimestampDiff(int64_t a, int64_t b);
// age(a, b): symbolic years/months/days difference with time part.
Interval Age(int64_t a, int64_t b);
// Time of day ± interval wraps around midnight (only the micros part counts).
int64_t TimeAddInterval(int64_t time, const Interval& iv);
Interval IntervalAdd(const Interval& a, const Interval& b);
Interval IntervalSub(const Interval& a, const Interval& b);
Interval IntervalNegate(const Interval& a);
Interval IntervalMultiply(const Interval& a, double factor);
Interval IntervalDivide(const Interval& a, double divisor);  // 22012 on zero
// PostgreSQL compares intervals by total length with 30-day months and 24-hour days.
int IntervalCompare(const Interval& a, const Interval& b);
// Total length in microseconds with 30-day months (as a 128-bit integer: it may exceed int64).
__int128 IntervalSortKey(const Interval& a);
Interval JustifyDays(const Interval& a);
Interval JustifyHours(const Interval& a);
Interval JustifyInterval(const Interval& a);

// ---- date_trunc / extract ----
enum class DatePart : uint8_t {
  kMicroseconds,
  kMilliseconds,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kDow,
  kIsoDow,
  kDoy,
  kEpoch,
  kIsoYear,
  kJulian,
  kTimezone,
  kTimezoneHour,
  kTimezoneMinute,
};
// Case-insensitive, accepts PostgreSQL's synonyms ("years", "mon", "secs", ...). False if unknown.
bool ParseDatePart(std::string_view name, DatePart* out);
// date_trunc on a timestamp (local micros). 0A000 'unit "x" not supported' for non-truncatable
// parts (the caller formats the type name).
int64_t TimestampTrunc(DatePart part, int64_t ts);
Interval IntervalTrunc(DatePart part, const Interval& iv);
// extract(part from timestamp) as PostgreSQL 14+ returns it (numeric: seconds carry 6 fractional
// digits, epoch too). Throws 0A000 for parts that do not apply.
Decimal ExtractTimestamp(DatePart part, int64_t ts);
Decimal ExtractDate(DatePart part, int64_t date);
Decimal ExtractTime(DatePart part, int64_t time);
Decimal ExtractInterval(DatePart part, const Interval& iv);

}  // namespace kadedb
