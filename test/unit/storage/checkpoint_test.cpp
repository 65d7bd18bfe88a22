// StorageEngine::Checkpoint (the CHECKPOINT statement): committed writes leave the memtables for
// table files, no flush or compaction is left pending or running, and the data reads the same.
#include <gtest/gtest.h>

#include <string>

#include "storage/rocksdb_engine.hpp"
#include "storage/storage_engine.hpp"
#include "storage_test_util.hpp"

namespace kadedb {
namespace {

uint64_t Property(RocksEngine& engine, const char* name) {
  uint64_t v = 0;
  EXPECT_TRUE(engine.db()->GetAggregatedIntProperty(name, &v)) << name;
  return v;
}

TEST(CheckpointTest, FlushesMemtablesAndSettles) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  auto* rocks = dynamic_cast<RocksEngine*>(engine.get());
  ASSERT_NE(rocks, nullptr);
  for (int batch = 0; batch < 20; batch++) {
    auto txn = engine->BeginTransaction();
    for (int i = 0; i < 500; i++) {
      std::string key = "k" + std::to_string(batch * 500 + i);
      txn->Put(ColumnFamily::kRows, key, std::string(100, 'v'));
      txn->Put(ColumnFamily::kIndex, key, "i");
    }
    txn->Commit();
  }
  ASSERT_GT(Property(*rocks, "rocksdb.num-entries-active-mem-table"), 0u);

  ASSERT_TRUE(engine->Checkpoint().ok());
  EXPECT_EQ(Property(*rocks, "rocksdb.num-entries-active-mem-table"), 0u);
  EXPECT_EQ(Property(*rocks, "rocksdb.num-immutable-mem-table"), 0u);
  EXPECT_EQ(Property(*rocks, "rocksdb.compaction-pending"), 0u);
  EXPECT_EQ(Property(*rocks, "rocksdb.num-running-compactions"), 0u);
  EXPECT_EQ(Property(*rocks, "rocksdb.num-running-flushes"), 0u);
  EXPECT_GT(Property(*rocks, "rocksdb.total-sst-files-size"), 0u);

  auto txn = engine->BeginTransaction();
  EXPECT_EQ(txn->Get(ColumnFamily::kRows, "k0"), std::string(100, 'v'));
  EXPECT_EQ(txn->Get(ColumnFamily::kIndex, "k9999"), "i");
  EXPECT_EQ(txn->Get(ColumnFamily::kRows, "k10000"), std::nullopt);
}

TEST(CheckpointTest, ReadOnlyEngineHasNothingToDo) {
  TempDbDir dir;
  OpenOrDie(dir.path());
  Options o;
  o.read_only = true;
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(dir.path(), o, &engine);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(engine->Checkpoint().ok());
}

}  // namespace
}  // namespace kadedb
