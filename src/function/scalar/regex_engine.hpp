// PostgreSQL regular expressions (ARE flavour) on top of std::regex.
//
// A PostgreSQL pattern is translated to ECMAScript: '.' and [^...] match newlines unless the
// pattern is newline-sensitive (flag n), \m \M \y \Y \A \Z word/string anchors, "***:" / "***="
// directors, leading embedded options (?icnswx...), a ']' first in a bracket expression, and
// expanded syntax (x). Flags of the calling function (i c n m p w s x g) combine with them.
//
// Patterns without back references compile in libstdc++'s polynomial (breadth-first) mode, whose
// stack use does not grow with the input; patterns with back references run their searches on a
// thread with a stack sized to the input, so long inputs never overflow the process stack.
// Compile errors become 2201B "invalid regular expression: ...".
#pragma once

#include <regex>
#include <string>

namespace kadedb {

struct RegexFlags {
  bool global = false;  // g (only functions that accept it)
  bool icase = false;
  bool newline = false;  // n / m: newline-sensitive
};

// Parses a flags argument; 22023 "invalid regular expression option" for unknown letters.
// allow_global: whether 'g' is accepted (regexp_replace, regexp_matches).
RegexFlags ParseRegexFlags(const std::string& flags, bool allow_global,
                           const char* function_name = nullptr);

class PgRegex {
 public:
  PgRegex(const std::string& pattern, RegexFlags flags);

  // Finds the first match in [begin, end) of s; m holds the groups. `begin` > 0 keeps ^ and \m
  // anchored to the real start of s.
  // The match is PostgreSQL's: at the leftmost position, the longest (or, for a non-greedy RE,
  // the shortest) match there (see Preference in regex_engine.cpp), not ECMAScript's first.
  bool Search(const std::string& s, size_t begin, std::smatch& m) const;
  bool Search(const std::string& s) const;
  size_t group_count() const { return regex_.mark_count(); }

 private:
  bool RawSearch(const std::string& s, size_t begin, size_t end, const std::regex& re,
                 std::smatch& m) const;
  bool MatchesExactly(const std::string& s, size_t start, size_t end) const;

  std::regex regex_;
  std::regex anchored_end_;  // (?:P)(?![\s\S]): a match that ends where the range ends
  bool backrefs_ = false;
  bool shortest_ = false;  // the RE as a whole is non-greedy
  bool refine_ = false;    // ECMAScript's first match may not be PostgreSQL's
  size_t max_len_ = 0;     // the longest possible match in bytes (SIZE_MAX: unbounded)
};

// Caches the last compiled pattern of a batch (patterns are usually constant).
class PgRegexCache {
 public:
  const PgRegex& Get(const std::string& pattern, RegexFlags flags);

 private:
  bool valid_ = false;
  std::string pattern_;
  RegexFlags flags_;
  std::unique_ptr<PgRegex> regex_;
};

}  // namespace kadedb
