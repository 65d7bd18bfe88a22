// to_char(timestamp | timestamptz | date, format) with PostgreSQL's date/time template patterns:
// HH HH12 HH24 MI SS MS US SSSS AM/PM (also a.m./p.m.), Y,YYY YYYY YYY YY Y, BC/AD, MONTH Month
// month MON Mon mon MM, DAY Day day DY Dy dy, DDD DD D ID, W WW Q CC J, TZ tz OF; the FM prefix
// (no padding), TH/th ordinal suffixes, "quoted" literals and backslash escapes, ISO week fields
// IYYY IYY IY I IW IDDD ID. timestamptz values are formatted in the session time zone.
// to_char(interval, format) uses the same patterns (hours past 24; day/month names, D, ID, BC,
// TZ are 22007 as in PostgreSQL). Number formatting (to_char(numeric, ...)) is not
// implemented.
#include <cctype>
#include <cstdio>
#include <cstring>

#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

struct Fields {
  int64_t year;  // astronomical (0 = 1 BC)
  int month, day, hour, minute, second, micros, dow, doy;
  int64_t julian, seconds_of_day;
  int32_t offset;  // seconds east of UTC
  std::string zone;
  bool has_zone;
  int64_t iso_year = 0;
  int iso_week = 0, iso_doy = 0;
  bool interval = false;  // to_char(interval): hours may pass 24, names are errors
};

// ISO 8601 week-numbering fields of a day (days since 1970-01-01): the ISO year is the year of
// the week's Thursday; week 1 holds January 4th.
void SetIsoFields(Fields& f, int64_t days) {
  int iso_dow = f.dow == 0 ? 7 : f.dow;
  int64_t thursday = days - (iso_dow - 1) + 3;
  CivilDate t = CivilFromDays(thursday);
  f.iso_year = t.year;
  int64_t thursday_doy = thursday - DaysFromCivil(t.year, 1, 1);
  f.iso_week = static_cast<int>(thursday_doy / 7 + 1);
  f.iso_doy = (f.iso_week - 1) * 7 + iso_dow;
}

Fields Decompose(int64_t local, int32_t offset, std::string zone, bool has_zone) {
  Fields f;
  int64_t days = FloorDiv(local, kMicrosPerDay);
  int64_t tod = local - days * kMicrosPerDay;
  CivilDate c = CivilFromDays(days);
  f.year = c.year;
  f.month = c.month;
  f.day = c.day;
  f.hour = static_cast<int>(tod / kMicrosPerHour);
  f.minute = static_cast<int>(tod / kMicrosPerMinute % 60);
  f.second = static_cast<int>(tod / kMicrosPerSecond % 60);
  f.micros = static_cast<int>(tod % kMicrosPerSecond);
  f.seconds_of_day = tod / kMicrosPerSecond;
  f.dow = static_cast<int>(FloorMod(days + 4, 7));  // 1970-01-01 was a Thursday
  f.doy = static_cast<int>(days - DaysFromCivil(c.year, 1, 1) + 1);
  f.julian = days + 2440588;
  f.offset = offset;
  f.zone = std::move(zone);
  f.has_zone = has_zone;
  SetIsoFields(f, days);
  return f;
}

// An interval's fields as PostgreSQL's to_char sees them: years, months, days, and the time part
// as hours (not limited to 24), minutes, seconds; DDD approximates the span in days (30-day
// months). Fields keep the interval's signs.
Fields DecomposeInterval(const Interval& v) {
  Fields f{};
  f.year = v.months / 12;
  f.month = v.months % 12;
  f.day = v.days;
  f.hour = static_cast<int>(v.micros / kMicrosPerHour);
  f.minute = static_cast<int>(v.micros / kMicrosPerMinute % 60);
  f.second = static_cast<int>(v.micros / kMicrosPerSecond % 60);
  f.micros = static_cast<int>(v.micros % kMicrosPerSecond);
  f.seconds_of_day = v.micros / kMicrosPerSecond;
  f.doy = static_cast<int>((f.year * 12 + f.month) * 30 + f.day);
  f.iso_year = f.year;
  f.iso_week = (f.doy - 1) / 7 + 1;
  f.iso_doy = f.doy;
  f.interval = true;
  return f;
}

[[noreturn]] void InvalidForInterval() {
  throw Exception(sqlstate::kInvalidDatetimeFormat,
                  "invalid format specification for an interval value", 0, "",
                  "Intervals are not tied to specific calendar dates.");
}

std::string Ordinal(int64_t v, bool upper) {
  int64_t n = v < 0 ? -v : v;
  const char* s = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) s = "st";
    if (n % 10 == 2) s = "nd";
    if (n % 10 == 3) s = "rd";
  }
  std::string out = s;
  if (upper) {
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Cased(const char* name, int mode, bool pad, size_t abbrev) {
  std::string s = abbrev ? std::string(name, abbrev) : std::string(name);
  for (size_t i = 0; i < s.size(); i++) {
    auto c = static_cast<unsigned char>(s[i]);
    if (mode == 2 || (mode == 1 && i == 0)) {
      s[i] = static_cast<char>(std::toupper(c));
    } else {
      s[i] = static_cast<char>(std::tolower(c));
    }
  }
  if (pad && !abbrev && s.size() < 9) s.append(9 - s.size(), ' ');
  return s;
}

// Case mode of a name keyword as written: 2 = UPPER, 1 = Capitalized, 0 = lower.
int CaseMode(const char* p) {
  bool first = std::isupper(static_cast<unsigned char>(p[0])) != 0;
  bool second = std::isupper(static_cast<unsigned char>(p[1])) != 0;
  return first ? (second ? 2 : 1) : 0;
}

bool StartsWithNoCase(const char* p, const char* kw) {
  for (; *kw; p++, kw++) {
    if (std::toupper(static_cast<unsigned char>(*p)) != *kw) return false;
  }
  return true;
}

std::string Format(const Fields& f, const std::string& fmt) {
  std::string out;
  const char* p = fmt.c_str();
  const int64_t year_abs = f.interval ? f.year : f.year <= 0 ? 1 - f.year : f.year;
  const int hour_of_day = f.interval ? f.hour % 24 : f.hour;
  while (*p) {
    if (*p == '"') {
      for (p++; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1]) p++;
        out += *p;
      }
      if (*p) p++;
      continue;
    }
    if (*p == '\\' && p[1]) {
      out += p[1];
      p += 2;
      continue;
    }
    bool fm = false;
    if (StartsWithNoCase(p, "FM")) {
      fm = true;
      p += 2;
    }
    // Numeric keyword: value, zero-pad width; -1 when p matched none.
    int64_t value = 0;
    int width = -1;
    size_t len = 0;
    struct Num {
      const char* kw;
      int width;
    };
    static const Num kNums[] = {{"IDDD", 3},  {"IYYY", 4}, {"IYY", 3},  {"IY", 2},   {"IW", 2},
                                {"ID", 1},    {"I", 1},    {"HH24", 2}, {"HH12", 2}, {"HH", 2},
                                {"MI", 2},    {"SSSS", 0}, {"SS", 2},   {"MS", 3},   {"US", 6},
                                {"Y,YYY", 0}, {"YYYY", 4}, {"YYY", 3},  {"YY", 2},   {"Y", 1},
                                {"MM", 2},    {"DDD", 3},  {"DD", 2},   {"D", 1},    {"WW", 2},
                                {"W", 1},     {"Q", 1},    {"CC", 2},   {"J", 0}};
    const char* matched = nullptr;
    // Names first (MONTH/MON/DAY/DY are letter-prefixes of MM/DD/D).
    if (f.interval &&
        (StartsWithNoCase(p, "MON") || StartsWithNoCase(p, "DAY") || StartsWithNoCase(p, "DY") ||
         StartsWithNoCase(p, "BC") || StartsWithNoCase(p, "AD") || StartsWithNoCase(p, "B.C.") ||
         StartsWithNoCase(p, "A.D.") || StartsWithNoCase(p, "TZ") || StartsWithNoCase(p, "OF"))) {
      InvalidForInterval();
    }
    if (StartsWithNoCase(p, "MONTH")) {
      out += Cased(kMonths[f.month - 1], CaseMode(p), !fm, 0);
      p += 5;
      continue;
    }
    if (StartsWithNoCase(p, "MON")) {
      out += Cased(kMonths[f.month - 1], CaseMode(p), false, 3);
      p += 3;
      continue;
    }
    if (StartsWithNoCase(p, "DAY")) {
      out += Cased(kDays[f.dow], CaseMode(p), !fm, 0);
      p += 3;
      continue;
    }
    if (StartsWithNoCase(p, "DY")) {
      out += Cased(kDays[f.dow], CaseMode(p), false, 3);
      p += 2;
      continue;
    }
    bool lower = std::islower(static_cast<unsigned char>(*p)) != 0;
    if (StartsWithNoCase(p, "A.M.") || StartsWithNoCase(p, "P.M.")) {
      out += hour_of_day < 12 ? (lower ? "a.m." : "A.M.") : (lower ? "p.m." : "P.M.");
      p += 4;
      continue;
    }
    if (StartsWithNoCase(p, "AM") || StartsWithNoCase(p, "PM")) {
      out += hour_of_day < 12 ? (lower ? "am" : "AM") : (lower ? "pm" : "PM");
      p += 2;
      continue;
    }
    if (StartsWithNoCase(p, "B.C.") || StartsWithNoCase(p, "A.D.")) {
      out += f.year <= 0 ? (lower ? "b.c." : "B.C.") : (lower ? "a.d." : "A.D.");
      p += 4;
      continue;
    }
    if (StartsWithNoCase(p, "BC") || StartsWithNoCase(p, "AD")) {
      out += f.year <= 0 ? (lower ? "bc" : "BC") : (lower ? "ad" : "AD");
      p += 2;
      continue;
    }
    if (StartsWithNoCase(p, "TZ")) {
      if (f.has_zone) {
        std::string z = f.zone;
        if (lower) {
          for (char& c : z) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        out += z;
      }
      p += 2;
      continue;
    }
    if (StartsWithNoCase(p, "OF")) {
      if (f.has_zone) {
        int32_t off = f.offset < 0 ? -f.offset : f.offset;
        char buf[16];
        std::snprintf(buf, sizeof(buf), "%c%02d", f.offset < 0 ? '-' : '+', off / 3600);
        out += buf;
        if (off % 3600) {
          std::snprintf(buf, sizeof(buf), ":%02d", off % 3600 / 60);
          out += buf;
        }
      }
      p += 2;
      continue;
    }
    for (const Num& n : kNums) {
      if (StartsWithNoCase(p, n.kw)) {
        matched = n.kw;
        width = n.width;
        len = std::strlen(n.kw);
        break;
      }
    }
    if (!matched) {
      if (*p) out += *p++;
      continue;
    }
    std::string kw = matched;
    if (f.interval && (kw == "D" || kw == "ID")) InvalidForInterval();
    if (kw == "IDDD") {
      value = f.iso_doy;
    } else if (kw == "IYYY") {
      value = f.iso_year;
    } else if (kw == "IYY") {
      value = f.iso_year % 1000;
    } else if (kw == "IY") {
      value = f.iso_year % 100;
    } else if (kw == "I") {
      value = f.iso_year % 10;
    } else if (kw == "IW") {
      value = f.iso_week;
    } else if (kw == "HH24") {
      value = f.hour;
    } else if (kw == "HH12" || kw == "HH") {
      value = f.hour % 12 == 0 ? 12 : f.hour % 12;
    } else if (kw == "MI") {
      value = f.minute;
    } else if (kw == "SSSS") {
      value = f.seconds_of_day;
    } else if (kw == "SS") {
      value = f.second;
    } else if (kw == "MS") {
      value = f.micros / 1000;
    } else if (kw == "US") {
      value = f.micros;
    } else if (kw == "Y,YYY") {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%lld,%03lld", static_cast<long long>(year_abs / 1000),
                    static_cast<long long>(year_abs % 1000));
      out += buf;
      p += len;
      continue;
    } else if (kw == "YYYY") {
      value = year_abs;
    } else if (kw == "YYY") {
      value = year_abs % 1000;
    } else if (kw == "YY") {
      value = year_abs % 100;
    } else if (kw == "Y") {
      value = year_abs % 10;
    } else if (kw == "MM") {
      value = f.month;
    } else if (kw == "DDD") {
      value = f.doy;
    } else if (kw == "DD") {
      value = f.day;
    } else if (kw == "D") {
      value = f.dow + 1;
    } else if (kw == "ID") {
      value = f.dow == 0 ? 7 : f.dow;
    } else if (kw == "WW") {
      value = (f.doy - 1) / 7 + 1;
    } else if (kw == "W") {
      value = (f.day - 1) / 7 + 1;
    } else if (kw == "Q") {
      value = (f.month - 1) / 3 + 1;
    } else if (kw == "CC") {
      value = f.interval   ? f.year / 100
              : f.year > 0 ? (f.year + 99) / 100
                           : -((99 - (f.year - 1)) / 100);
    } else if (kw == "J") {
      value = f.julian;
    }
    p += len;
    // PostgreSQL widens HH/MI/SS by one for a negative (interval) value: "-02".
    if (value < 0 && (kw == "HH24" || kw == "HH12" || kw == "HH" || kw == "MI" || kw == "SS")) {
      width++;
    }
    char buf[32];
    if (fm || width <= 0) {
      std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(value));
    } else {
      std::snprintf(buf, sizeof(buf), "%0*lld", width, static_cast<long long>(value));
    }
    out += buf;
    if (p[0] == 'T' && p[1] == 'H') {
      out += Ordinal(value, true);
      p += 2;
    } else if (p[0] == 't' && p[1] == 'h') {
      out += Ordinal(value, false);
      p += 2;
    }
  }
  return out;
}

std::string ZoneLabel(const TimeZone& tz, int32_t offset) {
  if (!tz.name().empty()) return tz.name();
  char buf[16];
  int32_t off = offset < 0 ? -offset : offset;
  if (off % 3600) {
    std::snprintf(buf, sizeof(buf), "%c%02d:%02d", offset < 0 ? '-' : '+', off / 3600,
                  off % 3600 / 60);
  } else {
    std::snprintf(buf, sizeof(buf), "%c%02d", offset < 0 ? '-' : '+', off / 3600);
  }
  return buf;
}

}  // namespace

void RegisterToCharFunction(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText;
  r.AddScalar(MakeScalar("to_char", {TypeId::kInterval, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           PropagateNulls(a, n, res);
                           for (size_t i = 0; i < n; i++) {
                             if (res.IsNull(i)) continue;
                             res.strings()[i] = Format(DecomposeInterval(a[0]->intervals()[i]),
                                                       a[1]->strings()[i]);
                           }
                         }));
  r.AddScalar(MakeScalar("to_char", {TypeId::kTimestamp, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           BinaryLoopNullable<int64_t, std::string, std::string>(
                               *a[0], *a[1], n, res,
                               [](int64_t ts, const std::string& fmt, std::string& out) {
                                 if (!TimestampIsFinite(ts)) return false;  // PostgreSQL: NULL
                                 out = Format(Decompose(ts, 0, "", false), fmt);
                                 return true;
                               });
                         }));
  r.AddScalar(MakeScalar(
      "to_char", {TypeId::kTimestampTz, text}, text,
      [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
        TimeZone tz = SessionTimeZone(ctx);
        BinaryLoopNullable<int64_t, std::string, std::string>(
            *a[0], *a[1], n, res, [&](int64_t ts, const std::string& fmt, std::string& out) {
              if (!TimestampIsFinite(ts)) return false;
              int32_t offset = tz.OffsetAtUtc(ts);
              out = Format(Decompose(UtcToLocal(ts, tz), offset, ZoneLabel(tz, offset), true), fmt);
              return true;
            });
      }));
}

}  // namespace kadedb
