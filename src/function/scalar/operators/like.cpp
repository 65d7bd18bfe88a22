// LIKE / NOT LIKE / ILIKE / NOT ILIKE, registered as PostgreSQL's operator names ~~ !~~ ~~* !~~*
// (two arguments, or three with the ESCAPE character) and as the functions like() / ilike().
// % matches any sequence, _ one character (a whole UTF-8 sequence), the escape character (default
// backslash, none when ESCAPE '') makes the next pattern character literal. ILIKE folds ASCII case.
// Patterns made of literals and % only are matched by prefix/suffix checks and find(); others by
// backtracking on the last %, O(|s|·|p|) worst case. No allocation per row for LIKE.
#include <cctype>
#include <string_view>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

inline size_t Utf8Len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// escape < 0: none.
bool LikeMatch(std::string_view s, std::string_view p, int escape) {
  size_t si = 0, pi = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      unsigned char c = p[pi];
      if (c == '%') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (c == '_') {
        si += Utf8Len(s[si]);
        pi++;
        continue;
      }
      size_t len = 1;
      if (static_cast<int>(c) == escape) {
        if (pi + 1 >= p.size()) {
          throw Exception("22025", "LIKE pattern must not end with escape character");
        }
        c = p[pi + 1];
        len = 2;
      }
      if (static_cast<unsigned char>(s[si]) == c) {
        si++;
        pi += len;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    star_s += Utf8Len(s[star_s]);
    si = star_s;
    pi = star_p;
  }
  while (pi < p.size() && p[pi] == '%') pi++;
  if (pi < p.size() && static_cast<int>(static_cast<unsigned char>(p[pi])) == escape &&
      pi + 1 >= p.size()) {
    throw Exception("22025", "LIKE pattern must not end with escape character");
  }
  return pi == p.size();
}

// A pattern of literal pieces separated by % only (no _, no escape character): matched with
// prefix/suffix checks and find(), without backtracking.
struct SimplePattern {
  bool simple = false;
  bool has_percent = false;
  bool leading = false;             // starts with %
  bool trailing = false;            // ends with %
  std::vector<std::string> pieces;  // non-empty literal pieces in order
  std::string literal;              // the whole pattern when it has no %
};

SimplePattern Analyze(const std::string& p, int escape) {
  SimplePattern c;
  for (char ch : p) {
    if (ch == '_' || static_cast<int>(static_cast<unsigned char>(ch)) == escape) return c;
  }
  c.simple = true;
  c.has_percent = p.find('%') != std::string::npos;
  c.literal = p;
  c.leading = !p.empty() && p.front() == '%';
  c.trailing = !p.empty() && p.back() == '%';
  std::string cur;
  for (char ch : p) {
    if (ch == '%') {
      if (!cur.empty()) c.pieces.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) c.pieces.push_back(std::move(cur));
  return c;
}

bool SimpleMatch(std::string_view s, const SimplePattern& c) {
  if (!c.has_percent) return s == c.literal;
  size_t first = 0, last = c.pieces.size();
  size_t pos = 0, end = s.size();
  if (!c.leading && first < last) {
    const std::string& head = c.pieces[first++];
    if (s.substr(0, head.size()) != head) return false;
    pos = head.size();
  }
  if (!c.trailing && first < last) {
    const std::string& tail = c.pieces[--last];
    if (tail.size() > end - pos || s.substr(end - tail.size()) != tail) return false;
    end -= tail.size();
  }
  std::string_view window = s.substr(0, end);
  for (size_t i = first; i < last; i++) {
    size_t p = window.find(c.pieces[i], pos);
    if (p == std::string_view::npos) return false;
    pos = p + c.pieces[i].size();
  }
  return true;
}

int EscapeChar(const std::string& e) {
  if (e.empty()) return -1;
  if (e.size() > Utf8Len(e[0]) || Utf8Len(e[0]) != 1) {
    throw Exception("22019", "invalid escape string", 0, "",
                    "Escape string must be empty or one character.");
  }
  return static_cast<unsigned char>(e[0]);
}

std::string FoldCase(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <bool kNegate, bool kFold>
void LikeExec(const std::vector<const Vector*>& args, size_t count, Vector& result,
              FunctionContext&) {
  const std::vector<std::string>& strs = args[0]->strings();
  const std::vector<std::string>& pats = args[1]->strings();
  const Vector* esc = args.size() > 2 ? args[2] : nullptr;
  PropagateNulls(args, count, result);
  int64_t* out = result.ints().data();
  const uint8_t* valid = result.validity().data();
  // Patterns are nearly always constant: analyse (and fold) once per distinct consecutive
  // pattern.
  const std::string* last_pattern = nullptr;
  const std::string* last_escape = nullptr;
  std::string pattern;
  SimplePattern simple;
  int escape = '\\';
  std::string folded_str;
  for (size_t i = 0; i < count; i++) {
    if (!valid[i]) continue;
    bool changed = false;
    if (esc && (last_escape == nullptr || *last_escape != esc->strings()[i])) {
      last_escape = &esc->strings()[i];
      escape = EscapeChar(*last_escape);
      changed = true;
    }
    if (changed || last_pattern == nullptr || *last_pattern != pats[i]) {
      last_pattern = &pats[i];
      pattern = kFold ? FoldCase(pats[i]) : pats[i];
      simple = Analyze(pattern, escape);
    }
    std::string_view str = strs[i];
    if (kFold) {
      folded_str = FoldCase(strs[i]);
      str = folded_str;
    }
    bool m = simple.simple ? SimpleMatch(str, simple) : LikeMatch(str, pattern, escape);
    out[i] = m != kNegate;
  }
}

}  // namespace

void RegisterLikeOperators(FunctionRegistry& registry) {
  const LogicalType text = TypeId::kText;
  const LogicalType b = TypeId::kBoolean;
  struct Entry {
    const char* name;
    ScalarExec exec;
  };
  const Entry entries[] = {
      {"~~", LikeExec<false, false>},      {"!~~", LikeExec<true, false>},
      {"~~*", LikeExec<false, true>},      {"!~~*", LikeExec<true, true>},
      {"like", LikeExec<false, false>},    {"ilike", LikeExec<false, true>},
      {"not_like", LikeExec<true, false>}, {"not_ilike", LikeExec<true, true>},
  };
  for (const auto& e : entries) {
    registry.AddScalar(MakeScalar(e.name, {text, text}, b, e.exec));
    registry.AddScalar(MakeScalar(e.name, {text, text, text}, b, e.exec));
  }
}

}  // namespace kadedb
