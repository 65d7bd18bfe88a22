// CheckCrashDatabase: after a kill, every acknowledged row must be there exactly once, rejected
// statements must have left nothing, the catalog must still know the table and its index, and
// lookups by primary key and by the secondary index must agree with a full scan.
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "crash_test.hpp"
#include "kadedb/database.hpp"

namespace kadedb {

namespace {

int64_t IntOf(const Value& v) {
  if (v.IsNull()) return -1;
  if (v.type().IsInteger()) return v.GetInt();
  return std::stoll(v.ToString());
}

}  // namespace

int CheckCrashDatabase(const std::string& dir, const CrashExpectations& expect, uint64_t* rows,
                       uint64_t seed) {
  int violations = 0;
  auto fail = [&](const std::string& what) {
    violations++;
    if (violations <= 20) std::printf("  VIOLATION: %s\n", what.c_str());
  };
  *rows = 0;
  std::unique_ptr<Database> db;
  Status s = Database::Open(dir, Options{}, &db);
  if (!s.ok()) {
    fail("reopen failed: " + s.ToString());
    return violations;
  }
  auto conn = db->Connect();
  const std::string table = kCrashTable;
  Result scan = conn->Query("SELECT id, payload, k FROM " + table);
  if (!scan.ok()) {
    // Before the writer acknowledged the table, its absence is allowed.
    if (expect.table_created || !expect.acknowledged.empty()) {
      fail("table scan failed: " + scan.status().ToString());
    }
    return violations;
  }
  std::map<int64_t, int> seen;
  std::map<int64_t, uint64_t> per_k;
  for (uint64_t i = 0; i < scan.RowCount(); i++) {
    int64_t id = IntOf(scan.GetValue(0, i));
    Value payload = scan.GetValue(1, i);
    int64_t k = IntOf(scan.GetValue(2, i));
    if (++seen[id] == 2) fail("duplicate id " + std::to_string(id));
    std::string want = "row-" + std::to_string(id);
    if (payload.IsNull() || payload.GetString() != want) {
      fail("row " + std::to_string(id) + " has a damaged payload");
    }
    if (k != id % kCrashModulus) fail("row " + std::to_string(id) + " has a damaged k");
    per_k[k]++;
  }
  *rows = scan.RowCount();
  uint64_t missing = 0;
  for (int64_t id : expect.acknowledged) {
    if (!seen.count(id)) {
      if (++missing <= 5) fail("acknowledged id " + std::to_string(id) + " is missing");
    }
  }
  if (missing > 5) fail(std::to_string(missing) + " acknowledged ids missing in total");
  for (int64_t id : expect.rejected) {
    if (seen.count(id)) fail("id " + std::to_string(id) + " of a failed statement is present");
  }
  // The catalog still knows the index: creating it again must fail as a duplicate.
  Result dup = conn->Query("CREATE INDEX " + std::string(kCrashIndex) + " ON " + table + " (k)");
  if (dup.ok()) {
    fail("index " + std::string(kCrashIndex) + " was missing after reopen");
  } else if (dup.status().sqlstate() != "42P07") {
    fail("re-creating the index failed oddly: " + dup.status().ToString());
  }
  // Index lookups agree with the scan for a few keys.
  std::mt19937_64 rng(seed);
  for (int probe = 0; probe < 5; probe++) {
    int k = static_cast<int>(rng() % kCrashModulus);
    Result r = conn->Query("SELECT count(*) FROM " + table + " WHERE k = " + std::to_string(k));
    if (!r.ok()) {
      fail("index lookup failed: " + r.status().ToString());
      break;
    }
    uint64_t got = static_cast<uint64_t>(IntOf(r.GetValue(0, 0)));
    if (got != per_k[k]) {
      fail("index lookup k = " + std::to_string(k) + " finds " + std::to_string(got) +
           " rows, the scan " + std::to_string(per_k[k]));
    }
  }
  // Primary-key lookups for a few acknowledged ids.
  if (!expect.acknowledged.empty()) {
    std::vector<int64_t> ids(expect.acknowledged.begin(), expect.acknowledged.end());
    for (int probe = 0; probe < 5; probe++) {
      int64_t id = ids[rng() % ids.size()];
      Result r = conn->Query("SELECT payload FROM " + table + " WHERE id = " + std::to_string(id));
      if (!r.ok() || r.RowCount() != 1) {
        fail("primary-key lookup of id " + std::to_string(id) + " failed");
      }
    }
  }
  return violations;
}

}  // namespace kadedb
