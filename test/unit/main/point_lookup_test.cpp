// Prepared point lookups: the kept physical plan (Executor::Prepare, src/main/execute_plain.cpp)
// is rebuilt after DDL, a dropped index and SET, and never kept for plans with subqueries; point
// fetches of sealed rows through the row-group header cache (storage/row_group_cache.hpp) see
// the right version of a row (also through the unique-key map, storage/sealed_key_map.hpp,
// for composite, text and nullable keys): after UPDATE / DELETE of sealed rows, inside REPEATABLE
// READ snapshots older than a sealing, with the transaction's own writes, and under concurrent
// updates, inserts and sealing.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "kadedb/kadedb.hpp"
#include "storage/data_table.hpp"
#include "storage/row_group_sealer.hpp"
#include "storage/storage_test_util.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

constexpr uint32_t kGroup = 64;

class PointLookupTest : public test::DatabaseTest {
 protected:
  PointLookupTest() : DatabaseTest("kadedb_pointlookup", NoSync()) {}
  void TearDown() override {
    RowGroupSealer::WaitIdle();
    DatabaseTest::TearDown();
  }
  // The statement's rows as "a|b;c|d" ("<error SQLSTATE>" on failure).
  static std::string Rows(Connection& c, PreparedStatement& stmt, std::vector<Value> params) {
    Result r = c.Execute(stmt, params);
    if (!r.ok()) return "<error " + r.status().sqlstate() + ">";
    std::string out;
    for (uint64_t i = 0; i < r.RowCount(); i++) {
      if (i) out += ";";
      for (size_t col = 0; col < r.ColumnCount(); col++) {
        if (col) out += "|";
        out += r.GetValue(col, i).ToString();
      }
    }
    return out.empty() ? "<none>" : out;
  }
  // Creates t(id PK, k, v, n) with ids 1..rows, v = 'v<id>', k = id % 7, n = 0, and waits until
  // every full group of kGroup rows is sealed.
  void MakeTable(int rows) {
    test::Ok(*conn_, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v TEXT, n INTEGER)");
    test::Ok(*conn_, "INSERT INTO t SELECT i, i % 7, 'v' || i::TEXT, 0 FROM generate_series(1, " +
                         std::to_string(rows) + ") g(i)");
    RowGroupSealer::WaitIdle();
  }

  ScopedRowGroupSize group_size_{kGroup};  // set before SetUp opens the database
};

TEST_F(PointLookupTest, KeptPlanFollowsDdlIndexesAndSettings) {
  MakeTable(200);
  auto by_k = test::Prepare(*conn_, "SELECT count(*), min(id) FROM t WHERE k = $1");
  auto by_id = test::Prepare(*conn_, "SELECT v FROM t WHERE id = $1");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(3)}), "29|3");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(3)}), "29|3");
  auto other = db_->Connect();
  // An index appears (the plan may now use it), then goes: the kept plan must not use it.
  test::Ok(*other, "CREATE INDEX t_k ON t (k)");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(3)}), "29|3");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(4)}), "29|4");
  test::Ok(*other, "DROP INDEX t_k");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(3)}), "29|3");
  // A unique index the point lookup uses is dropped: the lookup falls back to a scan.
  auto by_v = test::Prepare(*conn_, "SELECT id FROM t WHERE v = $1");
  test::Ok(*other, "CREATE UNIQUE INDEX t_v ON t (v)");
  EXPECT_EQ(Rows(*conn_, *by_v, {Value::Text("v150")}), "150");
  EXPECT_EQ(Rows(*conn_, *by_v, {Value::Text("v151")}), "151");
  test::Ok(*other, "DROP INDEX t_v");
  EXPECT_EQ(Rows(*conn_, *by_v, {Value::Text("v152")}), "152");
  test::Ok(*other, "INSERT INTO t VALUES (500, 0, 'v152', 0)");  // no longer unique
  EXPECT_EQ(Rows(*conn_, *by_v, {Value::Text("v152")}), "152;500");
  test::Ok(*other, "DELETE FROM t WHERE id = 500");
  EXPECT_EQ(Rows(*conn_, *by_id, {Value::Integer(150)}), "v150");
  // Columns change under the plan.
  test::Ok(*other, "ALTER TABLE t DROP COLUMN v");
  EXPECT_EQ(Rows(*conn_, *by_id, {Value::Integer(150)}), "<error 42703>");
  test::Ok(*other, "ALTER TABLE t ADD COLUMN v TEXT DEFAULT 'new'");
  EXPECT_EQ(Rows(*conn_, *by_id, {Value::Integer(150)}), "new");
  // Settings the physical plan may depend on.
  test::Ok(*conn_, "SET threads = 2");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(3)}), "29|3");
  test::Ok(*conn_, "RESET threads");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(5)}), "28|5");
  // Dropped and created again: a new table behind the same name.
  test::Ok(*other, "DROP TABLE t");
  EXPECT_EQ(Rows(*conn_, *by_id, {Value::Integer(1)}), "<error 42P01>");
  test::Ok(*other, "CREATE TABLE t (v TEXT, id INTEGER PRIMARY KEY, k INTEGER)");
  test::Ok(*other, "INSERT INTO t VALUES ('again', 1, 3)");
  EXPECT_EQ(Rows(*conn_, *by_id, {Value::Integer(1)}), "again");
  EXPECT_EQ(Rows(*conn_, *by_k, {Value::Integer(3)}), "1|1");
}

// Subquery results are cached inside the physical plan for one run: such plans are rebuilt per
// execution, so each run sees the current data.
TEST_F(PointLookupTest, SubqueryPlansSeeNewDataEachRun) {
  MakeTable(100);
  auto newest =
      test::Prepare(*conn_, "SELECT v FROM t WHERE id = (SELECT max(id) FROM t WHERE k = $1)");
  auto in_list =
      test::Prepare(*conn_, "SELECT count(*) FROM t WHERE id IN (SELECT id FROM t WHERE n > $1)");
  EXPECT_EQ(Rows(*conn_, *newest, {Value::Integer(0)}), "v98");
  EXPECT_EQ(Rows(*conn_, *in_list, {Value::Integer(0)}), "0");
  test::Ok(*conn_, "INSERT INTO t VALUES (105, 0, 'v105', 1)");
  test::Ok(*conn_, "UPDATE t SET n = 5 WHERE id < 4");
  EXPECT_EQ(Rows(*conn_, *newest, {Value::Integer(0)}), "v105");
  EXPECT_EQ(Rows(*conn_, *in_list, {Value::Integer(0)}), "4");
  EXPECT_EQ(Rows(*conn_, *in_list, {Value::Integer(2)}), "3");
}

TEST_F(PointLookupTest, SealedRowsUpdatesDeletesAndOwnWrites) {
  MakeTable(200);  // ids 1..192 sealed in 3 groups, 193..200 in the row store
  auto get = test::Prepare(*conn_, "SELECT v, n FROM t WHERE id = $1");
  for (int id = 1; id <= 200; id++) {
    ASSERT_EQ(Rows(*conn_, *get, {Value::Integer(id)}), "v" + std::to_string(id) + "|0") << id;
  }
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(0)}), "<none>");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(201)}), "<none>");
  auto other = db_->Connect();
  test::Ok(*other, "UPDATE t SET n = 7 WHERE id = 10");
  test::Ok(*other, "DELETE FROM t WHERE id = 11");
  test::Ok(*other, "UPDATE t SET n = 8 WHERE id = 199");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(10)}), "v10|7");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(11)}), "<none>");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(12)}), "v12|0");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(199)}), "v199|8");
  // Own uncommitted writes, seen only by their transaction.
  test::Ok(*conn_, "BEGIN");
  test::Ok(*conn_, "UPDATE t SET n = 9 WHERE id = 20");
  test::Ok(*conn_, "DELETE FROM t WHERE id = 21");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(20)}), "v20|9");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(21)}), "<none>");
  auto other_get = test::Prepare(*other, "SELECT v, n FROM t WHERE id = $1");
  EXPECT_EQ(Rows(*other, *other_get, {Value::Integer(20)}), "v20|0");
  EXPECT_EQ(Rows(*other, *other_get, {Value::Integer(21)}), "v21|0");
  test::Ok(*conn_, "ROLLBACK");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(20)}), "v20|0");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(21)}), "v21|0");
}

// A fresh table without delete markers (the header-cache fast path) read from a REPEATABLE READ
// snapshot taken before its rows were sealed, while other sessions already read them sealed.
TEST_F(PointLookupTest, SnapshotOlderThanSealing) {
  test::Ok(*conn_, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v TEXT, n INTEGER)");
  test::Ok(*conn_, "INSERT INTO t SELECT i, 0, 'v' || i::TEXT, 0 FROM generate_series(1, 60) g(i)");
  RowGroupSealer::WaitIdle();
  auto get = test::Prepare(*conn_, "SELECT v FROM t WHERE id = $1");
  test::Ok(*conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(1)}), "v1");
  // Another session adds rows: ids 1..64 get sealed after the snapshot above.
  auto other = db_->Connect();
  test::Ok(*other,
           "INSERT INTO t SELECT i, 0, 'v' || i::TEXT, 0 FROM generate_series(61, 140) g(i)");
  RowGroupSealer::WaitIdle();
  auto other_get = test::Prepare(*other, "SELECT v FROM t WHERE id = $1");
  for (int id : {5, 50, 63, 64, 70, 128, 129, 140}) {
    EXPECT_EQ(Rows(*other, *other_get, {Value::Integer(id)}), "v" + std::to_string(id));
  }
  // The old snapshot still reads ids 1..60 (from the row store as it was) and not the new ones.
  for (int id : {5, 50, 60}) {
    EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(id)}), "v" + std::to_string(id));
  }
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(63)}), "<none>");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(100)}), "<none>");
  test::Ok(*conn_, "COMMIT");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(100)}), "v100");
  // An old snapshot also keeps reading a sealed row as it was before an update and a delete.
  test::Ok(*conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(10)}), "v10");
  test::Ok(*other, "UPDATE t SET v = 'changed' WHERE id = 10");
  test::Ok(*other, "DELETE FROM t WHERE id = 11");
  EXPECT_EQ(Rows(*other, *other_get, {Value::Integer(10)}), "changed");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(10)}), "v10");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(11)}), "v11");
  test::Ok(*conn_, "COMMIT");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(10)}), "changed");
  EXPECT_EQ(Rows(*conn_, *get, {Value::Integer(11)}), "<none>");
}

// Readers look rows up by key while writers increment n on sealed and unsealed rows and append
// rows that get sealed: every lookup finds its row exactly once, and under READ COMMITTED the n
// a reader sees for a row never goes down.
TEST_F(PointLookupTest, ConcurrentUpdatesNeverGoBack) {
  MakeTable(300);
  constexpr int kRows = 300;
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::atomic<int64_t> updates{0};
  std::thread writer([&] {
    auto c = db_->Connect();
    std::unique_ptr<PreparedStatement> upd;
    ASSERT_TRUE(c->Prepare("UPDATE t SET n = n + 1 WHERE id = $1", &upd).ok());
    for (int i = 0; !stop.load(); i++) {
      Result r = c->Execute(*upd, {Value::Integer(1 + (i * 37) % kRows)});
      if (r.ok()) updates++;
    }
  });
  std::thread appender([&] {
    auto c = db_->Connect();
    for (int i = 0; !stop.load() && i < 20; i++) {
      int from = 1000 + i * 50;
      test::Ok(*c, "INSERT INTO t SELECT i, 0, 'a', 0 FROM generate_series(" +
                       std::to_string(from) + ", " + std::to_string(from + 49) + ") g(i)");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; t++) {
    readers.emplace_back([&, t] {
      auto c = db_->Connect();
      std::unique_ptr<PreparedStatement> get;
      ASSERT_TRUE(c->Prepare("SELECT n, v FROM t WHERE id = $1", &get).ok());
      std::vector<int64_t> last(kRows + 1, 0);
      for (int i = 0; !stop.load(); i++) {
        int id = 1 + (i * 13 + t * 101) % kRows;
        Result r = c->Execute(*get, {Value::Integer(id)});
        if (!r.ok() || r.RowCount() != 1 ||
            r.GetValue(1, 0).ToString() != "v" + std::to_string(id)) {
          failures++;
          continue;
        }
        int64_t n = r.GetValue(0, 0).GetInt();
        if (n < last[id]) failures++;
        last[id] = n;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  stop = true;
  writer.join();
  appender.join();
  for (auto& r : readers) r.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(updates.load(), 0);
  // Every update landed exactly once.
  EXPECT_EQ(test::One(*conn_, "SELECT sum(n) FROM t WHERE id <= 300"), std::to_string(updates));
}

// Multi-column and text unique keys of sealed rows (the key map hashes encoded keys of any
// type), NULL parameters, and a UNIQUE column holding NULLs.
TEST_F(PointLookupTest, CompositeTextAndNullableKeysOfSealedRows) {
  test::Ok(*conn_,
           "CREATE TABLE c (a INTEGER, b TEXT, v INTEGER, u INTEGER UNIQUE, "
           "PRIMARY KEY (a, b))");
  test::Ok(*conn_,
           "INSERT INTO c SELECT i % 10, 'k' || i::TEXT, i, CASE WHEN i % 3 = 0 THEN NULL ELSE i "
           "END FROM generate_series(1, 300) g(i)");
  RowGroupSealer::WaitIdle();
  auto by_ab = test::Prepare(*conn_, "SELECT v FROM c WHERE a = $1 AND b = $2");
  auto by_u = test::Prepare(*conn_, "SELECT v FROM c WHERE u = $1");
  for (int round = 0; round < 2; round++) {  // the second round reads through the key map
    for (int i = 1; i <= 300; i++) {
      ASSERT_EQ(
          Rows(*conn_, *by_ab, {Value::Integer(i % 10), Value::Text("k" + std::to_string(i))}),
          std::to_string(i))
          << i;
      ASSERT_EQ(Rows(*conn_, *by_u, {Value::Integer(i)}), i % 3 == 0 ? "<none>" : std::to_string(i))
          << i;
    }
  }
  EXPECT_EQ(Rows(*conn_, *by_ab, {Value::Integer(2), Value::Text("k1")}), "<none>");
  EXPECT_EQ(Rows(*conn_, *by_ab, {Value::Integer(1), Value::Null(LogicalType(TypeId::kText))}),
            "<none>");
  EXPECT_EQ(Rows(*conn_, *by_u, {Value::Null(LogicalType(TypeId::kInteger))}), "<none>");
  // Re-keyed and deleted sealed rows.
  test::Ok(*conn_, "UPDATE c SET b = 'moved' WHERE a = 1 AND b = 'k11'");
  test::Ok(*conn_, "DELETE FROM c WHERE u = 20");
  EXPECT_EQ(Rows(*conn_, *by_ab, {Value::Integer(1), Value::Text("k11")}), "<none>");
  EXPECT_EQ(Rows(*conn_, *by_ab, {Value::Integer(1), Value::Text("moved")}), "11");
  EXPECT_EQ(Rows(*conn_, *by_u, {Value::Integer(20)}), "<none>");
  EXPECT_EQ(Rows(*conn_, *by_u, {Value::Integer(22)}), "22");
}

}  // namespace
}  // namespace kadedb
