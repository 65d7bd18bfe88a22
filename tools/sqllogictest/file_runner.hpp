// Running sqllogictest files: each file runs in a forked child against a fresh database in a
// temporary directory, so a crash or hang in the engine costs that file, not the whole run.
// Up to `jobs` children run at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "record_runner.hpp"

namespace kadedb {

struct FileCounts {
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;
};

// One --skip-list entry: the record starting at `line` of every file whose path ends with
// `path_suffix` is counted as skipped, for `reason`.
struct SkipListEntry {
  std::string path_suffix;
  int line = 0;
  std::string reason;
};

// Reads a skip list: one `path-suffix:line  reason` a line; '#' lines and blank lines are ignored.
// Returns false and sets *error on an unreadable file or a malformed line.
bool ReadSkipList(const std::string& path, std::vector<SkipListEntry>* out, std::string* error);

struct FileRunOptions {
  RunnerOptions runner;
  const std::vector<SkipListEntry>* skip_list = nullptr;  // may be null
  int timeout_seconds = 300;                              // per file; 0 = none
  int jobs = 1;                                           // files run concurrently
};

// Runs files and calls done(path, counts) for each as it finishes (in completion order, on the
// calling thread). Records after a crash or timeout count as failed, and a line naming the file
// is printed. With fail_fast, stops starting files after the first failure.
void RunTestFiles(const std::vector<std::string>& files, const FileRunOptions& options,
                  const std::function<void(const std::string&, const FileCounts&)>& done);

}  // namespace kadedb
