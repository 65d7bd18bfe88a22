// A forgiving scanner that finds top-level ';' (see statement_splitter.hpp).
#include "parser/statement_splitter.hpp"

#include <cctype>
#include <string>

namespace kadedb {

namespace {

bool IsIdentChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c >= 0x80;
}

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Walks `sql`, calling on_semicolon(pos) for each top-level ';' and noting whether any content
// (a character outside whitespace and comments) follows the last ';'. Returns true when the scan
// ends outside any quote/comment.
// Tracks the words of a statement to notice CREATE [TEMP] TRIGGER ... BEGIN ... END, whose
// body's ';' are not statement ends.
struct TriggerTracker {
  int phase = 0;  // 0 other, 1 after CREATE [TEMP], 2 trigger header, 3 inside BEGIN ... END
  int words = 0;
  int case_depth = 0;
  bool InBody() const { return phase == 3; }
  void Reset() { phase = 0, words = 0, case_depth = 0; }
  void Word(std::string_view raw) {
    std::string w(raw);
    for (char& c : w) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    words++;
    if (phase == 0) {
      if (words == 1 && w == "create") phase = 1;
    } else if (phase == 1) {
      if (w == "trigger") {
        phase = 2;
      } else if (w != "temp" && w != "temporary") {
        phase = -1;
      }
    } else if (phase == 2) {
      if (w == "begin") phase = 3;
    } else if (phase == 3) {
      if (w == "case") {
        case_depth++;
      } else if (w == "end") {
        if (case_depth == 0) {
          phase = -1;
        } else {
          case_depth--;
        }
      }
    }
  }
};

template <class F>
bool Scan(std::string_view sql, F on_semicolon, bool* content_after_last) {
  size_t i = 0, n = sql.size();
  bool content = false;
  TriggerTracker trigger;
  while (i < n) {
    unsigned char c = sql[i];
    if (IsSpace(c)) {
      i++;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') i++;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 0;
      while (true) {
        if (i >= n) {
          *content_after_last = content;
          return false;
        }
        if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
          depth++, i += 2;
        } else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
          depth--, i += 2;
          if (depth == 0) break;
        } else {
          i++;
        }
      }
    } else if (c == '\'' || c == '"') {
      content = true;
      bool backslash = c == '\'' && i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E') &&
                       (i < 2 || !IsIdentChar(sql[i - 2]));
      i++;
      while (true) {
        if (i >= n) {
          *content_after_last = content;
          return false;
        }
        if (backslash && sql[i] == '\\') {
          i += 2;
          continue;
        }
        if (static_cast<unsigned char>(sql[i]) == c) {
          if (i + 1 < n && static_cast<unsigned char>(sql[i + 1]) == c) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1]))) {
      content = true;
      size_t p = i + 1;
      while (p < n && IsIdentChar(sql[p]) && !(p == i + 1 && sql[p] >= '0' && sql[p] <= '9')) p++;
      if (p < n && sql[p] == '$') {
        std::string_view delim = sql.substr(i, p + 1 - i);
        size_t end = sql.find(delim, p + 1);
        if (end == std::string_view::npos) {
          *content_after_last = content;
          return false;
        }
        i = end + delim.size();
      } else {
        i++;
      }
    } else if (c == ';') {
      if (trigger.InBody()) {
        content = true;
        i++;
        continue;
      }
      on_semicolon(i);
      trigger.Reset();
      content = false;
      i++;
    } else if (IsIdentChar(c) && !(c >= '0' && c <= '9') && (i == 0 || !IsIdentChar(sql[i - 1]))) {
      content = true;
      size_t j = i;
      while (j < n && IsIdentChar(sql[j])) j++;
      trigger.Word(sql.substr(i, j - i));
      i = j;
    } else {
      content = true;
      i++;
    }
  }
  *content_after_last = content;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// True when the piece has something besides whitespace and comments.
bool HasContent(std::string_view piece) {
  bool content = false;
  Scan(
      piece, [](size_t) {}, &content);
  return content;
}

}  // namespace

std::vector<std::string> SplitStatements(std::string_view sql) {
  std::vector<std::string> out;
  size_t start = 0;
  bool content = false;
  Scan(
      sql,
      [&](size_t pos) {
        std::string_view piece = Trim(sql.substr(start, pos - start));
        if (HasContent(piece)) out.emplace_back(piece);
        start = pos + 1;
      },
      &content);
  std::string_view rest = Trim(sql.substr(start));
  if (HasContent(rest)) out.emplace_back(rest);
  return out;
}

bool IsCompleteStatement(std::string_view sql) {
  bool seen_semicolon = false;
  bool content_after = false;
  bool closed = Scan(
      sql, [&](size_t) { seen_semicolon = true; }, &content_after);
  return closed && seen_semicolon && !content_after;
}

}  // namespace kadedb
