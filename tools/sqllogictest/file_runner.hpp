// RunTestFile: runs one sqllogictest file in a forked child against a fresh database in a
// temporary directory, so a crash or hang in the engine costs that file, not the whole run.
#pragma once

#include <cstdint>
#include <string>

#include "record_runner.hpp"

namespace kadedb {

struct FileCounts {
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;
};

struct FileRunOptions {
  RunnerOptions runner;
  int timeout_seconds = 300;  // per file; 0 = none
};

// Runs path and returns its counts. Records after a crash or timeout count as failed (a message
// naming the file is printed to stdout).
FileCounts RunTestFile(const std::string& path, const FileRunOptions& options);

}  // namespace kadedb
