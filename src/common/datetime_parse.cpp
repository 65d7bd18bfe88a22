// Date, time and timestamp text input (PostgreSQL forms: ISO 8601 with ' ' or 'T', optional
// fraction, zone suffix Z/UTC/+HH[:MM], BC/AD, 'epoch', '[-]infinity', MM/DD/YYYY, YYYYMMDD).
#include <cctype>
#include <string>

#include "common/datetime.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

enum class Special : uint8_t { kNone, kEpoch, kInfinity, kNegInfinity };

struct ParsedDateTime {
  Special special = Special::kNone;
  bool has_date = false;
  int64_t year = 0;
  int month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  int64_t fraction_micros = 0;
  bool has_zone = false;
  int32_t zone_seconds = 0;
};

[[noreturn]] void ThrowSyntax(const char* type, std::string_view text) {
  throw Exception(sqlstate::kInvalidDatetimeFormat, std::string("invalid input syntax for type ") +
                                                        type + ": \"" + std::string(text) + "\"");
}
[[noreturn]] void ThrowFieldRange(std::string_view text) {
  throw Exception(sqlstate::kDatetimeFieldOverflow,
                  "date/time field value out of range: \"" + std::string(text) + "\"");
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek(size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
  void Skip(size_t n = 1) { pos_ += n; }
  void SkipSpaces() {
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  // Reads a run of digits; returns the count (0 if none). Saturates large values.
  int Digits(int64_t* value) {
    int n = 0;
    int64_t v = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
      if (v < 100000000000LL) v = v * 10 + (s_[pos_] - '0');
      ++pos_;
      ++n;
    }
    *value = v;
    return n;
  }
  // Case-insensitive keyword match at the current position (whole word).
  bool Word(std::string_view w) {
    if (s_.size() - pos_ < w.size()) return false;
    for (size_t i = 0; i < w.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s_[pos_ + i])) != w[i]) return false;
    }
    char next = pos_ + w.size() < s_.size() ? s_[pos_ + w.size()] : '\0';
    if (std::isalpha(static_cast<unsigned char>(next))) return false;
    pos_ += w.size();
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

// Reads "[.ffffff...]" rounding to microseconds.
int64_t ReadFraction(Scanner& sc) {
  if (sc.Peek() != '.') return 0;
  sc.Skip();
  int64_t micros = 0;
  int n = 0;
  bool round_up = false;
  while (std::isdigit(static_cast<unsigned char>(sc.Peek()))) {
    int d = sc.Peek() - '0';
    if (n < 6) {
      micros = micros * 10 + d;
    } else if (n == 6) {
      round_up = d >= 5;
    }
    ++n;
    sc.Skip();
  }
  for (int i = n; i < 6; ++i) micros *= 10;
  return micros + (round_up ? 1 : 0);
}

// Parses H:M[:S[.f]] at the scanner; false if there is no time here.
bool ReadTime(Scanner& sc, ParsedDateTime* out) {
  int64_t h, m, s = 0;
  size_t start = sc.pos();
  if (sc.Digits(&h) == 0 || sc.Peek() != ':') {
    (void)start;
    return false;
  }
  sc.Skip();
  if (sc.Digits(&m) == 0) return false;
  int64_t frac = 0;
  if (sc.Peek() == ':') {
    sc.Skip();
    if (sc.Digits(&s) == 0) return false;
    frac = ReadFraction(sc);
  }
  out->has_time = true;
  out->hour = static_cast<int>(std::min<int64_t>(h, 1000));
  out->minute = static_cast<int>(std::min<int64_t>(m, 1000));
  out->second = static_cast<int>(std::min<int64_t>(s, 1000));
  out->fraction_micros = frac;
  return true;
}

// Zone suffix: Z, UTC, GMT, +HH, +HHMM, +HH:MM[:SS]. False on malformed suffix.
bool ReadZone(Scanner& sc, ParsedDateTime* out) {
  sc.SkipSpaces();
  if (sc.Word("z") || sc.Word("utc") || sc.Word("gmt") || sc.Word("zulu")) {
    out->has_zone = true;
    out->zone_seconds = 0;
    return true;
  }
  char c = sc.Peek();
  if (c != '+' && c != '-') return true;
  sc.Skip();
  int64_t hh, mm = 0, ss = 0;
  int n = sc.Digits(&hh);
  if (n == 0) return false;
  if (n == 4) {
    mm = hh % 100;
    hh /= 100;
  } else if (n > 2) {
    return false;
  } else if (sc.Peek() == ':') {
    sc.Skip();
    if (sc.Digits(&mm) == 0) return false;
    if (sc.Peek() == ':') {
      sc.Skip();
      if (sc.Digits(&ss) == 0) return false;
    }
  }
  if (hh > 15 || mm > 59 || ss > 59) return false;
  int32_t secs = static_cast<int32_t>(hh * 3600 + mm * 60 + ss);
  out->has_zone = true;
  out->zone_seconds = c == '-' ? -secs : secs;
  return true;
}

// Generic parser; type names the target in error messages. time_only: a bare time is allowed.
ParsedDateTime ParseDateTime(std::string_view text, const char* type, bool time_only) {
  ParsedDateTime r;
  Scanner sc(text);
  sc.SkipSpaces();
  if (sc.Word("epoch")) {
    r.special = Special::kEpoch;
  } else if (sc.Word("infinity") || (sc.Peek() == '+' && (sc.Skip(), sc.Word("infinity")))) {
    r.special = Special::kInfinity;
  } else if (sc.Peek() == '-' && (sc.Skip(), sc.Word("infinity"))) {
    r.special = Special::kNegInfinity;
  }
  if (r.special != Special::kNone) {
    sc.SkipSpaces();
    if (!sc.AtEnd()) ThrowSyntax(type, text);
    return r;
  }
  sc = Scanner(text);
  sc.SkipSpaces();
  // Date: Y-M-D, M/D/Y, YYYYMMDD.
  size_t save = sc.pos();
  int64_t a, b, c;
  int na = sc.Digits(&a);
  if (na > 0 && (sc.Peek() == '-' || sc.Peek() == '/')) {
    char sep = sc.Peek();
    sc.Skip();
    if (sc.Digits(&b) == 0 || sc.Peek() != sep) ThrowSyntax(type, text);
    sc.Skip();
    int nc = sc.Digits(&c);
    if (nc == 0) ThrowSyntax(type, text);
    r.has_date = true;
    if (sep == '-' || na > 2) {
      r.year = a, r.month = static_cast<int>(std::min<int64_t>(b, 99)),
      r.day = static_cast<int>(std::min<int64_t>(c, 99));
    } else {  // DateStyle MDY
      r.month = static_cast<int>(std::min<int64_t>(a, 99)),
      r.day = static_cast<int>(std::min<int64_t>(b, 99)), r.year = c;
    }
  } else if (na == 8 && sc.Peek() != ':') {
    r.has_date = true;
    r.year = a / 10000;
    r.month = static_cast<int>(a / 100 % 100);
    r.day = static_cast<int>(a % 100);
  } else {
    sc = Scanner(text);
    sc.SkipSpaces();
    (void)save;
  }
  if (r.has_date) {
    if (sc.Peek() == 'T' || sc.Peek() == 't') {
      sc.Skip();
      if (!ReadTime(sc, &r)) ThrowSyntax(type, text);
    } else {
      sc.SkipSpaces();
      if (std::isdigit(static_cast<unsigned char>(sc.Peek()))) {
        if (!ReadTime(sc, &r)) ThrowSyntax(type, text);
      }
    }
  } else {
    if (!time_only || !ReadTime(sc, &r)) ThrowSyntax(type, text);
  }
  if (!ReadZone(sc, &r)) ThrowSyntax(type, text);
  sc.SkipSpaces();
  bool bc = false;
  if (r.has_date) {
    if (sc.Word("bc")) {
      bc = true;
    } else {
      sc.Word("ad");
    }
    sc.SkipSpaces();
  }
  if (!sc.AtEnd()) ThrowSyntax(type, text);
  if (r.has_date) {
    if (r.year == 0 || r.month < 1 || r.month > 12 || r.day < 1 || r.year > 100000000) {
      ThrowFieldRange(text);
    }
    if (bc) r.year = 1 - r.year;
    if (r.day > DaysInMonth(r.year, r.month)) ThrowFieldRange(text);
  }
  if (r.has_time) {
    bool ok =
        r.minute < 60 && r.second <= 60 &&
        (r.hour < 24 || (r.hour == 24 && r.minute == 0 && r.second == 0 && r.fraction_micros == 0));
    if (!ok) ThrowFieldRange(text);
  }
  return r;
}

int64_t TimeOfDay(const ParsedDateTime& r) {
  return r.hour * kMicrosPerHour + r.minute * kMicrosPerMinute + r.second * kMicrosPerSecond +
         r.fraction_micros;
}

int64_t ToTimestampMicros(const ParsedDateTime& r, std::string_view text) {
  int64_t days = DaysFromCivil(r.year, r.month, r.day);
  if (days < kMinDate || days > kMaxTimestamp / kMicrosPerDay + 1) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "timestamp out of range: \"" + std::string(text) + "\"");
  }
  int64_t ts = days * kMicrosPerDay + TimeOfDay(r);
  if (r.has_zone) ts -= r.zone_seconds * kMicrosPerSecond;
  if (ts < kMinTimestamp || ts > kMaxTimestamp) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "timestamp out of range: \"" + std::string(text) + "\"");
  }
  return ts;
}

}  // namespace

int64_t ParseDate(std::string_view text) {
  ParsedDateTime r = ParseDateTime(text, "date", false);
  if (r.special == Special::kEpoch) return 0;
  if (r.special == Special::kInfinity) return kDatePosInfinity;
  if (r.special == Special::kNegInfinity) return kDateNegInfinity;
  int64_t days = DaysFromCivil(r.year, r.month, r.day);
  if (days < kMinDate || days > kMaxDate) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "date out of range: \"" + std::string(text) + "\"");
  }
  return days;
}

int64_t ParseTime(std::string_view text) {
  ParsedDateTime r = ParseDateTime(text, "time", true);
  if (r.special != Special::kNone) ThrowSyntax("time", text);
  return TimeOfDay(r);
}

int64_t ParseTimestamp(std::string_view text) {
  ParsedDateTime r = ParseDateTime(text, "timestamp", false);
  if (r.special == Special::kEpoch) return 0;
  if (r.special == Special::kInfinity) return kTimestampPosInfinity;
  if (r.special == Special::kNegInfinity) return kTimestampNegInfinity;
  r.has_zone = false;  // timestamp without time zone ignores a zone suffix, as PostgreSQL
  return ToTimestampMicros(r, text);
}

int64_t ParseTimestampTz(std::string_view text, const TimeZone& zone) {
  ParsedDateTime r = ParseDateTime(text, "timestamp with time zone", false);
  if (r.special == Special::kEpoch) return 0;
  if (r.special == Special::kInfinity) return kTimestampPosInfinity;
  if (r.special == Special::kNegInfinity) return kTimestampNegInfinity;
  if (!r.has_zone) {
    r.has_zone = true;
    int64_t local = DaysFromCivil(r.year, r.month, r.day) * kMicrosPerDay + TimeOfDay(r);
    r.zone_seconds = zone.OffsetForLocal(local);
  }
  return ToTimestampMicros(r, text);
}

}  // namespace kadedb
