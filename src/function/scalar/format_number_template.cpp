// ParseNumTemplate: PostgreSQL number template patterns (see the header).
#include "function/scalar/format_number_template.hpp"

#include <cctype>
#include <cstring>

#include "common/exception.hpp"

namespace kadedb {

namespace {

bool StartsWithNoCase(const std::string& s, size_t i, const char* word) {
  size_t n = std::strlen(word);
  if (i + n > s.size()) return false;
  for (size_t k = 0; k < n; k++) {
    if (std::toupper(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  }
  return true;
}

[[noreturn]] void Reject(const std::string& message) {
  throw Exception(sqlstate::kSyntaxError, message);
}

}  // namespace

NumTemplate ParseNumTemplate(const std::string& fmt) {
  NumTemplate t;
  bool after_point = false, after_v = false;
  auto add = [&](NumToken token, std::string text = {}) {
    t.items.push_back({token, std::move(text), !after_point});
  };
  auto sign_once = [&](const char* what) {
    if (t.has_sign) Reject(std::string("cannot use \"") + what + "\" and another sign together");
    t.has_sign = true;
  };
  for (size_t i = 0; i < fmt.size();) {
    char c = fmt[i];
    if (c == '9' || c == '0') {
      if (t.eeee) Reject("\"EEEE\" must be the last pattern used");
      if (after_v) {
        t.multiplier++;
        add(c == '9' ? NumToken::kDigit9 : NumToken::kDigit0);
        t.items.back().before_point = true;
      } else if (after_point) {
        t.post++;
        add(c == '9' ? NumToken::kDigit9 : NumToken::kDigit0);
      } else {
        if (c == '0' && t.zero_start < 0) t.zero_start = t.pre;
        t.pre++;
        add(c == '9' ? NumToken::kDigit9 : NumToken::kDigit0);
      }
      i++;
    } else if (c == '.' || c == 'D' || c == 'd') {
      if (after_point) Reject("multiple decimal points");
      if (after_v) Reject("cannot use \"V\" and decimal point together");
      after_point = true;
      t.has_point = true;
      add(NumToken::kPoint);
      i++;
    } else if (c == ',' || c == 'G' || c == 'g') {
      add(NumToken::kGroup);
      i++;
    } else if (StartsWithNoCase(fmt, i, "EEEE")) {
      if (t.eeee) Reject("cannot use \"EEEE\" twice");
      t.eeee = true;
      i += 4;
    } else if (StartsWithNoCase(fmt, i, "FM")) {
      t.fill_mode = true;
      i += 2;
    } else if (StartsWithNoCase(fmt, i, "PR")) {
      if (t.pre + t.post == 0) Reject("\"9\" must be ahead of \"PR\"");
      sign_once("PR");
      add(NumToken::kAngle);
      i += 2;
    } else if (StartsWithNoCase(fmt, i, "PL")) {
      // PL adds a '+' but keeps the default sign position (PostgreSQL).
      add(NumToken::kPlus);
      i += 2;
    } else if (StartsWithNoCase(fmt, i, "SG")) {
      sign_once("SG");
      add(NumToken::kPlusMinus);
      i += 2;
    } else if (StartsWithNoCase(fmt, i, "MI")) {
      sign_once("MI");
      add(NumToken::kMinus);
      i += 2;
    } else if (StartsWithNoCase(fmt, i, "RN")) {
      t.roman = true;
      i += 2;
    } else if (StartsWithNoCase(fmt, i, "TH")) {
      add(NumToken::kOrdinal, fmt.substr(i, 2) == "th" ? "th" : "TH");
      i += 2;
    } else if (c == 'S' || c == 's') {
      sign_once("S");
      add(NumToken::kSign);
      i++;
    } else if (c == 'L' || c == 'l') {
      add(NumToken::kCurrency);
      i++;
    } else if (c == 'V' || c == 'v') {
      if (after_point) Reject("cannot use \"V\" and decimal point together");
      after_v = true;
      i++;
    } else if (c == '"') {
      std::string lit;
      for (i++; i < fmt.size() && fmt[i] != '"'; i++) {
        if (fmt[i] == '\\' && i + 1 < fmt.size()) i++;
        lit += fmt[i];
      }
      if (i < fmt.size()) i++;
      add(NumToken::kLiteral, lit);
    } else {
      // One UTF-8 character of literal text.
      size_t len = 1;
      while (i + len < fmt.size() && (static_cast<unsigned char>(fmt[i + len]) & 0xC0) == 0x80) {
        len++;
      }
      add(NumToken::kLiteral, fmt.substr(i, len));
      i += len;
    }
  }
  return t;
}

}  // namespace kadedb
