// Backup and restore: a backup taken while another thread commits holds every commit acknowledged
// before it started (and no partial one), a second backup into the same directory is incremental,
// restore gives a database that passes CHECK DATABASE, and a backup of a directory another
// writer holds (BackupDatabase by path) follows that writer.
#include "storage/backup.hpp"
#include "storage/verify.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <unistd.h>

#include "kadedb/database.hpp"
#include "main/database_instance.hpp"

namespace kadedb {
namespace {

namespace fs = std::filesystem;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("kadedb-backup-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string Dir(const std::string& name) const { return (root_ / name).string(); }

  static int64_t Count(Connection& conn, const std::string& sql) {
    Result r = conn.Query(sql);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.GetValue(0, 0).GetInt() : -1;
  }

  // Starts a thread committing one row per transaction (ids 1, 2, ...) into t; acked_ counts
  // the commits that returned OK.
  void StartWriter(Database& db) {
    writer_ = std::thread([this, &db] {
      auto conn = db.Connect();
      for (int64_t id = 1; !stop_.load(); id++) {
        Result r = conn->Query("INSERT INTO t VALUES (" + std::to_string(id) + ", " +
                               std::to_string(id % 97) + ")");
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          return;
        }
        acked_.store(id);
      }
    });
  }
  void StopWriter() {
    stop_.store(true);
    if (writer_.joinable()) writer_.join();
  }
  void WaitForAcked(int64_t n) {
    while (acked_.load() < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  // Opens the restored database and checks it holds exactly ids 1..n with lo <= n <= hi, and
  // that CHECK DATABASE finds nothing.
  void ExpectRestored(const std::string& dir, int64_t lo, int64_t hi) {
    std::unique_ptr<Database> db;
    Options options;
    options.create_if_missing = false;
    ASSERT_TRUE(Database::Open(dir, options, &db).ok());
    auto conn = db->Connect();
    int64_t n = Count(*conn, "SELECT count(*) FROM t");
    EXPECT_GE(n, lo);
    EXPECT_LE(n, hi);
    EXPECT_EQ(Count(*conn, "SELECT coalesce(max(id), 0) FROM t"), n);  // a prefix: no gaps
    EXPECT_EQ(Count(*conn, "SELECT count(*) FROM t WHERE w = id % 97"), n);
    Result check = conn->Query("CHECK DATABASE");
    ASSERT_TRUE(check.ok()) << check.status().ToString();
    ASSERT_EQ(check.RowCount(), 1u);
    EXPECT_EQ(check.GetValue(0, 0).ToString(), "ok");
  }

  fs::path root_;
  std::thread writer_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> acked_{0};
};

TEST_F(BackupTest, OnlineIncrementalBackupAndRestore) {
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open(Dir("db"), Options{}, &db).ok());
  auto conn = db->Connect();
  ASSERT_TRUE(conn->Query("CREATE TABLE t (id BIGINT PRIMARY KEY, w INTEGER)").ok());
  ASSERT_TRUE(conn->Query("CREATE INDEX t_w ON t (w)").ok());
  StartWriter(*db);
  WaitForAcked(200);

  int64_t before1 = acked_.load();
  Result r = conn->Query("BACKUP DATABASE TO '" + Dir("bk") + "'");
  int64_t after1 = acked_.load() + 1;  // a commit in flight may be in the backup
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.CommandTag(), "BACKUP 1");

  WaitForAcked(after1 + 100);
  int64_t before2 = acked_.load();
  BackupInfo info;
  ASSERT_TRUE(BackupOpenEngine(db->instance().storage(), Dir("bk"), &info).ok());
  int64_t after2 = acked_.load() + 1;
  EXPECT_EQ(info.backup_id, 2u);
  EXPECT_EQ(info.backups, 2u);
  EXPECT_LT(info.copied_bytes, info.size);  // table files of backup 1 are shared, not copied

  // By path, while this process holds the database: the backup follows the live writer.
  WaitForAcked(after2 + 50);
  int64_t before3 = acked_.load();
  ASSERT_TRUE(BackupDatabase(Dir("db"), Dir("bk3"), &info).ok());
  int64_t after3 = acked_.load() + 1;
  EXPECT_EQ(info.backup_id, 1u);
  StopWriter();

  ASSERT_TRUE(RestoreDatabase(Dir("bk"), Dir("restored2")).ok());
  ExpectRestored(Dir("restored2"), before2, after2);
  ASSERT_TRUE(RestoreDatabase(Dir("bk3"), Dir("restored3")).ok());
  ExpectRestored(Dir("restored3"), before3, after3);
  (void)before1;
}

TEST_F(BackupTest, RestoreRefusesBadArguments) {
  EXPECT_FALSE(RestoreDatabase(Dir("missing"), Dir("new")).ok());
  fs::create_directories(Dir("emptybk"));
  EXPECT_FALSE(RestoreDatabase(Dir("emptybk"), Dir("new")).ok());
  EXPECT_FALSE(BackupDatabase(Dir("nodb"), Dir("bk")).ok());
  EXPECT_FALSE(fs::exists(Dir("nodb")));

  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open(Dir("db"), Options{}, &db).ok());
  auto conn = db->Connect();
  ASSERT_TRUE(conn->Query("CREATE TABLE t (id BIGINT PRIMARY KEY, w INTEGER)").ok());
  ASSERT_TRUE(conn->Query("INSERT INTO t VALUES (1, 1)").ok());
  Result r = conn->Query("BACKUP DATABASE TO '" + Dir("bk") + "'");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(conn->Query("BEGIN").ok());
  r = conn->Query("BACKUP DATABASE TO '" + Dir("bk") + "'");
  EXPECT_EQ(r.status().sqlstate(), "25001");
  ASSERT_TRUE(conn->Query("ROLLBACK").ok());
  // Into the database directory itself: refused.
  EXPECT_FALSE(conn->Query("BACKUP DATABASE TO '" + Dir("db") + "/bk'").ok());

  fs::create_directories(Dir("full"));
  std::ofstream(Dir("full") + "/x") << "x";
  EXPECT_EQ(RestoreDatabase(Dir("bk"), Dir("full")).sqlstate(), "42P04");
  ASSERT_TRUE(RestoreDatabase(Dir("bk"), Dir("restored")).ok());
  ExpectRestored(Dir("restored"), 1, 1);
}

// Damaged copies of a database: a clear error from VerifyDatabaseFiles and from Open, no crash.
TEST_F(BackupTest, DamagedFilesGiveClearErrors) {
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(Database::Open(Dir("db"), Options{}, &db).ok());
    auto conn = db->Connect();
    ASSERT_TRUE(conn->Query("CREATE TABLE t (id BIGINT PRIMARY KEY, w INTEGER)").ok());
    ASSERT_TRUE(conn->Query("INSERT INTO t SELECT g, g % 97 FROM generate_series(1, 2000) g").ok());
    ASSERT_TRUE(conn->Query("BACKUP DATABASE TO '" + Dir("bk") + "'").ok());  // flushes
  }
  EXPECT_TRUE(VerifyDatabaseFiles(Dir("db")).ok()) << VerifyDatabaseFiles(Dir("db")).ToString();

  auto damaged = [&](const std::string& name, auto&& damage) {
    ASSERT_TRUE(RestoreDatabase(Dir("bk"), Dir(name)).ok());
    for (auto& entry : fs::directory_iterator(Dir(name))) damage(entry.path());
    Status s = VerifyDatabaseFiles(Dir(name));
    EXPECT_EQ(s.sqlstate(), "XX001") << s.ToString();
    std::unique_ptr<Database> db;
    Options options;
    options.create_if_missing = false;
    Status open = Database::Open(Dir(name), options, &db);
    if (open.ok()) {  // the damage may surface only when the rows are read
      Result r = db->Connect()->Query("SELECT count(*) FROM t");
      if (r.ok()) EXPECT_NE(r.GetValue(0, 0).GetInt(), 2000);
    } else {
      EXPECT_FALSE(open.message().empty());
    }
  };
  damaged("truncated", [](const fs::path& p) {
    if (p.filename().string().starts_with("MANIFEST")) fs::resize_file(p, 20);
  });
  damaged("garbage", [](const fs::path& p) {
    if (p.extension() != ".sst") return;
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(p) / 3));
    f << std::string(200, 'Z');
  });
}

}  // namespace
}  // namespace kadedb
