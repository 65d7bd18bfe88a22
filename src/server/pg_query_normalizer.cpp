// NormalizeQuery (pg_query_normalizer.hpp): literal constants of one DML statement -> $n.
#include "server/pg_query_normalizer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cstdint>

#include "common/exception.hpp"

namespace kadedb {

namespace {

// After these keywords a literal is an ordinary operand ("WHERE 1 = x", "THEN 'a'").
bool IsLiteralKeyword(const std::string& w) {
  static const char* const kWords[] = {"select", "where",  "and",  "or",      "not",
                                       "then",   "else",   "when", "between", "like",
                                       "ilike",  "having", "on",   "case",    "returning"};
  for (const char* k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// After these keywords "(" opens an expression list or a subquery, not a call's arguments.
bool IsExpressionParenKeyword(const std::string& w) {
  static const char* const kWords[] = {
      "select",  "where", "and",       "or",     "not",  "then",     "else", "when",
      "between", "in",    "values",    "exists", "from", "join",     "on",   "having",
      "set",     "union", "intersect", "except", "case", "returning"};
  for (const char* k : kWords) {
    if (w == k) return true;
  }
  return false;
}

// Keywords that end an ORDER BY / GROUP BY list at the same nesting level.
bool EndsPositionalClause(const std::string& w) {
  static const char* const kWords[] = {"limit",     "offset", "having", "window", "union",
                                       "intersect", "except", "fetch",  "for",    "returning"};
  for (const char* k : kWords) {
    if (w == k) return true;
  }
  return false;
}

bool IsKeywordToken(const Token& t, const char* w) {
  return t.IsKeyword(w);
}

bool IsNumber(const Token& t) {
  return t.kind == TokenKind::kInteger || t.kind == TokenKind::kNumeric;
}

// Characters (UTF-8 code points) of s.
int CharLength(std::string_view s) {
  int n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) n++;
  }
  return n;
}

std::string Quote(const std::string& s, char q) {
  std::string out(1, q);
  for (char c : s) {
    out += c;
    if (c == q) out += q;
  }
  out += q;
  return out;
}

struct Frame {
  bool params_ok = true;    // literals directly inside may become parameters
  bool positional = false;  // inside ORDER BY / GROUP BY: integers are column positions
};

// Whether a literal whose preceding token is prev may become a parameter (context only).
bool OperandContext(const Token& prev) {
  if (prev.kind == TokenKind::kOperator) return true;
  if (prev.IsPunct("(") || prev.IsPunct(",")) return true;
  return prev.kind == TokenKind::kIdentifier && IsLiteralKeyword(prev.text);
}

bool FitsInt32(std::string_view digits, bool negative, int64_t* value) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size()) return false;
  if (negative) v = -v;
  if (v < INT32_MIN || v > INT32_MAX) return false;
  *value = v;
  return true;
}

}  // namespace

int NormalizedQuery::MapPosition(int position) const {
  if (positions.empty() || position <= 0) return position;
  auto it = std::upper_bound(positions.begin(), positions.end(), position,
                             [](int p, const TokenSpan& s) { return p < s.pos; });
  if (it == positions.begin()) return position;
  --it;
  // Inside a token: the same offset into the original token (both spell it alike), except for
  // replaced or re-quoted literals, which map to their start.
  int offset = std::min(position - it->pos, it->length);
  return it->literal ? it->orig_pos : it->orig_pos + offset;
}

std::string NormalizedQuery::TypedText() const {
  std::string out;
  size_t copied = 0;
  for (const Literal& lit : literals) {
    if (lit.kind == TokenKind::kString) continue;
    out.append(text, copied, lit.text_end - copied);
    out += lit.kind == TokenKind::kInteger ? "::int4" : "::numeric";
    copied = lit.text_end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

bool NormalizeQuery(std::string_view sql, NormalizedQuery* out) {
  // Long texts (bulk INSERTs, scripts) are rarely repeated and would make large keys.
  if (sql.size() > kMaxNormalizedBytes) return false;
  // Cheap pre-check before lexing: the first word must be one of the cached statement kinds.
  size_t start = 0;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) start++;
  size_t end = start;
  while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end]))) end++;
  std::string head(sql.substr(start, end - start));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (head != "select" && head != "insert" && head != "update" && head != "delete") return false;
  std::vector<Token> tokens;
  try {
    tokens = Tokenize(sql);
  } catch (...) {
    return false;  // the uncached path reports the error
  }
  if (!tokens.empty() && tokens.back().kind == TokenKind::kEnd) tokens.pop_back();
  while (!tokens.empty() && tokens.back().IsPunct(";")) tokens.pop_back();
  if (tokens.empty() || tokens[0].kind != TokenKind::kIdentifier) return false;
  const std::string& first = tokens[0].text;
  bool is_select = first == "select";
  if (!is_select && first != "insert" && first != "update" && first != "delete") return false;

  struct Piece {
    std::string text;
    int orig_pos;
    bool literal;   // a replaced or re-quoted literal: positions inside it map to its start
    int param = 0;  // 1-based literal number when the piece is a parameter
  };
  std::vector<Piece> pieces;
  pieces.reserve(tokens.size());
  std::vector<Frame> frames(1);
  NormalizedQuery q;
  for (size_t i = 0; i < tokens.size(); i++) {
    const Token& t = tokens[i];
    const Token* prev = i > 0 ? &tokens[i - 1] : nullptr;
    const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    switch (t.kind) {
      case TokenKind::kParameter:
        return false;
      case TokenKind::kPunctuation:
        if (t.text == ";" || t.text == "$") return false;
        if (t.text == "(" || t.text == "[") {
          Frame parent = frames.back();
          Frame f;
          f.params_ok = parent.params_ok && !parent.positional && t.text == "(";
          if (f.params_ok && prev) {
            if (prev->kind == TokenKind::kIdentifier) {
              bool distinct_on =
                  prev->text == "on" && i >= 2 && IsKeywordToken(tokens[i - 2], "distinct");
              f.params_ok = IsExpressionParenKeyword(prev->text) && !distinct_on;
            } else if (prev->kind == TokenKind::kOperator) {
              f.params_ok = true;
            } else if (prev->kind == TokenKind::kPunctuation) {
              f.params_ok = prev->text == "(" || prev->text == ",";
            } else {
              f.params_ok = false;  // after a quoted identifier (a call) or a literal
            }
          }
          frames.push_back(f);
        } else if (t.text == ")" || t.text == "]") {
          if (frames.size() <= 1) return false;
          frames.pop_back();
        }
        break;
      case TokenKind::kIdentifier:
        if (is_select && frames.size() == 1 && t.text == "into") return false;  // SELECT INTO
        if (t.text == "by" && prev &&
            (IsKeywordToken(*prev, "order") || IsKeywordToken(*prev, "group"))) {
          frames.back().positional = true;
        } else if (EndsPositionalClause(t.text)) {
          frames.back().positional = false;
        }
        break;
      default:
        break;
    }

    if (t.kind == TokenKind::kInteger || t.kind == TokenKind::kNumeric ||
        t.kind == TokenKind::kString) {
      const Frame& frame = frames.back();
      bool param = frame.params_ok && !frame.positional && prev &&
                   !(next && (next->IsPunct("::") || next->IsPunct("[")));
      // A unary minus before a number folds into it: "x = -5" -> "x = $1" with -5.
      bool fold = false;
      if (param && IsNumber(t) && prev->IsOp("-") && i >= 2 && OperandContext(tokens[i - 2]) &&
          !pieces.empty()) {
        fold = true;
      } else if (param) {
        param = OperandContext(*prev);
      }
      NormalizedQuery::Literal lit;
      lit.kind = t.kind;
      lit.char_pos = fold ? prev->char_pos : t.char_pos;
      if (param && t.kind == TokenKind::kInteger) {
        int64_t v = 0;
        param = FitsInt32(t.text, fold, &v);
        lit.text = std::to_string(v);
      } else if (param && t.kind == TokenKind::kNumeric) {
        lit.text = fold ? "-" + t.text : t.text;
      } else if (param) {
        lit.text = t.text;
      }
      if (param) {
        if (fold) pieces.pop_back();
        q.literals.push_back(std::move(lit));
        pieces.push_back({"$" + std::to_string(q.literals.size()), q.literals.back().char_pos, true,
                          static_cast<int>(q.literals.size())});
        continue;
      }
    }
    std::string text;
    switch (t.kind) {
      case TokenKind::kQuotedIdentifier:
        text = Quote(t.text, '"');
        break;
      case TokenKind::kString:
        text = Quote(t.text, '\'');
        break;
      default:
        text = t.text;
        break;
    }
    pieces.push_back({std::move(text), t.char_pos, t.kind == TokenKind::kString});
  }
  if (frames.size() != 1) return false;

  int pos = 1;
  for (auto& p : pieces) {
    if (!q.text.empty()) {
      q.text += ' ';
      pos++;
    }
    if (p.param > 0) q.literals[p.param - 1].text_end = q.text.size() + p.text.size();
    int len = CharLength(p.text);
    q.positions.push_back({pos, len, p.orig_pos, p.literal});
    q.text += p.text;
    pos += len;
  }
  *out = std::move(q);
  return true;
}

}  // namespace kadedb
