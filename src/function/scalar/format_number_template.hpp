// PostgreSQL's number template patterns (to_char(number, fmt), to_number(text, fmt)), parsed
// once per format string: 9 0 . , D G S MI PL SG PR L V TH/th EEEE RN FM and literal text
// ("quoted" or any other character). Keywords are case-insensitive; th/TH choose the suffix case.
#pragma once

#include <string>
#include <vector>

namespace kadedb {

enum class NumToken : uint8_t {
  kDigit9,
  kDigit0,
  kPoint,      // . or D
  kGroup,      // , or G
  kSign,       // S: sign anchored to the number
  kMinus,      // MI
  kPlus,       // PL
  kPlusMinus,  // SG
  kAngle,      // PR
  kCurrency,   // L
  kOrdinal,    // TH / th
  kLiteral,
};

struct NumTemplateItem {
  NumToken token;
  std::string text;          // literal text; "TH" or "th" for kOrdinal
  bool before_point = true;  // digit positions: integer part (or before V)
};

struct NumTemplate {
  std::vector<NumTemplateItem> items;
  bool fill_mode = false;  // FM
  bool eeee = false;       // EEEE scientific notation
  bool roman = false;      // RN
  bool has_sign = false;   // S, MI, PL, SG or PR present (no default sign position)
  bool has_point = false;
  int pre = 0;          // digit positions before the point
  int post = 0;         // digit positions after the point (or after V)
  int multiplier = 0;   // V: digits of 10^n to multiply by
  int zero_start = -1;  // index among the integer positions of the first 0, -1 if none
};

// Parses fmt; 42601 for PostgreSQL's rejected combinations.
NumTemplate ParseNumTemplate(const std::string& fmt);

}  // namespace kadedb
