// PgRegex: PostgreSQL ARE patterns translated to std::regex (see the header).
#include "function/scalar/regex_engine.hpp"

#include <pthread.h>

#include <cctype>
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
}

bool PgRegex::Search(const std::string& s, size_t begin, std::smatch& m) const {
  auto flags = std::regex_constants::match_default;
  if (begin > 0) flags |= std::regex_constants::match_prev_avail;
  bool found = false;
  auto run = [&]() { found = std::regex_search(s.begin() + begin, s.end(), m, regex_, flags); };
  try {
    if (backrefs_ && s.size() - begin > kSmallInput) {
      RunWithStack(s.size() - begin, run);
    } else {
      run();
    }
  } catch (const std::regex_error& e) {
    throw Exception(sqlstate::kProgramLimitExceeded,
                    std::string("regular expression search failed: ") + e.what());
  }
  return found;
}

bool PgRegex::Search(const std::string& s) const {
  std::smatch m;
  return Search(s, 0, m);
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
