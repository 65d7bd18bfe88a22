// SessionSettings: defaults, validation and parsing of sizes.
#include "main/settings.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "common/exception.hpp"

namespace kadedb {

namespace {

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) b++;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) e--;
  return s.substr(b, e - b);
}

// Parses "512MB", "1 GB", "1024" (bytes), "0". Throws 22023 on anything else.
uint64_t ParseSize(const std::string& text) {
  std::string t = Trim(text);
  size_t i = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) i++;
  if (i == 0) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"memory_limit\": \"" + text + "\"");
  }
  uint64_t n = std::stoull(t.substr(0, i));
  std::string unit = Trim(t.substr(i));
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  uint64_t mult = 1;
  if (unit.empty() || unit == "B") {
    mult = 1;
  } else if (unit == "KB" || unit == "KIB") {
    mult = 1ull << 10;
  } else if (unit == "MB" || unit == "MIB") {
    mult = 1ull << 20;
  } else if (unit == "GB" || unit == "GIB") {
    mult = 1ull << 30;
  } else if (unit == "TB" || unit == "TIB") {
    mult = 1ull << 40;
  } else {
    throw Exception(
        sqlstate::kInvalidParameterValue,
        "invalid value for parameter \"memory_limit\": \"" + text + "\"", 0, {},
        "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
  }
  return n * mult;
}

bool IsTimeoutSetting(const std::string& name) {
  return name == "statement_timeout" || name == "idle_in_transaction_session_timeout";
}

// A timeout as PostgreSQL accepts it ("1500" ms, "500ms", "2s", "1min", "1h", "1d", "10us"),
// in milliseconds. Throws 22023 on anything else, and when negative or above INT_MAX ms.
int64_t ParseTimeout(const std::string& name, const std::string& text) {
  std::string t = Trim(text);
  const char* begin = t.c_str();
  char* end = nullptr;
  double n =
      t.empty() || std::isalpha(static_cast<unsigned char>(t[0])) ? 0 : std::strtod(begin, &end);
  bool number = end != nullptr && end != begin;
  std::string unit = number ? Trim(std::string(end)) : std::string();
  static const std::pair<const char*, double> kUnits[] = {
      {"", 1},        {"ms", 1},      {"us", 0.001},  {"s", 1000},
      {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  double mult = -1;
  for (auto& [u, m] : kUnits) {
    if (unit == u) mult = m;
  }
  if (!number || mult < 0 || !std::isfinite(n)) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"" + name + "\": \"" + text + "\"", 0, {},
                    number && mult < 0
                        ? "Valid units for this parameter are \"us\", \"ms\", \"s\", "
                          "\"min\", \"h\", and \"d\"."
                        : std::string());
  }
  double ms = std::nearbyint(n * mult);
  if (ms < 0 || ms > 2147483647.0) {
    std::string shown = std::abs(ms) < 1e15 ? std::to_string(static_cast<int64_t>(ms)) : t;
    throw Exception(
        sqlstate::kInvalidParameterValue,
        shown + " ms is outside the valid range for parameter \"" + name + "\" (0 .. 2147483647)");
  }
  return static_cast<int64_t>(ms);
}

// How SHOW prints a millisecond setting: PostgreSQL's largest exact unit ("0", "1500ms", "5s",
// "2min", "1h", "1d").
std::string FormatTimeout(int64_t ms) {
  if (ms == 0) return "0";
  static const std::pair<const char*, int64_t> kUnits[] = {
      {"d", 86400000}, {"h", 3600000}, {"min", 60000}, {"s", 1000}};
  for (auto& [u, m] : kUnits) {
    if (ms % m == 0) return std::to_string(ms / m) + u;
  }
  return std::to_string(ms) + "ms";
}

// The number of cores (hardware concurrency), at least 1.
size_t DefaultThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

}  // namespace

SessionSettings::SessionSettings() {
  defaults_ = {
      {"search_path", "public"},
      {"timezone", "UTC"},
      {"memory_limit", "0"},
      {"statement_timeout", "0"},
      {"idle_in_transaction_session_timeout", "0"},
      {"datestyle", "ISO, MDY"},
      {"client_encoding", "UTF8"},
      {"server_encoding", "UTF8"},
      {"default_transaction_isolation", "read committed"},
      {"transaction_isolation", "read committed"},
      {"application_name", ""},
      {"standard_conforming_strings", "on"},
      {"integer_datetimes", "on"},
      {"intervalstyle", "postgres"},
      {"server_version", "15.0 (KadeDB 0.1.0)"},
      {"extra_float_digits", "1"},
      {"threads", std::to_string(DefaultThreads())},
  };
  values_ = defaults_;
}

void SessionSettings::Set(const std::string& name, const std::string& value) {
  generation_++;
  auto it = values_.find(name);
  if (it == values_.end()) {
    throw Exception(sqlstate::kUndefinedObject,
                    "unrecognized configuration parameter \"" + name + "\"");
  }
  if (name == "server_version" || name == "server_encoding") {
    throw Exception("55P02", "parameter \"" + name + "\" cannot be changed");
  }
  if (name == "memory_limit") ParseSize(value);
  if (name == "client_encoding") {
    std::string v = value;
    for (auto& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (v != "UTF8" && v != "UTF-8" && v != "UNICODE") {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "client encoding \"" + value + "\" is not supported; only UTF8 is");
    }
  }
  if (IsTimeoutSetting(name)) {
    it->second = FormatTimeout(ParseTimeout(name, value));
    return;
  }
  if (name == "threads") {
    std::string digits = Trim(value);
    for (char c : digits) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "invalid value for parameter \"" + name + "\": \"" + value + "\"");
      }
    }
    std::string n = Trim(value);
    if (name == "threads" &&
        (n.empty() || n.size() > 3 || std::stoul(n) < 1 || std::stoul(n) > 256)) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      n + " is outside the valid range for parameter \"threads\" (1 .. 256)");
    }
  }
  it->second = value;
}

void SessionSettings::Reset(const std::string& name) {
  generation_++;
  if (name == "all") {
    values_ = defaults_;
    return;
  }
  auto it = defaults_.find(name);
  if (it == defaults_.end()) {
    throw Exception(sqlstate::kUndefinedObject,
                    "unrecognized configuration parameter \"" + name + "\"");
  }
  values_[name] = it->second;
}

std::string SessionSettings::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) {
    throw Exception(sqlstate::kUndefinedObject,
                    "unrecognized configuration parameter \"" + name + "\"");
  }
  return it->second;
}

std::vector<std::pair<std::string, std::string>> SessionSettings::All() const {
  return {values_.begin(), values_.end()};
}

std::vector<std::string> SessionSettings::SearchPath() const {
  std::vector<std::string> out;
  std::string cur;
  for (char c : Get("search_path") + ",") {
    if (c == ',') {
      std::string t = Trim(cur);
      if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

void SessionSettings::SetDefault(const std::string& name, const std::string& value) {
  Set(name, value);
  defaults_[name] = values_[name];
}

int64_t SessionSettings::Milliseconds(const std::string& name) const {
  return ParseTimeout(name, Get(name));
}

size_t SessionSettings::Threads() const {
  return std::stoul(Get("threads"));
}

uint64_t SessionSettings::MemoryLimitBytes() const {
  return ParseSize(Get("memory_limit"));
}

}  // namespace kadedb
