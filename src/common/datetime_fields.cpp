// date_trunc and extract/date_part fields for dates, times, timestamps and intervals.
#include <cctype>
#include <string>

#include "common/datetime.hpp"
#include "common/decimal.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

const char* PartName(DatePart p) {
  switch (p) {
    case DatePart::kMicroseconds:
      return "microseconds";
    case DatePart::kMilliseconds:
      return "milliseconds";
    case DatePart::kSecond:
      return "second";
    case DatePart::kMinute:
      return "minute";
    case DatePart::kHour:
      return "hour";
    case DatePart::kDay:
      return "day";
    case DatePart::kWeek:
      return "week";
    case DatePart::kMonth:
      return "month";
    case DatePart::kQuarter:
      return "quarter";
    case DatePart::kYear:
      return "year";
    case DatePart::kDecade:
      return "decade";
    case DatePart::kCentury:
      return "century";
    case DatePart::kMillennium:
      return "millennium";
    case DatePart::kDow:
      return "dow";
    case DatePart::kIsoDow:
      return "isodow";
    case DatePart::kDoy:
      return "doy";
    case DatePart::kEpoch:
      return "epoch";
    case DatePart::kIsoYear:
      return "isoyear";
    case DatePart::kJulian:
      return "julian";
    case DatePart::kTimezone:
      return "timezone";
    case DatePart::kTimezoneHour:
      return "timezone_hour";
    case DatePart::kTimezoneMinute:
      return "timezone_minute";
  }
  return "?";
}

[[noreturn]] void ThrowUnsupported(DatePart p, const char* type) {
  throw Exception(sqlstate::kFeatureNotSupported,
                  std::string("unit \"") + PartName(p) + "\" not supported for type " + type);
}

// Century/decade/millennium numbering as PostgreSQL: the 21st century starts in 2001.
int64_t CenturyOf(int64_t year) {
  return year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
}
int64_t MillenniumOf(int64_t year) {
  return year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
}
int64_t DecadeOf(int64_t year) {
  return year >= 0 ? year / 10 : -((8 - (year - 1)) / 10);
}

int64_t IsoDow(int64_t days) {
  return FloorMod(days + 3, 7) + 1;
}  // 1970-01-01 is a Thursday

// ISO 8601 week-numbering year and week of a date.
void IsoWeek(int64_t days, int64_t* iso_year, int64_t* week) {
  int64_t thursday = days + (4 - IsoDow(days));
  CivilDate c = CivilFromDays(thursday);
  *iso_year = c.year;
  *week = (thursday - DaysFromCivil(c.year, 1, 1)) / 7 + 1;
}

Decimal Int(int64_t v) {
  return Decimal{v, 0};
}

// Fields shared by dates and timestamps; returns false if `part` is not a calendar field.
bool CalendarField(DatePart part, int64_t days, Decimal* out) {
  CivilDate c = CivilFromDays(days);
  int64_t iso_year, week;
  switch (part) {
    case DatePart::kDay:
      *out = Int(c.day);
      return true;
    case DatePart::kMonth:
      *out = Int(c.month);
      return true;
    case DatePart::kQuarter:
      *out = Int((c.month - 1) / 3 + 1);
      return true;
    case DatePart::kYear:
      *out = Int(c.year > 0 ? c.year : c.year - 1);
      return true;
    case DatePart::kDecade:
      *out = Int(DecadeOf(c.year));
      return true;
    case DatePart::kCentury:
      *out = Int(CenturyOf(c.year));
      return true;
    case DatePart::kMillennium:
      *out = Int(MillenniumOf(c.year));
      return true;
    case DatePart::kDow:
      *out = Int(IsoDow(days) % 7);
      return true;
    case DatePart::kIsoDow:
      *out = Int(IsoDow(days));
      return true;
    case DatePart::kDoy:
      *out = Int(days - DaysFromCivil(c.year, 1, 1) + 1);
      return true;
    case DatePart::kWeek:
      IsoWeek(days, &iso_year, &week);
      *out = Int(week);
      return true;
    case DatePart::kIsoYear:
      IsoWeek(days, &iso_year, &week);
      *out = Int(iso_year > 0 ? iso_year : iso_year - 1);
      return true;
    default:
      return false;
  }
}

// Fields of a time of day (micros since midnight).
bool TimeField(DatePart part, int64_t tod, Decimal* out) {
  int64_t sec_micros = tod % kMicrosPerMinute;  // seconds and fraction, in micros
  switch (part) {
    case DatePart::kMicroseconds:
      *out = Int(sec_micros);
      return true;
    case DatePart::kMilliseconds:
      *out = Decimal{sec_micros, 3};
      return true;
    case DatePart::kSecond:
      *out = Decimal{sec_micros, 6};
      return true;
    case DatePart::kMinute:
      *out = Int(tod / kMicrosPerMinute % 60);
      return true;
    case DatePart::kHour:
      *out = Int(tod / kMicrosPerHour);
      return true;
    default:
      return false;
  }
}

}  // namespace

bool ParseDatePart(std::string_view name, DatePart* out) {
  std::string n;
  for (char c : name) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  struct Entry {
    const char* name;
    DatePart part;
  };
  static const Entry kEntries[] = {
      {"microsecond", DatePart::kMicroseconds},
      {"microseconds", DatePart::kMicroseconds},
      {"us", DatePart::kMicroseconds},
      {"usec", DatePart::kMicroseconds},
      {"usecs", DatePart::kMicroseconds},
      {"millisecond", DatePart::kMilliseconds},
      {"milliseconds", DatePart::kMilliseconds},
      {"ms", DatePart::kMilliseconds},
      {"msec", DatePart::kMilliseconds},
      {"msecs", DatePart::kMilliseconds},
      {"second", DatePart::kSecond},
      {"seconds", DatePart::kSecond},
      {"sec", DatePart::kSecond},
      {"secs", DatePart::kSecond},
      {"s", DatePart::kSecond},
      {"minute", DatePart::kMinute},
      {"minutes", DatePart::kMinute},
      {"min", DatePart::kMinute},
      {"mins", DatePart::kMinute},
      {"m", DatePart::kMinute},
      {"hour", DatePart::kHour},
      {"hours", DatePart::kHour},
      {"h", DatePart::kHour},
      {"hr", DatePart::kHour},
      {"hrs", DatePart::kHour},
      {"day", DatePart::kDay},
      {"days", DatePart::kDay},
      {"d", DatePart::kDay},
      {"week", DatePart::kWeek},
      {"weeks", DatePart::kWeek},
      {"w", DatePart::kWeek},
      {"month", DatePart::kMonth},
      {"months", DatePart::kMonth},
      {"mon", DatePart::kMonth},
      {"mons", DatePart::kMonth},
      {"quarter", DatePart::kQuarter},
      {"qtr", DatePart::kQuarter},
      {"year", DatePart::kYear},
      {"years", DatePart::kYear},
      {"y", DatePart::kYear},
      {"yr", DatePart::kYear},
      {"yrs", DatePart::kYear},
      {"decade", DatePart::kDecade},
      {"decades", DatePart::kDecade},
      {"century", DatePart::kCentury},
      {"centuries", DatePart::kCentury},
      {"millennium", DatePart::kMillennium},
      {"millennia", DatePart::kMillennium},
      {"millenniums", DatePart::kMillennium},
      {"dow", DatePart::kDow},
      {"isodow", DatePart::kIsoDow},
      {"doy", DatePart::kDoy},
      {"epoch", DatePart::kEpoch},
      {"isoyear", DatePart::kIsoYear},
      {"julian", DatePart::kJulian},
      {"j", DatePart::kJulian},
      {"timezone", DatePart::kTimezone},
      {"timezone_hour", DatePart::kTimezoneHour},
      {"timezone_minute", DatePart::kTimezoneMinute},
  };
  for (const auto& e : kEntries) {
    if (n == e.name) {
      *out = e.part;
      return true;
    }
  }
  return false;
}

int64_t TimestampTrunc(DatePart part, int64_t ts) {
  if (!TimestampIsFinite(ts)) return ts;
  int64_t days = FloorDiv(ts, kMicrosPerDay);
  int64_t tod = ts - days * kMicrosPerDay;
  CivilDate c = CivilFromDays(days);
  auto at = [](int64_t y, int m, int d) { return DaysFromCivil(y, m, d) * kMicrosPerDay; };
  switch (part) {
    case DatePart::kMicroseconds:
      return ts;
    case DatePart::kMilliseconds:
      return ts - FloorMod(ts, kMicrosPerMilli);
    case DatePart::kSecond:
      return ts - FloorMod(ts, kMicrosPerSecond);
    case DatePart::kMinute:
      return ts - FloorMod(ts, kMicrosPerMinute);
    case DatePart::kHour:
      return ts - FloorMod(ts, kMicrosPerHour);
    case DatePart::kDay:
      return ts - tod;
    case DatePart::kWeek:
      return (days - (IsoDow(days) - 1)) * kMicrosPerDay;
    case DatePart::kMonth:
      return at(c.year, c.month, 1);
    case DatePart::kQuarter:
      return at(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    case DatePart::kYear:
      return at(c.year, 1, 1);
    case DatePart::kDecade:
      return at(FloorDiv(c.year, 10) * 10, 1, 1);
    case DatePart::kCentury: {
      int64_t y = c.year > 0 ? (c.year - 1) / 100 * 100 + 1 : -((-c.year) / 100 * 100) - 99;
      return at(y, 1, 1);
    }
    case DatePart::kMillennium: {
      int64_t y = c.year > 0 ? (c.year - 1) / 1000 * 1000 + 1 : -((-c.year) / 1000 * 1000) - 999;
      return at(y, 1, 1);
    }
    default:
      ThrowUnsupported(part, "timestamp without time zone");
  }
}

Interval IntervalTrunc(DatePart part, const Interval& iv) {
  Interval r;
  int64_t us = iv.micros;
  switch (part) {
    case DatePart::kMillennium:
      r.months = iv.months / 12000 * 12000;
      return r;
    case DatePart::kCentury:
      r.months = iv.months / 1200 * 1200;
      return r;
    case DatePart::kDecade:
      r.months = iv.months / 120 * 120;
      return r;
    case DatePart::kYear:
      r.months = iv.months / 12 * 12;
      return r;
    case DatePart::kQuarter:
      r.months = iv.months / 3 * 3;
      return r;
    case DatePart::kMonth:
      r.months = iv.months;
      return r;
    case DatePart::kDay:
      r.months = iv.months, r.days = iv.days;
      return r;
    case DatePart::kHour:
      r = iv, r.micros = us - us % kMicrosPerHour;
      return r;
    case DatePart::kMinute:
      r = iv, r.micros = us - us % kMicrosPerMinute;
      return r;
    case DatePart::kSecond:
      r = iv, r.micros = us - us % kMicrosPerSecond;
      return r;
    case DatePart::kMilliseconds:
      r = iv, r.micros = us - us % kMicrosPerMilli;
      return r;
    case DatePart::kMicroseconds:
      return iv;
    default:
      ThrowUnsupported(part, "interval");
  }
}

Decimal ExtractTimestamp(DatePart part, int64_t ts) {
  if (!TimestampIsFinite(ts)) ThrowUnsupported(part, "timestamp without time zone");
  int64_t days = FloorDiv(ts, kMicrosPerDay);
  int64_t tod = ts - days * kMicrosPerDay;
  Decimal out;
  if (CalendarField(part, days, &out) || TimeField(part, tod, &out)) return out;
  switch (part) {
    case DatePart::kEpoch:
      return Decimal{ts, 6};
    case DatePart::kJulian:
      return DecimalAdd(Int(days + 2440588),
                        DecimalDiv(Decimal{tod, 6}, Decimal{kMicrosPerDay / kMicrosPerSecond, 0}));
    case DatePart::kTimezone:
    case DatePart::kTimezoneHour:
    case DatePart::kTimezoneMinute:
      return Int(0);  // UTC session zone (callers pass local micros for timestamptz)
    default:
      ThrowUnsupported(part, "timestamp without time zone");
  }
}

Decimal ExtractDate(DatePart part, int64_t date) {
  if (!DateIsFinite(date)) ThrowUnsupported(part, "date");
  Decimal out;
  if (CalendarField(part, date, &out)) return out;
  if (part == DatePart::kEpoch) return Int(date * 86400);
  if (part == DatePart::kJulian) return Int(date + 2440588);
  ThrowUnsupported(part, "date");
}

Decimal ExtractTime(DatePart part, int64_t time) {
  Decimal out;
  if (TimeField(part, time, &out)) return out;
  if (part == DatePart::kEpoch) return Decimal{time, 6};
  ThrowUnsupported(part, "time without time zone");
}

Decimal ExtractInterval(DatePart part, const Interval& iv) {
  int64_t years = iv.months / 12;
  switch (part) {
    case DatePart::kMillennium:
      return Int(years / 1000);
    case DatePart::kCentury:
      return Int(years / 100);
    case DatePart::kDecade:
      return Int(years / 10);
    case DatePart::kYear:
      return Int(years);
    case DatePart::kQuarter:
      return Int(iv.months % 12 / 3 + 1);
    case DatePart::kMonth:
      return Int(iv.months % 12);
    case DatePart::kDay:
      return Int(iv.days);
    case DatePart::kHour:
      return Int(iv.micros / kMicrosPerHour);
    case DatePart::kMinute:
      return Int(iv.micros / kMicrosPerMinute % 60);
    case DatePart::kSecond:
      return Decimal{iv.micros % kMicrosPerMinute, 6};
    case DatePart::kMilliseconds:
      return Decimal{iv.micros % kMicrosPerMinute, 3};
    case DatePart::kMicroseconds:
      return Int(iv.micros % kMicrosPerMinute);
    case DatePart::kEpoch: {
      // 365.25-day years, 30-day months, as PostgreSQL.
      __int128 secs_micros = static_cast<__int128>(years) * 36525 * 864 * kMicrosPerSecond +
                             static_cast<__int128>(iv.months % 12) * 30 * kMicrosPerDay +
                             static_cast<__int128>(iv.days) * kMicrosPerDay + iv.micros;
      return Decimal{secs_micros, 6};
    }
    default:
      ThrowUnsupported(part, "interval");
  }
}

}  // namespace kadedb
