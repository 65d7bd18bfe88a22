// Shared helpers for unit tests that open real databases: a per-test scratch directory that is
// removed when the test ends, a fixture holding a database opened there with one connection,
// and one-line query helpers that report the SQL and the error.
//
// Threading: TestDir is owned by one test; the query helpers are as thread-safe as the
// Connection passed in (one connection per thread).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "kadedb/kadedb.hpp"

namespace kadedb::test {

// A fresh directory under the system temp directory, named after the prefix, the process, the
// running test and a counter (so parallel test binaries and several directories in one test
// never collide); removed, with everything in it, on destruction. Declare it before the
// Database that lives in it so the database closes first.
class TestDir {
 public:
  explicit TestDir(std::string_view prefix) {
    static std::atomic<int> counter{0};
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(prefix) + "_" + std::to_string(::getpid()) + "_" +
                       (info ? std::string(info->test_suite_name()) + "." + info->name() : "") +
                       "_" + std::to_string(counter++);
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
  }
  ~TestDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TestDir(const TestDir&) = delete;
  TestDir& operator=(const TestDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string string() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Opens the database at path; records a test failure (with the error) when it does not open,
// and then returns null.
inline std::unique_ptr<Database> OpenDatabase(const std::string& path,
                                              const Options& options = Options()) {
  std::unique_ptr<Database> db;
  Status s = Database::Open(path, options, &db);
  EXPECT_TRUE(s.ok()) << path << ": " << s.ToString();
  return db;
}

// A fixture owning a fresh database in its own TestDir, opened with the options given to the
// constructor, and one connection to it (conn_). Derived fixtures name the directory, add
// their own set-up after ASSERT_NO_FATAL_FAILURE(DatabaseTest::SetUp()), and open further
// connections with db_->Connect() (closing them before DatabaseTest::TearDown).
class DatabaseTest : public ::testing::Test {
 protected:
  explicit DatabaseTest(std::string_view prefix, Options options = Options())
      : dir_(prefix), options_(std::move(options)) {}

  // Options with sync_commits off: for tests about results or waiting, not durability.
  static Options NoSync() {
    Options options;
    options.sync_commits = false;
    return options;
  }

  void SetUp() override {
    Status s = Database::Open(dir_.string(), options_, &db_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    conn_ = db_->Connect();
  }
  void TearDown() override {
    conn_.reset();
    db_.reset();
  }

  TestDir dir_;  // declared first: removed after the database closes
  Options options_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> conn_;
};

// Prepares sql on c; records a test failure (with the error) when it does not prepare.
inline std::unique_ptr<PreparedStatement> Prepare(Connection& c, const std::string& sql) {
  std::unique_ptr<PreparedStatement> stmt;
  Status s = c.Prepare(sql, &stmt);
  EXPECT_TRUE(s.ok()) << sql << ": " << s.ToString();
  return stmt;
}

// Runs sql and records a test failure (with the SQL and the error) when it does not succeed.
inline void Ok(Connection& c, const std::string& sql) {
  Result r = c.Query(sql);
  EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
}

// The first cell of sql's result as text; "<none>" when it fails or returns no row.
inline std::string One(Connection& c, const std::string& sql) {
  Result r = c.Query(sql);
  EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
  if (!r.ok() || r.RowCount() == 0) return "<none>";
  return r.GetValue(0, 0).ToString();
}

// "ok" when sql succeeds, else its SQLSTATE.
inline std::string Code(Connection& c, const std::string& sql) {
  Result r = c.Query(sql);
  return r.ok() ? "ok" : r.status().sqlstate();
}

}  // namespace kadedb::test
