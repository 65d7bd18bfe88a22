// Write-write conflicts after a row-lock wait: READ COMMITTED applies the statement to the row's
// newest version (re-checking its WHERE; no lost update under many concurrent TPC-B-like
// writers), REPEATABLE READ fails with 40001.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "kadedb/kadedb.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

using test::Ok;
using test::One;

class WriteConflictTest : public test::DatabaseTest {
 protected:
  WriteConflictTest() : DatabaseTest("kadedb_wconf") {}
};

TEST_F(WriteConflictTest, ReadCommittedRechecksTheWhereOnTheNewestRow) {
  auto a = db_->Connect();
  auto b = db_->Connect();
  Ok(*a, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a, "INSERT INTO t VALUES (1, 10)");
  Ok(*a, "BEGIN");
  Ok(*a, "UPDATE t SET v = 11 WHERE id = 1");
  auto other = std::async(std::launch::async, [&] {
    Result r = b->Query("UPDATE t SET v = v + 100 WHERE v = 10");  // waits for a's row lock
    return r.ok() ? r.CommandTag() : r.status().ToString();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Ok(*a, "COMMIT");
  EXPECT_EQ(other.get(), "UPDATE 0");  // the newest version no longer matches
  EXPECT_EQ(One(*a, "SELECT v FROM t"), "11");
  Ok(*a, "UPDATE t SET v = 12 WHERE id = 1");  // b's statement left no lock behind
  EXPECT_EQ(One(*b, "SELECT v FROM t"), "12");
}

TEST_F(WriteConflictTest, RepeatableReadFailsAfterTheWait) {
  auto a = db_->Connect();
  auto b = db_->Connect();
  Ok(*a, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a, "INSERT INTO t VALUES (1, 10)");
  Ok(*b, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(One(*b, "SELECT v FROM t"), "10");
  Ok(*a, "BEGIN");
  Ok(*a, "UPDATE t SET v = v + 1");
  auto other = std::async(std::launch::async, [&] {
    Result r = b->Query("UPDATE t SET v = v + 1");  // waits for a's row lock
    return r.ok() ? std::string("ok") : r.status().sqlstate();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Ok(*a, "COMMIT");
  EXPECT_EQ(other.get(), "40001");
  Ok(*b, "ROLLBACK");
  EXPECT_EQ(One(*a, "SELECT v FROM t"), "11");
}

// pgbench's TPC-B-like transaction on a few hot rows: every commit's delta lands exactly once in
// the account, the branch and the history, however often statements waited and restarted.
TEST_F(WriteConflictTest, ReadCommittedHotRowsLoseNoUpdate) {
  auto setup = db_->Connect();
  Ok(*setup, "CREATE TABLE acc (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*setup, "CREATE TABLE br (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*setup, "CREATE TABLE hist (d INTEGER)");
  Ok(*setup, "INSERT INTO acc SELECT i, 0 FROM generate_series(1, 20) AS s(i)");
  Ok(*setup, "INSERT INTO br VALUES (1, 0), (2, 0)");
  constexpr int kThreads = 8;
  constexpr int kTransactions = 60;
  std::vector<std::future<std::string>> workers;
  for (int w = 0; w < kThreads; w++) {
    workers.push_back(std::async(std::launch::async, [&, w] {
      auto c = db_->Connect();
      for (int i = 0; i < kTransactions; i++) {
        std::string d = std::to_string(w * 7 + i % 5 + 1);
        std::string id = std::to_string((w * 31 + i * 17) % 20 + 1);
        std::string bid = std::to_string(i % 2 + 1);
        for (;;) {
          bool ok = c->Query("BEGIN").ok() &&
                    c->Query("UPDATE acc SET v = v + " + d + " WHERE id = " + id).ok() &&
                    c->Query("UPDATE br SET v = v + " + d + " WHERE id = " + bid).ok() &&
                    c->Query("INSERT INTO hist VALUES (" + d + ")").ok();
          if (ok) {
            Result r = c->Query("COMMIT");
            if (r.ok()) break;
            return r.status().ToString();
          }
          Result last = c->Query("ROLLBACK");
          if (!last.ok()) return last.status().ToString();
        }
      }
      return std::string("ok");
    }));
  }
  for (auto& f : workers) EXPECT_EQ(f.get(), "ok");
  std::string total = One(*setup, "SELECT sum(d) FROM hist");
  EXPECT_EQ(One(*setup, "SELECT count(*) FROM hist"), std::to_string(kThreads * kTransactions));
  EXPECT_EQ(One(*setup, "SELECT sum(v) FROM acc"), total);
  EXPECT_EQ(One(*setup, "SELECT sum(v) FROM br"), total);
}

}  // namespace
}  // namespace kadedb
