// Crash test pieces: a writer process that inserts and acknowledges rows until it is killed,
// and a checker that reopens the database and verifies nothing acknowledged was lost.
//
// Table: crash_rows(id BIGINT PRIMARY KEY, payload TEXT NOT NULL, k INTEGER) with index
// crash_rows_k on k; payload is "row-<id>", k is id % 97. Ids only grow; an id used by a statement
// that failed is never reused, so it must stay absent.
#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace kadedb {

constexpr const char* kCrashTable = "crash_rows";
constexpr const char* kCrashIndex = "crash_rows_k";
constexpr int kCrashModulus = 97;

// Runs in the forked writer: opens dir, creates the table and index if missing, and inserts rows
// from first_id upward forever. After each statement returns, writes "A <id>\n" per acknowledged
// id (or "R <id>\n" per id of a statement that was rejected) to fd with one write(2).
// Never returns; exits with status 3 if the database cannot be opened or prepared.
[[noreturn]] void RunCrashWriter(const std::string& dir, int fd, int64_t first_id, uint64_t seed);

struct CrashExpectations {
  std::set<int64_t> acknowledged;  // must be present
  std::set<int64_t> rejected;      // must be absent
  bool table_created = false;      // the writer acknowledged the table and index
};

// Reopens dir and checks the expectations, printing each violation to stdout. Returns the number
// of violations (0 = pass). *rows receives the number of rows found.
int CheckCrashDatabase(const std::string& dir, const CrashExpectations& expect, uint64_t* rows,
                       uint64_t seed);

}  // namespace kadedb
