// Online backup while writers run: the restored copy holds every commit acknowledged before the
// backup started, nothing that was never committed, no partial transaction (balances still sum
// up), and passes CHECK DATABASE; a second backup into the same destination is incremental.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kadedb/kadedb.hpp"
#include "storage/backup.hpp"

namespace kadedb {
namespace {

namespace fs = std::filesystem;

int64_t IntOf(const Value& v) {
  return v.type().IsInteger() ? v.GetInt() : std::stoll(v.ToString());
}

TEST(BackupRestoreTest, OnlineBackupHoldsAcknowledgedCommits) {
  fs::path base = fs::temp_directory_path() / ("kadedb_backup_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base);
  std::string dir = (base / "db").string(), dest = (base / "backup").string();
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open(dir, Options(), &db).ok());
  {
    auto c = db->Connect();
    ASSERT_TRUE(c->Query("CREATE TABLE acc (id INT PRIMARY KEY, balance BIGINT);"
                         "INSERT INTO acc SELECT i, 100 FROM generate_series(0, 19) g(i);"
                         "CREATE TABLE ev (id BIGINT PRIMARY KEY, k INT);"
                         "CREATE INDEX ev_k ON ev (k)")
                    .ok());
  }
  std::mutex mu;
  std::set<int64_t> acked;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; t++) {
    writers.emplace_back([&, t] {
      auto c = db->Connect();
      std::mt19937 rng(t);
      for (int64_t n = 0; !stop; n++) {
        int64_t id = t * 1000000 + n;
        int a = rng() % 20, b = (a + 1 + rng() % 19) % 20;
        std::string sql =
            "BEGIN; UPDATE acc SET balance = balance - 1 WHERE id = " + std::to_string(a) +
            "; UPDATE acc SET balance = balance + 1 WHERE id = " + std::to_string(b) +
            "; INSERT INTO ev VALUES (" + std::to_string(id) + ", " + std::to_string(id % 7) + ")";
        Result r = c->Query(sql);
        if (r.ok()) r = c->Query("COMMIT");
        if (r.ok() && r.CommandTag() == "COMMIT") {
          std::lock_guard<std::mutex> lock(mu);
          acked.insert(id);
        } else {
          c->Query("ROLLBACK");
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::set<int64_t> before;
  {
    std::lock_guard<std::mutex> lock(mu);
    before = acked;
  }
  Result b1 = db->Connect()->Query("BACKUP DATABASE TO '" + dest + "'");
  ASSERT_TRUE(b1.ok()) << b1.status().ToString();
  EXPECT_EQ(b1.CommandTag(), "BACKUP 1");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  for (auto& w : writers) w.join();
  ASSERT_FALSE(before.empty());
  db.reset();

  std::string restored = (base / "restored").string();
  Status s = RestoreDatabase(dest, restored);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::unique_ptr<Database> copy;
  ASSERT_TRUE(Database::Open(restored, Options(), &copy).ok());
  auto c = copy->Connect();
  Result sum = c->Query("SELECT sum(balance) FROM acc");
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(IntOf(sum.GetValue(0, 0)), 2000);  // no partial transfer
  Result ev = c->Query("SELECT id FROM ev");
  ASSERT_TRUE(ev.ok());
  std::set<int64_t> present;
  for (uint64_t i = 0; i < ev.RowCount(); i++) present.insert(IntOf(ev.GetValue(0, i)));
  for (int64_t id : before) EXPECT_TRUE(present.count(id)) << "acknowledged " << id << " missing";
  for (int64_t id : present) EXPECT_TRUE(acked.count(id)) << id << " was never committed";
  Result check = c->Query("CHECK DATABASE");
  ASSERT_TRUE(check.ok());
  ASSERT_EQ(check.RowCount(), 1u);
  EXPECT_EQ(check.GetValue(0, 0).ToString(), "ok");
  c.reset();  // connections must not outlive their database
  copy.reset();

  // A second backup of the (now idle) database copies far less than it refers to.
  BackupInfo info;
  s = BackupDatabase(dir, dest, &info);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(info.backup_id, 2u);
  EXPECT_LT(info.copied_bytes, info.size);
  fs::remove_all(base);
}

}  // namespace
}  // namespace kadedb
