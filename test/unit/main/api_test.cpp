// The public C++ API: open, query, prepare/execute with $n parameters, results by chunk and by
// row, persistence across reopen, errors as Status with SQLSTATE.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "kadedb/kadedb.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  std::unique_ptr<Database> OpenDb() { return test::OpenDatabase(dir_.string()); }
  test::TestDir dir_{"kadedb_api"};
};

TEST_F(ApiTest, SelectConstant) {
  auto db = OpenDb();
  auto conn = db->Connect();
  Result r = conn->Query("SELECT 1 + 1 AS two");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r.ColumnCount(), 1u);
  EXPECT_EQ(r.ColumnName(0), "two");
  EXPECT_EQ(r.ColumnType(0).id, TypeId::kInteger);
  ASSERT_EQ(r.RowCount(), 1u);
  EXPECT_EQ(r.GetValue(0, 0).GetInt(), 2);
  EXPECT_EQ(r.CommandTag(), "SELECT 1");
}

TEST_F(ApiTest, DataSurvivesReopen) {
  {
    auto db = OpenDb();
    auto conn = db->Connect();
    ASSERT_TRUE(conn->Query("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL)").ok());
    Result r = conn->Query("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r.RowsAffected(), 2u);
    EXPECT_EQ(r.CommandTag(), "INSERT 0 2");
  }
  auto db = OpenDb();
  auto conn = db->Connect();
  Result r = conn->Query("SELECT name FROM t ORDER BY id");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r.RowCount(), 2u);
  EXPECT_EQ(r.GetValue(0, 0).GetString(), "a");
  EXPECT_EQ(r.GetValue(0, 1).GetString(), "b");
}

TEST_F(ApiTest, PreparedStatementWithParameters) {
  auto db = OpenDb();
  auto conn = db->Connect();
  ASSERT_TRUE(conn->Query("CREATE TABLE t(id INTEGER PRIMARY KEY, v BIGINT)").ok());
  std::unique_ptr<PreparedStatement> insert;
  Status s = conn->Prepare("INSERT INTO t VALUES ($1, $2)", &insert);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(insert->ParameterCount(), 2u);
  for (int i = 0; i < 100; i++) {
    Result r = conn->Execute(*insert, {Value::Integer(i), Value::BigInt(i * 10)});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  std::unique_ptr<PreparedStatement> lookup;
  ASSERT_TRUE(conn->Prepare("SELECT v FROM t WHERE id = $1", &lookup).ok());
  Result r = conn->Execute(*lookup, {Value::Integer(42)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r.RowCount(), 1u);
  EXPECT_EQ(r.GetValue(0, 0).GetInt(), 420);
  // Results by chunk.
  Result all = conn->Query("SELECT id FROM t");
  ASSERT_TRUE(all.ok());
  uint64_t rows = 0;
  for (size_t c = 0; c < all.ChunkCount(); c++) rows += all.Chunk(c).size();
  EXPECT_EQ(rows, 100u);
}

TEST_F(ApiTest, ErrorsCarrySqlstateAndLeaveNothingBehind) {
  auto db = OpenDb();
  auto conn = db->Connect();
  Result r = conn->Query("SELEC 1");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().sqlstate(), "42601");
  EXPECT_EQ(r.status().position(), 1);
  EXPECT_EQ(conn->Query("SELECT * FROM missing").status().sqlstate(), "42P01");
  EXPECT_EQ(conn->Query("SELECT 1 / 0").status().sqlstate(), "22012");
  EXPECT_EQ(conn->Query("SELECT 2147483647 + 1").status().sqlstate(), "22003");
  EXPECT_EQ(conn->Query("SELECT 'abc'::integer").status().sqlstate(), "22P02");
  // A failing multi-row insert applies nothing.
  ASSERT_TRUE(conn->Query("CREATE TABLE t(id INTEGER PRIMARY KEY)").ok());
  EXPECT_EQ(conn->Query("INSERT INTO t VALUES (1), (2), (1)").status().sqlstate(), "23505");
  Result count = conn->Query("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count.GetValue(0, 0).GetInt(), 0);
}

TEST_F(ApiTest, ExplicitTransactionRollback) {
  auto db = OpenDb();
  auto conn = db->Connect();
  ASSERT_TRUE(conn->Query("CREATE TABLE t(id INTEGER)").ok());
  ASSERT_TRUE(conn->Query("BEGIN").ok());
  ASSERT_TRUE(conn->Query("INSERT INTO t VALUES (1)").ok());
  EXPECT_EQ(conn->Query("SELECT 1/0").status().sqlstate(), "22012");
  EXPECT_EQ(conn->Query("SELECT 1").status().sqlstate(), "25P02");
  Result rb = conn->Query("COMMIT");
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(rb.CommandTag(), "ROLLBACK");
  Result count = conn->Query("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count.GetValue(0, 0).GetInt(), 0);
}

TEST_F(ApiTest, SplitStatements) {
  auto parts = Connection::SplitStatements("select ';'; select 2 -- ;\n; ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(Connection::IsComplete("select 1;"));
  EXPECT_FALSE(Connection::IsComplete("select ';"));
}

}  // namespace
}  // namespace kadedb
