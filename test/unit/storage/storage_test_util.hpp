// Test helpers for storage and catalog tests: a fresh temporary database directory per test,
// and a scoped row group size.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/data_table.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {

// Creates a unique empty directory path (not the directory itself) and removes it at the end.
class TempDbDir {
 public:
  TempDbDir() {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("kadedb-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++)))
                .string();
    std::filesystem::remove_all(path_);
  }
  ~TempDbDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// For its lifetime: row groups of `rows` rows and, with sealer_off, no background sealer for
// tables created meanwhile (KADEDB_SEALER=off: the test seals explicitly). Both are restored on
// destruction, also when the test stops at a failed ASSERT. Process-wide: one at a time.
class ScopedRowGroupSize {
 public:
  explicit ScopedRowGroupSize(uint32_t rows, bool sealer_off = false)
      : saved_(DataTable::RowGroupSize()), sealer_off_(sealer_off) {
    DataTable::SetRowGroupSizeForTesting(rows);
    if (sealer_off_) setenv("KADEDB_SEALER", "off", 1);
  }
  ~ScopedRowGroupSize() {
    DataTable::SetRowGroupSizeForTesting(saved_);
    if (sealer_off_) unsetenv("KADEDB_SEALER");
  }
  ScopedRowGroupSize(const ScopedRowGroupSize&) = delete;
  ScopedRowGroupSize& operator=(const ScopedRowGroupSize&) = delete;

 private:
  uint32_t saved_;
  bool sealer_off_;
};

inline std::unique_ptr<StorageEngine> OpenOrDie(const std::string& path, Options options = {}) {
  options.sync_commits = false;  // tests need not survive power loss
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(path, options, &engine);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return engine;
}

}  // namespace kadedb
