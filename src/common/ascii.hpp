// ASCII case folding for SQL identifiers, keywords and option words (PostgreSQL folds only
// A-Z when it downcases an unquoted name; multibyte UTF-8 bytes pass through unchanged).
#pragma once

#include <cctype>
#include <string>

namespace kadedb {

// s with A-Z turned into a-z.
inline std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace kadedb
