// A small JSON reader for HTTP request bodies ({"sql": ..., "params": [...]}).
//
// Parses RFC 8259 JSON into a JsonValue tree. Numbers keep their source text (so a parameter like
// 12345678901234567890.5 reaches the engine exactly); strings are decoded (\uXXXX escapes and
// surrogate pairs to UTF-8). Limits: nesting depth kMaxJsonDepth; the caller bounds the input size.
// Never throws on bad input: ParseJson returns false and an error message with the byte offset.
//
// Threading: pure functions; a JsonValue is a plain value type.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kadedb {

inline constexpr int kMaxJsonDepth = 64;

struct JsonMember;

struct JsonValue {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;              // kNumber: the literal as written; kString: the decoded string
  std::vector<JsonValue> items;  // kArray
  // kObject, in source order. JsonMember, not std::pair: a pair of an incomplete JsonValue is
  // ill-formed, and clang with libstdc++ rejects it (the fuzz build).
  std::vector<JsonMember> members;

  // The member named key, or null when absent (the last one wins on duplicates, as most parsers).
  const JsonValue* Find(std::string_view key) const;
  // Whether a number literal has no fraction or exponent.
  bool IsIntegerLiteral() const;
};

struct JsonMember {
  std::string first;  // the name
  JsonValue second;
};

// Parses the whole of input (surrounding whitespace allowed). On failure returns false and sets
// *error to "... at byte N".
bool ParseJson(std::string_view input, JsonValue* out, std::string* error);

}  // namespace kadedb
