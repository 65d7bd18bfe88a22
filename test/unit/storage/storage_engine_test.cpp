// StorageEngine: open modes and their errors (missing, damaged, foreign directories), snapshot
// transactions, savepoints with their actions, read-only opens beside a writer.
#include "storage/storage_engine.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "common/exception.hpp"
#include "storage_test_util.hpp"

namespace kadedb {
namespace {

TEST(StorageEngineTest, CreateWriteReopenRead) {
  TempDbDir dir;
  {
    auto engine = OpenOrDie(dir.path());
    auto txn = engine->BeginTransaction();
    txn->Put(ColumnFamily::kRows, "k1", "v1");
    EXPECT_EQ(txn->Get(ColumnFamily::kRows, "k1"), "v1");  // own writes visible
    txn->Commit();
  }
  auto engine = OpenOrDie(dir.path());
  auto txn = engine->BeginTransaction();
  EXPECT_EQ(txn->Get(ColumnFamily::kRows, "k1"), "v1");
  EXPECT_EQ(txn->Get(ColumnFamily::kIndex, "k1"), std::nullopt);
}

TEST(StorageEngineTest, MissingDatabaseWithoutCreate) {
  TempDbDir dir;
  Options o;
  o.create_if_missing = false;
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(dir.path(), o, &engine);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("does not exist"), std::string::npos) << s.ToString();
}

TEST(StorageEngineTest, ErrorIfExists) {
  TempDbDir dir;
  OpenOrDie(dir.path());
  Options o;
  o.error_if_exists = true;
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(dir.path(), o, &engine);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("already exists"), std::string::npos) << s.ToString();
}

TEST(StorageEngineTest, GarbageCurrentFileIsAnError) {
  TempDbDir dir;
  OpenOrDie(dir.path());
  {
    std::ofstream f(dir.path() + "/CURRENT", std::ios::trunc);
    f << "garbage-without-newline";
  }
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(dir.path(), {}, &engine);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(engine, nullptr);
}

TEST(StorageEngineTest, MissingCurrentIsDamageNotANewDatabase) {
  TempDbDir dir;
  {
    auto engine = OpenOrDie(dir.path());
    auto txn = engine->BeginTransaction();
    txn->Put(ColumnFamily::kRows, "k", "v");
    txn->Commit();
  }
  std::filesystem::remove(dir.path() + "/CURRENT");
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(dir.path(), {}, &engine);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.sqlstate(), "XX001") << s.ToString();
}

TEST(StorageEngineTest, ForeignRocksDbAndPlainFileAreRefused) {
  TempDbDir dir;
  std::filesystem::create_directories(dir.path());
  std::string file = dir.path() + "/plain";
  std::ofstream(file) << "hello";
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(file, {}, &engine);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("not a directory"), std::string::npos) << s.ToString();
}

TEST(StorageEngineTest, SnapshotIsolationAndConflicts) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  auto t1 = engine->BeginTransaction();
  auto t2 = engine->BeginTransaction();
  t1->Put(ColumnFamily::kRows, "a", "1");
  t1->Commit();
  EXPECT_EQ(t2->Get(ColumnFamily::kRows, "a"), std::nullopt);  // t2's snapshot predates it
  // t2 writing a key committed after its snapshot is a serialization failure.
  try {
    t2->Put(ColumnFamily::kRows, "a", "2");
    FAIL() << "expected 40001";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "40001");
  }
}

TEST(StorageEngineTest, SavepointsUndoWritesAndActions) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  auto txn = engine->BeginTransaction();
  int undone = 0, committed = 0;
  txn->Put(ColumnFamily::kRows, "keep", "1");
  txn->OnRollback([&] { undone += 100; });
  txn->SetSavePoint();
  txn->Put(ColumnFamily::kRows, "drop", "1");
  txn->OnRollback([&] { undone++; });
  txn->OnCommit([&] { committed += 100; });
  txn->RollbackToSavePoint();
  EXPECT_EQ(undone, 1);
  EXPECT_EQ(txn->Get(ColumnFamily::kRows, "drop"), std::nullopt);
  EXPECT_EQ(txn->Get(ColumnFamily::kRows, "keep"), "1");
  txn->OnCommit([&] { committed++; });
  txn->Commit();
  EXPECT_EQ(committed, 1);
  EXPECT_EQ(undone, 1);
}

TEST(StorageEngineTest, RollbackOnDestructionRunsActions) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  int undone = 0;
  {
    auto txn = engine->BeginTransaction();
    txn->Put(ColumnFamily::kRows, "x", "1");
    txn->OnRollback([&] { undone++; });
  }
  EXPECT_EQ(undone, 1);
  auto txn = engine->BeginTransaction();
  EXPECT_EQ(txn->Get(ColumnFamily::kRows, "x"), std::nullopt);
}

TEST(StorageEngineTest, BoundedIteratorStopsAtUpperBound) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  auto txn = engine->BeginTransaction();
  for (const char* k : {"a1", "a2", "b1"}) txn->Put(ColumnFamily::kRows, k, "v");
  auto it = txn->NewIterator(ColumnFamily::kRows, "b");
  int n = 0;
  for (it->Seek("a"); it->Valid(); it->Next()) n++;
  EXPECT_EQ(n, 2);
  it->SeekToLast();
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->key(), "a2");
}

TEST(StorageEngineTest, ReadOnlyOpenBesideAWriter) {
  TempDbDir dir;
  auto writer = OpenOrDie(dir.path());
  {
    auto txn = writer->BeginTransaction();
    txn->Put(ColumnFamily::kRows, "k", "v");
    txn->Commit();
  }
  // A second read-write open is refused while the writer holds the lock...
  std::unique_ptr<StorageEngine> second;
  Status s = StorageEngine::Open(dir.path(), {}, &second);
  EXPECT_FALSE(s.ok());
  // ...but a read-only open works and sees committed data.
  Options ro;
  ro.read_only = true;
  auto reader = OpenOrDie(dir.path(), ro);
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->read_only());
  auto txn = reader->BeginTransaction();
  EXPECT_EQ(txn->Get(ColumnFamily::kRows, "k"), "v");
  try {
    txn->Put(ColumnFamily::kRows, "k2", "v");
    FAIL() << "expected 25006";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "25006");
  }
}

}  // namespace
}  // namespace kadedb
