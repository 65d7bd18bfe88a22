// Read-only follower: a second Database opened read-only on the directory a writer holds catches
// up with the writer at the start of each transaction (each statement in autocommit), so it sees
// every commit acknowledged before the statement began, rows sealed into row groups included,
// while one transaction keeps one unchanging view (docs/transactions.md, "Read-only followers").
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "kadedb/database.hpp"
#include "storage/data_table.hpp"
#include "storage/row_group_sealer.hpp"

namespace kadedb {
namespace {

namespace fs = std::filesystem;

class FollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() /
            ("kadedb-follower-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
    ASSERT_TRUE(Database::Open(dir_, Options{}, &writer_).ok());
    wconn_ = writer_->Connect();
    Exec(*wconn_, "CREATE TABLE acc (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
    Exec(*wconn_, "CREATE INDEX acc_balance ON acc (balance)");
    Exec(*wconn_, "INSERT INTO acc SELECT g, 100 FROM generate_series(1, 20) g");
    Exec(*wconn_, "CREATE TABLE log (id BIGINT PRIMARY KEY, v INTEGER)");
  }
  void TearDown() override {
    follower_.reset();
    wconn_.reset();
    writer_.reset();
    fs::remove_all(dir_);
  }

  void OpenFollower() {
    Options options;
    options.read_only = true;
    Status s = Database::Open(dir_, options, &follower_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void Exec(Connection& conn, const std::string& sql) {
    Result r = conn.Query(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
  }
  static int64_t Int(Connection& conn, const std::string& sql) {
    Result r = conn.Query(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() ? std::stoll(r.GetValue(0, 0).ToString()) : -1;  // sum(bigint) is numeric
  }

  std::string dir_;
  std::unique_ptr<Database> writer_;
  std::unique_ptr<Connection> wconn_;
  std::unique_ptr<Database> follower_;
};

TEST_F(FollowerTest, EachStatementSeesCommitsAcknowledgedBeforeIt) {
  OpenFollower();
  auto conn = follower_->Connect();
  EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log"), 0);
  for (int i = 1; i <= 5; i++) {
    Exec(*wconn_, "INSERT INTO log VALUES (" + std::to_string(i) + ", " + std::to_string(i) + ")");
    EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log"), i);
    EXPECT_EQ(Int(*conn, "SELECT v FROM log WHERE id = " + std::to_string(i)), i);
  }
  Exec(*wconn_, "UPDATE acc SET balance = balance - 7 WHERE id = 1");
  EXPECT_EQ(Int(*conn, "SELECT balance FROM acc WHERE id = 1"), 93);
  Exec(*wconn_, "DELETE FROM log WHERE id = 5");
  EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log"), 4);
  // Writes stay refused.
  EXPECT_EQ(conn->Query("INSERT INTO log VALUES (9, 9)").status().sqlstate(), "25006");
}

TEST_F(FollowerTest, TransactionKeepsOneView) {
  OpenFollower();
  auto conn = follower_->Connect();
  Exec(*conn, "BEGIN");
  EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log"), 0);
  Exec(*wconn_, "INSERT INTO log VALUES (1, 1)");
  EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log"), 0);  // the view of the transaction's start
  Exec(*conn, "COMMIT");
  EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log"), 1);
}

TEST_F(FollowerTest, FollowsRowGroupsAndConcurrentTransfers) {
  DataTable::SetRowGroupSizeForTesting(32);
  OpenFollower();
  std::atomic<bool> stop{false};
  std::atomic<int64_t> acked{0};
  std::thread writer([&] {
    auto conn = writer_->Connect();
    for (int64_t i = 1; !stop.load(); i++) {
      int src = static_cast<int>(i % 20) + 1, dst = static_cast<int>((i * 7) % 20) + 1;
      if (src == dst) dst = dst % 20 + 1;
      std::string sql =
          "BEGIN; UPDATE acc SET balance = balance - 1 WHERE id = " + std::to_string(src) +
          "; UPDATE acc SET balance = balance + 1 WHERE id = " + std::to_string(dst) +
          "; INSERT INTO log VALUES (" + std::to_string(i) + ", 0); COMMIT";
      Result r = conn->Query(sql);
      if (!r.ok()) {
        conn->Query("ROLLBACK");
        ADD_FAILURE() << r.status().ToString();
        return;
      }
      acked.store(i);
    }
  });
  auto conn = follower_->Connect();
  int reads = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < deadline || acked.load() < 200) {
    int64_t before = acked.load();
    Result r = conn->Query("SELECT (SELECT sum(balance) FROM acc), (SELECT count(*) FROM log)");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r.GetValue(0, 0).ToString(), "2000");  // never a partial transfer
    EXPECT_GE(r.GetValue(1, 0).GetInt(), before);    // every commit acknowledged before the read
    reads++;
  }
  stop.store(true);
  writer.join();
  RowGroupSealer::WaitIdle();
  int64_t n = acked.load();
  EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log"), n);
  EXPECT_EQ(Int(*conn, "SELECT count(*) FROM log WHERE id BETWEEN 1 AND " + std::to_string(n)), n);
  EXPECT_EQ(Int(*conn, "SELECT sum(balance) FROM acc"), 2000);
  EXPECT_GT(reads, 10);
  DataTable::SetRowGroupSizeForTesting(kRowGroupSize);
}

}  // namespace
}  // namespace kadedb
