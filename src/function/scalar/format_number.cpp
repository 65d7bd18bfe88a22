// to_char(number, fmt) for smallint/integer/bigint, numeric, real and double precision, and
// to_number(text, fmt), with PostgreSQL's number template patterns (format_number_template.hpp).
//
// A value becomes sign + integer digits + fraction digits rounded to the template's fraction
// positions (floats keep only their 6 / 15 significant digits, as PostgreSQL's float*_to_char:
// positions past those print nothing). Rendering follows PostgreSQL: a sign position before the
// first digit unless S/MI/PL/SG/PR place it, blanks for leading 9s (zeros from the first 0 on),
// '#' in every digit position when the integer part does not fit, FM dropping padding and
// trailing zeros of 9 positions, EEEE scientific notation, RN roman numerals, TH suffixes.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "common/decimal.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/format_number_template.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

struct NumDigits {
  bool negative = false;
  std::string int_digits;   // no leading zeros; empty for 0
  std::string frac_digits;  // at most the template's fraction positions
  bool invalid = false;     // NaN / infinity: every position prints '#'
};

std::string StripLeadingZeros(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && s[i] == '0') i++;
  return s.substr(i);
}

// Rounds the decimal string "int.frac" (magnitude) to `post` fraction digits, half away from zero.
NumDigits RoundDecimalText(bool negative, std::string int_part, std::string frac, int post) {
  NumDigits d;
  d.negative = negative;
  if (static_cast<int>(frac.size()) > post) {
    bool up = frac[post] >= '5';
    frac.resize(post);
    if (up) {
      std::string all = int_part + frac;
      int i = static_cast<int>(all.size()) - 1;
      for (; i >= 0; i--) {
        if (all[i] == '9') {
          all[i] = '0';
        } else {
          all[i]++;
          break;
        }
      }
      if (i < 0) all.insert(all.begin(), '1');
      int_part = all.substr(0, all.size() - post);
      frac = all.substr(all.size() - post);
    }
  }
  while (static_cast<int>(frac.size()) < post) frac += '0';
  d.int_digits = StripLeadingZeros(int_part);
  d.frac_digits = frac;
  if (d.int_digits.empty() && frac.find_first_not_of('0') == std::string::npos) d.negative = false;
  return d;
}

NumDigits FromDecimalText(const std::string& text, const NumTemplate& t) {
  bool negative = !text.empty() && text[0] == '-';
  std::string s = negative ? text.substr(1) : text;
  size_t dot = s.find('.');
  std::string int_part = dot == std::string::npos ? s : s.substr(0, dot);
  std::string frac = dot == std::string::npos ? std::string() : s.substr(dot + 1);
  // V n: multiply by 10^n by moving digits from the fraction.
  for (int k = 0; k < t.multiplier; k++) {
    int_part += frac.empty() ? '0' : frac[0];
    if (!frac.empty()) frac.erase(0, 1);
  }
  return RoundDecimalText(negative, int_part, frac, t.post);
}

NumDigits FromDouble(double v, const NumTemplate& t, int significant) {
  NumDigits d;
  if (std::isnan(v) || std::isinf(v)) {
    d.invalid = true;
    return d;
  }
  if (t.multiplier) v *= std::pow(10.0, t.multiplier);
  char buf[512];
  std::snprintf(buf, sizeof(buf), "%.0f", std::fabs(v));
  int pre_len = static_cast<int>(std::strlen(buf));
  int post = t.post;
  if (pre_len >= significant) {
    post = 0;
  } else if (post + pre_len > significant) {
    post = significant - pre_len;
  }
  std::snprintf(buf, sizeof(buf), "%.*f", post, std::fabs(v));
  std::string s = buf;
  size_t dot = s.find('.');
  d.negative = std::signbit(v);
  d.int_digits = StripLeadingZeros(dot == std::string::npos ? s : s.substr(0, dot));
  d.frac_digits = dot == std::string::npos ? std::string() : s.substr(dot + 1);
  if (d.int_digits.empty() && d.frac_digits.find_first_not_of('0') == std::string::npos) {
    d.negative = false;
  }
  return d;
}

std::string Roman(int64_t v, bool lower, bool fill) {
  if (v < 1 || v > 3999) return "###############";
  static const char* kRoman[] = {"M",  "CM", "D",  "CD", "C",  "XC", "L",
                                 "XL", "X",  "IX", "V",  "IV", "I"};
  static const int kValues[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  std::string out;
  for (int i = 0; i < 13; i++) {
    while (v >= kValues[i]) {
      out += kRoman[i];
      v -= kValues[i];
    }
  }
  if (lower) {
    for (char& c : out) c = static_cast<char>(std::tolower(c));
  }
  if (!fill && out.size() < 15) out.insert(0, 15 - out.size(), ' ');
  return out;
}

std::string OrdinalSuffix(const std::string& int_digits, bool upper) {
  int last = int_digits.empty() ? 0 : int_digits.back() - '0';
  int tens = int_digits.size() >= 2 ? int_digits[int_digits.size() - 2] - '0' : 0;
  const char* s = "th";
  if (tens != 1) {
    if (last == 1) s = "st";
    if (last == 2) s = "nd";
    if (last == 3) s = "rd";
  }
  std::string out = s;
  if (upper) {
    for (char& c : out) c = static_cast<char>(std::toupper(c));
  }
  return out;
}

std::string Render(const NumTemplate& t, NumDigits d) {
  bool fm = t.fill_mode;
  int total_int = t.pre + t.multiplier;
  bool overflow = d.invalid || static_cast<int>(d.int_digits.size()) > total_int;
  // Fraction positions and their kinds, for FM's trailing-zero stripping.
  std::vector<bool> frac_is_nine;
  for (auto& item : t.items) {
    if (!item.before_point &&
        (item.token == NumToken::kDigit9 || item.token == NumToken::kDigit0)) {
      frac_is_nine.push_back(item.token == NumToken::kDigit9);
    }
  }
  std::string frac = d.frac_digits;
  if (fm && !overflow) {
    while (!frac.empty() && frac.back() == '0' && frac_is_nine[frac.size() - 1]) frac.pop_back();
  }
  std::string digits = d.int_digits;
  if (!overflow && digits.empty() && frac.empty() && total_int > 0) digits = "0";
  // Where an anchored sign goes: S before any digit position, PR, or the default position.
  bool sign_at_start = !t.has_sign;
  std::string lead_sign;
  for (auto& item : t.items) {
    if (item.token == NumToken::kDigit9 || item.token == NumToken::kDigit0) break;
    if (item.token == NumToken::kSign) sign_at_start = true;
  }
  bool has_pr = false;
  for (auto& item : t.items) has_pr |= item.token == NumToken::kAngle;
  if (has_pr) {
    lead_sign = d.negative ? "<" : (fm ? "" : " ");
  } else if (!t.has_sign) {
    lead_sign = d.negative ? "-" : (fm ? "" : " ");
  } else if (sign_at_start) {
    lead_sign = d.negative ? "-" : "+";
  }
  bool anchored = has_pr || sign_at_start;
  bool sign_done = !anchored;
  bool started = false;
  std::string out;
  auto start = [&]() {
    if (!sign_done) {
      out += lead_sign;
      sign_done = true;
    }
    started = true;
  };
  int int_pos = 0, frac_pos = 0;
  // A trailing S goes right after the last digit position, before any literal text.
  int last_digit = -1;
  bool trailing_s = false;
  for (size_t k = 0; k < t.items.size(); k++) {
    NumToken token = t.items[k].token;
    if (token == NumToken::kDigit9 || token == NumToken::kDigit0 || token == NumToken::kPoint) {
      last_digit = static_cast<int>(k);
    }
    if (token == NumToken::kSign && last_digit >= 0) trailing_s = true;
  }
  for (size_t k = 0; k < t.items.size(); k++) {
    auto& item = t.items[k];
    if (trailing_s && static_cast<int>(k) == last_digit + 1) out += d.negative ? "-" : "+";
    switch (item.token) {
      case NumToken::kDigit9:
      case NumToken::kDigit0:
        if (item.before_point) {
          int p = int_pos++;
          if (overflow) {
            start();
            out += '#';
            break;
          }
          int k = p - (total_int - static_cast<int>(digits.size()));
          if (k >= 0) {
            start();
            out += digits[k];
          } else if (t.zero_start >= 0 && p >= t.zero_start) {
            start();
            out += '0';
          } else if (!fm) {
            out += ' ';
          }
        } else {
          int p = frac_pos++;
          if (overflow) {
            start();
            out += '#';
          } else if (p < static_cast<int>(frac.size())) {
            start();
            out += frac[p];
          }
        }
        break;
      case NumToken::kPoint:
        if (t.post == 0) break;
        start();
        out += '.';
        break;
      case NumToken::kGroup:
        if (started) {
          out += ',';
        } else if (!fm) {
          out += ' ';
        }
        break;
      case NumToken::kSign:
        break;  // placed before the first digit (leading) or after the last one (trailing)
        break;
      case NumToken::kMinus:
        out += d.negative ? "-" : (fm ? "" : " ");
        break;
      case NumToken::kPlus:
        out += !d.negative ? "+" : (fm ? "" : " ");
        break;
      case NumToken::kPlusMinus:
        out += d.negative ? "-" : "+";
        break;
      case NumToken::kAngle:
        if (!sign_done) start();
        out += d.negative ? ">" : (fm ? "" : " ");
        break;
      case NumToken::kCurrency:
        out += ' ';
        break;
      case NumToken::kOrdinal:
        if (!overflow && !d.negative) out += OrdinalSuffix(digits, item.text == "TH");
        break;
      case NumToken::kLiteral:
        out += item.text;
        break;
    }
  }
  if (!sign_done) out.insert(0, lead_sign);  // no digit position at all
  return out;
}

std::string Scientific(const NumTemplate& t, double v) {
  if (std::isnan(v) || std::isinf(v)) {
    std::string out(1, ' ');
    out += std::string(std::max(1, t.pre), '#');
    if (t.post > 0) out += '.' + std::string(t.post, '#');
    return out + "e+##";
  }
  char buf[128];
  std::snprintf(buf, sizeof(buf), "%.*e", t.post, std::fabs(v));
  std::string sign = std::signbit(v) && v != 0 ? "-" : (t.fill_mode ? "" : " ");
  return sign + buf;
}

// The integer a RN template formats: the value rounded to an integer.
std::string FormatNumber(const NumTemplate& t, const std::string& decimal_text, double approx,
                         bool is_float, int float_digits) {
  if (t.roman) {
    bool lower = false;
    (void)lower;
    double r = std::round(approx);
    int64_t v = std::fabs(r) < 1e15 ? static_cast<int64_t>(r) : 0;
    return Roman(v, false, t.fill_mode);
  }
  if (t.eeee) return Scientific(t, approx);
  if (is_float) return Render(t, FromDouble(approx, t, float_digits));
  return Render(t, FromDecimalText(decimal_text, t));
}

// Lower-case rn: the same numerals in lower case.
bool RomanLower(const std::string& fmt) {
  return fmt.find("rn") != std::string::npos;
}

std::string ToCharInt(int64_t v, const std::string& fmt) {
  NumTemplate t = ParseNumTemplate(fmt);
  std::string s = t.roman ? std::string() : std::to_string(v);
  std::string out = FormatNumber(t, s, static_cast<double>(v), false, 0);
  if (t.roman && RomanLower(fmt)) {
    for (char& c : out) c = static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string ToCharDouble(double v, const std::string& fmt, int digits) {
  NumTemplate t = ParseNumTemplate(fmt);
  std::string out = FormatNumber(t, std::string(), v, true, digits);
  if (t.roman && RomanLower(fmt)) {
    for (char& c : out) c = static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string ToCharDecimal(const Decimal& v, const std::string& fmt) {
  NumTemplate t = ParseNumTemplate(fmt);
  std::string out = FormatNumber(t, DecimalToString(v), DecimalToDouble(v), false, 0);
  if (t.roman && RomanLower(fmt)) {
    for (char& c : out) c = static_cast<char>(std::tolower(c));
  }
  return out;
}

// to_number: reads digits, one decimal point, and sign marks ('-', '<...>', trailing 'S'/'MI'
// minus) from the input, skipping group separators, blanks, currency and literal text.
Decimal ToNumber(const std::string& input, const std::string& fmt) {
  NumTemplate t = ParseNumTemplate(fmt);
  std::string digits;
  bool negative = false, point = false, any = false;
  int frac_digits = 0;
  int int_limit = t.pre + t.multiplier;
  int int_count = 0;
  for (char c : input) {
    if (c >= '0' && c <= '9') {
      if (point) {
        if (frac_digits >= t.post) continue;
        frac_digits++;
      } else {
        if (int_count >= int_limit && int_limit > 0) continue;
        int_count++;
      }
      digits += c;
      any = true;
    } else if ((c == '.' && t.has_point) && !point) {
      point = true;
    } else if (c == '-' || c == '<') {
      negative = true;
    }
  }
  if (!any) {
    if (input.find_first_not_of(" ") == std::string::npos || digits.empty()) {
      throw Exception(sqlstate::kInvalidTextRepresentation,
                      "invalid input syntax for type numeric: \" \"");
    }
  }
  std::string text = negative ? "-" : "";
  text += digits.substr(0, digits.size() - frac_digits);
  if (text.empty() || text == "-") text += "0";
  if (frac_digits) text += "." + digits.substr(digits.size() - frac_digits);
  Decimal d = DecimalParse(text);
  if (t.multiplier) {
    d = DecimalDiv(d, DecimalParse("1" + std::string(t.multiplier, '0')));
  }
  return d;
}

}  // namespace

void RegisterNumberFormatFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText;
  for (TypeId id : {TypeId::kSmallInt, TypeId::kInteger, TypeId::kBigInt}) {
    r.AddScalar(MakeScalar("to_char", {id, text}, text,
                           [](Args a, size_t n, Vector& res, FunctionContext&) {
                             BinaryLoop<int64_t, std::string, std::string>(
                                 *a[0], *a[1], n, res,
                                 [](int64_t v, const std::string& f) { return ToCharInt(v, f); });
                           }));
  }
  r.AddScalar(MakeScalar("to_char", {TypeId::kDouble, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           BinaryLoop<double, std::string, std::string>(
                               *a[0], *a[1], n, res, [](double v, const std::string& f) {
                                 return ToCharDouble(v, f, DBL_DIG);
                               });
                         }));
  r.AddScalar(MakeScalar("to_char", {TypeId::kReal, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           BinaryLoop<double, std::string, std::string>(
                               *a[0], *a[1], n, res, [](double v, const std::string& f) {
                                 return ToCharDouble(static_cast<float>(v), f, FLT_DIG);
                               });
                         }));
  r.AddScalar(MakeScalar("to_char", {TypeId::kDecimal, text}, text,
                         [](Args a, size_t n, Vector& res, FunctionContext&) {
                           BinaryLoop<Decimal, std::string, std::string>(
                               *a[0], *a[1], n, res, [](const Decimal& v, const std::string& f) {
                                 return ToCharDecimal(v, f);
                               });
                         }));
  r.AddScalar(
      MakeScalar("to_number", {text, text}, TypeId::kDecimal,
                 [](Args a, size_t n, Vector& res, FunctionContext&) {
                   BinaryLoop<std::string, std::string, Decimal>(
                       *a[0], *a[1], n, res,
                       [](const std::string& s, const std::string& f) { return ToNumber(s, f); });
                 }));
}

}  // namespace kadedb
