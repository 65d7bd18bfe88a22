// TestFile: one sqllogictest file parsed into records (SQLite and DuckDB dialects).
//
// Blank lines separate records; '#' lines are comments. Conditions (skipif/onlyif) attach to the
// next record. DuckDB loops (loop/foreach/endloop) are expanded textually at parse time, with
// ${var} substituted in the repeated lines.
#pragma once

#include <string>
#include <vector>

namespace kadedb {

enum class Dialect : uint8_t { kSqlite, kDuckDb };
enum class SortMode : uint8_t { kNoSort, kRowSort, kValueSort };

struct SltRecord {
  enum class Kind : uint8_t {
    kStatementOk,
    kStatementError,
    kStatementMaybe,  // either outcome passes
    kQuery,
    kHashThreshold,
    kHalt,
    kModeSkip,    // DuckDB "mode skip": following records are skipped
    kModeUnskip,  // DuckDB "mode unskip"
    kUnsupported  // a command this runner does not execute; counted as skipped
  };
  Kind kind = Kind::kUnsupported;
  int line = 0;  // 1-based line of the record's first line
  std::vector<std::string> skipif;
  std::vector<std::string> onlyif;
  std::string sql;
  // kQuery: one character per column (T, I, R, ...); kHashThreshold: unused.
  std::string types;
  SortMode sort = SortMode::kNoSort;
  std::string label;
  // kQuery: lines after "----"; kStatementError: the expected message (joined lines).
  std::vector<std::string> expected;
  std::string error_message;
  long threshold = 0;   // kHashThreshold
  std::string command;  // kUnsupported: the command line, for messages
  // Non-empty when a --skip-list entry names this record: the listed reason. Such a record is
  // counted as skipped (never run, never passed).
  std::string skip_by_list;

  // Whether this record counts towards passed/failed/skipped.
  bool Counts() const {
    return kind == Kind::kStatementOk || kind == Kind::kStatementError ||
           kind == Kind::kStatementMaybe || kind == Kind::kQuery || kind == Kind::kUnsupported;
  }
};

struct TestFile {
  std::string path;
  Dialect dialect = Dialect::kSqlite;
  std::vector<SltRecord> records;
  // Non-empty when the whole file must be skipped (a `require`, `load`, ...): the reason.
  std::string skip_reason;
};

// Reads and parses path. Returns false and sets *error when the file cannot be read.
bool ParseTestFile(const std::string& path, TestFile* out, std::string* error);

}  // namespace kadedb
