// A TOML subset parser for the server's config file: [tables] (dotted names allowed), key = value
// with basic "strings" (\" \\ \n \t \uXXXX escapes) and 'literal strings', integers (with _
// separators and a sign), booleans, and arrays of strings (may span lines, trailing comma ok),
// # comments. Anything else is an error naming the line. Not thread-safe; parse once at startup.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "kadedb/status.hpp"

namespace kadedb {

using TomlValue = std::variant<std::string, int64_t, bool, std::vector<std::string>>;

// Keys are "table.key" (or "key" at the top level), in the file's spelling.
struct TomlDocument {
  std::map<std::string, TomlValue> values;
  std::map<std::string, int> lines;  // the line each key was set on, for error messages
};

// Parses text; on error returns 22023 "<source>:<line>: <what>" and leaves *out partial.
Status ParseToml(const std::string& text, const std::string& source, TomlDocument* out);

}  // namespace kadedb
