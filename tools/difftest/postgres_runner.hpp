// PostgresRunner: runs SQL on the reference PostgreSQL through libpq and normalises the answer
// into a ResultSet. One connection; session settings pin the things that vary between servers
// (DateStyle ISO, TimeZone UTC, float output, a statement timeout).
#pragma once

#include <string>

#include "result_set.hpp"

struct pg_conn;

namespace kadedb::difftest {

class PostgresRunner {
 public:
  PostgresRunner() = default;
  ~PostgresRunner();
  PostgresRunner(const PostgresRunner&) = delete;
  PostgresRunner& operator=(const PostgresRunner&) = delete;

  // conninfo: a libpq connection string. On failure *error says why.
  bool Connect(const std::string& conninfo, std::string* error);
  // Runs one statement.
  ResultSet Run(const std::string& sql);
  // The server's version string ("15.x").
  std::string Version();

 private:
  pg_conn* conn_ = nullptr;
};

}  // namespace kadedb::difftest
