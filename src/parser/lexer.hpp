// Lexer: turns KadeQL text into tokens, following PostgreSQL's lexical rules.
//
// Unquoted identifiers are folded to lower case (ASCII only) and double-quoted ones kept
// verbatim; keywords are just unquoted identifiers (the parser decides by text, see keywords.hpp).
// Strings: '...' with '' doubling, adjacent literals separated by a newline concatenate, E'...'
// backslash escapes, $tag$...$tag$ dollar quotes. Operators follow PostgreSQL's multi-character
// rules. Positions are tracked in bytes and in characters (UTF-8 code points).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kadedb {

enum class TokenKind : uint8_t {
  kIdentifier,        // unquoted, folded to lower case (may be a keyword)
  kQuotedIdentifier,  // "..." verbatim
  kString,            // decoded string literal
  kInteger,           // digits only
  kNumeric,           // with '.' or exponent
  kParameter,         // $n; text holds the digits
  kOperator,          // + - * / < <= <> != || ~ ... (any operator-character sequence)
  kPunctuation,       // ( ) [ ] , ; . : ::
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  int byte_begin = 0;  // 0-based byte offset in the input
  int byte_end = 0;    // one past the last byte
  int char_pos = 0;    // 1-based character offset in the input

  bool Is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
  // Unquoted identifier spelled `keyword` (lower case).
  bool IsKeyword(std::string_view keyword) const {
    return kind == TokenKind::kIdentifier && text == keyword;
  }
  bool IsPunct(std::string_view p) const { return kind == TokenKind::kPunctuation && text == p; }
  bool IsOp(std::string_view p) const { return kind == TokenKind::kOperator && text == p; }
};

// Checks that `input` is valid UTF-8; throws 22021 otherwise.
void ValidateUtf8(std::string_view input);

// Tokenizes all of `input` (ending with one kEnd token). Throws 42601 for unterminated quoted
// strings, identifiers or comments, 22021 for invalid UTF-8.
std::vector<Token> Tokenize(std::string_view input);

}  // namespace kadedb
