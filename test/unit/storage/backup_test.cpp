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

// Point in time as of the start: four writers commit while backups (by the engine, then by path
// through a follower) run over a database big enough that copying takes a while. The restored
// database holds every commit acknowledged before the backup started and none begun after the
// backup read its consistent point (BackupInfo::sequence, read before anything is copied).
TEST_F(BackupTest, RestoreHoldsExactlyTheCommitsBeforeTheStart) {
  std::unique_ptr<Database> db;
  ASSERT_TRUE(Database::Open(Dir("db"), Options{}, &db).ok());
  auto conn = db->Connect();
  ASSERT_TRUE(conn->Query("CREATE TABLE big (id BIGINT PRIMARY KEY, pad TEXT)").ok());
  ASSERT_TRUE(conn->Query("INSERT INTO big SELECT g, repeat('x', 200) FROM "
                          "generate_series(1, 100000) g")
                  .ok());
  ASSERT_TRUE(
      conn->Query("CREATE TABLE w (thread INTEGER, n BIGINT, PRIMARY KEY (thread, n))").ok());
  constexpr int kThreads = 4;
  std::atomic<bool> stop{false};
  // Per thread: the last n acknowledged, and the last n begun (n is written before its INSERT).
  std::atomic<int64_t> acked[kThreads], begun[kThreads];
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; t++) {
    acked[t] = 0;
    begun[t] = 0;
    writers.emplace_back([&, t] {
      auto c = db->Connect();
      for (int64_t n = 1; !stop.load(); n++) {
        begun[t].store(n);
        Result r =
            c->Query("INSERT INTO w VALUES (" + std::to_string(t) + ", " + std::to_string(n) + ")");
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          return;
        }
        acked[t].store(n);
      }
    });
  }
  auto snapshot = [&](std::atomic<int64_t>* v) {
    std::vector<int64_t> out;
    for (int t = 0; t < kThreads; t++) out.push_back(v[t].load());
    return out;
  };
  // Restored rows per thread: a prefix 1..k with acked_before[t] <= k <= begun_after[t] (a
  // commit in the backup began before the consistent point, so before begun_after was read).
  auto expect_between = [&](const std::string& dir, const std::vector<int64_t>& lo,
                            const std::vector<int64_t>& hi) {
    std::unique_ptr<Database> r;
    Options options;
    options.create_if_missing = false;
    ASSERT_TRUE(Database::Open(dir, options, &r).ok());
    auto rc = r->Connect();
    for (int t = 0; t < kThreads; t++) {
      std::string where = " FROM w WHERE thread = " + std::to_string(t);
      int64_t k = Count(*rc, "SELECT count(*)" + where);
      EXPECT_EQ(Count(*rc, "SELECT coalesce(max(n), 0)" + where), k);
      EXPECT_GE(k, lo[t]) << "thread " << t << ": a commit acknowledged before the start is lost";
      EXPECT_LE(k, hi[t]) << "thread " << t << ": a commit begun after the start is in";
    }
    EXPECT_EQ(Count(*rc, "SELECT count(*) FROM big"), 100000);
    Result check = rc->Query("CHECK DATABASE");
    ASSERT_TRUE(check.ok()) << check.status().ToString();
    EXPECT_EQ(check.GetValue(0, 0).ToString(), "ok");
  };
  auto wait_some = [&] {
    auto start = snapshot(acked);
    for (int t = 0; t < kThreads; t++) {
      while (acked[t].load() < start[t] + 20)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };

  // 1. The engine of this process (what BACKUP DATABASE runs).
  wait_some();
  std::vector<int64_t> acked_before1 = snapshot(acked);
  std::vector<int64_t> begun_after1;  // read right after the consistent point was fixed
  BackupInfo info;
  ASSERT_TRUE(BackupOpenEngine(db->instance().storage(), Dir("bk"), &info, [&] {
                begun_after1 = snapshot(begun);
              }).ok());
  std::vector<int64_t> acked_after1 = snapshot(acked);
  EXPECT_GT(info.sequence, 0u);
  // 2. Incremental, by path, through a follower of this process's writer.
  wait_some();
  std::vector<int64_t> acked_before2 = snapshot(acked);
  BackupInfo info2;
  std::vector<int64_t> begun_after2;
  ASSERT_TRUE(
      BackupDatabase(Dir("db"), Dir("bk"), &info2, [&] { begun_after2 = snapshot(begun); }).ok());
  EXPECT_EQ(info2.backup_id, 2u);
  EXPECT_LT(info2.copied_bytes, info2.size);  // the big table's files are shared, not copied
  wait_some();
  stop.store(true);
  for (auto& w : writers) w.join();

  ASSERT_TRUE(RestoreDatabase(Dir("bk"), Dir("restored2")).ok());
  expect_between(Dir("restored2"), acked_before2, begun_after2);
  // Restore backup 1 alone: copy the backup directory without backup 2.
  fs::copy(Dir("bk"), Dir("bk1"), fs::copy_options::recursive);
  fs::remove(Dir("bk1") + "/meta/2");
  ASSERT_TRUE(RestoreDatabase(Dir("bk1"), Dir("restored1")).ok());
  expect_between(Dir("restored1"), acked_before1, begun_after1);
  // The check above means something only if commits landed while the backup copied.
  int64_t during = 0;
  for (int t = 0; t < kThreads; t++) during += acked_after1[t] - acked_before1[t];
  EXPECT_GT(during, 0) << "no commit landed while the backup ran: the test proves little";
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
      if (r.ok()) {
        EXPECT_NE(r.GetValue(0, 0).GetInt(), 2000);
      }
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
