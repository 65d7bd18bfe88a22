// Crash test pieces: a writer process whose threads run bank transfers, inserts and updates and
// acknowledge each commit until the process is killed, and a checker that reopens the database
// and verifies every promise of ACID (docs/transactions.md, "Crash test").
//
// Schema (created by the first writer in ONE transaction, so it exists entirely or not at all):
//   accounts(id INTEGER PRIMARY KEY, balance BIGINT NOT NULL, settled BIGINT NOT NULL)
//     kAccounts rows, kInitialBalance; settled: net amount of this account's settled transfers
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
// reused, so it must stay absent.
// Bounded size: one thread deletes the crash_rows rows older than the kCrashKeepRows newest, and
// one settles the transfers older than the kKeepTransfers newest: deletes them and adds each
// account's net amount to accounts.settled in the same transaction. So balance = start + settled
// + the remaining transfers, and a deleted row or settled transfer must stay absent. Tables keep
// about the same size over any number of cycles, so each cycle's check costs about the same.
// Each writer thread owns a slice of items and sets v to
// increasing values, so v never goes below the last acknowledged value.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace kadedb {

constexpr const char* kCrashTable = "crash_rows";
constexpr const char* kCrashIndex = "crash_rows_k";
constexpr int kCrashModulus = 97;
constexpr int kAccounts = 40;
constexpr int64_t kInitialBalance = 1000;
constexpr int kItemsPerThread = 16;
constexpr int kMaxWriterThreads = 16;
constexpr int kCrashKeepRows = 1500;  // crash_rows rows kept by a trim (the newest ids)
constexpr int kKeepTransfers = 500;   // transfers kept by a settlement (the newest ids)
constexpr int kDeleteBatch = 100;     // at most this many rows per trim / settlement (the oldest)

// Runs in the forked writer: opens dir, creates the schema if missing, and runs `threads`
// writer threads forever, each with its own connection. Reports one line per acknowledged or
// rejected change on fd (one write(2) per line, serialised):
//   "T"                     schema committed
//   "A <id>" / "R <id>"     crash_rows insert acknowledged / statement rejected
//   "X <id> <src> <dst> <amount>"   transfer committed
//   "U <item> <v>"          items update committed
//   "q <id> <id> ..."       crash_rows trim about to COMMIT: these ids are deleted by it
//   "Y" / "y"               that trim committed / rolled back
//   "p <id> <id> ..."       settlement about to COMMIT: these transfers are deleted by it
//   "S" / "s"               that settlement committed / rolled back
// A trim or settlement pending at the kill (its COMMIT unacknowledged) may have committed or
// not, but wholly: its ids must be all present or all absent.
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
  // The compact log: only what must be present now. An id is erased from acknowledged /
  // transfers when its acknowledged delete / settlement arrives (and is never re-added: a
  // thread's insert report can arrive after another thread's delete of that row).
  std::set<int64_t> acknowledged;              // crash_rows ids that must be present
  std::set<int64_t> rejected;                  // crash_rows ids that must be absent
  std::set<int64_t> deleted;                   // crash_rows ids deleted by a trim: absent
  std::map<int64_t, CrashTransfer> transfers;  // committed transfers (must be present, exact)
  std::set<int64_t> settled;                   // settled transfer ids: absent
  std::vector<int64_t> pending_trim;           // ids of a trim whose COMMIT is unanswered
  std::vector<int64_t> pending_settle;         // ids of a settlement whose COMMIT is unanswered
  uint64_t total_acknowledged = 0;             // crash_rows inserts acknowledged, ever
  uint64_t total_transfers = 0;                // transfers acknowledged, ever
  std::map<int64_t, int64_t> item_values;      // item -> last acknowledged v (v must be >= it)
  bool table_created = false;                  // the writer acknowledged the schema
  // The last acknowledged online ALTER: extra_<alter_seq> added (alter_added) or dropped.
  int64_t alter_seq = 0;
  bool alter_added = false;
};

// What the check found about the trim / settlement pending at the kill: committed (all of its
// ids absent) or not (all present).
struct CrashOutcome {
  uint64_t rows = 0;  // crash_rows rows found
  bool trim_committed = false;
  bool settle_committed = false;
};

// Reopens dir and checks the expectations, printing each violation to stdout. Returns the number
// of violations (0 = pass) and fills *outcome.
int CheckCrashDatabase(const std::string& dir, const CrashExpectations& expect,
                       CrashOutcome* outcome, uint64_t seed);

// Applies the pending trim / settlement to expect when it committed (as its acknowledgement
// would have), and clears its pending list either way.
void ResolveTrim(CrashExpectations* expect, bool committed);
void ResolveSettlement(CrashExpectations* expect, bool committed);

}  // namespace kadedb
