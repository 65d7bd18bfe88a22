// Isolation levels between sessions of one Database: what READ COMMITTED, REPEATABLE READ and
// SERIALIZABLE let a concurrent transaction see, write-write conflicts (40001), write skew and
// the doctors-on-call example under SERIALIZABLE, deadlock detection (40P01), transactional DDL
// invisible to other sessions, and a read-only second open next to the writer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include "kadedb/kadedb.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

using test::Code;
using test::Ok;
using test::One;

// Two sessions, a_ (the fixture's connection) and b_.
class IsolationTest : public test::DatabaseTest {
 protected:
  IsolationTest() : DatabaseTest("kadedb_iso") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(DatabaseTest::SetUp());
    b_ = db_->Connect();
  }
  void TearDown() override {
    b_.reset();
    DatabaseTest::TearDown();
  }
  std::unique_ptr<Connection>& a_ = conn_;
  std::unique_ptr<Connection> b_;
};

TEST_F(IsolationTest, NoDirtyReads) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a_, "INSERT INTO t VALUES (1, 10)");
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 11 WHERE id = 1");
  EXPECT_EQ(One(*b_, "SELECT v FROM t WHERE id = 1"), "10");
  Ok(*a_, "COMMIT");
  EXPECT_EQ(One(*b_, "SELECT v FROM t WHERE id = 1"), "11");
}

TEST_F(IsolationTest, ReadCommittedSeesEachStatementsCommits) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a_, "INSERT INTO t VALUES (1, 10)");
  Ok(*b_, "BEGIN ISOLATION LEVEL READ COMMITTED");
  EXPECT_EQ(One(*b_, "SHOW transaction_isolation"), "read committed");
  EXPECT_EQ(One(*b_, "SELECT v FROM t"), "10");
  Ok(*a_, "UPDATE t SET v = 20");
  EXPECT_EQ(One(*b_, "SELECT v FROM t"), "20");  // non-repeatable read: allowed
  Ok(*a_, "INSERT INTO t VALUES (2, 5)");
  EXPECT_EQ(One(*b_, "SELECT count(*) FROM t"), "2");  // phantom: allowed
  Ok(*b_, "COMMIT");
}

TEST_F(IsolationTest, RepeatableReadKeepsItsSnapshot) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a_, "INSERT INTO t VALUES (1, 10)");
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(One(*b_, "SELECT v FROM t"), "10");
  Ok(*a_, "UPDATE t SET v = 20");
  Ok(*a_, "INSERT INTO t VALUES (2, 5)");
  EXPECT_EQ(One(*b_, "SELECT v FROM t WHERE id = 1"), "10");
  EXPECT_EQ(One(*b_, "SELECT count(*) FROM t"), "1");  // no phantom
  Ok(*b_, "COMMIT");
  EXPECT_EQ(One(*b_, "SELECT count(*) FROM t"), "2");
}

TEST_F(IsolationTest, SnapshotStartsAtFirstStatementNotBegin) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  Ok(*a_, "INSERT INTO t VALUES (1, 10)");
  EXPECT_EQ(One(*b_, "SELECT count(*) FROM t"), "1");
  Ok(*b_, "COMMIT");
}

TEST_F(IsolationTest, RepeatableReadLostUpdateFails40001) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a_, "INSERT INTO t VALUES (1, 10)");
  Ok(*a_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(One(*a_, "SELECT v FROM t"), "10");
  EXPECT_EQ(One(*b_, "SELECT v FROM t"), "10");
  Ok(*a_, "UPDATE t SET v = v + 1");
  Ok(*a_, "COMMIT");
  Result r = b_->Query("UPDATE t SET v = v + 1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().sqlstate(), "40001");
  EXPECT_EQ(r.status().message(), "could not serialize access due to concurrent update");
  EXPECT_EQ(Code(*b_, "SELECT 1"), "25P02");
  Ok(*b_, "ROLLBACK");
  EXPECT_EQ(One(*b_, "SELECT v FROM t"), "11");
}

TEST_F(IsolationTest, ReadCommittedUpdateWaitsAndAppliesToTheNewestRow) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a_, "INSERT INTO t VALUES (1, 10)");
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = v + 1");
  auto other = std::async(std::launch::async, [&] {
    Result r = b_->Query("UPDATE t SET v = v + 1");  // waits for a's row lock
    return r.ok() ? std::string("ok") : r.status().ToString();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Ok(*a_, "COMMIT");
  EXPECT_EQ(other.get(), "ok");
  EXPECT_EQ(One(*a_, "SELECT v FROM t"), "12");  // no lost update
}

TEST_F(IsolationTest, SerializablePreventsWriteSkew) {
  // Two accounts of one customer; the rule: together they must not go below zero.
  Ok(*a_, "CREATE TABLE acc (id INTEGER PRIMARY KEY, balance INTEGER)");
  Ok(*a_, "INSERT INTO acc VALUES (1, 50), (2, 50)");
  for (const char* level : {"REPEATABLE READ", "SERIALIZABLE"}) {
    Ok(*a_, "UPDATE acc SET balance = 50");
    Ok(*a_, std::string("BEGIN ISOLATION LEVEL ") + level);
    Ok(*b_, std::string("BEGIN ISOLATION LEVEL ") + level);
    EXPECT_EQ(One(*a_, "SELECT sum(balance) FROM acc"), "100");
    EXPECT_EQ(One(*b_, "SELECT sum(balance) FROM acc"), "100");
    Ok(*a_, "UPDATE acc SET balance = balance - 90 WHERE id = 1");
    Ok(*b_, "UPDATE acc SET balance = balance - 90 WHERE id = 2");
    Ok(*a_, "COMMIT");
    Result r = b_->Query("COMMIT");
    if (std::string(level) == "SERIALIZABLE") {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().sqlstate(), "40001");
      EXPECT_EQ(One(*a_, "SELECT sum(balance) FROM acc"), "10");
    } else {
      ASSERT_TRUE(r.ok());  // snapshot isolation allows the skew
      EXPECT_EQ(One(*a_, "SELECT sum(balance) FROM acc"), "-80");
    }
    b_->Query("ROLLBACK");
  }
}

TEST_F(IsolationTest, SerializableDoctorsOnCall) {
  Ok(*a_, "CREATE TABLE doctors (name TEXT PRIMARY KEY, on_call BOOLEAN)");
  Ok(*a_, "INSERT INTO doctors VALUES ('alice', true), ('bob', true)");
  Ok(*a_, "SET default_transaction_isolation = 'serializable'");
  Ok(*b_, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  Ok(*a_, "BEGIN");
  Ok(*b_, "BEGIN");
  EXPECT_EQ(One(*a_, "SHOW transaction_isolation"), "serializable");
  EXPECT_EQ(One(*a_, "SELECT count(*) FROM doctors WHERE on_call"), "2");
  EXPECT_EQ(One(*b_, "SELECT count(*) FROM doctors WHERE on_call"), "2");
  Ok(*a_, "UPDATE doctors SET on_call = false WHERE name = 'alice'");
  Ok(*b_, "UPDATE doctors SET on_call = false WHERE name = 'bob'");
  Ok(*a_, "COMMIT");
  Result r = b_->Query("COMMIT");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().sqlstate(), "40001");
  EXPECT_EQ(One(*a_, "SELECT count(*) FROM doctors WHERE on_call"), "1");
  // Retried, b now sees only one doctor on call and leaves bob on.
  Ok(*b_, "BEGIN");
  EXPECT_EQ(One(*b_, "SELECT count(*) FROM doctors WHERE on_call"), "1");
  Ok(*b_, "COMMIT");
}

TEST_F(IsolationTest, SetTransactionOnlyBeforeTheFirstQuery) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(One(*a_, "SHOW transaction_isolation"), "repeatable read");
  Ok(*a_, "SELECT 1");
  EXPECT_EQ(Code(*a_, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"), "25001");
  Ok(*a_, "ROLLBACK");
  EXPECT_EQ(One(*a_, "SHOW transaction_isolation"), "read committed");
  EXPECT_EQ(Code(*a_, "SET default_transaction_isolation = 'chaos'"), "22023");
}

TEST_F(IsolationTest, DeadlockIsDetectedNotWaitedOut) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
  Ok(*a_, "INSERT INTO t VALUES (1, 0), (2, 0)");
  Ok(*a_, "BEGIN");
  Ok(*b_, "BEGIN");
  Ok(*a_, "UPDATE t SET v = 1 WHERE id = 1");
  Ok(*b_, "UPDATE t SET v = 2 WHERE id = 2");
  auto start = std::chrono::steady_clock::now();
  auto waiter =
      std::async(std::launch::async, [&] { return Code(*a_, "UPDATE t SET v = 1 WHERE id = 2"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::string b_code = Code(*b_, "UPDATE t SET v = 2 WHERE id = 1");
  if (b_code == "40P01") b_->Query("ROLLBACK");
  std::string a_code = waiter.get();
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(a_code == "40P01" || b_code == "40P01") << a_code << " " << b_code;
  EXPECT_LT(waited, std::chrono::milliseconds(1500));  // well under the 2 s lock timeout
  a_->Query("ROLLBACK");
  b_->Query("ROLLBACK");
}

TEST_F(IsolationTest, UncommittedDdlIsInvisibleToOthers) {
  Ok(*a_, "CREATE TABLE keep (id INTEGER PRIMARY KEY)");
  Ok(*a_, "INSERT INTO keep VALUES (1)");
  Ok(*a_, "BEGIN");
  Ok(*a_, "CREATE TABLE fresh (id INTEGER)");
  Ok(*a_, "DROP TABLE keep");
  // b's statements wait for a's transaction to end instead of seeing its catalog.
  auto seen = std::async(std::launch::async, [&] {
    return Code(*b_, "SELECT count(*) FROM fresh") + " " + One(*b_, "SELECT count(*) FROM keep");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  Ok(*a_, "ROLLBACK");
  EXPECT_EQ(seen.get(), "42P01 1");
  // Committed DDL becomes visible.
  Ok(*a_, "BEGIN");
  Ok(*a_, "ALTER TABLE keep ADD COLUMN note TEXT DEFAULT 'x'");
  auto after = std::async(std::launch::async, [&] { return One(*b_, "SELECT note FROM keep"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Ok(*a_, "COMMIT");
  EXPECT_EQ(after.get(), "x");
}

TEST_F(IsolationTest, ReadOnlySecondOpenSeesCommittedData) {
  Ok(*a_, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
  Ok(*a_, "INSERT INTO t VALUES (1), (2)");
  Ok(*a_, "BEGIN");
  Ok(*a_, "INSERT INTO t VALUES (3)");  // uncommitted: not visible to the reader
  Options ro;
  ro.read_only = true;
  std::unique_ptr<Database> reader;
  Status s = Database::Open(dir_.string(), ro, &reader);
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto rc = reader->Connect();
  EXPECT_EQ(One(*rc, "SELECT count(*) FROM t"), "2");
  EXPECT_EQ(Code(*rc, "INSERT INTO t VALUES (9)"), "25006");
  Ok(*a_, "COMMIT");
}

}  // namespace
}  // namespace kadedb
