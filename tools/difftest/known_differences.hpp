// KnownDifferences: the documented, deliberate dialect differences between KadeDB and
// PostgreSQL (test/difftest/known_differences.txt) that the tester reports as known, not as
// failures. One entry a line:
//
//   <kind> | <ECMAScript regex searched in the SQL> | <reason>
//
// kind is a difference kind ("value", "error-class", "kadedb-error-pg-ok", ... or "*"). Blank
// lines and lines starting with '#' are ignored.
#pragma once

#include <regex>
#include <string>
#include <vector>

namespace kadedb::difftest {

class KnownDifferences {
 public:
  // On a malformed file *error says which line.
  bool Load(const std::string& path, std::string* error);
  // The reason of the first entry matching (kind, sql), or nullptr.
  const std::string* Match(const std::string& kind, const std::string& sql) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string kind;
    std::regex pattern;
    std::string reason;
  };
  std::vector<Entry> entries_;
};

}  // namespace kadedb::difftest
