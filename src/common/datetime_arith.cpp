// Datetime arithmetic: date ± days, timestamp ± interval (months clamp the day), timestamp
// differences, age(), interval arithmetic, comparison and justify_*.
#include <algorithm>
#include <cmath>

#include "common/checked_arithmetic.hpp"
#include "common/datetime.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

[[noreturn]] void ThrowTimestampRange() {
  throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}
[[noreturn]] void ThrowIntervalRange() {
  throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
}

int64_t CheckTimestamp(__int128 ts) {
  if (ts < kMinTimestamp || ts > kMaxTimestamp) ThrowTimestampRange();
  return static_cast<int64_t>(ts);
}

int32_t ToInt32Interval(__int128 v) {
  if (v < INT32_MIN || v > INT32_MAX) ThrowIntervalRange();
  return static_cast<int32_t>(v);
}
int64_t ToInt64Interval(__int128 v) {
  if (v < INT64_MIN || v > INT64_MAX) ThrowIntervalRange();
  return static_cast<int64_t>(v);
}

}  // namespace

int64_t DateAddDays(int64_t date, int64_t days) {
  if (!DateIsFinite(date)) return date;
  __int128 r = static_cast<__int128>(date) + days;
  if (r < kMinDate || r > kMaxDate) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "date out of range");
  }
  return static_cast<int64_t>(r);
}

int64_t TimestampAddInterval(int64_t ts, const Interval& iv) {
  if (!TimestampIsFinite(ts)) return ts;
  __int128 r = ts;
  if (iv.months != 0) {
    int64_t days = FloorDiv(ts, kMicrosPerDay);
    int64_t tod = ts - days * kMicrosPerDay;
    CivilDate c = CivilFromDays(days);
    int64_t total = c.year * 12 + (c.month - 1) + iv.months;
    int64_t year = FloorDiv(total, 12);
    int month = static_cast<int>(FloorMod(total, 12)) + 1;
    int day = std::min<int>(c.day, DaysInMonth(year, month));
    if (year < -4713 || year > 294247) ThrowTimestampRange();
    r = static_cast<__int128>(DaysFromCivil(year, month, day)) * kMicrosPerDay + tod;
  }
  r += static_cast<__int128>(iv.days) * kMicrosPerDay + iv.micros;
  return CheckTimestamp(r);
}

int64_t TimestampSubInterval(int64_t ts, const Interval& iv) {
  return TimestampAddInterval(ts, IntervalNegate(iv));
}

int64_t TimeAddInterval(int64_t time, const Interval& iv) {
  return FloorMod(FloorMod(time, kMicrosPerDay) + FloorMod(iv.micros, kMicrosPerDay),
                  kMicrosPerDay);
}

Interval TimestampDiff(int64_t a, int64_t b) {
  if (!TimestampIsFinite(a) || !TimestampIsFinite(b)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  }
  __int128 diff = static_cast<__int128>(a) - b;
  Interval r;
  r.micros = ToInt64Interval(diff);
  return JustifyHours(r);
}

Interval Age(int64_t a, int64_t b) {
  struct Fields {
    int64_t year;
    int month, day;
    int64_t hour, minute, second, micro;
  };
  auto split = [](int64_t ts) {
    int64_t days = FloorDiv(ts, kMicrosPerDay);
    int64_t tod = ts - days * kMicrosPerDay;
    CivilDate c = CivilFromDays(days);
    return Fields{c.year,
                  c.month,
                  c.day,
                  tod / kMicrosPerHour,
                  tod / kMicrosPerMinute % 60,
                  tod / kMicrosPerSecond % 60,
                  tod % kMicrosPerSecond};
  };
  Fields f1 = split(a), f2 = split(b);
  int64_t year = f1.year - f2.year, month = f1.month - f2.month, day = f1.day - f2.day;
  int64_t hour = f1.hour - f2.hour, minute = f1.minute - f2.minute;
  int64_t second = f1.second - f2.second, micro = f1.micro - f2.micro;
  bool flip = a < b;
  if (flip) {
    year = -year, month = -month, day = -day, hour = -hour, minute = -minute, second = -second,
    micro = -micro;
  }
  while (micro < 0) micro += kMicrosPerSecond, --second;
  while (second < 0) second += 60, --minute;
  while (minute < 0) minute += 60, --hour;
  while (hour < 0) hour += 24, --day;
  // Borrowed days come from the month of the earlier timestamp, as PostgreSQL does.
  while (day < 0) {
    const Fields& from = flip ? f1 : f2;
    day += DaysInMonth(from.year, from.month);
    --month;
  }
  while (month < 0) month += 12, --year;
  if (flip) {
    year = -year, month = -month, day = -day, hour = -hour, minute = -minute, second = -second,
    micro = -micro;
  }
  Interval r;
  r.months = ToInt32Interval(static_cast<__int128>(year) * 12 + month);
  r.days = ToInt32Interval(day);
  r.micros = ToInt64Interval(static_cast<__int128>(hour) * kMicrosPerHour +
                             minute * kMicrosPerMinute + second * kMicrosPerSecond + micro);
  return r;
}

Interval IntervalAdd(const Interval& a, const Interval& b) {
  Interval r;
  r.months = ToInt32Interval(static_cast<__int128>(a.months) + b.months);
  r.days = ToInt32Interval(static_cast<__int128>(a.days) + b.days);
  r.micros = ToInt64Interval(static_cast<__int128>(a.micros) + b.micros);
  return r;
}

Interval IntervalSub(const Interval& a, const Interval& b) {
  return IntervalAdd(a, IntervalNegate(b));
}

Interval IntervalNegate(const Interval& a) {
  Interval r;
  r.months = ToInt32Interval(-static_cast<__int128>(a.months));
  r.days = ToInt32Interval(-static_cast<__int128>(a.days));
  r.micros = ToInt64Interval(-static_cast<__int128>(a.micros));
  return r;
}

Interval IntervalMultiply(const Interval& a, double factor) {
  if (std::isnan(factor)) ThrowIntervalRange();
  long double m = static_cast<long double>(a.months) * factor;
  long double mwhole = std::trunc(m);
  long double d = static_cast<long double>(a.days) * factor + (m - mwhole) * 30;
  long double dwhole = std::trunc(d);
  long double us = static_cast<long double>(a.micros) * factor + (d - dwhole) * kMicrosPerDay;
  if (std::fabs(mwhole) > INT32_MAX || std::fabs(dwhole) > INT32_MAX || std::fabs(us) > 9.2e18L) {
    ThrowIntervalRange();
  }
  Interval r;
  r.months = static_cast<int32_t>(mwhole);
  r.days = static_cast<int32_t>(dwhole);
  r.micros = static_cast<int64_t>(std::llroundl(us));
  return r;
}

Interval IntervalDivide(const Interval& a, double divisor) {
  if (divisor == 0) ThrowDivisionByZero();
  return IntervalMultiply(a, 1.0 / divisor);
}

__int128 IntervalSortKey(const Interval& a) {
  return (static_cast<__int128>(a.months) * 30 + a.days) * kMicrosPerDay + a.micros;
}

int IntervalCompare(const Interval& a, const Interval& b) {
  __int128 x = IntervalSortKey(a), y = IntervalSortKey(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

Interval JustifyHours(const Interval& a) {
  Interval r = a;
  int64_t whole_days = r.micros / kMicrosPerDay;
  r.micros -= whole_days * kMicrosPerDay;
  r.days = ToInt32Interval(static_cast<__int128>(r.days) + whole_days);
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    --r.days;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    ++r.days;
  }
  return r;
}

Interval JustifyDays(const Interval& a) {
  Interval r = a;
  int32_t whole_months = r.days / 30;
  r.days -= whole_months * 30;
  r.months = ToInt32Interval(static_cast<__int128>(r.months) + whole_months);
  if (r.months > 0 && r.days < 0) {
    r.days += 30;
    --r.months;
  } else if (r.months < 0 && r.days > 0) {
    r.days -= 30;
    ++r.months;
  }
  return r;
}

Interval JustifyInterval(const Interval& a) {
  Interval r = a;
  int64_t whole_days = r.micros / kMicrosPerDay;
  r.micros -= whole_days * kMicrosPerDay;
  __int128 days = static_cast<__int128>(r.days) + whole_days;
  __int128 months = r.months + days / 30;
  days -= (days / 30) * 30;
  if (months > 0 && (days < 0 || (days == 0 && r.micros < 0))) {
    days += 30;
    --months;
  } else if (months < 0 && (days > 0 || (days == 0 && r.micros > 0))) {
    days -= 30;
    ++months;
  }
  if (days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    --days;
  } else if (days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    ++days;
  }
  r.months = ToInt32Interval(months);
  r.days = ToInt32Interval(days);
  return r;
}

}  // namespace kadedb
