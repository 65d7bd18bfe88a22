// Damaged copies of a database never crash the engine: a truncated table file (SST), a
// truncated write-ahead log, a CURRENT naming a missing MANIFEST and an emptied MANIFEST each
// give a clear error on open or on read (or, for a torn log tail, lose only the torn commits),
// and VerifyDatabaseFiles reports table-file damage with the file's name.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kadedb/kadedb.hpp"
#include "storage/backup.hpp"
#include "storage/verify.hpp"

namespace kadedb {
namespace {

namespace fs = std::filesystem;

class DamagedFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("kadedb_damaged_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_);
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open(Dir("db"), Options{}, &db).ok());
    auto conn = db->Connect();
    ASSERT_TRUE(conn->Query("CREATE TABLE t (id BIGINT PRIMARY KEY, w TEXT)").ok());
    ASSERT_TRUE(
        conn->Query("INSERT INTO t SELECT g, repeat('x', 50) FROM generate_series(1, 5000) g")
            .ok());
    ASSERT_TRUE(conn->Query("BACKUP DATABASE TO '" + Dir("bk") + "'").ok());  // flushes to SSTs
    ASSERT_TRUE(conn->Query("INSERT INTO t VALUES (-1, 'in the log only')").ok());
  }
  void TearDown() override { fs::remove_all(base_); }
  std::string Dir(const std::string& name) const { return (base_ / name).string(); }

  // A copy of the live directory (SSTs plus a non-empty log) to damage.
  std::string Copy(const std::string& name) {
    fs::copy(Dir("db"), Dir(name), fs::copy_options::recursive);
    fs::remove(Dir(name) + "/LOCK");
    return Dir(name);
  }

  // Opens dir and reads everything; returns "open: ..." / "read: ..." errors or the row count.
  static std::string OpenAndRead(const std::string& dir) {
    std::unique_ptr<Database> db;
    Options options;
    options.create_if_missing = false;
    Status s = Database::Open(dir, options, &db);
    if (!s.ok()) {
      EXPECT_FALSE(s.message().empty());
      return "open: " + s.sqlstate();
    }
    auto conn = db->Connect();
    Result r = conn->Query("SELECT count(*), sum(length(w)) FROM t");
    if (!r.ok()) return "read: " + r.status().sqlstate();
    Result check = conn->Query("CHECK DATABASE");
    if (!check.ok()) return "check: " + check.status().sqlstate();
    return r.GetValue(0, 0).ToString();
  }
  fs::path base_;
};

TEST_F(DamagedFilesTest, TruncatedTableFile) {
  std::string dir = Copy("sst");
  bool truncated = false;
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".sst" && fs::file_size(e.path()) > 4096) {
      fs::resize_file(e.path(), fs::file_size(e.path()) / 2);
      truncated = true;
    }
  }
  ASSERT_TRUE(truncated);
  Status v = VerifyDatabaseFiles(dir);
  EXPECT_EQ(v.sqlstate(), "XX001") << v.ToString();
  EXPECT_NE(v.message().find(".sst"), std::string::npos) << v.message();
  std::string got = OpenAndRead(dir);
  EXPECT_NE(got, "5001") << "a truncated table file went unnoticed";
}

TEST_F(DamagedFilesTest, TornLogTailLosesOnlyTheTornCommits) {
  std::string dir = Copy("log");
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".log" && fs::file_size(e.path()) > 10) {
      fs::resize_file(e.path(), fs::file_size(e.path()) - 7);
    }
  }
  std::string got = OpenAndRead(dir);
  // The last commit's record is torn: it is dropped, everything before it stays.
  EXPECT_TRUE(got == "5000" || got == "5001" || got.rfind("open: ", 0) == 0) << got;
}

TEST_F(DamagedFilesTest, CurrentNamesAMissingManifest) {
  std::string dir = Copy("current");
  std::ofstream(dir + "/CURRENT", std::ios::trunc) << "MANIFEST-999999\n";
  EXPECT_EQ(OpenAndRead(dir).rfind("open: ", 0), 0u);
}

TEST_F(DamagedFilesTest, EmptiedManifest) {
  std::string dir = Copy("manifest");
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("MANIFEST", 0) == 0) fs::resize_file(e.path(), 0);
  }
  EXPECT_EQ(OpenAndRead(dir).rfind("open: ", 0), 0u);
  EXPECT_FALSE(VerifyDatabaseFiles(dir).ok());
}

}  // namespace
}  // namespace kadedb
