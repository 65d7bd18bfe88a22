// RunCrashWriter: the process that is killed. It mixes single-row inserts, multi-row inserts and
// (deliberately) failing multi-row inserts whose last row repeats an id, to show that a statement
// is never half-applied.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>
#include <string>

#include "crash_test.hpp"
#include "kadedb/database.hpp"

namespace kadedb {

namespace {

void WriteAll(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    ssize_t n = write(fd, s.data() + done, s.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(4);  // the parent went away
    done += static_cast<size_t>(n);
  }
}

std::string RowValues(int64_t id) {
  return "(" + std::to_string(id) + ", 'row-" + std::to_string(id) + "', " +
         std::to_string(id % kCrashModulus) + ")";
}

}  // namespace

void RunCrashWriter(const std::string& dir, int fd, int64_t first_id, uint64_t seed) {
  std::unique_ptr<Database> db;
  Status s = Database::Open(dir, Options{}, &db);  // sync_commits: true (the default)
  if (!s.ok()) {
    std::printf("writer: cannot open %s: %s\n", dir.c_str(), s.ToString().c_str());
    std::fflush(stdout);
    _exit(3);
  }
  auto conn = db->Connect();
  const std::string create = std::string("CREATE TABLE IF NOT EXISTS ") + kCrashTable +
                             " (id BIGINT PRIMARY KEY, payload TEXT NOT NULL, k INTEGER)";
  const std::string index =
      std::string("CREATE INDEX IF NOT EXISTS ") + kCrashIndex + " ON " + kCrashTable + " (k)";
  for (const std::string& sql : {create, index}) {
    Result r = conn->Query(sql);
    if (!r.ok()) {
      std::printf("writer: %s: %s\n", sql.c_str(), r.status().ToString().c_str());
      std::fflush(stdout);
      _exit(3);
    }
  }
  WriteAll(fd, "T\n");  // table and index acknowledged
  std::mt19937_64 rng(seed);
  int64_t id = first_id;
  while (true) {
    int kind = static_cast<int>(rng() % 10);
    std::string sql = std::string("INSERT INTO ") + kCrashTable + " VALUES ";
    std::vector<int64_t> ids;
    bool must_fail = false;
    if (kind < 5) {
      ids.push_back(id++);
    } else {
      int n = 2 + static_cast<int>(rng() % 19);
      for (int i = 0; i < n; i++) ids.push_back(id++);
      must_fail = kind == 9;  // ~10%: the last row repeats the first id
    }
    for (size_t i = 0; i < ids.size(); i++) sql += (i ? ", " : "") + RowValues(ids[i]);
    if (must_fail) sql += ", " + RowValues(ids.front());
    Result r = conn->Query(sql);
    std::string report;
    if (r.ok() && !must_fail) {
      for (int64_t x : ids) report += "A " + std::to_string(x) + "\n";
    } else if (!r.ok() && must_fail) {
      for (int64_t x : ids) report += "R " + std::to_string(x) + "\n";
    } else if (r.ok()) {
      report = "E duplicate-key insert succeeded: " + sql.substr(0, 120) + "\n";
    } else {
      report = "E " + r.status().ToString() + "\n";
    }
    WriteAll(fd, report);
  }
}

}  // namespace kadedb
