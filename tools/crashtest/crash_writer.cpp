// RunCrashWriter: the process that is killed. Its threads mix bank transfers (multi-statement
// transactions at random isolation levels, retried on 40001 / 40P01), single- and multi-row
// inserts, (deliberately) failing multi-row inserts whose last row repeats an id, and updates of
// indexed columns; thread 0 also adds and drops a column of crash_rows now and then (online
// ALTER). One thread trims crash_rows to its newest rows and one settles old transfers (deletes
// them and folds their amounts into accounts.settled, in one transaction), so the tables stay
// about the same size however many cycles ran and each cycle's check costs the same. A change is
// reported only after its COMMIT (or autocommit statement) returned success.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "crash_test.hpp"
#include "kadedb/database.hpp"

namespace kadedb {

namespace {

std::mutex report_mutex;

void WriteAll(int fd, const std::string& s) {
  std::lock_guard<std::mutex> lock(report_mutex);
  size_t done = 0;
  while (done < s.size()) {
    ssize_t n = write(fd, s.data() + done, s.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(4);  // the parent went away
    done += static_cast<size_t>(n);
  }
}

std::string RowValues(int64_t id) {
  return "(" + std::to_string(id) + ", 'row-" + std::to_string(id) + "', " +
         std::to_string(id % kCrashModulus) + ")";
}

[[noreturn]] void SetupFailed(const std::string& what, const Status& s) {
  std::printf("writer: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::fflush(stdout);
  _exit(3);
}

// Creates the whole schema in one transaction unless accounts exists.
void CreateSchema(Connection& conn) {
  Result probe = conn.Query("SELECT count(*) FROM accounts");
  if (probe.ok()) return;
  std::string sql = "BEGIN;";
  sql +=
      "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL, "
      "settled BIGINT NOT NULL);";
  sql += "INSERT INTO accounts SELECT i, " + std::to_string(kInitialBalance) +
         ", 0 FROM generate_series(0, " + std::to_string(kAccounts - 1) + ") AS g(i);";
  sql += "CREATE TABLE transfers (id BIGINT PRIMARY KEY, src INTEGER, dst INTEGER, amount BIGINT);";
  sql += "CREATE INDEX transfers_src ON transfers (src);";
  sql += std::string("CREATE TABLE ") + kCrashTable +
         " (id BIGINT PRIMARY KEY, payload TEXT NOT NULL, k INTEGER);";
  sql += std::string("CREATE INDEX ") + kCrashIndex + " ON " + kCrashTable + " (k);";
  sql += "CREATE TABLE items (id INTEGER PRIMARY KEY, v BIGINT NOT NULL, k INTEGER);";
  sql += "CREATE INDEX items_k ON items (k);";
  sql += "INSERT INTO items SELECT i, 0, 0 FROM generate_series(0, " +
         std::to_string(kItemsPerThread * kMaxWriterThreads - 1) + ") AS g(i);";
  Result r = conn.Query(sql);
  if (!r.ok()) SetupFailed("creating the schema", r.status());
  r = conn.Query("COMMIT");
  if (!r.ok() || r.CommandTag() != "COMMIT") SetupFailed("committing the schema", r.status());
}

bool Retryable(const Status& s) {
  return s.sqlstate() == "40001" || s.sqlstate() == "40P01";
}

// The extra_<n> column of crash_rows left by an earlier cycle (0 when none).
int64_t FindExtraColumn(Connection& conn) {
  Result r = conn.Query(
      std::string("SELECT column_name FROM information_schema.columns WHERE table_name = '") +
      kCrashTable + "' AND column_name LIKE 'extra_%'");
  if (!r.ok()) SetupFailed("looking for the extra column", r.status());
  if (r.RowCount() == 0) return 0;
  return std::stoll(r.GetValue(0, 0).ToString().substr(6));
}

class WriterThread {
 public:
  WriterThread(Database& db, int fd, int thread, int threads, int64_t first_id, uint64_t seed,
               int64_t extra_column)
      : conn_(db.Connect()), fd_(fd), thread_(thread), rng_(seed), extra_(extra_column) {
    // With one thread it does everything; otherwise trimming and settling have threads of their
    // own, so two trims (or two settlements) never race for the same rows.
    trims_ = thread == std::min(2, threads - 1);
    settles_ = thread == std::min(1, threads - 1);
    next_alter_ = first_id;
    next_row_ = first_id + static_cast<int64_t>(thread) * 500000;
    next_transfer_ = first_id + static_cast<int64_t>(thread) * 500000;
    // v values grow across cycles: first_id grows with the cycle.
    next_value_ = first_id * 10;
  }

  [[noreturn]] void Run() {
    while (true) {
      if (thread_ == 0 && rng_() % 48 == 0) {
        Alter();
        continue;
      }
      if (trims_ && rng_() % 4 == 0) {
        Trim();
        continue;
      }
      if (settles_ && rng_() % 4 == 0) {
        Settle();
        continue;
      }
      int op = static_cast<int>(rng_() % 8);
      if (op < 4) {
        Transfer();
      } else if (op < 6) {
        Insert();
      } else {
        Update();
      }
    }
  }

 private:
  void Error(const std::string& what, const Status& s) {
    WriteAll(fd_, "E thread " + std::to_string(thread_) + " " + what + ": " + s.ToString() + "\n");
  }

  void Transfer() {
    int64_t id = next_transfer_++;
    int src = static_cast<int>(rng_() % kAccounts);
    int dst = static_cast<int>(rng_() % (kAccounts - 1));
    if (dst >= src) dst++;
    int64_t amount = 1 + static_cast<int64_t>(rng_() % 50);
    static const char* kLevels[] = {"READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"};
    const char* level = kLevels[rng_() % 3];
    for (int attempt = 0; attempt < 1000; attempt++) {
      std::vector<std::string> statements = {
          std::string("BEGIN ISOLATION LEVEL ") + level,
          "UPDATE accounts SET balance = balance - " + std::to_string(amount) +
              " WHERE id = " + std::to_string(src),
          "UPDATE accounts SET balance = balance + " + std::to_string(amount) +
              " WHERE id = " + std::to_string(dst),
          "INSERT INTO transfers VALUES (" + std::to_string(id) + ", " + std::to_string(src) +
              ", " + std::to_string(dst) + ", " + std::to_string(amount) + ")",
          "COMMIT"};
      bool retry = false;
      for (auto& sql : statements) {
        Result r = conn_->Query(sql);
        if (r.ok() && (sql != "COMMIT" || r.CommandTag() == "COMMIT")) continue;
        conn_->Query("ROLLBACK");
        if (!r.ok() && Retryable(r.status())) {
          retry = true;
          break;
        }
        Error("transfer " + sql,
              r.ok() ? Status::Error("XX000", "COMMIT rolled back") : r.status());
        return;
      }
      if (!retry) {
        WriteAll(fd_, "X " + std::to_string(id) + " " + std::to_string(src) + " " +
                          std::to_string(dst) + " " + std::to_string(amount) + "\n");
        return;
      }
    }
    Error("transfer", Status::Error("XX000", "1000 serialization failures in a row"));
  }

  // Adds extra_<n> (every existing row reads n, nothing is rewritten) or drops it.
  void Alter() {
    std::string sql = std::string("ALTER TABLE ") + kCrashTable;
    int64_t seq = extra_;
    if (extra_ == 0) {
      seq = next_alter_++;
      sql += " ADD COLUMN extra_" + std::to_string(seq) + " BIGINT NOT NULL DEFAULT " +
             std::to_string(seq);
    } else {
      sql += " DROP COLUMN extra_" + std::to_string(seq);
    }
    for (int attempt = 0; attempt < 1000; attempt++) {
      Result r = conn_->Query(sql);
      if (r.ok()) {
        WriteAll(fd_, (extra_ == 0 ? "C " : "D ") + std::to_string(seq) + "\n");
        extra_ = extra_ == 0 ? seq : 0;
        return;
      }
      if (!Retryable(r.status()) && r.status().sqlstate() != "55P03") {
        Error("alter", r.status());
        return;
      }
    }
  }

  // Deletes every crash_rows row older than the kCrashKeepRows newest (by id), in a transaction
  // of its own. Reports the deleted ids before COMMIT ("q") and the outcome after ("Y"/"y"), so
  // a kill during the COMMIT leaves a known pending delete that must be all or nothing.
  void Trim() {
    // At most kDeleteBatch rows at a time: a long DELETE loses every write conflict against the
    // concurrent inserts (it used to retry for ever once the table had grown, and then the table
    // grew without bound).
    std::string del = std::string("DELETE FROM ") + kCrashTable + " WHERE id < (SELECT id FROM " +
                      kCrashTable + " ORDER BY id DESC LIMIT 1 OFFSET " +
                      std::to_string(kCrashKeepRows) + ") AND id <= (SELECT id FROM " +
                      kCrashTable + " ORDER BY id LIMIT 1 OFFSET " +
                      std::to_string(kDeleteBatch - 1) + ") RETURNING id";
    RunPendingDelete("trim", del, 'q', 'Y', 'y', [](const Result&) {});
  }

  // In one transaction: deletes the transfers older than the kKeepTransfers newest and adds
  // each account's net amount of them to accounts.settled, so balance = start + settled + the
  // remaining transfers still holds. Reported like Trim ("p", then "S"/"s").
  void Settle() {
    std::string del =
        "DELETE FROM transfers WHERE id < (SELECT id FROM transfers ORDER BY id DESC LIMIT 1 "
        "OFFSET " +
        std::to_string(kKeepTransfers) +
        ") AND id <= (SELECT id FROM transfers ORDER BY id LIMIT 1 OFFSET " +
        std::to_string(kDeleteBatch - 1) + ") RETURNING id, src, dst, amount";
    RunPendingDelete("settle", del, 'p', 'S', 's', [this](const Result& deleted) {
      std::vector<int64_t> net(kAccounts, 0);
      for (uint64_t i = 0; i < deleted.RowCount(); i++) {
        int64_t amount = deleted.GetValue(3, i).GetInt();
        net[deleted.GetValue(1, i).GetInt()] -= amount;
        net[deleted.GetValue(2, i).GetInt()] += amount;
      }
      std::string cases, ids;
      for (int a = 0; a < kAccounts; a++) {
        if (net[a] == 0) continue;
        cases += " WHEN " + std::to_string(a) + " THEN " + std::to_string(net[a]);
        ids += (ids.empty() ? "" : ", ") + std::to_string(a);
      }
      if (ids.empty()) return std::string();
      return "UPDATE accounts SET settled = settled + CASE id" + cases +
             " ELSE 0 END WHERE id IN (" + ids + ")";
    });
  }

  // BEGIN at a random level; the DELETE ... RETURNING id, ...; then the statement follow_up
  // makes of its result (none when empty); the deleted ids reported as "<pending> ids"; COMMIT,
  // reported as committed / rolled back. Retried on 40001 / 40P01 (each attempt reports anew).
  template <typename FollowUp>
  void RunPendingDelete(const char* what, const std::string& del, char pending, char committed,
                        char rolled_back, FollowUp follow_up) {
    static const char* kLevels[] = {"READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"};
    const char* level = kLevels[rng_() % 3];
    for (int attempt = 0; attempt < 1000; attempt++) {
      // Runs sql; on failure rolls back and says whether to retry (false: give up, reported).
      Status failed;
      auto run = [&](const std::string& sql, Result* out) {
        *out = conn_->Query(sql);
        if (out->ok()) return true;
        failed = out->status();
        conn_->Query("ROLLBACK");
        return false;
      };
      Result begin, deleted, next;
      bool ok = run(std::string("BEGIN ISOLATION LEVEL ") + level, &begin) && run(del, &deleted);
      if (ok && deleted.RowCount() == 0) {
        conn_->Query("ROLLBACK");
        return;
      }
      if (ok) {
        std::string sql = FollowUpSql(follow_up, deleted);
        if (!sql.empty()) ok = run(sql, &next);
      }
      if (!ok) {
        if (Retryable(failed)) continue;
        Error(what, failed);
        return;
      }
      std::string report(1, pending);
      for (uint64_t i = 0; i < deleted.RowCount(); i++) {
        report += " " + deleted.GetValue(0, i).ToString();
      }
      WriteAll(fd_, report + "\n");
      Result r = conn_->Query("COMMIT");
      if (r.ok() && r.CommandTag() == "COMMIT") {
        WriteAll(fd_, std::string(1, committed) + "\n");
        return;
      }
      WriteAll(fd_, std::string(1, rolled_back) + "\n");
      if (r.ok() || !Retryable(r.status())) {
        Error(what, r.ok() ? Status::Error("XX000", "COMMIT rolled back") : r.status());
        return;
      }
    }
    Error(what, Status::Error("XX000", "1000 serialization failures in a row"));
  }

  template <typename FollowUp>
  static std::string FollowUpSql(FollowUp& follow_up, const Result& deleted) {
    if constexpr (std::is_same_v<decltype(follow_up(deleted)), void>) {
      follow_up(deleted);
      return std::string();
    } else {
      return follow_up(deleted);
    }
  }

  void Insert() {
    int kind = static_cast<int>(rng_() % 10);
    std::string sql = std::string("INSERT INTO ") + kCrashTable + " (id, payload, k) VALUES ";
    std::vector<int64_t> ids;
    bool must_fail = false;
    if (kind < 5) {
      ids.push_back(next_row_++);
    } else {
      int n = 2 + static_cast<int>(rng_() % 19);
      for (int i = 0; i < n; i++) ids.push_back(next_row_++);
      must_fail = kind == 9;  // ~10%: the last row repeats the first id
    }
    for (size_t i = 0; i < ids.size(); i++) sql += (i ? ", " : "") + RowValues(ids[i]);
    if (must_fail) sql += ", " + RowValues(ids.front());
    Result r = conn_->Query(sql);
    std::string report;
    if (r.ok() && !must_fail) {
      for (int64_t x : ids) report += "A " + std::to_string(x) + "\n";
    } else if (!r.ok() && must_fail && r.status().sqlstate() == "23505") {
      for (int64_t x : ids) report += "R " + std::to_string(x) + "\n";
    } else if (r.ok()) {
      report = "E duplicate-key insert succeeded: " + sql.substr(0, 120) + "\n";
    } else {
      report = "E " + r.status().ToString() + "\n";
    }
    WriteAll(fd_, report);
  }

  void Update() {
    int item = thread_ * kItemsPerThread + static_cast<int>(rng_() % kItemsPerThread);
    int64_t v = next_value_++;
    std::string sql = "UPDATE items SET v = " + std::to_string(v) +
                      ", k = " + std::to_string(v % kCrashModulus) +
                      " WHERE id = " + std::to_string(item);
    for (int attempt = 0; attempt < 1000; attempt++) {
      Result r = conn_->Query(sql);
      if (r.ok()) {
        if (r.RowsAffected() != 1) {
          Error("update of item " + std::to_string(item),
                Status::Error("XX000", "updated " + std::to_string(r.RowsAffected()) + " rows"));
        }
        WriteAll(fd_, "U " + std::to_string(item) + " " + std::to_string(v) + "\n");
        return;
      }
      if (!Retryable(r.status())) {
        Error("update", r.status());
        return;
      }
    }
  }

  std::unique_ptr<Connection> conn_;
  int fd_;
  int thread_;
  std::mt19937_64 rng_;
  int64_t next_row_;
  int64_t next_transfer_;
  int64_t next_value_;
  int64_t extra_;         // thread 0: the extra_<n> column that exists (0: none)
  int64_t next_alter_;    // thread 0: n of the next extra column (unique across cycles)
  bool trims_ = false;    // this thread trims crash_rows
  bool settles_ = false;  // this thread settles transfers
};

}  // namespace

void RunCrashWriter(const std::string& dir, int fd, int64_t first_id, uint64_t seed, int threads) {
  std::unique_ptr<Database> db;
  Status s = Database::Open(dir, Options{}, &db);  // sync_commits: true (the default)
  if (!s.ok()) SetupFailed("cannot open " + dir, s);
  int64_t extra_column = 0;
  {
    auto conn = db->Connect();
    CreateSchema(*conn);
    extra_column = FindExtraColumn(*conn);
  }
  WriteAll(fd, "T\n");  // schema acknowledged
  std::mt19937_64 rng(seed);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; t++) {
    uint64_t thread_seed = rng();
    workers.emplace_back([&db, fd, t, threads, first_id, thread_seed, extra_column] {
      WriterThread(*db, fd, t, threads, first_id, thread_seed, extra_column).Run();
    });
  }
  for (auto& w : workers) w.join();
  _exit(0);  // not reached: the threads never return
}

}  // namespace kadedb
