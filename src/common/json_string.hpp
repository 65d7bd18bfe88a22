// JSON string escaping shared by every JSON writer (HTTP API, EXPLAIN (FORMAT JSON), the shell's
// JSON output, the bench driver). Quotes, backslashes and control characters are escaped
// (\n \r \t \b \f, others as \u00XX, DEL too); bytes that are not valid UTF-8 become U+FFFD so
// the output is always valid JSON.
//
// Threading: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace kadedb {

// Appends s as a quoted JSON string.
void AppendJsonString(std::string& out, std::string_view s);
// s as a quoted JSON string.
std::string JsonQuote(std::string_view s);

}  // namespace kadedb
