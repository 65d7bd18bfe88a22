// Prepared statements reuse their optimized plan (src/main/execute_plain.cpp) only while it is
// still right: after DDL on the table, DROP + CREATE under the same name, REVOKE, SET,
// a different parameter type, or another session's committed changes, Execute answers as a fresh
// Query would. Also: read-only commits, unique-index point lookups and TRUNCATE.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kadedb/kadedb.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

class PlanCacheTest : public test::DatabaseTest {
 protected:
  PlanCacheTest() : DatabaseTest("kadedb_plancache", NoSync()) {}
  void Run(Connection& c, const std::string& sql) {
    Result r = c.Query(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
  }
  std::unique_ptr<PreparedStatement> Prep(const std::string& sql) {
    return test::Prepare(*conn_, sql);
  }
  // The single value the statement returns, as text ("<none>" when no row, "<error SQLSTATE>").
  std::string One(PreparedStatement& stmt, std::vector<Value> params) {
    Result r = conn_->Execute(stmt, params);
    if (!r.ok()) return "<error " + r.status().sqlstate() + ">";
    if (r.RowCount() == 0) return "<none>";
    return r.GetValue(0, 0).ToString();
  }
};

TEST_F(PlanCacheTest, RepeatedLookupsSeeNewData) {
  Run(*conn_, "CREATE TABLE kv (id BIGINT PRIMARY KEY, v TEXT)");
  Run(*conn_, "INSERT INTO kv VALUES (1, 'a'), (2, 'b')");
  auto stmt = Prep("SELECT v FROM kv WHERE id = $1");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "a");
  EXPECT_EQ(One(*stmt, {Value::BigInt(2)}), "b");
  EXPECT_EQ(One(*stmt, {Value::BigInt(3)}), "<none>");
  auto other = db_->Connect();
  Run(*other, "INSERT INTO kv VALUES (3, 'c')");
  Run(*other, "UPDATE kv SET v = 'z' WHERE id = 1");
  EXPECT_EQ(One(*stmt, {Value::BigInt(3)}), "c");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "z");
  Run(*other, "DELETE FROM kv WHERE id = 1");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "<none>");
  // Another parameter type (INTEGER, TEXT) re-plans instead of misreading the value.
  EXPECT_EQ(One(*stmt, {Value::Integer(2)}), "b");
  EXPECT_EQ(One(*stmt, {Value::BigInt(2)}), "b");
}

TEST_F(PlanCacheTest, SnapshotInsideRepeatableRead) {
  Run(*conn_, "CREATE TABLE kv (id BIGINT PRIMARY KEY, v TEXT)");
  Run(*conn_, "INSERT INTO kv VALUES (1, 'a')");
  auto stmt = Prep("SELECT v FROM kv WHERE id = $1");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "a");
  Run(*conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "a");
  auto other = db_->Connect();
  Run(*other, "UPDATE kv SET v = 'b' WHERE id = 1");
  Run(*other, "INSERT INTO kv VALUES (2, 'x')");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "a");
  EXPECT_EQ(One(*stmt, {Value::BigInt(2)}), "<none>");
  Run(*conn_, "COMMIT");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "b");
  EXPECT_EQ(One(*stmt, {Value::BigInt(2)}), "x");
}

TEST_F(PlanCacheTest, OwnUncommittedWritesVisible) {
  Run(*conn_, "CREATE TABLE kv (id BIGINT PRIMARY KEY, v TEXT)");
  auto stmt = Prep("SELECT v FROM kv WHERE id = $1");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "<none>");
  Run(*conn_, "BEGIN");
  Run(*conn_, "INSERT INTO kv VALUES (1, 'mine')");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "mine");
  Run(*conn_, "ROLLBACK");
  EXPECT_EQ(One(*stmt, {Value::BigInt(1)}), "<none>");
}

TEST_F(PlanCacheTest, DdlForcesReplan) {
  Run(*conn_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  Run(*conn_, "INSERT INTO t VALUES (1, 'old')");
  auto stmt = Prep("SELECT v FROM t WHERE id = $1");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "old");
  // Dropped and created again under the same name by another session.
  auto other = db_->Connect();
  Run(*other, "DROP TABLE t");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "<error 42P01>");
  Run(*other, "CREATE TABLE t (v TEXT, id INTEGER PRIMARY KEY)");
  Run(*other, "INSERT INTO t VALUES ('new', 1)");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "new");
  // Column changes are seen too.
  Run(*other, "ALTER TABLE t DROP COLUMN v");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "<error 42703>");
  Run(*other, "ALTER TABLE t ADD COLUMN v INTEGER DEFAULT 3");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "3");
}

TEST_F(PlanCacheTest, DdlInsideOwnTransactionAndRollback) {
  Run(*conn_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  Run(*conn_, "INSERT INTO t VALUES (1, 'x')");
  auto stmt = Prep("SELECT v FROM t WHERE id = $1");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "x");
  Run(*conn_, "BEGIN");
  Run(*conn_, "DROP TABLE t");
  Run(*conn_, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  Run(*conn_, "INSERT INTO t VALUES (1, 'inside')");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "inside");
  Run(*conn_, "ROLLBACK");
  EXPECT_EQ(One(*stmt, {Value::Integer(1)}), "x");
}

TEST_F(PlanCacheTest, SettingsAndPrivileges) {
  Run(*conn_, "CREATE TABLE t (v TEXT)");
  Run(*conn_, "INSERT INTO t VALUES ('public')");
  auto stmt = Prep("SELECT v FROM t");
  EXPECT_EQ(One(*stmt, {}), "public");
  // A SET re-plans (search_path, timezone ... are bound into plans).
  Run(*conn_, "SET timezone = '+02:00'");
  EXPECT_EQ(One(*stmt, {}), "public");
  Run(*conn_, "RESET timezone");
  EXPECT_EQ(One(*stmt, {}), "public");

  Run(*conn_, "CREATE ROLE alice");
  Run(*conn_, "GRANT SELECT ON t TO alice");
  Run(*conn_, "SET ROLE alice");
  EXPECT_EQ(One(*stmt, {}), "public");
  EXPECT_EQ(One(*stmt, {}), "public");
  auto admin = db_->Connect();
  Run(*admin, "REVOKE SELECT ON t FROM alice");
  EXPECT_EQ(One(*stmt, {}), "<error 42501>");
  Run(*conn_, "RESET ROLE");
  EXPECT_EQ(One(*stmt, {}), "public");
}

TEST_F(PlanCacheTest, PreparedDmlRepeated) {
  Run(*conn_, "CREATE TABLE acc (id INTEGER PRIMARY KEY, bal INTEGER)");
  Run(*conn_, "INSERT INTO acc VALUES (1, 0), (2, 0)");
  auto upd = Prep("UPDATE acc SET bal = bal + $1 WHERE id = $2");
  auto ins = Prep("INSERT INTO acc VALUES ($1, $2)");
  for (int i = 0; i < 10; i++) {
    Result r = conn_->Execute(*upd, {Value::Integer(5), Value::Integer(1 + i % 2)});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r.CommandTag(), "UPDATE 1");
  }
  Result r = conn_->Execute(*ins, {Value::Integer(3), Value::Integer(7)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  r = conn_->Execute(*ins, {Value::Integer(3), Value::Integer(7)});
  EXPECT_EQ(r.status().sqlstate(), "23505");
  auto sum = Prep("SELECT sum(bal) FROM acc WHERE id < $1");
  EXPECT_EQ(One(*sum, {Value::Integer(3)}), "50");
  EXPECT_EQ(One(*sum, {Value::Integer(4)}), "57");
}

TEST_F(PlanCacheTest, UniqueIndexPointLookups) {
  Run(*conn_, "CREATE TABLE u (a INTEGER, b TEXT, v INTEGER)");
  Run(*conn_, "CREATE UNIQUE INDEX u_ab ON u (a, b)");
  Run(*conn_, "INSERT INTO u VALUES (1, 'x', 10), (1, NULL, 11), (1, NULL, 12), (2, 'x', 20)");
  auto stmt = Prep("SELECT v FROM u WHERE a = $1 AND b = $2");
  EXPECT_EQ(One(*stmt, {Value::Integer(1), Value::Text("x")}), "10");
  EXPECT_EQ(One(*stmt, {Value::Integer(2), Value::Text("x")}), "20");
  EXPECT_EQ(One(*stmt, {Value::Integer(2), Value::Text("y")}), "<none>");
  EXPECT_EQ(One(*stmt, {Value::Integer(1), Value::Null(LogicalType(TypeId::kText))}), "<none>");
  Result r = conn_->Query("SELECT count(*) FROM u WHERE a = 1 AND b IS NULL");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.GetValue(0, 0).ToString(), "2");
}

TEST_F(PlanCacheTest, ReadOnlyCommitsAndTruncate) {
  Run(*conn_, "CREATE TABLE a (x INTEGER)");
  Run(*conn_, "CREATE TABLE b (y INTEGER) WITH (fillfactor=100)");
  Run(*conn_, "INSERT INTO a VALUES (1), (2)");
  Run(*conn_, "INSERT INTO b VALUES (3)");
  Run(*conn_, "BEGIN");
  Run(*conn_, "SELECT * FROM a");
  Run(*conn_, "COMMIT");
  Run(*conn_, "BEGIN");
  Result r = conn_->Query("TRUNCATE TABLE a, b");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.CommandTag(), "TRUNCATE TABLE");
  Run(*conn_, "ROLLBACK");
  r = conn_->Query("SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b)");
  EXPECT_EQ(r.GetValue(0, 0).ToString(), "3");
  Run(*conn_, "TRUNCATE b");
  r = conn_->Query("SELECT count(*) FROM b");
  EXPECT_EQ(r.GetValue(0, 0).ToString(), "0");
  r = conn_->Query("TRUNCATE nosuch");
  EXPECT_EQ(r.status().sqlstate(), "42P01");
  r = conn_->Query("CREATE TABLE c (x INTEGER) WITH (fillfactor=5)");
  EXPECT_EQ(r.status().sqlstate(), "22023");
}

}  // namespace
}  // namespace kadedb
