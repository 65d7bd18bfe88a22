// Lexer implementation (see lexer.hpp for the rules it follows).
#include "parser/lexer.hpp"

#include <algorithm>
#include <cstdio>

#include "common/exception.hpp"
#include "common/utf8.hpp"

namespace kadedb {

namespace {

bool IsIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool IsIdentChar(unsigned char c) {
  return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
}
bool IsDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsOpChar(unsigned char c) {
  switch (c) {
    case '~':
    case '!':
    case '@':
    case '#':
    case '^':
    case '&':
    case '|':
    case '`':
    case '?':
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '<':
    case '>':
    case '=':
      return true;
    default:
      return false;
  }
}

int HexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view in) : in_(in), char_of_byte_(in.size() + 1) {
    int chars = 0;
    for (size_t i = 0; i < in.size(); i++) {
      char_of_byte_[i] = chars;
      if ((static_cast<unsigned char>(in[i]) & 0xC0) != 0x80) chars++;
    }
    char_of_byte_[in.size()] = chars;
  }

  std::vector<Token> Run() {
    std::vector<Token> out;
    while (true) {
      SkipSpaceAndComments();
      Token t;
      t.byte_begin = static_cast<int>(pos_);
      t.char_pos = CharPos(pos_);
      if (pos_ >= in_.size()) {
        t.kind = TokenKind::kEnd;
        t.byte_end = t.byte_begin;
        out.push_back(std::move(t));
        return out;
      }
      LexOne(t);
      t.byte_end = static_cast<int>(pos_);
      out.push_back(std::move(t));
    }
  }

 private:
  int CharPos(size_t byte) const { return char_of_byte_[byte] + 1; }
  unsigned char At(size_t i) const { return i < in_.size() ? in_[i] : 0; }

  [[noreturn]] void Fail(const std::string& what, size_t start) {
    std::string near(in_.substr(start, in_.size() - start));
    throw Exception(sqlstate::kSyntaxError, what + " at or near \"" + near + "\"", CharPos(start));
  }

  void SkipSpaceAndComments() {
    while (pos_ < in_.size()) {
      unsigned char c = At(pos_);
      if (IsSpace(c)) {
        pos_++;
      } else if (c == '-' && At(pos_ + 1) == '-') {
        while (pos_ < in_.size() && At(pos_) != '\n') pos_++;
      } else if (c == '/' && At(pos_ + 1) == '*') {
        size_t start = pos_;
        int depth = 0;
        while (true) {
          if (pos_ >= in_.size()) Fail("unterminated /* comment", start);
          if (At(pos_) == '/' && At(pos_ + 1) == '*') {
            depth++;
            pos_ += 2;
          } else if (At(pos_) == '*' && At(pos_ + 1) == '/') {
            depth--;
            pos_ += 2;
            if (depth == 0) break;
          } else {
            pos_++;
          }
        }
      } else {
        return;
      }
    }
  }

  void LexOne(Token& t) {
    unsigned char c = At(pos_);
    unsigned char next = At(pos_ + 1);
    if ((c == 'e' || c == 'E') && next == '\'') {
      pos_++;
      t.kind = TokenKind::kString;
      t.text = LexString(true);
      return;
    }
    if ((c == 'n' || c == 'N') && next == '\'') {
      pos_++;
      t.kind = TokenKind::kString;
      t.text = LexString(false);
      return;
    }
    if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && next == '\'') {
      throw Exception(sqlstate::kFeatureNotSupported, "bit string literals are not supported",
                      CharPos(pos_));
    }
    if ((c == 'u' || c == 'U') && next == '&' && (At(pos_ + 2) == '\'' || At(pos_ + 2) == '"')) {
      throw Exception(sqlstate::kFeatureNotSupported, "Unicode escape literals are not supported",
                      CharPos(pos_));
    }
    if (IsIdentStart(c)) {
      size_t start = pos_;
      while (pos_ < in_.size() && IsIdentChar(At(pos_))) pos_++;
      t.kind = TokenKind::kIdentifier;
      t.text.assign(in_.substr(start, pos_ - start));
      for (char& ch : t.text) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      }
      return;
    }
    if (c == '"') {
      LexQuotedIdentifier(t);
      return;
    }
    if (c == '\'') {
      t.kind = TokenKind::kString;
      t.text = LexString(false);
      return;
    }
    if (IsDigit(c) || (c == '.' && IsDigit(next))) {
      LexNumber(t);
      return;
    }
    if (c == '$') {
      LexDollar(t);
      return;
    }
    if (c == ':') {
      t.kind = TokenKind::kPunctuation;
      if (next == ':') {
        t.text = "::";
        pos_ += 2;
      } else {
        t.text = ":";
        pos_++;
      }
      return;
    }
    if (IsOpChar(c)) {
      LexOperator(t);
      return;
    }
    // ( ) [ ] , ; . and anything unexpected: a one-character token the parser will reject.
    t.kind = TokenKind::kPunctuation;
    size_t len = 1;
    if (c >= 0x80) {  // keep a whole UTF-8 sequence together (cannot happen: idents take these)
      while (pos_ + len < in_.size() && (At(pos_ + len) & 0xC0) == 0x80) len++;
    }
    t.text.assign(in_.substr(pos_, len));
    pos_ += len;
  }

  void LexQuotedIdentifier(Token& t) {
    size_t start = pos_++;
    std::string text;
    while (true) {
      if (pos_ >= in_.size()) Fail("unterminated quoted identifier", start);
      if (At(pos_) == '"') {
        if (At(pos_ + 1) == '"') {
          text += '"';
          pos_ += 2;
          continue;
        }
        pos_++;
        break;
      }
      text += in_[pos_++];
    }
    if (text.empty()) Fail("zero-length delimited identifier", start);
    t.kind = TokenKind::kQuotedIdentifier;
    t.text = std::move(text);
  }

  // pos_ is at the opening quote. Handles '' doubling, E-string escapes and the PostgreSQL rule
  // that literals separated only by whitespace containing a newline are concatenated.
  std::string LexString(bool escapes) {
    std::string out;
    size_t start = pos_;
    while (true) {
      pos_++;  // opening quote
      while (true) {
        if (pos_ >= in_.size()) Fail("unterminated quoted string", start);
        unsigned char c = At(pos_);
        if (c == '\'') {
          if (At(pos_ + 1) == '\'') {
            out += '\'';
            pos_ += 2;
            continue;
          }
          pos_++;
          break;
        }
        if (escapes && c == '\\') {
          LexEscape(out, start);
          continue;
        }
        out += static_cast<char>(c);
        pos_++;
      }
      // Continuation: whitespace with at least one newline, then another quote.
      size_t p = pos_;
      bool newline = false;
      while (p < in_.size() && IsSpace(At(p))) {
        if (At(p) == '\n' || At(p) == '\r') newline = true;
        p++;
      }
      if (newline && At(p) == '\'') {
        pos_ = p;
        continue;
      }
      return out;
    }
  }

  void LexEscape(std::string& out, size_t start) {
    pos_++;  // backslash
    if (pos_ >= in_.size()) Fail("unterminated quoted string", start);
    unsigned char c = At(pos_);
    switch (c) {
      case 'b':
        out += '\b';
        pos_++;
        return;
      case 'f':
        out += '\f';
        pos_++;
        return;
      case 'n':
        out += '\n';
        pos_++;
        return;
      case 'r':
        out += '\r';
        pos_++;
        return;
      case 't':
        out += '\t';
        pos_++;
        return;
      case 'x': {
        int v = 0, n = 0;
        pos_++;
        while (n < 2 && HexValue(At(pos_)) >= 0) {
          v = v * 16 + HexValue(At(pos_++));
          n++;
        }
        if (n == 0) {
          out += 'x';
          return;
        }
        out += static_cast<char>(v);
        break;
      }
      case 'u':
      case 'U': {
        int digits = c == 'u' ? 4 : 8;
        size_t esc = pos_ - 1;
        pos_++;
        uint32_t cp = 0;
        for (int i = 0; i < digits; i++) {
          int h = HexValue(At(pos_));
          if (h < 0) {
            throw Exception(sqlstate::kSyntaxError, "invalid Unicode escape", CharPos(esc), {},
                            "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
          }
          cp = cp * 16 + h;
          pos_++;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          throw Exception(sqlstate::kSyntaxError, "invalid Unicode escape value", CharPos(esc));
        }
        Utf8Append(out, cp);
        return;
      }
      default:
        if (c >= '0' && c <= '7') {
          int v = 0, n = 0;
          while (n < 3 && At(pos_) >= '0' && At(pos_) <= '7') {
            v = v * 8 + (At(pos_++) - '0');
            n++;
          }
          out += static_cast<char>(v & 0xFF);
          break;
        }
        out += static_cast<char>(c);
        pos_++;
        return;
    }
    // \x and octal escapes may produce bytes that are not valid UTF-8.
    ValidateUtf8(out);
  }

  void LexNumber(Token& t) {
    size_t start = pos_;
    bool is_numeric = false;
    while (IsDigit(At(pos_))) pos_++;
    if (At(pos_) == '.' && At(pos_ + 1) != '.') {
      is_numeric = true;
      pos_++;
      while (IsDigit(At(pos_))) pos_++;
    }
    if ((At(pos_) == 'e' || At(pos_) == 'E')) {
      size_t p = pos_ + 1;
      if (At(p) == '+' || At(p) == '-') p++;
      if (IsDigit(At(p))) {
        is_numeric = true;
        pos_ = p;
        while (IsDigit(At(pos_))) pos_++;
      }
    }
    t.kind = is_numeric ? TokenKind::kNumeric : TokenKind::kInteger;
    t.text.assign(in_.substr(start, pos_ - start));
  }

  void LexDollar(Token& t) {
    size_t start = pos_;
    if (IsDigit(At(pos_ + 1))) {
      pos_++;
      size_t d = pos_;
      while (IsDigit(At(pos_))) pos_++;
      t.kind = TokenKind::kParameter;
      t.text.assign(in_.substr(d, pos_ - d));
      return;
    }
    // $tag$ ... $tag$ where tag is an identifier without '$' (or empty).
    size_t p = pos_ + 1;
    if (IsIdentStart(At(p))) {
      while (p < in_.size() && IsIdentChar(At(p)) && At(p) != '$') p++;
    }
    if (At(p) != '$') {
      t.kind = TokenKind::kPunctuation;
      t.text = "$";
      pos_++;
      return;
    }
    std::string_view delim = in_.substr(start, p + 1 - start);
    size_t body = p + 1;
    size_t end = in_.find(delim, body);
    if (end == std::string_view::npos) Fail("unterminated dollar-quoted string", start);
    t.kind = TokenKind::kString;
    t.text.assign(in_.substr(body, end - body));
    pos_ = end + delim.size();
  }

  void LexOperator(Token& t) {
    size_t start = pos_;
    size_t end = pos_;
    while (end < in_.size() && IsOpChar(At(end))) {
      // A comment start ends the operator.
      if (end > start &&
          ((At(end) == '-' && At(end + 1) == '-') || (At(end) == '/' && At(end + 1) == '*'))) {
        break;
      }
      end++;
    }
    size_t len = end - start;
    if (len > 1 && (At(start + len - 1) == '+' || At(start + len - 1) == '-')) {
      // PostgreSQL: a multi-char operator may end in + or - only if it contains one of these.
      bool special = false;
      for (size_t i = start; i < end; i++) {
        unsigned char c = At(i);
        if (c == '~' || c == '!' || c == '@' || c == '#' || c == '^' || c == '&' || c == '|' ||
            c == '`' || c == '?') {
          special = true;
        }
      }
      if (!special) {
        while (len > 1 && (At(start + len - 1) == '+' || At(start + len - 1) == '-')) len--;
      }
    }
    t.kind = TokenKind::kOperator;
    t.text.assign(in_.substr(start, len));
    pos_ = start + len;
  }

  std::string_view in_;
  size_t pos_ = 0;
  std::vector<int> char_of_byte_;
};

}  // namespace

void ValidateUtf8(std::string_view s) {
  size_t i = 0;
  int chars = 0;
  while (i < s.size()) {
    size_t len = s[i] == '\0' ? 0 : Utf8ValidSequenceLength(s, i);
    if (len == 0) {
      // Show the bytes the lead byte claims (PostgreSQL's message), at least one.
      size_t shown = std::max<size_t>(Utf8SeqLen(static_cast<unsigned char>(s[i])), 1);
      std::string bytes;
      for (size_t k = i; k < s.size() && k < i + shown; k++) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%s0x%02x", bytes.empty() ? "" : " ",
                      static_cast<unsigned char>(s[k]));
        bytes += buf;
      }
      throw Exception(sqlstate::kCharacterNotInRepertoire,
                      "invalid byte sequence for encoding \"UTF8\": " + bytes, chars + 1);
    }
    i += len;
    chars++;
  }
}

std::vector<Token> Tokenize(std::string_view input) {
  ValidateUtf8(input);
  return Lexer(input).Run();
}

}  // namespace kadedb
