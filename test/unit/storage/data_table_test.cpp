// DataTable: append/scan/fetch, delete, update with index maintenance, index range scans, unique
// violations (across statements, within one chunk, across transactions), index backfill, column
// changes and row id recovery after reopen.
#include "storage/data_table.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "common/exception.hpp"
#include "storage_test_util.hpp"

namespace kadedb {
namespace {

constexpr uint64_t kTable = 20000;

DataChunk MakeRows(const std::vector<std::pair<int32_t, std::string>>& rows) {
  DataChunk chunk({TypeId::kInteger, TypeId::kText});
  for (auto& [a, b] : rows) chunk.AppendRow({Value::Integer(a), Value::Text(b)});
  return chunk;
}

IndexInfo UniqueA() {
  IndexInfo info;
  info.oid = 30000;
  info.name = "t_a_key";
  info.columns = {0};
  info.unique = true;
  info.column_names = {"a"};
  return info;
}

std::vector<std::pair<int64_t, std::string>> ScanAll(DataTable& table, StorageTransaction& txn) {
  auto state = table.InitScan(txn, {0, 1});
  DataChunk chunk({TypeId::kInteger, TypeId::kText});
  std::vector<row_t> ids;
  std::vector<std::pair<int64_t, std::string>> out;
  while (table.Scan(*state, chunk, ids)) {
    for (size_t i = 0; i < chunk.size(); i++) {
      out.emplace_back(chunk.column(0).ints()[i], chunk.column(1).strings()[i]);
    }
  }
  return out;
}

TEST(DataTableTest, AppendScanManyChunksAndFetch) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, {TypeId::kInteger, TypeId::kText});
  auto txn = engine->BeginTransaction();
  DataChunk chunk({TypeId::kInteger, TypeId::kText});
  for (int i = 0; i < 5000; i++)
    chunk.AppendRow({Value::Integer(i), Value::Text("v" + std::to_string(i))});
  std::vector<row_t> ids;
  table.Append(*txn, chunk, &ids);
  ASSERT_EQ(ids.size(), 5000u);
  auto rows = ScanAll(table, *txn);
  ASSERT_EQ(rows.size(), 5000u);
  EXPECT_EQ(rows[4321].first, 4321);
  EXPECT_EQ(rows[4321].second, "v4321");

  // Projection: only column 1.
  auto state = table.InitScan(*txn, {1});
  DataChunk proj({TypeId::kText});
  std::vector<row_t> scan_ids;
  ASSERT_TRUE(table.Scan(*state, proj, scan_ids));
  EXPECT_EQ(proj.size(), kStandardVectorSize);
  EXPECT_EQ(proj.column(0).strings()[7], "v7");
  EXPECT_EQ(scan_ids[7], ids[7]);

  DataChunk fetched({TypeId::kText, TypeId::kInteger});
  table.Fetch(*txn, {ids[10], 999999, ids[3]}, {1, 0}, fetched);
  ASSERT_EQ(fetched.size(), 2u);
  EXPECT_EQ(fetched.column(0).strings()[0], "v10");
  EXPECT_EQ(fetched.column(1).ints()[1], 3);
  txn->Commit();
}

TEST(DataTableTest, UniqueViolationsAndIndexScan) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, {TypeId::kInteger, TypeId::kText});
  auto txn = engine->BeginTransaction();
  table.AddIndex(*txn, UniqueA());
  table.Append(*txn, MakeRows({{1, "a"}, {2, "b"}, {3, "c"}}), nullptr);
  // Earlier statement in the same transaction (the caller wraps statements in savepoints).
  txn->SetSavePoint();
  try {
    table.Append(*txn, MakeRows({{2, "dup"}}), nullptr);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_STREQ(e.what(), "duplicate key value violates unique constraint \"t_a_key\"");
    EXPECT_EQ(e.detail(), "Key (a)=(2) already exists.");
  }
  txn->RollbackToSavePoint();
  // Two rows of one chunk.
  txn->SetSavePoint();
  EXPECT_THROW(table.Append(*txn, MakeRows({{7, "x"}, {7, "y"}}), nullptr), Exception);
  txn->RollbackToSavePoint();
  // NULLs never conflict.
  DataChunk nulls({TypeId::kInteger, TypeId::kText});
  nulls.AppendRow({Value::Null(TypeId::kInteger), Value::Text("n1")});
  nulls.AppendRow({Value::Null(TypeId::kInteger), Value::Text("n2")});
  table.Append(*txn, nulls, nullptr);

  IndexRange eq;
  eq.equal = {Value::Integer(2)};
  EXPECT_EQ(table.IndexScan(*txn, UniqueA(), eq).size(), 1u);
  IndexRange range;
  range.lower = Value::Integer(1);
  range.lower_inclusive = false;
  range.upper = Value::Integer(3);
  EXPECT_EQ(table.IndexScan(*txn, UniqueA(), range).size(), 2u);
  IndexRange above;
  above.lower = Value::Integer(0);  // excludes NULLs
  EXPECT_EQ(table.IndexScan(*txn, UniqueA(), above).size(), 3u);
  EXPECT_EQ(table.IndexScan(*txn, UniqueA(), IndexRange{}).size(), 5u);
  EXPECT_EQ(ScanAll(table, *txn).size(), 5u);

  DataChunk probe = MakeRows({{3, "zzz"}});
  EXPECT_TRUE(table.FindConflict(*txn, probe, 0, nullptr).has_value());
  txn->Commit();

  // A concurrent transaction inserting the same new key conflicts.
  auto t1 = engine->BeginTransaction();
  auto t2 = engine->BeginTransaction();
  table.Append(*t1, MakeRows({{100, "t1"}}), nullptr);
  EXPECT_THROW(table.Append(*t2, MakeRows({{100, "t2"}}), nullptr), Exception);
  t1->Commit();
}

TEST(DataTableTest, ConcurrentInsertOfSameKeyWaitsThenViolates) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, {TypeId::kInteger, TypeId::kText});
  {
    auto txn = engine->BeginTransaction();
    table.AddIndex(*txn, UniqueA());
    txn->Commit();
  }
  auto t1 = engine->BeginTransaction();
  table.Append(*t1, MakeRows({{5, "first"}}), nullptr);
  std::string sqlstate;
  std::thread second([&] {
    auto t2 = engine->BeginTransaction();
    try {
      table.Append(*t2, MakeRows({{5, "second"}}), nullptr);  // waits for t1's key lock
      t2->Commit();
    } catch (const Exception& e) {
      sqlstate = e.sqlstate();
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  t1->Commit();
  second.join();
  EXPECT_EQ(sqlstate, "23505");  // as PostgreSQL: the waiter sees the committed key

  // Disjoint keys from two threads at once both succeed.
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; t++) {
    threads.emplace_back([&, t] {
      auto txn = engine->BeginTransaction();
      DataChunk rows({TypeId::kInteger, TypeId::kText});
      for (int i = 0; i < 500; i++)
        rows.AppendRow({Value::Integer(1000 + t * 1000 + i), Value::Text("x")});
      table.Append(*txn, rows, nullptr);
      txn->Commit();
    });
  }
  for (auto& th : threads) th.join();
  auto txn = engine->BeginTransaction();
  EXPECT_EQ(ScanAll(table, *txn).size(), 1001u);
}

TEST(DataTableTest, UpdateAndDeleteMaintainIndexes) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, {TypeId::kInteger, TypeId::kText});
  auto txn = engine->BeginTransaction();
  table.AddIndex(*txn, UniqueA());
  std::vector<row_t> ids;
  table.Append(*txn, MakeRows({{1, "a"}, {2, "b"}, {3, "c"}}), &ids);
  // SET a = a + 1 over all rows succeeds (statement-level uniqueness).
  table.Update(*txn, ids, MakeRows({{2, "a"}, {3, "b"}, {4, "c"}}));
  IndexRange eq;
  eq.equal = {Value::Integer(1)};
  EXPECT_TRUE(table.IndexScan(*txn, UniqueA(), eq).empty());
  eq.equal = {Value::Integer(4)};
  ASSERT_EQ(table.IndexScan(*txn, UniqueA(), eq), std::vector<row_t>{ids[2]});
  // Update into an existing key fails.
  EXPECT_THROW(table.Update(*txn, {ids[0]}, MakeRows({{3, "x"}})), Exception);
  txn->Rollback();

  txn = engine->BeginTransaction();
  table.Append(*txn, MakeRows({{1, "a"}, {2, "b"}}), &ids);
  table.Delete(*txn, {ids.back()});
  table.Append(*txn, MakeRows({{2, "again"}}), nullptr);  // the key is free again
  auto rows = ScanAll(table, *txn);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].second, "again");
  txn->Commit();
}

TEST(DataTableTest, NonUniqueIndexBackfillAndRanges) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, {TypeId::kInteger, TypeId::kText});
  auto txn = engine->BeginTransaction();
  DataChunk chunk({TypeId::kInteger, TypeId::kText});
  for (int i = 0; i < 3000; i++)
    chunk.AppendRow({Value::Integer(i % 10), Value::Text(std::to_string(i % 7))});
  table.Append(*txn, chunk, nullptr);
  IndexInfo idx;
  idx.oid = 30001;
  idx.name = "t_a_b_idx";
  idx.columns = {0, 1};
  table.AddIndex(*txn, idx);
  IndexRange r;
  r.equal = {Value::Integer(3)};
  EXPECT_EQ(table.IndexScan(*txn, idx, r).size(), 300u);
  r.lower = Value::Text("2");
  r.upper = Value::Text("4");
  r.upper_inclusive = false;
  // a = 3 and b in ['2', '4'): b values 2 and 3 → i%10==3 and i%7 in {2,3}.
  size_t expected = 0;
  for (int i = 0; i < 3000; i++) expected += (i % 10 == 3 && (i % 7 == 2 || i % 7 == 3));
  EXPECT_EQ(table.IndexScan(*txn, idx, r).size(), expected);
  // A unique index over duplicate data fails.
  IndexInfo u = UniqueA();
  EXPECT_THROW(table.AddIndex(*txn, u), Exception);
  txn->Commit();
}

TEST(DataTableTest, ColumnsAddDropAndRowIdRecovery) {
  TempDbDir dir;
  std::vector<row_t> ids;
  {
    auto engine = OpenOrDie(dir.path());
    DataTable table(*engine, kTable, {TypeId::kInteger, TypeId::kText});
    auto txn = engine->BeginTransaction();
    table.Append(*txn, MakeRows({{1, "a"}, {2, "b"}}), &ids);
    table.AddColumn(*txn, TypeId::kBigInt, Value::BigInt(42));
    table.AddColumn(*txn, TypeId::kText, Value::Null(TypeId::kText));
    table.DropColumn(*txn, 1);
    ASSERT_EQ(table.types().size(), 3u);
    auto state = table.InitScan(*txn, {0, 1, 2});
    DataChunk out(table.types());
    std::vector<row_t> scan_ids;
    ASSERT_TRUE(table.Scan(*state, out, scan_ids));
    EXPECT_EQ(out.column(0).ints()[1], 2);
    EXPECT_EQ(out.column(1).ints()[1], 42);
    EXPECT_TRUE(out.column(2).IsNull(1));
    txn->Commit();
  }
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, {TypeId::kInteger, TypeId::kBigInt, TypeId::kText});
  auto txn = engine->BeginTransaction();
  DataChunk more({TypeId::kInteger, TypeId::kBigInt, TypeId::kText});
  more.AppendRow({Value::Integer(3), Value::BigInt(0), Value::Text("c")});
  std::vector<row_t> new_ids;
  table.Append(*txn, more, &new_ids);
  EXPECT_GT(new_ids[0], ids.back());
  table.DropAllData(*txn);
  auto state = table.InitScan(*txn, {0});
  DataChunk out({TypeId::kInteger});
  std::vector<row_t> scan_ids;
  EXPECT_FALSE(table.Scan(*state, out, scan_ids));
}

}  // namespace
}  // namespace kadedb
