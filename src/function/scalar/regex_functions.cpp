// Regular-expression functions with PostgreSQL's semantics (patterns through PgRegex): the
// operators ~ !~ ~* !~*, regexp_replace(s, p, r [, flags]), regexp_match(s, p [, flags]),
// regexp_like, and PostgreSQL 15's regexp_count / regexp_instr / regexp_substr. Positions are in
// characters (UTF-8). regexp_match and regexp_split_to_array return text[]; regexp_matches$rows
// feeds the set-returning regexp_matches; substring(s, pattern) is the regex substring.
#include "common/array_format.hpp"
#include "common/utf8.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/regex_engine.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;
using Str = std::string;

template <bool kNegate, bool kIcase>
void MatchOp(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  RegexFlags flags;
  flags.icase = kIcase;
  BinaryLoop<Str, Str, int64_t>(*a[0], *a[1], n, res, [&](const Str& s, const Str& p) -> int64_t {
    return cache.Get(p, flags).Search(s) != kNegate;
  });
}

// PostgreSQL replacement text: \1..\9 groups, \& the whole match, \\ a backslash.
void AppendReplacement(const Str& r, const std::smatch& m, Str& out) {
  for (size_t i = 0; i < r.size(); i++) {
    if (r[i] == '\\' && i + 1 < r.size()) {
      char c = r[i + 1];
      if (c >= '1' && c <= '9') {
        size_t g = c - '0';
        if (g < m.size() && m[g].matched) out += m[g].str();
        i++;
        continue;
      }
      if (c == '&') {
        out += m[0].str();
        i++;
        continue;
      }
      if (c == '\\') {
        out += '\\';
        i++;
        continue;
      }
    }
    out += r[i];
  }
}

Str ReplaceAll(const PgRegex& re, const Str& s, const Str& r, bool global) {
  Str out;
  size_t pos = 0;
  std::smatch m;
  while (pos <= s.size() && re.Search(s, pos, m)) {
    size_t start = pos + m.position(0);
    size_t end = start + m.length(0);
    out.append(s, pos, start - pos);
    AppendReplacement(r, m, out);
    if (!global) {
      pos = end;
      break;
    }
    if (end == start) {
      // Empty match: keep the next character and move past it.
      if (start >= s.size()) {
        pos = s.size() + 1;
        break;
      }
      size_t len = Utf8SeqLen(static_cast<unsigned char>(s[start]));
      out.append(s, start, len);
      pos = start + len;
    } else {
      pos = end;
    }
  }
  if (pos < s.size()) out.append(s, pos, Str::npos);
  return out;
}

void Replace(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    RegexFlags flags = a.size() > 3 ? ParseRegexFlags(a[3]->strings()[i], true) : RegexFlags();
    const PgRegex& re = cache.Get(a[1]->strings()[i], flags);
    res.strings()[i] = ReplaceAll(re, a[0]->strings()[i], a[2]->strings()[i], flags.global);
  }
}

void Match(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  const LogicalType text = TypeId::kText;
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    RegexFlags flags =
        a.size() > 2 ? ParseRegexFlags(a[2]->strings()[i], false, "regexp_match") : RegexFlags();
    std::smatch m;
    const Str& s = a[0]->strings()[i];
    if (!cache.Get(a[1]->strings()[i], flags).Search(s, 0, m)) {
      res.SetNull(i, true);
      continue;
    }
    std::vector<Value> groups;
    size_t first = m.size() > 1 ? 1 : 0;
    for (size_t g = first; g < m.size(); g++) {
      groups.push_back(m[g].matched ? Value::Text(m[g].str()) : Value::Null(text));
    }
    res.strings()[i] = EncodeArray(text, groups);
  }
}

// regexp_split_to_array(s, p [, flags]): the pieces between matches. As in PostgreSQL, an empty
// match at the start or end of s or right after the previous match does not split.
void SplitToArray(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  const LogicalType text = TypeId::kText;
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    RegexFlags flags = a.size() > 2
                           ? ParseRegexFlags(a[2]->strings()[i], false, "regexp_split_to_array")
                           : RegexFlags();
    const PgRegex& re = cache.Get(a[1]->strings()[i], flags);
    const Str& s = a[0]->strings()[i];
    std::vector<Value> pieces;
    size_t piece_start = 0, search = 0, prev_end = Str::npos;
    std::smatch m;
    while (search <= s.size() && re.Search(s, search, m)) {
      size_t begin = search + m.position(0), end = begin + m.length(0);
      if (end == begin) {
        if (begin >= s.size()) break;
        size_t next = begin + Utf8SeqLen(static_cast<unsigned char>(s[begin]));
        if (begin != 0 && begin != prev_end) {
          pieces.push_back(Value::Text(s.substr(piece_start, begin - piece_start)));
          piece_start = begin;
          prev_end = begin;
        }
        search = next;
        continue;
      }
      pieces.push_back(Value::Text(s.substr(piece_start, begin - piece_start)));
      piece_start = end;
      prev_end = end;
      search = end;
    }
    pieces.push_back(Value::Text(s.substr(piece_start)));
    res.strings()[i] = EncodeArray(text, pieces);
  }
}

// One match's text[]: its groups (NULL when a group took no part), or the whole match.
std::string MatchArray(const std::smatch& m) {
  const LogicalType text = TypeId::kText;
  std::vector<Value> groups;
  size_t first = m.size() > 1 ? 1 : 0;
  for (size_t g = first; g < m.size(); g++) {
    groups.push_back(m[g].matched ? Value::Text(m[g].str()) : Value::Null(text));
  }
  return EncodeArray(text, groups);
}

// regexp_matches$rows(s, p [, flags]): the rows of the set-returning regexp_matches (bound by
// binder/bind_regex_srf.cpp): a text[] with the text form of each match's text[] — the first
// match, or with 'g' every match (after an empty one the search moves on one character).
void MatchesRows(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  const LogicalType text = TypeId::kText;
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    RegexFlags flags =
        a.size() > 2 ? ParseRegexFlags(a[2]->strings()[i], true, "regexp_matches") : RegexFlags();
    const PgRegex& re = cache.Get(a[1]->strings()[i], flags);
    const Str& s = a[0]->strings()[i];
    std::vector<Value> rows;
    size_t pos = 0;
    std::smatch m;
    while (pos <= s.size() && re.Search(s, pos, m)) {
      rows.push_back(Value::Text(FormatArray(MatchArray(m), text)));
      if (!flags.global) break;
      size_t begin = pos + m.position(0), end = begin + m.length(0);
      if (end == begin) {
        if (begin >= s.size()) break;
        end = begin + Utf8SeqLen(static_cast<unsigned char>(s[begin]));
      }
      pos = end;
    }
    res.strings()[i] = EncodeArray(text, rows);
  }
}

// substring(s FROM pattern) / substring(s, pattern): the part of s that the first parenthesised
// group matched, or the whole match when the pattern has no group; NULL without a match.
void RegexSubstring(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    std::smatch m;
    const Str& s = a[0]->strings()[i];
    if (!cache.Get(a[1]->strings()[i], RegexFlags()).Search(s, 0, m)) {
      res.SetNull(i, true);
      continue;
    }
    size_t g = m.size() > 1 ? 1 : 0;
    if (!m[g].matched) {
      res.SetNull(i, true);
      continue;
    }
    res.strings()[i] = m[g].str();
  }
}

// The flags argument at index idx when the call has it, else the default flags.
RegexFlags OptionalFlags(Args a, size_t idx, size_t i, const char* fn) {
  return a.size() > idx ? ParseRegexFlags(a[idx]->strings()[i], false, fn) : RegexFlags();
}

// The subexpr argument at index idx when the call has it (0, the whole match, otherwise).
int64_t SubexprParameter(Args a, size_t idx, size_t i) {
  int64_t subexpr = a.size() > idx ? a[idx]->ints()[i] : 0;
  if (subexpr < 0) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"subexpr\": " + std::to_string(subexpr));
  }
  return subexpr;
}

void Like(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    RegexFlags flags = OptionalFlags(a, 2, i, "regexp_like");
    res.ints()[i] = cache.Get(a[1]->strings()[i], flags).Search(a[0]->strings()[i]);
  }
}

int64_t PositiveParameter(const Vector* v, size_t i, const char* name) {
  int64_t x = v->ints()[i];
  if (x < 1) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    Str("invalid value for parameter \"") + name + "\": " + std::to_string(x));
  }
  return x;
}

// The matches of re in s from character `start`, as byte ranges of the whole match and of
// group `subexpr`; calls visit(k, match) for the k-th (1-based) until it returns false.
template <class Visit>
void EachMatch(const PgRegex& re, const Str& s, int64_t start, Visit&& visit) {
  size_t pos = Utf8Offset(s, start - 1);
  std::smatch m;
  int64_t k = 0;
  while (pos <= s.size() && re.Search(s, pos, m)) {
    k++;
    size_t begin = pos + m.position(0), end = begin + m.length(0);
    if (!visit(k, m, pos)) return;
    if (end == begin) {
      if (begin >= s.size()) return;
      pos = begin + Utf8SeqLen(static_cast<unsigned char>(s[begin]));
    } else {
      pos = end;
    }
  }
}

int64_t CharPosition(const Str& s, size_t byte) {
  return Utf8Length(std::string_view(s).substr(0, byte)) + 1;
}

// regexp_count(s, p [, start [, flags]])
void Count(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    int64_t start = a.size() > 2 ? PositiveParameter(a[2], i, "start") : 1;
    RegexFlags flags = OptionalFlags(a, 3, i, "regexp_count");
    int64_t count = 0;
    EachMatch(cache.Get(a[1]->strings()[i], flags), a[0]->strings()[i], start,
              [&](int64_t k, const std::smatch&, size_t) {
                count = k;
                return true;
              });
    res.ints()[i] = count;
  }
}

// The byte range of group `subexpr` in the nth match of re in s from character `start`;
// false when there is no nth match or the group did not take part in it.
bool NthMatchGroup(const PgRegex& re, const Str& s, int64_t start, int64_t nth, int64_t subexpr,
                   size_t& begin, size_t& end) {
  bool found = false;
  EachMatch(re, s, start, [&](int64_t k, const std::smatch& m, size_t pos) {
    if (k < nth) return true;
    if (static_cast<size_t>(subexpr) < m.size() && m[subexpr].matched) {
      begin = pos + m.position(subexpr);
      end = begin + m.length(subexpr);
      found = true;
    }
    return false;
  });
  return found;
}

// regexp_instr(s, p [, start [, N [, endoption [, flags [, subexpr]]]]])
void Instr(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    int64_t start = a.size() > 2 ? PositiveParameter(a[2], i, "start") : 1;
    int64_t nth = a.size() > 3 ? PositiveParameter(a[3], i, "n") : 1;
    int64_t endoption = a.size() > 4 ? a[4]->ints()[i] : 0;
    if (endoption != 0 && endoption != 1) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "invalid value for parameter \"endoption\": " + std::to_string(endoption));
    }
    RegexFlags flags = OptionalFlags(a, 5, i, "regexp_instr");
    int64_t subexpr = SubexprParameter(a, 6, i);
    const Str& s = a[0]->strings()[i];
    size_t b = 0, e = 0;
    bool found = NthMatchGroup(cache.Get(a[1]->strings()[i], flags), s, start, nth, subexpr, b, e);
    res.ints()[i] = found ? CharPosition(s, endoption ? e : b) : 0;
  }
}

// regexp_substr(s, p [, start [, N [, flags [, subexpr]]]])
void Substr(Args a, size_t n, Vector& res, FunctionContext&) {
  PgRegexCache cache;
  PropagateNulls(a, n, res);
  for (size_t i = 0; i < n; i++) {
    if (res.IsNull(i)) continue;
    int64_t start = a.size() > 2 ? PositiveParameter(a[2], i, "start") : 1;
    int64_t nth = a.size() > 3 ? PositiveParameter(a[3], i, "n") : 1;
    RegexFlags flags = OptionalFlags(a, 4, i, "regexp_substr");
    int64_t subexpr = SubexprParameter(a, 5, i);
    const Str& s = a[0]->strings()[i];
    size_t b = 0, e = 0;
    bool found = NthMatchGroup(cache.Get(a[1]->strings()[i], flags), s, start, nth, subexpr, b, e);
    if (found) res.strings()[i] = s.substr(b, e - b);
    res.SetNull(i, !found);
  }
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, b = TypeId::kBoolean, i = TypeId::kInteger;
  r.AddScalar(MakeScalar("~", {text, text}, b, MatchOp<false, false>));
  r.AddScalar(MakeScalar("!~", {text, text}, b, MatchOp<true, false>));
  r.AddScalar(MakeScalar("~*", {text, text}, b, MatchOp<false, true>));
  r.AddScalar(MakeScalar("!~*", {text, text}, b, MatchOp<true, true>));
  r.AddScalar(MakeScalar("regexp_replace", {text, text, text}, text, Replace));
  r.AddScalar(MakeScalar("regexp_replace", {text, text, text, text}, text, Replace));
  const LogicalType text_array = LogicalType::Array(TypeId::kText);
  r.AddScalar(MakeScalar("regexp_match", {text, text}, text_array, Match));
  r.AddScalar(MakeScalar("regexp_match", {text, text, text}, text_array, Match));
  r.AddScalar(MakeScalar("regexp_split_to_array", {text, text}, text_array, SplitToArray));
  r.AddScalar(MakeScalar("regexp_split_to_array", {text, text, text}, text_array, SplitToArray));
  r.AddScalar(MakeScalar("regexp_matches$rows", {text, text}, text_array, MatchesRows));
  r.AddScalar(MakeScalar("regexp_matches$rows", {text, text, text}, text_array, MatchesRows));
  r.AddScalar(MakeScalar("substring", {text, text}, text, RegexSubstring));
  r.AddScalar(MakeScalar("regexp_like", {text, text}, b, Like));
  r.AddScalar(MakeScalar("regexp_like", {text, text, text}, b, Like));
  r.AddScalar(MakeScalar("regexp_count", {text, text}, i, Count));
  r.AddScalar(MakeScalar("regexp_count", {text, text, i}, i, Count));
  r.AddScalar(MakeScalar("regexp_count", {text, text, i, text}, i, Count));
  std::vector<LogicalType> instr = {text, text, i, i, i, text, i};
  for (size_t k = 2; k <= instr.size(); k++) {
    r.AddScalar(MakeScalar("regexp_instr",
                           std::vector<LogicalType>(instr.begin(), instr.begin() + k), i, Instr));
  }
  std::vector<LogicalType> substr = {text, text, i, i, text, i};
  for (size_t k = 2; k <= substr.size(); k++) {
    r.AddScalar(MakeScalar("regexp_substr",
                           std::vector<LogicalType>(substr.begin(), substr.begin() + k), text,
                           Substr));
  }
}

}  // namespace kadedb
