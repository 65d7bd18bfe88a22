// NormalizeQuery: the key of the simple-query statement cache (pg_statement_cache.hpp). Turns one
// SELECT / INSERT / UPDATE / DELETE text into a canonical text with its literal constants replaced
// by $1..$n parameters, and keeps the literals (kind, text, position) to bind them back.
//
//   SELECT abalance FROM pgbench_accounts WHERE aid = 12345;
//   -> "select abalance from pgbench_accounts where aid = $1", literals {integer "12345"}
//
// Only literals whose meaning cannot depend on being a constant are replaced: operands of
// operators, values in VALUES / IN lists and parenthesised expressions, and after SELECT, WHERE,
// AND, OR, THEN, ELSE, BETWEEN, LIKE ... Never: arguments of function calls and type modifiers
// (date_trunc('day', x), numeric(10,2)), ORDER BY / GROUP BY items (positions), LIMIT / OFFSET,
// typed literals (DATE '...', INTERVAL '...'), literals followed by a :: cast, anything inside
// brackets or OVER (...). Those stay in the key as they are written. A unary minus before a
// number is folded into its literal (as the parser folds it), so "x = -5" still compares with a
// plain parameter. Integers outside int32 and statements with $n, several statements or
// anything the lexer rejects are not normalised (the statement then takes the uncached path).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parser/lexer.hpp"

namespace kadedb {

struct NormalizedQuery {
  struct Literal {
    TokenKind kind = TokenKind::kInteger;  // kInteger, kNumeric or kString
    std::string text;                      // decoded; with a folded unary minus for numbers
    int char_pos = 0;                      // 1-based character position in the original text
    size_t text_end = 0;                   // byte offset just past its "$n" in text
  };
  std::string text;  // the canonical statement, with $1..$n
  std::vector<Literal> literals;
  // Where each token of text came from, ascending by pos (1-based character positions).
  struct TokenSpan {
    int pos = 0;     // in text
    int length = 0;  // characters in text
    int orig_pos = 0;
    bool literal = false;  // a replaced or re-quoted literal
  };
  std::vector<TokenSpan> positions;

  // text with the numeric parameters cast to their literal's type ("$1::int4"), so that binding it
  // infers the string parameters' types as the literals would resolve them.
  std::string TypedText() const;
  // Maps a 1-based error position in text to the original statement's text.
  int MapPosition(int position) const;
};

// Texts longer than this are not normalised (not cached).
constexpr size_t kMaxNormalizedBytes = 8192;

// False when sql must not go through the statement cache (not a single SELECT / INSERT / UPDATE /
// DELETE, longer than kMaxNormalizedBytes, already has $n parameters, or the lexer rejects it).
// Never throws.
bool NormalizeQuery(std::string_view sql, NormalizedQuery* out);

}  // namespace kadedb
