// kadedb-stress: many sessions of one Database hammering it from many threads at once.
//
//   kadedb-stress [--dir D] [--threads 16] [--seconds 60] [--seed S] [--row-group-size N]
//
// Each thread has its own Connection and loops over: consistent reads (the sum of all balances,
// in autocommit and inside REPEATABLE READ / SERIALIZABLE transactions, must always equal the
// starting total), bank transfers at a random isolation level, single-row inserts, and reads of
// its own inserts through an index and through a full scan (their count must equal what it
// inserted). Some transfers first make a bogus update under a savepoint and roll back to it.
// The background sealer moves rows into column row groups of --row-group-size rows (default 64,
// so most accounts are sealed too and transfers update sealed rows) while the sessions run: both
// storage layouts are hammered. Serialization failures (40001) and deadlocks (40P01) are retried
// and counted; any other error, or a broken invariant, is a failure. At the end CHECK DATABASE must
// report "ok". Exits 1 on any failure. `make tsan-stress` runs a short version under
// ThreadSanitizer.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "kadedb/database.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using kadedb::Connection;
using kadedb::Result;
using kadedb::Status;

constexpr int kAccounts = 100;
constexpr int64_t kInitialBalance = 1000;

struct Counters {
  std::atomic<uint64_t> reads{0}, transfers{0}, inserts{0}, own_reads{0};
  std::atomic<uint64_t> retries_40001{0}, retries_40p01{0}, failures{0};
};

std::mutex print_mutex;

void Failure(Counters& c, const std::string& what) {
  if (c.failures.fetch_add(1) < 20) {
    std::lock_guard<std::mutex> lock(print_mutex);
    std::printf("FAILURE: %s\n", what.c_str());
    std::fflush(stdout);
  }
}

int64_t IntOf(const kadedb::Value& v) {
  if (v.IsNull()) return -1;
  if (v.type().IsInteger()) return v.GetInt();
  return std::stoll(v.ToString());
}

// Runs statements as one transaction until it commits or fails with something other than a
// serialization failure / deadlock. check: inspects each result (index, result); false = abort.
bool RunTransaction(Connection& conn, Counters& c, const std::vector<std::string>& statements,
                    const std::function<void(size_t, const Result&)>& check = nullptr) {
  for (int attempt = 0; attempt < 10000; attempt++) {
    bool retry = false;
    for (size_t i = 0; i < statements.size(); i++) {
      Result r = conn.Query(statements[i]);
      if (r.ok() && statements[i] == "COMMIT" && r.CommandTag() != "COMMIT") {
        Failure(c, "COMMIT answered " + r.CommandTag());
        return false;
      }
      if (r.ok()) {
        if (check) check(i, r);
        continue;
      }
      const std::string& code = r.status().sqlstate();
      conn.Query("ROLLBACK");
      if (code == "40001" || code == "40P01") {
        (code == "40001" ? c.retries_40001 : c.retries_40p01)++;
        retry = true;
        break;
      }
      Failure(c, statements[i] + ": " + r.status().ToString());
      return false;
    }
    if (!retry) return true;
  }
  Failure(c, "10000 retries without success");
  return false;
}

void Worker(kadedb::Database& db, Counters& c, int thread, uint64_t seed, Clock::time_point end) {
  auto conn = db.Connect();
  std::mt19937_64 rng(seed);
  int64_t next_event = static_cast<int64_t>(thread) * 100000000;
  uint64_t inserted = 0;
  static const char* kLevels[] = {"READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"};
  const int64_t total = kAccounts * kInitialBalance;
  while (Clock::now() < end && c.failures.load() == 0) {
    int op = static_cast<int>(rng() % 10);
    if (op < 3) {
      // A consistent read: one statement, or two inside a snapshot transaction.
      auto check_sum = [&](size_t, const Result& r) {
        if (r.RowCount() == 1 && r.ColumnCount() == 1 && IntOf(r.GetValue(0, 0)) != total) {
          Failure(c, "sum of balances is " + r.GetValue(0, 0).ToString());
        }
      };
      if (op == 0) {
        RunTransaction(*conn, c, {"SELECT sum(balance) FROM accounts"}, check_sum);
      } else {
        std::string level = op == 1 ? "REPEATABLE READ" : "SERIALIZABLE";
        RunTransaction(
            *conn, c,
            {"BEGIN ISOLATION LEVEL " + level, "SELECT sum(balance) FROM accounts",
             "SELECT id, balance FROM accounts WHERE id = " + std::to_string(rng() % kAccounts),
             "SELECT sum(balance) FROM accounts", "COMMIT"},
            check_sum);
      }
      c.reads++;
    } else if (op < 7) {
      int src = static_cast<int>(rng() % kAccounts);
      int dst = static_cast<int>(rng() % (kAccounts - 1));
      if (dst >= src) dst++;
      std::string amount = std::to_string(1 + rng() % 20);
      std::vector<std::string> statements = {std::string("BEGIN ISOLATION LEVEL ") +
                                             kLevels[rng() % 3]};
      if (rng() % 4 == 0) {
        // A bogus credit, undone by ROLLBACK TO SAVEPOINT before the real transfer.
        statements.push_back("SAVEPOINT bogus");
        statements.push_back("UPDATE accounts SET balance = balance + 1000000 WHERE id = " +
                             std::to_string(src));
        statements.push_back("ROLLBACK TO SAVEPOINT bogus");
      }
      statements.push_back("UPDATE accounts SET balance = balance - " + amount +
                           " WHERE id = " + std::to_string(src));
      statements.push_back("UPDATE accounts SET balance = balance + " + amount +
                           " WHERE id = " + std::to_string(dst));
      statements.push_back("COMMIT");
      if (RunTransaction(*conn, c, statements)) c.transfers++;
    } else if (op < 9) {
      int64_t id = next_event++;
      if (RunTransaction(*conn, c,
                         {"INSERT INTO events VALUES (" + std::to_string(id) + ", " +
                          std::to_string(thread) + ", 'payload " + std::to_string(id) + "')"})) {
        inserted++;
        c.inserts++;
      }
    } else {
      // Through the index, or (thread + 0 hides the column from it) through a full scan.
      std::string column = rng() % 2 ? "thread" : "thread + 0";
      RunTransaction(
          *conn, c,
          {"SELECT count(*) FROM events WHERE " + column + " = " + std::to_string(thread)},
          [&](size_t, const Result& r) {
            if (static_cast<uint64_t>(IntOf(r.GetValue(0, 0))) != inserted) {
              Failure(c, "thread " + std::to_string(thread) + " sees " +
                             r.GetValue(0, 0).ToString() + " of its " + std::to_string(inserted) +
                             " inserts");
            }
          });
      c.own_reads++;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  int threads = 16;
  double seconds = 60;
  uint64_t seed = static_cast<uint64_t>(Clock::now().time_since_epoch().count());
  std::string row_group_size = "64";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--dir") {
      dir = argv[i + 1];
    } else if (a == "--threads") {
      threads = std::atoi(argv[i + 1]);
    } else if (a == "--seconds") {
      seconds = std::atof(argv[i + 1]);
    } else if (a == "--seed") {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (a == "--row-group-size") {
      row_group_size = argv[i + 1];
    } else {
      std::fprintf(stderr,
                   "usage: kadedb-stress [--dir D] [--threads N] [--seconds S] [--seed S] "
                   "[--row-group-size N]\n");
      return 2;
    }
  }
  if (dir.empty()) dir = "/tmp/kadedb-stress-" + std::to_string(getpid());
  // Read once, when the first table opens (DataTable::RowGroupSize).
  setenv("KADEDB_ROW_GROUP_SIZE", row_group_size.c_str(), 1);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::unique_ptr<kadedb::Database> db;
  Status s = kadedb::Database::Open(dir, kadedb::Options{}, &db);
  if (!s.ok()) {
    std::printf("cannot open %s: %s\n", dir.c_str(), s.ToString().c_str());
    return 1;
  }
  {
    auto conn = db->Connect();
    Result r = conn->Query(
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL);"
        "INSERT INTO accounts SELECT i, " +
        std::to_string(kInitialBalance) + " FROM generate_series(0, " +
        std::to_string(kAccounts - 1) +
        ") AS g(i);"
        "CREATE TABLE events (id BIGINT PRIMARY KEY, thread INTEGER, payload TEXT);"
        "CREATE INDEX events_thread ON events (thread);");
    if (!r.ok()) {
      std::printf("setup failed: %s\n", r.status().ToString().c_str());
      return 1;
    }
  }
  std::printf("stress: %d threads, %.0f s, seed %llu, row groups of %s rows, dir %s\n", threads,
              seconds, static_cast<unsigned long long>(seed), row_group_size.c_str(), dir.c_str());
  std::fflush(stdout);
  Counters c;
  auto start = Clock::now();
  auto end = start + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  std::mt19937_64 rng(seed);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; t++) {
    uint64_t thread_seed = rng();
    workers.emplace_back([&, t, thread_seed] { Worker(*db, c, t, thread_seed, end); });
  }
  for (auto& w : workers) w.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  auto conn = db->Connect();
  Result sum = conn->Query("SELECT sum(balance) FROM accounts");
  if (!sum.ok() || IntOf(sum.GetValue(0, 0)) != kAccounts * kInitialBalance) {
    Failure(c, "final sum of balances is wrong");
  }
  Result count = conn->Query("SELECT count(*) FROM events");
  if (!count.ok() || static_cast<uint64_t>(IntOf(count.GetValue(0, 0))) != c.inserts.load()) {
    Failure(c, "events holds " + (count.ok() ? count.GetValue(0, 0).ToString() : "?") + " rows, " +
                   std::to_string(c.inserts.load()) + " were inserted");
  }
  Result check = conn->Query("CHECK DATABASE");
  if (!check.ok()) {
    Failure(c, "CHECK DATABASE: " + check.status().ToString());
  } else {
    for (uint64_t i = 0; i < check.RowCount(); i++) {
      if (check.GetValue(0, i).ToString() != "ok") {
        Failure(c, "CHECK DATABASE: " + check.GetValue(0, i).ToString());
      }
    }
  }
  std::printf(
      "stress: %.1f s: %llu reads, %llu transfers, %llu inserts, %llu own-insert reads "
      "(%.0f ops/s); retried %llu x 40001, %llu x 40P01; %llu failures\n",
      elapsed, (unsigned long long)c.reads.load(), (unsigned long long)c.transfers.load(),
      (unsigned long long)c.inserts.load(), (unsigned long long)c.own_reads.load(),
      (c.reads + c.transfers + c.inserts + c.own_reads) / elapsed,
      (unsigned long long)c.retries_40001.load(), (unsigned long long)c.retries_40p01.load(),
      (unsigned long long)c.failures.load());
  conn.reset();  // connections must not outlive their database
  db.reset();
  std::filesystem::remove_all(dir, ec);
  return c.failures.load() == 0 ? 0 : 1;
}
