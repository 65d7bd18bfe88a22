// Test helpers for storage and catalog tests: a fresh temporary database directory per test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

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

inline std::unique_ptr<StorageEngine> OpenOrDie(const std::string& path, Options options = {}) {
  options.sync_commits = false;  // tests need not survive power loss
  std::unique_ptr<StorageEngine> engine;
  Status s = StorageEngine::Open(path, options, &engine);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return engine;
}

}  // namespace kadedb
