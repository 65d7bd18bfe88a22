// POSIX-style regular expressions, approximated with std::regex (ECMAScript grammar):
// the operators ~ !~ ~* !~* and regexp_replace(s, pattern, replacement [, flags]) /
// regexp_match(s, pattern [, flags]) / regexp_like. Flags: g (all matches), i (case-insensitive).
// regexp_match returns the captured groups as PostgreSQL's text[] literal ("{a,b}") because the
// type system has no arrays yet. Compiled patterns are reused while consecutive rows repeat them.
#include <regex>

#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;
using Str = std::string;

// Caches the last compiled pattern of a batch.
class RegexCache {
 public:
  const std::regex& Get(const Str& pattern, bool icase) {
    if (!valid_ || pattern != pattern_ || icase != icase_) {
      try {
        auto flags = std::regex::ECMAScript;
        if (icase) flags |= std::regex::icase;
        regex_ = std::regex(pattern, flags);
      } catch (const std::regex_error& e) {
        throw Exception("2201B", "invalid regular expression: " + Str(e.what()));
      }
      pattern_ = pattern;
      icase_ = icase;
      valid_ = true;
    }
    return regex_;
  }

 private:
  bool valid_ = false;
  bool icase_ = false;
  Str pattern_;
  std::regex regex_;
};

struct Flags {
  bool global = false;
  bool icase = false;
};

Flags ParseFlags(const Str& f) {
  Flags out;
  for (char c : f) {
    if (c == 'g') {
      out.global = true;
    } else if (c == 'i') {
      out.icase = true;
    } else if (c != 'c') {
      throw Exception(sqlstate::kInvalidParameterValue,
                      Str("invalid regular expression option: \"") + c + "\"");
    }
  }
  return out;
}

// PostgreSQL replacement syntax (\1..\9, \&) to ECMAScript ($1, $&; literal $ doubled).
Str ConvertReplacement(const Str& r) {
  Str out;
  for (size_t i = 0; i < r.size(); i++) {
    if (r[i] == '$') {
      out += "$$";
    } else if (r[i] == '\\' && i + 1 < r.size()) {
      char c = r[++i];
      if (c >= '1' && c <= '9') {
        out += '$';
        out += c;
      } else if (c == '&') {
        out += "$&";
      } else {
        out += c;
      }
    } else {
      out += r[i];
    }
  }
  return out;
}

template <bool kNegate, bool kIcase>
void MatchOp(Args a, size_t n, Vector& res, FunctionContext&) {
  RegexCache cache;
  BinaryLoop<Str, Str, int64_t>(*a[0], *a[1], n, res, [&](const Str& s, const Str& p) -> int64_t {
    return std::regex_search(s, cache.Get(p, kIcase)) != kNegate;
  });
}

void Replace(Args a, size_t n, Vector& res, FunctionContext&) {
  RegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    Flags flags = a.size() > 3 ? ParseFlags(a[3]->strings()[i]) : Flags();
    const std::regex& re = cache.Get(a[1]->strings()[i], flags.icase);
    auto mode = std::regex_constants::format_default;
    if (!flags.global) mode |= std::regex_constants::format_first_only;
    res.strings()[i] =
        std::regex_replace(a[0]->strings()[i], re, ConvertReplacement(a[2]->strings()[i]), mode);
  }
}

Str ArrayElement(const Str& s) {
  bool quote = s.empty() || s == "NULL" || s.find_first_of("{},\"\\ ") != Str::npos;
  if (!quote) return s;
  Str out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void Match(Args a, size_t n, Vector& res, FunctionContext&) {
  RegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    Flags flags = a.size() > 2 ? ParseFlags(a[2]->strings()[i]) : Flags();
    std::smatch m;
    const Str& s = a[0]->strings()[i];
    if (!std::regex_search(s, m, cache.Get(a[1]->strings()[i], flags.icase))) {
      res.SetNull(i, true);
      continue;
    }
    Str out = "{";
    size_t first = m.size() > 1 ? 1 : 0;
    for (size_t g = first; g < m.size(); g++) {
      if (g > first) out += ',';
      out += m[g].matched ? ArrayElement(m[g].str()) : Str("NULL");
    }
    res.strings()[i] = out + "}";
  }
}

void Like(Args a, size_t n, Vector& res, FunctionContext&) {
  RegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    Flags flags = a.size() > 2 ? ParseFlags(a[2]->strings()[i]) : Flags();
    res.ints()[i] =
        std::regex_search(a[0]->strings()[i], cache.Get(a[1]->strings()[i], flags.icase));
  }
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, b = TypeId::kBoolean;
  r.AddScalar(MakeScalar("~", {text, text}, b, MatchOp<false, false>));
  r.AddScalar(MakeScalar("!~", {text, text}, b, MatchOp<true, false>));
  r.AddScalar(MakeScalar("~*", {text, text}, b, MatchOp<false, true>));
  r.AddScalar(MakeScalar("!~*", {text, text}, b, MatchOp<true, true>));
  r.AddScalar(MakeScalar("regexp_replace", {text, text, text}, text, Replace));
  r.AddScalar(MakeScalar("regexp_replace", {text, text, text, text}, text, Replace));
  r.AddScalar(MakeScalar("regexp_match", {text, text}, text, Match));
  r.AddScalar(MakeScalar("regexp_match", {text, text, text}, text, Match));
  r.AddScalar(MakeScalar("regexp_like", {text, text}, b, Like));
  r.AddScalar(MakeScalar("regexp_like", {text, text, text}, b, Like));
}

}  // namespace kadedb
