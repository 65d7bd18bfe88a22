// to_date(text, fmt) and to_timestamp(text, fmt): PostgreSQL's date/time template patterns read
// back from text. Supported: YYYY YYY YY Y Y,YYY CC, MM, DD, DDD, J, HH HH12 HH24, MI, SS, MS, US,
// FF1..FF6, SSSS, AM/PM/A.M./P.M., BC/AD, Month/Mon (any case), Day/Dy (read and ignored),
// D ID Q W WW IW (read and ignored), TZH TZM, FM and FX prefixes, "quoted" text, and any other
// template character as a separator. Like PostgreSQL outside FX mode, leading blanks before a
// field are skipped, a separator in the template matches any one non-alphanumeric character,
// numbers stop at the first non-digit, and unread input at the end is ignored. Missing fields
// default to 1 (year 0 = 1 BC for a time alone). Errors: 22007 for unreadable fields, 22008 for
// out-of-range values ("date/time field value out of range").
#include <cctype>
#include <cstring>

#include "common/datetime.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/datetime/datetime_kernels.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

constexpr const char* kMonthNames[] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
constexpr const char* kDayNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                     "thursday", "friday", "saturday"};

struct ParsedFields {
  int64_t year = 0;
  bool has_year = false;
  int yy_digits = 0;  // YY / YYY / Y: century from the 1970-2069 window
  int64_t century = 0;
  int month = 1, day = 1, doy = 0;
  int64_t julian = -1;
  int hour = 0, minute = 0, second = 0;
  int64_t micros = 0;
  int64_t seconds_of_day = -1;
  int pm = -1;  // -1 none, 0 AM, 1 PM
  bool hour12 = false;
  bool bc = false;
  bool has_tz = false;
  int tzh = 0, tzm = 0;
  bool tz_negative = false;
};

struct Pattern {
  const char* name;
  int id;
};

enum : int {
  kYCommaYYY = 1,
  kYYYY,
  kYYY,
  kYY,
  kY,
  kCC,
  kMonthFull,
  kMonUpper,
  kMM,
  kDDD,
  kDD,
  kD,
  kJ,
  kHH24,
  kHH12,
  kHH,
  kMI,
  kSSSS,
  kSS,
  kMS,
  kUS,
  kFF,
  kAMdot,
  kAM,
  kPMdot,
  kPM,
  kBCdot,
  kBC,
  kADdot,
  kAD,
  kDay,
  kDy,
  kIW,
  kID,
  kWW,
  kW,
  kQ,
  kTZH,
  kTZM,
  kIYYY,
};

// Longest names first so that e.g. "MONTH" wins over "MON" and "MI" over "M".
constexpr Pattern kPatterns[] = {
    {"Y,YYY", kYCommaYYY},
    {"YYYY", kYYYY},
    {"IYYY", kIYYY},
    {"YYY", kYYY},
    {"YY", kYY},
    {"Y", kY},
    {"CC", kCC},
    {"MONTH", kMonthFull},
    {"MON", kMonUpper},
    {"MM", kMM},
    {"DDD", kDDD},
    {"DD", kDD},
    {"DAY", kDay},
    {"DY", kDy},
    {"D", kD},
    {"J", kJ},
    {"HH24", kHH24},
    {"HH12", kHH12},
    {"HH", kHH},
    {"MI", kMI},
    {"SSSS", kSSSS},
    {"SS", kSS},
    {"MS", kMS},
    {"US", kUS},
    {"FF", kFF},
    {"A.M.", kAMdot},
    {"AM", kAM},
    {"P.M.", kPMdot},
    {"PM", kPM},
    {"B.C.", kBCdot},
    {"BC", kBC},
    {"A.D.", kADdot},
    {"AD", kAD},
    {"IW", kIW},
    {"ID", kID},
    {"WW", kWW},
    {"W", kW},
    {"Q", kQ},
    {"TZH", kTZH},
    {"TZM", kTZM},
};

bool MatchNoCase(const std::string& s, size_t i, const char* word) {
  size_t n = std::strlen(word);
  if (i + n > s.size()) return false;
  for (size_t k = 0; k < n; k++) {
    if (std::toupper(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  }
  return true;
}

class TemplateReader {
 public:
  TemplateReader(const std::string& input, const std::string& fmt, const char* type_name)
      : in_(input), fmt_(fmt), type_name_(type_name) {}

  ParsedFields Read() {
    size_t i = 0;
    while (i < fmt_.size()) {
      bool fm = false;
      if (MatchNoCase(fmt_, i, "FM")) {
        fm = true;
        i += 2;
      } else if (MatchNoCase(fmt_, i, "FX")) {
        i += 2;
        continue;
      }
      (void)fm;
      if (i >= fmt_.size()) break;
      if (fmt_[i] == '"') {
        for (i++; i < fmt_.size() && fmt_[i] != '"'; i++) {
          if (pos_ < in_.size()) pos_++;
        }
        i++;
        continue;
      }
      // Once the input is used up the rest of the template is ignored (PostgreSQL).
      size_t rest = pos_;
      while (rest < in_.size() && in_[rest] == ' ') rest++;
      if (rest >= in_.size()) break;
      const Pattern* found = nullptr;
      for (auto& p : kPatterns) {
        if (MatchNoCase(fmt_, i, p.name)) {
          found = &p;
          break;
        }
      }
      if (!found) {
        // A separator: skip one non-alphanumeric input character (blanks: any number of them).
        char c = fmt_[i++];
        if (c == ' ') {
          while (pos_ < in_.size() && in_[pos_] == ' ') pos_++;
        } else {
          SkipBlanks();
          if (pos_ < in_.size() && !std::isalnum(static_cast<unsigned char>(in_[pos_]))) pos_++;
        }
        continue;
      }
      i += std::strlen(found->name);
      if (found->id == kFF && i < fmt_.size() && fmt_[i] >= '1' && fmt_[i] <= '6') {
        ff_digits_ = fmt_[i] - '0';
        i++;
      }
      // An ordinal suffix (DDth) after a field.
      bool suffix = MatchNoCase(fmt_, i, "TH");
      // A year runs to the next non-digit unless another field follows without a separator.
      next_is_field_ = i < fmt_.size() && std::isalnum(static_cast<unsigned char>(fmt_[i]));
      Field(found->id, found->name);
      if (suffix) {
        i += 2;
        if (pos_ + 1 < in_.size() && std::isalpha(static_cast<unsigned char>(in_[pos_]))) pos_ += 2;
      }
    }
    return f_;
  }

 private:
  void SkipBlanks() {
    while (pos_ < in_.size() && in_[pos_] == ' ') pos_++;
  }

  [[noreturn]] void BadValue(const std::string& value, const char* field, const char* detail) {
    throw Exception(sqlstate::kInvalidDatetimeFormat,
                    "invalid value \"" + value + "\" for \"" + field + "\"", 0, detail);
  }

  // Reads up to max_digits digits (a leading sign when allowed); 22007 when there is none.
  int64_t Number(const char* field, size_t max_digits, bool allow_sign = false) {
    SkipBlanks();
    size_t start = pos_;
    bool negative = false;
    if (allow_sign && pos_ < in_.size() && (in_[pos_] == '-' || in_[pos_] == '+')) {
      negative = in_[pos_] == '-';
      pos_++;
    }
    size_t digits_start = pos_;
    int64_t v = 0;
    while (pos_ < in_.size() && pos_ - digits_start < max_digits &&
           std::isdigit(static_cast<unsigned char>(in_[pos_]))) {
      v = v * 10 + (in_[pos_] - '0');
      pos_++;
    }
    if (pos_ == digits_start) {
      if (start >= in_.size()) {
        throw Exception(
            sqlstate::kInvalidDatetimeFormat,
            std::string("source string too short for \"") + field + "\" formatting field", 0,
            "Field requires " + std::to_string(max_digits) + " characters.");
      }
      BadValue(in_.substr(start, std::min<size_t>(max_digits, in_.size() - start)), field,
               "Value must be an integer.");
    }
    last_digits_ = static_cast<int>(pos_ - digits_start);
    return negative ? -v : v;
  }

  // Matches one of names (case-insensitive, full or first three letters); returns its index.
  int Name(const char* const* names, int count, bool abbreviated, const char* field) {
    SkipBlanks();
    for (int k = 0; k < count; k++) {
      std::string full = names[k];
      size_t len = abbreviated ? 3 : full.size();
      bool ok = pos_ + len <= in_.size();
      for (size_t c = 0; ok && c < len; c++) {
        ok = std::tolower(static_cast<unsigned char>(in_[pos_ + c])) == full[c];
      }
      if (ok) {
        pos_ += len;
        return k;
      }
    }
    BadValue(in_.substr(pos_, std::min<size_t>(abbreviated ? 3 : 9, in_.size() - pos_)), field,
             "The given value did not match any of the allowed values for this field.");
  }

  bool Word(const char* a, const char* b) {
    SkipBlanks();
    if (MatchNoCase(in_, pos_, a)) {
      pos_ += std::strlen(a);
      return true;
    }
    if (MatchNoCase(in_, pos_, b)) {
      pos_ += std::strlen(b);
      return false;
    }
    throw Exception(sqlstate::kInvalidDatetimeFormat,
                    "invalid value \"" + in_.substr(pos_, 2) + "\" for \"" + a + "\"", 0,
                    "The given value did not match any of the allowed values for this field.");
  }

  void Field(int id, const char* name) {
    switch (id) {
      case kYCommaYYY: {
        int64_t thousands = Number(name, 3);
        if (pos_ < in_.size() && in_[pos_] == ',') pos_++;
        f_.year = thousands * 1000 + Number(name, 3);
        f_.has_year = true;
        break;
      }
      case kYYYY:
      case kIYYY:
        f_.year = Number(name, next_is_field_ ? 4 : in_.size(), true);
        f_.has_year = true;
        break;
      case kYYY:
      case kYY:
      case kY: {
        size_t width = id == kYYY ? 3 : id == kYY ? 2 : 1;
        f_.year = Number(name, width);
        f_.has_year = true;
        f_.yy_digits = last_digits_ < 4 ? last_digits_ : 0;
        break;
      }
      case kCC:
        f_.century = Number(name, 2, true);
        break;
      case kMonthFull:
        f_.month = Name(kMonthNames, 12, false, "Month") + 1;
        break;
      case kMonUpper:
        f_.month = Name(kMonthNames, 12, true, "Mon") + 1;
        break;
      case kMM:
        f_.month = static_cast<int>(Number(name, 2));
        break;
      case kDDD:
        f_.doy = static_cast<int>(Number(name, 3));
        break;
      case kDD:
        f_.day = static_cast<int>(Number(name, 2));
        break;
      case kDay:
        Name(kDayNames, 7, false, "Day");
        break;
      case kDy:
        Name(kDayNames, 7, true, "Dy");
        break;
      case kD:
      case kID:
      case kW:
      case kQ:
        Number(name, 1);
        break;
      case kIW:
      case kWW:
        Number(name, 2);
        break;
      case kJ:
        f_.julian = Number(name, in_.size());
        break;
      case kHH24:
        f_.hour = static_cast<int>(Number(name, 2));
        break;
      case kHH12:
      case kHH:
        f_.hour = static_cast<int>(Number(name, 2));
        f_.hour12 = true;
        break;
      case kMI:
        f_.minute = static_cast<int>(Number(name, 2));
        break;
      case kSSSS:
        f_.seconds_of_day = Number(name, 5);
        break;
      case kSS:
        f_.second = static_cast<int>(Number(name, 2));
        break;
      case kMS: {
        int64_t v = Number(name, 3);
        for (int k = last_digits_; k < 3; k++) v *= 10;
        f_.micros += v * 1000;
        break;
      }
      case kUS:
      case kFF: {
        int width = id == kUS ? 6 : ff_digits_;
        int64_t v = Number(name, width);
        for (int k = last_digits_; k < 6; k++) v *= 10;
        f_.micros += v;
        break;
      }
      case kAMdot:
      case kPMdot:
        f_.pm = Word("A.M.", "P.M.") ? 0 : 1;
        break;
      case kAM:
      case kPM:
        f_.pm = Word("AM", "PM") ? 0 : 1;
        break;
      case kBCdot:
      case kADdot:
        f_.bc = Word("B.C.", "A.D.");
        break;
      case kBC:
      case kAD:
        f_.bc = Word("BC", "AD");
        break;
      case kTZH: {
        SkipBlanks();
        bool negative = pos_ < in_.size() && in_[pos_] == '-';
        if (pos_ < in_.size() && (in_[pos_] == '-' || in_[pos_] == '+')) pos_++;
        f_.tzh = static_cast<int>(Number(name, 2));
        f_.tz_negative = negative;
        f_.has_tz = true;
        break;
      }
      case kTZM:
        f_.tzm = static_cast<int>(Number(name, 2));
        f_.has_tz = true;
        break;
    }
  }

  const std::string& in_;
  const std::string& fmt_;
  const char* type_name_;
  size_t pos_ = 0;
  int last_digits_ = 0;
  int ff_digits_ = 6;
  bool next_is_field_ = false;
  ParsedFields f_;
};

[[noreturn]] void OutOfRange(const std::string& input) {
  throw Exception(sqlstate::kDatetimeFieldOverflow,
                  "date/time field value out of range: \"" + input + "\"");
}

// Days since 1970 of the parsed date; 22008 for impossible dates.
int64_t ResolveDate(ParsedFields& f, const std::string& input) {
  if (f.julian >= 0) return f.julian - 2440588;
  int64_t year = f.year;
  if (f.has_year && f.yy_digits > 0 && f.yy_digits < 4) {
    if (f.yy_digits == 2) year += year < 70 ? 2000 : 1900;
    if (f.yy_digits == 3) year += year < 100 ? 2000 : 1000;
    if (f.yy_digits == 1) year += 2000;
  }
  if (!f.has_year && f.century) year = (f.century - 1) * 100 + 1;
  if (!f.has_year && !f.century) year = 0;  // PostgreSQL: 0001 BC when no year is given
  if (f.bc) {
    if (year <= 0) OutOfRange(input);
    year = 1 - year;
  } else if (f.has_year && year == 0) {
    year = 1 - 1;  // year 0 reads as 1 BC
  }
  if (f.doy > 0) {
    if (f.doy > (IsLeapYear(year) ? 366 : 365)) OutOfRange(input);
    return DaysFromCivil(year, 1, 1) + f.doy - 1;
  }
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > DaysInMonth(year, f.month)) {
    OutOfRange(input);
  }
  return DaysFromCivil(year, f.month, f.day);
}

int64_t ResolveTimeOfDay(ParsedFields& f, const std::string& input) {
  if (f.seconds_of_day >= 0) {
    if (f.seconds_of_day >= 86400) OutOfRange(input);
    return f.seconds_of_day * kMicrosPerSecond + f.micros;
  }
  int hour = f.hour;
  if (f.hour12 || f.pm >= 0) {
    if (f.hour12 && (hour < 1 || hour > 12)) {
      throw Exception(sqlstate::kInvalidDatetimeFormat,
                      "hour \"" + std::to_string(hour) + "\" is invalid for the 12-hour clock", 0,
                      "", "Use the 24-hour clock, or give an hour between 1 and 12.");
    }
    if (f.pm == 1 && hour < 12) hour += 12;
    if (f.pm == 0 && hour == 12) hour = 0;
  }
  if (hour > 24 || f.minute > 59 || f.second > 60 ||
      (hour == 24 && (f.minute || f.second || f.micros))) {
    OutOfRange(input);
  }
  return hour * kMicrosPerHour + f.minute * kMicrosPerMinute + f.second * kMicrosPerSecond +
         f.micros;
}

}  // namespace

void RegisterDatetimeParseFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText;
  r.AddScalar(MakeScalar(
      "to_date", {text, text}, TypeId::kDate, [](Args a, size_t n, Vector& res, FunctionContext&) {
        BinaryLoop<std::string, std::string, int64_t>(
            *a[0], *a[1], n, res, [](const std::string& s, const std::string& fmt) {
              ParsedFields f = TemplateReader(s, fmt, "date").Read();
              int64_t days = ResolveDate(f, s);
              if (days < kMinDate || days > kMaxDate) {
                throw Exception(sqlstate::kDatetimeFieldOverflow,
                                "date out of range: \"" + s + "\"");
              }
              return days;
            });
      }));
  r.AddScalar(MakeScalar(
      "to_timestamp", {text, text}, TypeId::kTimestampTz,
      [](Args a, size_t n, Vector& res, FunctionContext& ctx) {
        TimeZone tz = SessionTimeZone(ctx);
        BinaryLoop<std::string, std::string, int64_t>(
            *a[0], *a[1], n, res, [&](const std::string& s, const std::string& fmt) {
              ParsedFields f = TemplateReader(s, fmt, "timestamp").Read();
              int64_t local = ResolveDate(f, s) * kMicrosPerDay + ResolveTimeOfDay(f, s);
              int64_t utc;
              if (f.has_tz) {
                int64_t offset = (f.tzh * 3600 + f.tzm * 60) * kMicrosPerSecond;
                utc = f.tz_negative ? local + offset : local - offset;
              } else {
                utc = LocalToUtc(local, tz);
              }
              if (utc < kMinTimestamp || utc > kMaxTimestamp) {
                throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
              }
              return utc;
            });
      }));
}

}  // namespace kadedb
