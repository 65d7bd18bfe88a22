// RecordRunner: executes the records of one parsed TestFile against a Connection and judges each
// one (value formatting per dialect, sort modes, MD5 result hashing, expected error messages).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kadedb/database.hpp"
#include "test_file.hpp"

namespace kadedb {

enum class Outcome : char { kPassed = 'P', kFailed = 'F', kSkipped = 'S', kHalted = 'H' };

struct RunnerOptions {
  bool verbose = false;
  bool fail_fast = false;
  int threads = 0;  // > 0: each file's connection starts with SET threads = N
};

class RecordRunner {
 public:
  // REQUIRES: conn outlives the runner. report is called once per counted record, in order
  // (kHalted once when a halt record ends the file).
  RecordRunner(const TestFile& file, Connection* conn, RunnerOptions options,
               std::function<void(Outcome)> report);
  // Runs every record; stops early on halt or (with fail_fast) on the first failure.
  void Run();

 private:
  bool Applies(const SltRecord& rec) const;
  bool RunStatement(const SltRecord& rec, std::string* why);
  bool RunQuery(const SltRecord& rec, std::string* why);
  std::string FormatValue(const Value& v, char type) const;
  void PrintFailure(const SltRecord& rec, const std::string& why) const;

  const TestFile& file_;
  Connection* conn_;
  RunnerOptions options_;
  std::function<void(Outcome)> report_;
  long hash_threshold_ = 0;
};

// Formats a result value the way the reference runner of the dialect does (exposed for tests).
std::string FormatSqliteValue(const Value& v, char type);
std::string FormatDuckDbValue(const Value& v);

}  // namespace kadedb
