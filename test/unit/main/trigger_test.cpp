// Triggers through the public API: they survive reopen, fire inside an explicit transaction and
// roll back with it, are dropped with their table; the statement splitter keeps a trigger body
// whole.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "kadedb/kadedb.hpp"
#include "parser/statement_splitter.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

class TriggerTest : public ::testing::Test {
 protected:
  std::unique_ptr<Database> OpenDb() { return test::OpenDatabase(dir_.string()); }
  static int64_t Count(Connection& conn, const std::string& table) {
    Result r = conn.Query("SELECT count(*) FROM " + table);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.GetValue(0, 0).GetInt() : -1;
  }
  test::TestDir dir_{"kadedb_trigger"};
};

TEST_F(TriggerTest, SurvivesReopen) {
  {
    auto db = OpenDb();
    auto conn = db->Connect();
    Result r = conn->Query(
        "CREATE TABLE t(a INTEGER); CREATE TABLE log(a INTEGER, b TEXT);"
        "CREATE TRIGGER tr AFTER UPDATE OF a ON t WHEN (NEW.a > 1) BEGIN "
        "INSERT INTO log VALUES (NEW.a, 'x'); INSERT INTO log VALUES (OLD.a, 'y'); END;"
        "INSERT INTO t VALUES (1)");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto db = OpenDb();
  auto conn = db->Connect();
  ASSERT_TRUE(conn->Query("UPDATE t SET a = 5").ok());
  Result r = conn->Query("SELECT a, b FROM log ORDER BY b");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r.RowCount(), 2u);
  EXPECT_EQ(r.GetValue(0, 0).GetInt(), 5);
  EXPECT_EQ(r.GetValue(0, 1).GetInt(), 1);
  Result dup = conn->Query("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END");
  EXPECT_EQ(dup.status().sqlstate(), "42710");
}

TEST_F(TriggerTest, RollsBackWithTransaction) {
  auto db = OpenDb();
  auto conn = db->Connect();
  ASSERT_TRUE(conn->Query("CREATE TABLE t(a INTEGER); CREATE TABLE log(a INTEGER)").ok());
  ASSERT_TRUE(conn->Query("BEGIN").ok());
  ASSERT_TRUE(
      conn->Query("CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.a); END")
          .ok());
  ASSERT_TRUE(conn->Query("INSERT INTO t VALUES (1)").ok());
  EXPECT_EQ(Count(*conn, "log"), 1);
  ASSERT_TRUE(conn->Query("ROLLBACK").ok());
  ASSERT_TRUE(conn->Query("INSERT INTO t VALUES (2)").ok());
  EXPECT_EQ(Count(*conn, "log"), 0);  // the trigger went away with the transaction
}

TEST_F(TriggerTest, DroppedWithTable) {
  {
    auto db = OpenDb();
    auto conn = db->Connect();
    ASSERT_TRUE(conn->Query("CREATE TABLE t(a INTEGER);"
                            "CREATE TRIGGER tr BEFORE DELETE ON t BEGIN SELECT 1; END;"
                            "DROP TABLE t")
                    .ok());
  }
  auto db = OpenDb();
  auto conn = db->Connect();
  EXPECT_EQ(conn->Query("DROP TRIGGER tr").status().sqlstate(), "42704");
}

TEST(TriggerSplitterTest, BodyIsOneStatement) {
  std::string sql =
      "CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (1); "
      "SELECT CASE WHEN 1 THEN 2 END; END; SELECT 1;";
  auto pieces = SplitStatements(sql);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[1], "SELECT 1");
  EXPECT_FALSE(IsCompleteStatement("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1;"));
  EXPECT_TRUE(IsCompleteStatement("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;"));
  EXPECT_TRUE(IsCompleteStatement("CREATE TABLE t(a int);"));
}

}  // namespace
}  // namespace kadedb
