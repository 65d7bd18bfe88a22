// Damaged values inside an intact RocksDB: a column segment (colseg) whose bytes were flipped or
// cut short, a row-store value replaced by garbage, an index entry that went missing and one that
// points at no row. CHECK DATABASE names the table (and the row group, index and key) of each
// problem; queries over the damage fail with a clear error (XX001), never a crash.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kadedb/kadedb.hpp"
#include "storage/data_table.hpp"
#include "storage/storage_engine.hpp"
#include "storage_test_util.hpp"

namespace kadedb {
namespace {

namespace fs = std::filesystem;

class DamagedValuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("kadedb_damaged_values_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_);
    std::string csv = (base_ / "rows.csv").string();
    {
      std::ofstream out(csv);
      for (int i = 1; i <= 5000; i++) out << i << "," << i % 13 << ",text " << i << "\n";
    }
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open(Dir(), Options{}, &db).ok());
    auto conn = db->Connect();
    for (const std::string& sql : std::vector<std::string>{
             "CREATE TABLE t (id BIGINT PRIMARY KEY, k INTEGER, w TEXT)",
             "CREATE INDEX t_k ON t (k)", "COPY t FROM '" + csv + "' (FORMAT csv)",
             "INSERT INTO t VALUES (-1, 1, 'row store'), (-2, 2, 'row store')"}) {
      Result r = conn->Query(sql);
      ASSERT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    }
    ASSERT_EQ(CheckLines(*conn), std::vector<std::string>{"ok"});
  }
  void TearDown() override { fs::remove_all(base_); }
  std::string Dir() const { return (base_ / "db").string(); }

  static std::vector<std::string> CheckLines(Connection& conn) {
    Result r = conn.Query("CHECK DATABASE");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> lines;
    for (uint64_t i = 0; r.ok() && i < r.RowCount(); i++) {
      lines.push_back(r.GetValue(0, i).ToString());
    }
    return lines;
  }

  // Rewrites (or deletes, when damage returns false) the first value of cf whose key passes
  // pick, through a raw storage transaction on the closed database.
  template <typename Pick, typename Damage>
  void DamageFirst(ColumnFamily cf, Pick&& pick, Damage&& damage) {
    std::unique_ptr<StorageEngine> engine;
    Options options;
    options.create_if_missing = false;
    ASSERT_TRUE(StorageEngine::Open(Dir(), options, &engine).ok());
    auto txn = engine->BeginTransaction();
    auto it = txn->NewIterator(cf);
    for (it->Seek(std::string_view()); it->Valid(); it->Next()) {
      std::string key(it->key());
      if (!pick(key)) continue;
      std::string value(it->value());
      if (damage(value)) {
        txn->Put(cf, key, value);
      } else {
        txn->Delete(cf, key);
      }
      it.reset();
      txn->Commit();
      return;
    }
    FAIL() << "nothing to damage";
  }

  // Opens the damaged database and returns CHECK DATABASE's lines; *scan gets the status of a
  // query that reads every value.
  std::vector<std::string> Reopen(Status* scan) {
    std::unique_ptr<Database> db;
    Options options;
    options.create_if_missing = false;
    Status open = Database::Open(Dir(), options, &db);
    EXPECT_TRUE(open.ok()) << open.ToString();
    if (!open.ok()) return {};
    auto conn = db->Connect();
    Result r = conn->Query("SELECT count(*), sum(k), max(length(w)) FROM t");
    *scan = r.status();
    return CheckLines(*conn);
  }

  static bool Mentions(const std::vector<std::string>& lines, const std::string& text) {
    for (auto& l : lines)
      if (l.find(text) != std::string::npos) return true;
    return false;
  }

  fs::path base_;
  ScopedRowGroupSize group_size_{1000};
};

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (auto& l : lines) out += l + "\n";
  return out;
}

TEST_F(DamagedValuesTest, FlippedColumnSegmentBytes) {
  // The largest segments are the text columns; flip bytes in the middle of the first one > 200 B.
  bool picked = false;
  DamageFirst(
      ColumnFamily::kColSeg, [&](const std::string&) { return !picked; },
      [&](std::string& v) {
        if (v.size() < 200) return true;  // rewritten unchanged; keep looking
        picked = true;
        for (size_t i = v.size() / 2; i < v.size() / 2 + 16; i++) v[i] = static_cast<char>(~v[i]);
        return true;
      });
  Status scan;
  auto lines = Reopen(&scan);
  EXPECT_FALSE(scan.ok());
  EXPECT_EQ(scan.sqlstate(), "XX001") << scan.ToString();
  ASSERT_NE(lines, std::vector<std::string>{"ok"});
  EXPECT_TRUE(Mentions(lines, "public.t")) << Joined(lines);
  EXPECT_TRUE(Mentions(lines, "row group")) << Joined(lines);
}

TEST_F(DamagedValuesTest, TruncatedColumnSegment) {
  DamageFirst(
      ColumnFamily::kColSeg, [](const std::string&) { return true; },
      [](std::string& v) {
        v.resize(v.size() / 2);
        return true;
      });
  Status scan;
  auto lines = Reopen(&scan);
  EXPECT_FALSE(scan.ok());
  ASSERT_NE(lines, std::vector<std::string>{"ok"});
  EXPECT_TRUE(Mentions(lines, "public.t")) << Joined(lines);
}

TEST_F(DamagedValuesTest, EmptiedColumnSegment) {
  DamageFirst(
      ColumnFamily::kColSeg, [](const std::string&) { return true; },
      [](std::string& v) {
        v.clear();
        return true;
      });
  Status scan;
  auto lines = Reopen(&scan);
  EXPECT_FALSE(scan.ok());
  ASSERT_NE(lines, std::vector<std::string>{"ok"});
  EXPECT_TRUE(Mentions(lines, "public.t")) << Joined(lines);
}

TEST_F(DamagedValuesTest, GarbageRowStoreValue) {
  DamageFirst(
      ColumnFamily::kRows, [](const std::string&) { return true; },
      [](std::string& v) {
        v = std::string(v.size() + 3, '\xff');
        return true;
      });
  Status scan;
  auto lines = Reopen(&scan);
  EXPECT_EQ(scan.sqlstate(), "XX001") << scan.ToString();
  // The table, and the row (found through the primary key) that cannot be read.
  EXPECT_TRUE(Mentions(lines, "public.t: row ")) << Joined(lines);
  EXPECT_TRUE(Mentions(lines, "cannot be read")) << Joined(lines);
}

TEST_F(DamagedValuesTest, MissingIndexEntryIsReportedWithItsKey) {
  DamageFirst(
      ColumnFamily::kIndex, [](const std::string&) { return true; },
      [](std::string&) { return false; });
  Status scan;
  auto lines = Reopen(&scan);
  EXPECT_TRUE(scan.ok()) << scan.ToString();
  ASSERT_NE(lines, std::vector<std::string>{"ok"});
  EXPECT_TRUE(Mentions(lines, "public.t index ")) << Joined(lines);
  EXPECT_TRUE(Mentions(lines, "has no index entry")) << Joined(lines);
  EXPECT_TRUE(Mentions(lines, "(key (")) << Joined(lines);
}

TEST_F(DamagedValuesTest, DanglingIndexEntryIsReported) {
  // A copy of an index entry whose row id (the key's last 8 bytes) names no row.
  {
    std::unique_ptr<StorageEngine> engine;
    Options options;
    options.create_if_missing = false;
    ASSERT_TRUE(StorageEngine::Open(Dir(), options, &engine).ok());
    auto txn = engine->BeginTransaction();
    auto it = txn->NewIterator(ColumnFamily::kIndex);
    it->Seek(std::string_view());
    ASSERT_TRUE(it->Valid());
    std::string key(it->key()), value(it->value());
    it.reset();
    key[key.size() - 1] = static_cast<char>(0x7f);  // a row id far beyond the table
    key[key.size() - 2] = static_cast<char>(0x7f);
    txn->Put(ColumnFamily::kIndex, key, value);
    txn->Commit();
  }
  Status scan;
  auto lines = Reopen(&scan);
  ASSERT_NE(lines, std::vector<std::string>{"ok"});
  EXPECT_TRUE(Mentions(lines, "public.t index ")) << Joined(lines);
}

}  // namespace
}  // namespace kadedb

namespace kadedb {
namespace {

// A read-only open of a directory whose table files were cut short names the damaged file; it
// used to say the directory "does not hold a KadeDB database" (the format marker was unreadable).
TEST_F(DamagedValuesTest, ReadOnlyOpenOfTruncatedTableFilesNamesTheDamage) {
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open(Dir(), Options{}, &db).ok());
    Result r = db->Connect()->Query("BACKUP DATABASE TO '" + (base_ / "bk").string() + "'");
    ASSERT_TRUE(r.ok()) << r.status().ToString();  // flushes every memtable to table files
  }
  int truncated = 0;
  for (auto& entry : fs::directory_iterator(Dir())) {
    if (entry.path().extension() == ".sst") {
      fs::resize_file(entry.path(), 1000);
      truncated++;
    }
  }
  ASSERT_GT(truncated, 0);
  for (bool read_only : {true, false}) {
    Options options;
    options.read_only = read_only;
    options.create_if_missing = false;
    std::unique_ptr<Database> db;
    Status s = Database::Open(Dir(), options, &db);
    ASSERT_FALSE(s.ok()) << "read_only " << read_only;
    EXPECT_EQ(s.sqlstate(), "XX001") << s.ToString();
    EXPECT_EQ(s.message().find("does not hold"), std::string::npos) << s.ToString();
    EXPECT_NE(s.message().find(".sst"), std::string::npos) << s.ToString();
  }
}

}  // namespace
}  // namespace kadedb
