// Loading and matching the known-differences list (see known_differences.hpp).
#include "known_differences.hpp"

#include <fstream>

namespace kadedb::difftest {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

bool KnownDifferences::Load(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    size_t a = t.find(" | ");
    size_t b = a == std::string::npos ? a : t.find(" | ", a + 3);
    if (b == std::string::npos) {
      *error = path + ":" + std::to_string(lineno) + ": expected 'kind | regex | reason'";
      return false;
    }
    try {
      entries_.push_back({Trim(t.substr(0, a)), std::regex(Trim(t.substr(a + 3, b - a - 3))),
                          Trim(t.substr(b + 3))});
    } catch (const std::regex_error& e) {
      *error = path + ":" + std::to_string(lineno) + ": bad regex: " + e.what();
      return false;
    }
  }
  return true;
}

const std::string* KnownDifferences::Match(const std::string& kind, const std::string& sql) const {
  for (const Entry& e : entries_) {
    if ((e.kind == "*" || e.kind == kind) && std::regex_search(sql, e.pattern)) return &e.reason;
  }
  return nullptr;
}

}  // namespace kadedb::difftest
