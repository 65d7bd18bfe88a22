// PgRegex: PostgreSQL ARE patterns translated to std::regex (see the header).
#include "function/scalar/regex_engine.hpp"

#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>

#include "common/exception.hpp"

namespace kadedb {

RegexFlags ParseRegexFlags(const std::string& flags, bool allow_global, const char* function_name) {
  RegexFlags out;
  for (char c : flags) {
    switch (c) {
      case 'g':
        if (!allow_global) {
          throw Exception(sqlstate::kInvalidParameterValue,
                          std::string(function_name ? function_name : "regexp_match") +
                              "() does not support the \"global\" option",
                          0, "", "Use the regexp_matches function instead.");
        }
        out.global = true;
        break;
      case 'i':
        out.icase = true;
        break;
      case 'c':
        out.icase = false;
        break;
      case 'n':
      case 'm':
        out.newline = true;
        break;
      case 's':
        out.newline = false;
        break;
      case 'p':
      case 'w':
      case 'x':
      case 't':
        break;  // partial newline modes and expanded syntax: handled as the pattern allows
      default:
        throw Exception(sqlstate::kInvalidParameterValue,
                        std::string("invalid regular expression option: \"") + c + "\"");
    }
  }
  return out;
}

namespace {

[[noreturn]] void Invalid(const std::string& why) {
  throw Exception("2201B", "invalid regular expression: " + why);
}

struct Translation {
  std::string ecma;
  bool icase = false;
  bool newline = false;
  bool backrefs = false;
};

Translation Translate(const std::string& pattern, RegexFlags flags) {
  Translation t;
  t.icase = flags.icase;
  t.newline = flags.newline;
  size_t i = 0;
  bool literal = false, expanded = false;
  if (pattern.compare(0, 4, "***=") == 0) {
    literal = true;
    i = 4;
  } else if (pattern.compare(0, 4, "***:") == 0) {
    i = 4;
  }
  if (!literal && pattern.compare(i, 2, "(?") == 0 && i + 2 < pattern.size() &&
      std::isalpha(static_cast<unsigned char>(pattern[i + 2]))) {
    size_t close = pattern.find(')', i);
    if (close == std::string::npos) Invalid("missing )");
    for (size_t k = i + 2; k < close; k++) {
      switch (pattern[k]) {
        case 'i':
          t.icase = true;
          break;
        case 'c':
          t.icase = false;
          break;
        case 'n':
        case 'm':
          t.newline = true;
          break;
        case 's':
          t.newline = false;
          break;
        case 'x':
          expanded = true;
          break;
        case 'q':
          literal = true;
          break;
        case 'b':
        case 'e':
        case 'p':
        case 'w':
        case 't':
          break;
        default:
          Invalid("invalid embedded option");
      }
    }
    i = close + 1;
  }
  std::string& out = t.ecma;
  if (literal) {
    for (; i < pattern.size(); i++) {
      char c = pattern[i];
      if (std::strchr("\\^$.|?*+()[]{}", c)) out += '\\';
      out += c;
    }
    return t;
  }
  const char* any = t.newline ? "[^\\n]" : "[\\s\\S]";
  for (; i < pattern.size(); i++) {
    char c = pattern[i];
    if (expanded) {
      if (std::isspace(static_cast<unsigned char>(c))) continue;
      if (c == '#') {
        while (i < pattern.size() && pattern[i] != '\n') i++;
        continue;
      }
    }
    if (c == '\\') {
      if (i + 1 >= pattern.size()) Invalid("invalid escape \\ sequence");
      char e = pattern[++i];
      switch (e) {
        case 'm':
          out += "\\b(?=\\w)";
          break;
        case 'M':
          out += "\\b(?!\\w)";
          break;
        case 'y':
          out += "\\b";
          break;
        case 'Y':
          out += "\\B";
          break;
        case 'A':
          out += "^";
          break;
        case 'Z':
          out += "$";
          break;
        case 'e':
          out += "\\x1b";
          break;
        default:
          if (e >= '1' && e <= '9') t.backrefs = true;
          out += '\\';
          out += e;
      }
    } else if (c == '.') {
      out += any;
    } else if (c == '[') {
      // Bracket expression: copied, with a leading ']' escaped for ECMAScript.
      out += '[';
      i++;
      if (i < pattern.size() && pattern[i] == '^') {
        out += '^';
        i++;
        if (t.newline) out += "\\n";
      }
      if (i < pattern.size() && pattern[i] == ']') {
        out += "\\]";
        i++;
      }
      for (; i < pattern.size() && pattern[i] != ']'; i++) {
        if (pattern[i] == '[' && i + 1 < pattern.size() &&
            (pattern[i + 1] == ':' || pattern[i + 1] == '.' || pattern[i + 1] == '=')) {
          char kind = pattern[i + 1];
          size_t close = pattern.find(std::string(1, kind) + "]", i + 2);
          if (close == std::string::npos) Invalid("unmatched [] in expression");
          out += pattern.substr(i, close + 2 - i);
          i = close + 1;
        } else if (pattern[i] == '\\' && i + 1 < pattern.size()) {
          out += pattern[i];
          out += pattern[++i];
        } else {
          out += pattern[i];
        }
      }
      if (i >= pattern.size()) Invalid("brackets [] not balanced");
      out += ']';
    } else {
      out += c;
    }
  }
  return t;
}

// Runs fn on a thread whose stack can hold a depth-first search over `input_size` characters.
void RunWithStack(size_t input_size, const std::function<void()>& fn) {
  struct Job {
    const std::function<void()>* fn;
    std::exception_ptr error;
  } job{&fn, nullptr};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  size_t stack = (64u << 20) + input_size * 4096;
  if (stack > (size_t{4} << 30)) stack = size_t{4} << 30;
  pthread_attr_setstacksize(&attr, stack);
  pthread_t thread;
  auto body = [](void* arg) -> void* {
    auto* j = static_cast<Job*>(arg);
    try {
      (*j->fn)();
    } catch (...) {
      j->error = std::current_exception();
    }
    return nullptr;
  };
  if (pthread_create(&thread, &attr, body, &job) != 0) {
    pthread_attr_destroy(&attr);
    throw Exception(sqlstate::kProgramLimitExceeded,
                    "regular expression with back references is too complex for this input");
  }
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  if (job.error) std::rethrow_exception(job.error);
}

constexpr size_t kSmallInput = 2000;
// Inputs longer than this keep ECMAScript's match: finding the longest one tries every end.
constexpr size_t kRefineLimit = 4000;

// PostgreSQL's matching rules (docs 9.7.3.5): a quantified atom is greedy (* + ? {m,n}) or
// non-greedy (*? +? ?? {m,n}?), {m} / {m}? keep the atom's own attribute; a branch takes the
// attribute of its first atom that has one; an RE with a top-level | is greedy. The whole RE then
// matches the longest (greedy or no attribute) or shortest (non-greedy) text at the leftmost
// position. Computed on the translated ECMAScript pattern.
enum class Greed { kNone, kLong, kShort };

struct Preference {
  static constexpr size_t kUnbounded = static_cast<size_t>(-1);
  const std::string& p;
  size_t i = 0;
  int alternations = 0, optional = 0, lazy = 0, variable = 0;

  static size_t Add(size_t a, size_t b) {
    return a == kUnbounded || b == kUnbounded ? kUnbounded : a + b;
  }

  // max_len: the longest text (in bytes) the RE can match, kUnbounded with * + {m,}.
  Greed Alternation(size_t& max_len) {
    Greed first = Branch(max_len);
    bool bar = false;
    while (i < p.size() && p[i] == '|') {
      bar = true;
      alternations++;
      i++;
      size_t len = 0;
      Branch(len);
      max_len = std::max(max_len, len);  // kUnbounded is the largest value
    }
    return bar ? Greed::kLong : first;
  }

  Greed Branch(size_t& max_len) {
    Greed g = Greed::kNone;
    max_len = 0;
    while (i < p.size() && p[i] != '|' && p[i] != ')') {
      size_t len = 0;
      Greed atom = Atom(len);
      Greed q = Quantifier(atom, len);
      if (g == Greed::kNone) g = q;
      max_len = Add(max_len, len);
    }
    return g;
  }

  Greed Atom(size_t& len) {
    char c = p[i];
    if (c == '(') {
      i++;
      bool constraint = false;
      if (i + 1 < p.size() && p[i] == '?') {
        constraint = p[i + 1] == '=' || p[i + 1] == '!';
        i += 2;
      }
      Greed g = Alternation(len);
      if (i < p.size()) i++;  // )
      if (constraint) len = 0;
      return constraint ? Greed::kNone : g;
    }
    if (c == '\\') {
      char e = i + 1 < p.size() ? p[i + 1] : 0;
      len = (e == 'b' || e == 'B') ? 0 : 1;
      i += 2;
      return Greed::kNone;
    }
    if (c == '[') {
      i++;
      if (i < p.size() && p[i] == '^') i++;
      if (i < p.size() && p[i] == ']') i++;
      while (i < p.size() && p[i] != ']') {
        if (p[i] == '\\') i++;
        i++;
      }
      i++;
      len = 1;
      return Greed::kNone;
    }
    len = (c == '^' || c == '$') ? 0 : 1;
    i++;
    return Greed::kNone;
  }

  Greed Quantifier(Greed atom, size_t& len) {
    if (i >= p.size()) return atom;
    char c = p[i];
    bool exact = false;
    if (c == '*' || c == '+' || c == '?') {
      if (c == '?') {
        optional++;
      } else {
        len = len == 0 ? 0 : kUnbounded;
      }
      i++;
    } else if (c == '{') {
      size_t close = p.find('}', i);
      if (close == std::string::npos) return atom;
      size_t comma = p.find(',', i);
      exact = comma > close;
      size_t upper_start = exact ? i + 1 : comma + 1;
      std::string upper = p.substr(upper_start, close - upper_start);
      if (upper.empty()) {
        len = len == 0 ? 0 : kUnbounded;
      } else if (len != kUnbounded) {
        size_t n = std::strtoul(upper.c_str(), nullptr, 10);
        len = n > 100000 || len > 100000 ? kUnbounded : len * n;
      }
      i = close + 1;
    } else {
      return atom;
    }
    bool non_greedy = i < p.size() && p[i] == '?';
    if (non_greedy) i++;
    if (exact) return atom;
    variable++;
    if (non_greedy) {
      lazy++;
      return Greed::kShort;
    }
    return Greed::kLong;
  }
};

}  // namespace

PgRegex::PgRegex(const std::string& pattern, RegexFlags flags) {
  Translation t = Translate(pattern, flags);
  backrefs_ = t.backrefs;
  auto syntax = std::regex::ECMAScript;
  if (t.icase) syntax |= std::regex::icase;
  if (t.newline) syntax |= std::regex::multiline;
  if (!backrefs_) syntax |= std::regex_constants::__polynomial;
  try {
    regex_ = std::regex(t.ecma, syntax);
  } catch (const std::regex_error& e) {
    Invalid(e.what());
  }
  Preference pref{t.ecma};
  size_t max_len = 0;
  Greed g = pref.Alternation(max_len);
  max_len_ = max_len;
  shortest_ = g == Greed::kShort;
  // ECMAScript's first match is the longest one unless alternatives, optional parts, lazy
  // quantifiers or several variable-length parts compete.
  refine_ = !backrefs_ &&
            (pref.alternations > 0 || pref.optional > 0 || pref.lazy > 0 || pref.variable > 1);
  if (refine_) {
    try {
      anchored_end_ = std::regex("(?:" + t.ecma + ")(?![\\s\\S])", syntax);
    } catch (const std::regex_error&) {
      refine_ = false;
    }
  }
}

bool PgRegex::RawSearch(const std::string& s, size_t begin, size_t end, const std::regex& re,
                        std::smatch& m) const {
  auto flags = std::regex_constants::match_default;
  if (begin > 0) flags |= std::regex_constants::match_prev_avail;
  if (end < s.size())
    flags |= std::regex_constants::match_not_eol | std::regex_constants::match_not_eow;
  bool found = false;
  auto run = [&]() { found = std::regex_search(s.begin() + begin, s.begin() + end, m, re, flags); };
  try {
    if (backrefs_ && end - begin > kSmallInput) {
      RunWithStack(end - begin, run);
    } else {
      run();
    }
  } catch (const std::regex_error& e) {
    throw Exception(sqlstate::kProgramLimitExceeded,
                    std::string("regular expression search failed: ") + e.what());
  }
  return found;
}

bool PgRegex::MatchesExactly(const std::string& s, size_t start, size_t end) const {
  auto flags = std::regex_constants::match_default;
  if (start > 0) flags |= std::regex_constants::match_prev_avail;
  if (end < s.size())
    flags |= std::regex_constants::match_not_eol | std::regex_constants::match_not_eow;
  try {
    return std::regex_match(s.begin() + start, s.begin() + end, regex_, flags);
  } catch (const std::regex_error& e) {
    throw Exception(sqlstate::kProgramLimitExceeded,
                    std::string("regular expression search failed: ") + e.what());
  }
}

bool PgRegex::Search(const std::string& s, size_t begin, std::smatch& m) const {
  if (!RawSearch(s, begin, s.size(), regex_, m)) return false;
  if (!refine_ || s.size() - begin > kRefineLimit) return true;
  size_t start = begin + m.position(0);
  size_t first_end = start + m.length(0);
  size_t best = first_end;
  if (shortest_) {
    for (size_t e = start; e < first_end; e++) {
      if (MatchesExactly(s, start, e)) {
        best = e;
        break;
      }
    }
  } else {
    size_t last = s.size();
    if (max_len_ != Preference::kUnbounded && start + max_len_ < last) last = start + max_len_;
    for (size_t e = last; e > first_end; e--) {
      if (MatchesExactly(s, start, e)) {
        best = e;
        break;
      }
    }
  }
  if (best == first_end) return true;
  // Groups as ECMAScript assigns them within the chosen extent.
  std::smatch refined;
  if (RawSearch(s, begin, best, anchored_end_, refined) && begin + refined.position(0) == start) {
    m = std::move(refined);
  }
  return true;
}

bool PgRegex::Search(const std::string& s) const {
  std::smatch m;
  return RawSearch(s, 0, s.size(), regex_, m);  // whether it matches: no need for the extent
}

const PgRegex& PgRegexCache::Get(const std::string& pattern, RegexFlags flags) {
  if (!valid_ || pattern != pattern_ || flags.icase != flags_.icase ||
      flags.newline != flags_.newline) {
    regex_ = std::make_unique<PgRegex>(pattern, flags);
    pattern_ = pattern;
    flags_ = flags;
    valid_ = true;
  }
  return *regex_;
}

}  // namespace kadedb
