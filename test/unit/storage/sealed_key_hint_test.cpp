// Point lookups by a whole unique key through SealedKeyMap (storage/sealed_key_map.hpp): the map
// itself (probing, growth, colliding candidates), a lookup of a sealed row answered from the map
// without the index column family, and hints that must not answer: snapshots older than the
// group, rows deleted or re-keyed (delete markers), keys that were never stored.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <map>
#include <vector>

#include "storage/data_table.hpp"
#include "storage/key_codec.hpp"
#include "storage/sealed_key_map.hpp"
#include "storage_test_util.hpp"

namespace kadedb {
namespace {

constexpr uint64_t kTable = 22000;
constexpr uint64_t kIndex = 32000;
constexpr uint32_t kGroup = 1000;

TEST(SealedKeyMapTest, FindsEveryKeyAcrossGrowthAndChecksCandidates) {
  SealedKeyMap map;
  std::map<uint64_t, uint64_t> want;  // hash -> row id
  // Several groups: the table grows from 1024 slots past 2^14.
  for (uint64_t g = 0; g < 12; g++) {
    std::vector<std::pair<uint64_t, uint64_t>> entries;
    for (uint64_t i = 0; i < kGroup; i++) {
      uint64_t row = g * kGroup + i + 1;
      uint64_t hash = SealedKeyMap::Hash(std::to_string(row));
      entries.emplace_back(hash, row);
      want[hash] = row;
    }
    EXPECT_FALSE(map.Covers(g * kGroup + 1));
    ASSERT_TRUE(map.AddGroup(g * kGroup + 1, entries));
    EXPECT_TRUE(map.Covers(g * kGroup + 1));
  }
  for (auto& [hash, row] : want) {
    uint64_t expect = row;
    EXPECT_EQ(map.Find(hash, [&](uint64_t id) { return id == expect; }), row);
  }
  // A key never added: no candidate checks out.
  uint64_t absent = SealedKeyMap::Hash("absent");
  EXPECT_EQ(map.Find(absent, [](uint64_t) { return false; }), 0u);
  // Two rows under one hash (a key deleted and inserted again): both are offered.
  SealedKeyMap dup;
  uint64_t h = SealedKeyMap::Hash("k");
  ASSERT_TRUE(dup.AddGroup(1, {{h, 5}}));
  ASSERT_TRUE(dup.AddGroup(100, {{h, 150}}));
  std::vector<uint64_t> offered;
  EXPECT_EQ(dup.Find(h,
                     [&](uint64_t id) {
                       offered.push_back(id);
                       return id == 150;
                     }),
            150u);
  EXPECT_EQ(offered.size(), 2u);
  // Row ids past 40 bits are not recorded.
  SealedKeyMap big;
  ASSERT_TRUE(big.AddGroup(1, {{h, uint64_t{1} << 41}}));
  EXPECT_EQ(big.Find(h, [](uint64_t) { return true; }), 0u);
}

class SealedKeyHintTest : public ::testing::Test {
 protected:
  ScopedRowGroupSize group_size_{kGroup, /*sealer_off=*/true};  // the tests seal explicitly
};

std::vector<LogicalType> Types() {
  return {TypeId::kBigInt, TypeId::kText};
}

DataChunk MakeRows(int from, int to) {
  DataChunk chunk(Types());
  for (int i = from; i < to; i++) {
    chunk.AppendRow({Value::BigInt(i), Value::Text("v" + std::to_string(i))});
  }
  return chunk;
}

IndexInfo UniqueA() {
  IndexInfo info;
  info.oid = kIndex;
  info.name = "t_pkey";
  info.columns = {0};
  info.unique = true;
  info.primary = true;
  info.column_names = {"a"};
  return info;
}

std::vector<row_t> Lookup(DataTable& table, StorageTransaction& txn, int64_t a) {
  IndexRange r;
  r.equal = {Value::BigInt(a)};
  return table.IndexScan(txn, UniqueA(), r);
}

// "a|b" of row id, or "" when txn does not see it.
std::string FetchRow(DataTable& table, StorageTransaction& txn, row_t id) {
  DataChunk out(Types(), 0);
  table.Fetch(txn, {id}, {0, 1}, out);
  if (out.size() == 0) return "";
  return out.GetValue(0, 0).ToString() + "|" + out.GetValue(1, 0).ToString();
}

std::string IndexKeyOf(int64_t a) {
  std::string key = KeyPrefix(kIndex);
  EncodeKeyValue(&key, Value::BigInt(a), LogicalType(TypeId::kBigInt));
  return key;
}

// Loads rows 0..2499 as three sealed groups and reads one row of each, so the header cache
// (and through it the key map) knows every group.
void LoadSealed(StorageEngine& engine, DataTable& table) {
  auto txn = engine.BeginTransaction();
  table.AddIndex(*txn, UniqueA());
  table.AppendRowGroup(*txn, MakeRows(0, 2500), nullptr);
  txn->Commit();
  auto reader = engine.BeginTransaction();
  for (int a : {0, 1000, 2000}) {
    auto ids = Lookup(table, *reader, a);
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_EQ(FetchRow(table, *reader, ids[0]), std::to_string(a) + "|v" + std::to_string(a));
  }
}

// The map answers for sealed rows: with the index entry of a = 1500 removed behind the table's
// back, the lookup still finds the row (the index alone would not).
TEST_F(SealedKeyHintTest, SealedRowFoundWithoutTheIndex) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, Types());
  LoadSealed(*engine, table);
  row_t id;
  {
    auto txn = engine->BeginTransaction();
    auto ids = Lookup(table, *txn, 1500);
    ASSERT_EQ(ids.size(), 1u);
    id = ids[0];
    txn->Delete(ColumnFamily::kIndex, IndexKeyOf(1500));
    txn->Commit();
  }
  auto txn = engine->BeginTransaction();
  EXPECT_FALSE(txn->Get(ColumnFamily::kIndex, IndexKeyOf(1500)).has_value());
  auto ids = Lookup(table, *txn, 1500);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0], id);
  EXPECT_EQ(FetchRow(table, *txn, id), "1500|v1500");
  // Every sealed key, and keys never stored.
  for (int a = 0; a < 2500; a += 97) {
    auto got = Lookup(table, *txn, a);
    ASSERT_EQ(got.size(), 1u) << a;
    EXPECT_EQ(FetchRow(table, *txn, got[0]), std::to_string(a) + "|v" + std::to_string(a));
  }
  EXPECT_TRUE(Lookup(table, *txn, -1).empty());
  EXPECT_TRUE(Lookup(table, *txn, 2500).empty());
}

// A snapshot taken before the rows were loaded finds nothing, even though the map (filled by
// newer readers) holds their keys.
TEST_F(SealedKeyHintTest, OlderSnapshotIgnoresNewerGroups) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, Types());
  {
    auto txn = engine->BeginTransaction();
    table.AppendRowGroup(*txn, MakeRows(5000, 5001), nullptr);  // something to snapshot
    txn->Commit();
  }
  auto old_reader = engine->BeginTransaction();
  EXPECT_EQ(table.ListRowGroups(*old_reader).size(), 1u);  // fixes its snapshot
  LoadSealed(*engine, table);
  auto fresh = engine->BeginTransaction();
  EXPECT_EQ(Lookup(table, *fresh, 42).size(), 1u);
  EXPECT_TRUE(Lookup(table, *old_reader, 42).empty());
  EXPECT_TRUE(Lookup(table, *old_reader, 1500).empty());
}

// Delete markers: deleted rows and rows whose key changed are not found under their old key,
// updated rows are found under the new one, and an older snapshot still sees them as they were.
TEST_F(SealedKeyHintTest, DeletedAndRekeyedRowsAreNotFound) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, Types());
  LoadSealed(*engine, table);
  auto before = engine->BeginTransaction();
  ASSERT_EQ(Lookup(table, *before, 5).size(), 1u);
  row_t five = Lookup(table, *before, 5)[0];
  row_t seven = Lookup(table, *before, 7)[0];
  {
    auto txn = engine->BeginTransaction();
    table.Delete(*txn, {five});
    DataChunk upd(Types());
    upd.AppendRow({Value::BigInt(-7), Value::Text("moved")});
    table.Update(*txn, {seven}, upd);
    // Own writes: gone / moved inside the writing transaction already.
    EXPECT_TRUE(Lookup(table, *txn, 5).empty());
    EXPECT_TRUE(Lookup(table, *txn, 7).empty());
    ASSERT_EQ(Lookup(table, *txn, -7).size(), 1u);
    txn->Commit();
  }
  auto after = engine->BeginTransaction();
  EXPECT_TRUE(Lookup(table, *after, 5).empty());
  EXPECT_TRUE(Lookup(table, *after, 7).empty());
  auto moved = Lookup(table, *after, -7);
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(FetchRow(table, *after, moved[0]), "-7|moved");
  EXPECT_EQ(Lookup(table, *after, 8).size(), 1u);
  // The snapshot from before the changes.
  ASSERT_EQ(Lookup(table, *before, 5).size(), 1u);
  EXPECT_EQ(FetchRow(table, *before, Lookup(table, *before, 7)[0]), "7|v7");
}

// Markers are tracked per row: rows without one are still found through the map (here with
// their index entry removed behind the table's back), also after a reopen lists the stored
// markers, while marked rows go through the index.
TEST_F(SealedKeyHintTest, MarkersOnlyAffectTheirRows) {
  TempDbDir dir;
  row_t seven;
  {
    auto engine = OpenOrDie(dir.path());
    DataTable table(*engine, kTable, Types());
    LoadSealed(*engine, table);
    auto txn = engine->BeginTransaction();
    seven = Lookup(table, *txn, 7)[0];
    table.Delete(*txn, {Lookup(table, *txn, 5)[0]});
    DataChunk upd(Types());
    upd.AppendRow({Value::BigInt(-7), Value::Text("moved")});
    table.Update(*txn, {seven}, upd);
    txn->Delete(ColumnFamily::kIndex, IndexKeyOf(1600));
    txn->Commit();
    auto reader = engine->BeginTransaction();
    ASSERT_EQ(Lookup(table, *reader, 1600).size(), 1u);
    EXPECT_EQ(FetchRow(table, *reader, Lookup(table, *reader, 1600)[0]), "1600|v1600");
    EXPECT_TRUE(Lookup(table, *reader, 5).empty());
    EXPECT_TRUE(Lookup(table, *reader, 7).empty());
    EXPECT_EQ(FetchRow(table, *reader, seven), "-7|moved");
  }
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, Types());
  table.AttachIndex(UniqueA());
  auto warm = engine->BeginTransaction();
  for (int a : {0, 1000, 2000}) FetchRow(table, *warm, Lookup(table, *warm, a)[0]);
  auto reader = engine->BeginTransaction();
  ASSERT_EQ(Lookup(table, *reader, 1600).size(), 1u);
  EXPECT_TRUE(Lookup(table, *reader, 5).empty());
  EXPECT_TRUE(Lookup(table, *reader, 7).empty());
  ASSERT_EQ(Lookup(table, *reader, -7).size(), 1u);
  EXPECT_EQ(FetchRow(table, *reader, seven), "-7|moved");
}

// A group sealed from the row store after some of its rows were deleted there holds a row-id
// segment instead of a dense range: the map records the right ids for it.
TEST_F(SealedKeyHintTest, SparseGroupsFromTheRowStore) {
  TempDbDir dir;
  auto engine = OpenOrDie(dir.path());
  DataTable table(*engine, kTable, Types());
  {
    auto txn = engine->BeginTransaction();
    table.AddIndex(*txn, UniqueA());
    std::vector<row_t> ids;
    table.Append(*txn, MakeRows(0, 1500), &ids);
    std::vector<row_t> doomed;
    for (int a = 0; a < 1500; a += 3) doomed.push_back(ids[a]);
    table.Delete(*txn, doomed);
    txn->Commit();
  }
  ASSERT_EQ(table.SealFullRowGroups(), 1u);  // 1000 of the 1000 surviving rows
  auto warm = engine->BeginTransaction();
  auto first = Lookup(table, *warm, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(FetchRow(table, *warm, first[0]), "1|v1");
  // Which keys were sealed: read them before their index entries go.
  std::map<int, row_t> sealed;
  for (int a = 1; a < 1500; a++) {
    if (a % 3 == 0) continue;
    auto got = Lookup(table, *warm, a);
    ASSERT_EQ(got.size(), 1u) << a;
    if (table.ListRowGroups(*warm)[0].row_end > got[0]) sealed[a] = got[0];
  }
  ASSERT_GT(sealed.size(), 900u);
  {
    auto txn = engine->BeginTransaction();
    for (auto& [a, id] : sealed) txn->Delete(ColumnFamily::kIndex, IndexKeyOf(a));
    txn->Commit();
  }
  auto reader = engine->BeginTransaction();
  for (auto& [a, id] : sealed) {
    auto got = Lookup(table, *reader, a);
    ASSERT_EQ(got.size(), 1u) << a;
    EXPECT_EQ(got[0], id);
  }
  EXPECT_TRUE(Lookup(table, *reader, 3).empty());  // deleted before sealing
}

}  // namespace
}  // namespace kadedb
