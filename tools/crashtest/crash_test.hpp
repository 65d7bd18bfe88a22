// Crash test pieces: a writer process whose threads run bank transfers, inserts and updates and
// acknowledge each commit until the process is killed, and a checker that reopens the database
// and verifies every promise of ACID (docs/transactions.md, "Crash test").
//
// Schema (created by the first writer in ONE transaction, so it exists entirely or not at all):
//   accounts(id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)     kAccounts rows, kInitialBalance
//   transfers(id BIGINT PRIMARY KEY, src INTEGER, dst INTEGER, amount BIGINT), index on src
//   crash_rows(id BIGINT PRIMARY KEY, payload TEXT NOT NULL, k INTEGER), index crash_rows_k on k;
//     payload is "row-<id>", k is id % 97
//   items(id INTEGER PRIMARY KEY, v BIGINT NOT NULL, k INTEGER), index on k; k is v % 97
// Row groups: the harness sets KADEDB_ROW_GROUP_SIZE (32 unless set) so the background sealer
// moves rows of every table into sealed column row groups while the writers run; transfers and
// item updates then update sealed rows, and the checks cover both layouts.
// Online ALTER: thread 0 now and then adds a column extra_<n> BIGINT NOT NULL DEFAULT <n> to
// crash_rows, or drops the one it added (at most one exists); every row must read <n> there.
// A transfer moves amount from src to dst and records itself in transfers, in one transaction
// at a random isolation level. Ids only grow; an id used by a statement that failed is never
// reused, so it must stay absent. Each writer thread owns a slice of items and sets v to
// increasing values, so v never goes below the last acknowledged value.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace kadedb {

constexpr const char* kCrashTable = "crash_rows";
constexpr const char* kCrashIndex = "crash_rows_k";
constexpr int kCrashModulus = 97;
constexpr int kAccounts = 40;
constexpr int64_t kInitialBalance = 1000;
constexpr int kItemsPerThread = 16;
constexpr int kMaxWriterThreads = 16;

// Runs in the forked writer: opens dir, creates the schema if missing, and runs `threads`
// writer threads forever, each with its own connection. Reports one line per acknowledged or
// rejected change on fd (one write(2) per line, serialised):
//   "T"                     schema committed
//   "A <id>" / "R <id>"     crash_rows insert acknowledged / statement rejected
//   "X <id> <src> <dst> <amount>"   transfer committed
//   "U <item> <v>"          items update committed
//   "C <n>" / "D <n>"       ALTER TABLE crash_rows ADD / DROP COLUMN extra_<n> committed
//   "E <text>"              an unexpected error (a violation)
// Never returns; exits with status 3 if the database cannot be opened or prepared.
[[noreturn]] void RunCrashWriter(const std::string& dir, int fd, int64_t first_id, uint64_t seed,
                                 int threads);

struct CrashTransfer {
  int src = 0;
  int dst = 0;
  int64_t amount = 0;
};

struct CrashExpectations {
  std::set<int64_t> acknowledged;              // crash_rows ids that must be present
  std::set<int64_t> rejected;                  // crash_rows ids that must be absent
  std::map<int64_t, CrashTransfer> transfers;  // committed transfers (must be present, exact)
  std::map<int64_t, int64_t> item_values;      // item -> last acknowledged v (v must be >= it)
  bool table_created = false;                  // the writer acknowledged the schema
  // The last acknowledged online ALTER: extra_<alter_seq> added (alter_added) or dropped.
  int64_t alter_seq = 0;
  bool alter_added = false;
};

// Reopens dir and checks the expectations, printing each violation to stdout. Returns the number
// of violations (0 = pass). *rows receives the number of crash_rows rows found.
int CheckCrashDatabase(const std::string& dir, const CrashExpectations& expect, uint64_t* rows,
                       uint64_t seed);

}  // namespace kadedb
