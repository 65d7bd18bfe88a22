// SessionSettings: the per-connection settings SET / SHOW / RESET read and write.
//
// Each setting: name, default, and whether it can change at run time (all of these can).
//   search_path        default "public"   schemas searched for unqualified names
//   timezone           default "UTC"      zone for timestamptz input/output (UTC or ±HH:MM)
//   memory_limit       default "0"        per-query memory budget; "0" = unlimited; '1GB' etc.
//   statement_timeout  default "0"        milliseconds or with a unit; 0 = none (the server
//                                         enforces it); SHOW prints PostgreSQL's form ("5s")
//   idle_in_transaction_session_timeout default "0"  as statement_timeout; the server closes a
//                                         session idle that long inside a transaction
//   datestyle          default "ISO, MDY" (reported only)
//   client_encoding    default "UTF8"     (reported only; only UTF8 is supported)
//   default_transaction_isolation default "read committed" (reported; transactions: issue 5)
//   application_name   default ""         free text
//   threads            default: the number of cores; worker threads a query may use (1 .. 256)
// Unknown names: 42704 `unrecognized configuration parameter "x"`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kadedb {

class SessionSettings {
 public:
  SessionSettings();
  // REQUIRES: name is lower case. Throws Exception 42704 for unknown names, 22023 for bad values.
  void Set(const std::string& name, const std::string& value);
  void Reset(const std::string& name);  // "all" resets everything
  std::string Get(const std::string& name) const;
  // (name, value) of every setting, sorted by name (SHOW ALL).
  std::vector<std::pair<std::string, std::string>> All() const;

  // Sets a value and makes it what RESET returns to (the server's configured defaults).
  void SetDefault(const std::string& name, const std::string& value);
  // A millisecond setting (statement_timeout, idle_in_transaction_session_timeout) in ms.
  int64_t Milliseconds(const std::string& name) const;

  std::vector<std::string> SearchPath() const;
  uint64_t MemoryLimitBytes() const;
  size_t Threads() const;
  // Bumped by every Set / Reset: lets callers cache values derived from the settings (the
  // client context's plan cache and per-statement settings).
  uint64_t generation() const { return generation_; }

 private:
  uint64_t generation_ = 1;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> defaults_;
};

}  // namespace kadedb
