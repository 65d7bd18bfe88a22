// CheckCrashDatabase: after a kill, (a) every acknowledged change is there (inserts present,
// trimmed rows and settled transfers absent), (b) no transaction is partly visible (each
// account's balance equals its start plus its settled amount plus the transfers recorded for it;
// a rejected statement left nothing), (c) the balances still sum to the start, (d) every index
// agrees with its table (CHECK DATABASE, plus lookups compared with scans) and (e) the catalog
// is intact (the schema, created in one transaction, exists entirely or not at all; the online
// ALTERs of crash_rows are there as acknowledged, every row reading an added column's default).
// Cost: the writers keep every table at about the same size (crash_test.hpp), and the expected
// state is checked per row found (set lookups), so a check costs the same in cycle 1 and 500.
#include <cstdio>
#include <map>
#include <random>
#include <set>
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

constexpr const char* kSchemaTables[] = {"accounts", "transfers", kCrashTable, "items"};

// For the ids of a delete whose COMMIT was unanswered at the kill: true when none is present
// (it committed), false when all are (it did not); a mix is a violation (reported, false).
template <typename Fail>
bool AllOrNothing(const std::vector<int64_t>& ids, const std::map<int64_t, int>& present,
                  const char* what, Fail& fail) {
  if (ids.empty()) return false;
  size_t found = 0;
  for (int64_t id : ids) found += present.count(id);
  if (found != 0 && found != ids.size()) {
    fail(std::string("a ") + what + " pending at the kill is partly visible: " +
         std::to_string(found) + " of its " + std::to_string(ids.size()) + " deleted ids present");
  }
  return found == 0;
}

}  // namespace

void ResolveTrim(CrashExpectations* expect, bool committed) {
  if (committed) {
    for (int64_t id : expect->pending_trim) {
      expect->deleted.insert(id);
      expect->acknowledged.erase(id);
    }
  }
  expect->pending_trim.clear();
}

void ResolveSettlement(CrashExpectations* expect, bool committed) {
  if (committed) {
    for (int64_t id : expect->pending_settle) {
      expect->settled.insert(id);
      expect->transfers.erase(id);
    }
  }
  expect->pending_settle.clear();
}

int CheckCrashDatabase(const std::string& dir, const CrashExpectations& expect,
                       CrashOutcome* outcome, uint64_t seed) {
  int violations = 0;
  auto fail = [&](const std::string& what) {
    violations++;
    if (violations <= 20) std::printf("  VIOLATION: %s\n", what.c_str());
  };
  uint64_t* rows = &outcome->rows;
  *rows = 0;
  std::unique_ptr<Database> db;
  Status s = Database::Open(dir, Options{}, &db);
  if (!s.ok()) {
    fail("reopen failed: " + s.ToString());
    return violations;
  }
  auto conn = db->Connect();

  // (e) the schema is all there or (before its commit was acknowledged) all absent.
  int present = 0;
  for (const char* t : kSchemaTables) {
    Result r = conn->Query(std::string("SELECT count(*) FROM ") + t);
    if (r.ok()) present++;
  }
  if (present == 0 && !expect.table_created) return violations;
  if (present != 4) {
    fail("only " + std::to_string(present) + " of the 4 tables created in one transaction exist");
    return violations;
  }

  // crash_rows: acknowledged rows present exactly once, rejected ones absent, payloads intact.
  const std::string table = kCrashTable;
  Result scan = conn->Query("SELECT id, payload, k FROM " + table);
  if (!scan.ok()) {
    fail("table scan failed: " + scan.status().ToString());
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
    if (expect.rejected.count(id)) {
      fail("id " + std::to_string(id) + " of a failed statement is present");
    }
    if (expect.deleted.count(id)) {
      fail("id " + std::to_string(id) + " is present after its acknowledged delete");
    }
    per_k[k]++;
  }
  *rows = scan.RowCount();
  // A trim pending at the kill: all of its ids present (it did not commit) or none (it did).
  std::set<int64_t> trimmed;
  outcome->trim_committed = AllOrNothing(expect.pending_trim, seen, "trim", fail);
  if (outcome->trim_committed)
    trimmed.insert(expect.pending_trim.begin(), expect.pending_trim.end());
  uint64_t missing = 0;
  for (int64_t id : expect.acknowledged) {
    if (!seen.count(id) && !trimmed.count(id)) {
      if (++missing <= 5) fail("acknowledged id " + std::to_string(id) + " is missing");
    }
  }
  if (missing > 5) fail(std::to_string(missing) + " acknowledged ids missing in total");

  // Online ALTER: the acknowledged state of the extra column, or the one ALTER after it that was
  // in flight at the kill; every row (sealed or not, older than the column or not) reads n.
  Result extra =
      conn->Query("SELECT column_name FROM information_schema.columns WHERE table_name = '" +
                  table + "' AND column_name LIKE 'extra_%'");
  if (!extra.ok() || extra.RowCount() > 1) {
    fail("cannot list the extra columns of " + table);
  } else if (extra.RowCount() == 1) {
    std::string name = extra.GetValue(0, 0).ToString();
    int64_t n = std::stoll(name.substr(6));
    bool acked = expect.alter_added && n == expect.alter_seq;
    bool in_flight = !expect.alter_added && n > expect.alter_seq;
    if (!acked && !in_flight) fail("column " + name + " should not exist");
    Result bad = conn->Query("SELECT count(*) FROM " + table + " WHERE " + name +
                             " IS DISTINCT FROM " + std::to_string(n));
    if (!bad.ok()) {
      fail("reading " + name + " failed: " + bad.status().ToString());
    } else if (IntOf(bad.GetValue(0, 0)) != 0) {
      fail(std::to_string(IntOf(bad.GetValue(0, 0))) + " rows do not read " + name + " as " +
           std::to_string(n));
    }
  } else if (expect.alter_added) {
    // Only an unacknowledged DROP of it may have removed it.
    Result dropped = conn->Query("SELECT count(*) FROM pg_attribute WHERE attrelid = '" + table +
                                 "'::regclass AND attisdropped");
    if (!dropped.ok() || IntOf(dropped.GetValue(0, 0)) < 1) {
      fail("acknowledged column extra_" + std::to_string(expect.alter_seq) + " is missing");
    }
  }

  // Transfers: every acknowledged one present with its values; balances add up per account.
  Result tr = conn->Query("SELECT id, src, dst, amount FROM transfers");
  Result acc = conn->Query("SELECT id, balance, settled FROM accounts ORDER BY id");
  if (!tr.ok() || !acc.ok()) {
    fail("reading transfers / accounts failed");
    return violations;
  }
  std::map<int64_t, int> found_ids;
  for (uint64_t i = 0; i < tr.RowCount(); i++) found_ids[IntOf(tr.GetValue(0, i))]++;
  std::set<int64_t> settled_now;
  outcome->settle_committed = AllOrNothing(expect.pending_settle, found_ids, "settlement", fail);
  if (outcome->settle_committed) {
    settled_now.insert(expect.pending_settle.begin(), expect.pending_settle.end());
  }
  std::map<int64_t, CrashTransfer> found;
  std::vector<int64_t> expected_balance(kAccounts, kInitialBalance);
  for (uint64_t i = 0; i < tr.RowCount(); i++) {
    CrashTransfer t{static_cast<int>(IntOf(tr.GetValue(1, i))),
                    static_cast<int>(IntOf(tr.GetValue(2, i))), IntOf(tr.GetValue(3, i))};
    int64_t id = IntOf(tr.GetValue(0, i));
    found[id] = t;
    if (expect.settled.count(id)) {
      fail("transfer " + std::to_string(id) + " is present after its acknowledged settlement");
    }
    if (t.src < 0 || t.src >= kAccounts || t.dst < 0 || t.dst >= kAccounts) {
      fail("transfer with a bad account");
      continue;
    }
    expected_balance[t.src] -= t.amount;
    expected_balance[t.dst] += t.amount;
  }
  uint64_t lost = 0;
  for (auto& [id, t] : expect.transfers) {
    auto it = found.find(id);
    if (it == found.end()) {
      if (settled_now.count(id)) continue;
      if (++lost <= 5) fail("acknowledged transfer " + std::to_string(id) + " is missing");
    } else if (it->second.src != t.src || it->second.dst != t.dst ||
               it->second.amount != t.amount) {
      fail("transfer " + std::to_string(id) + " has other values than committed");
    }
  }
  if (lost > 5) fail(std::to_string(lost) + " acknowledged transfers missing in total");
  if (acc.RowCount() != static_cast<uint64_t>(kAccounts)) {
    fail("accounts has " + std::to_string(acc.RowCount()) + " rows");
  }
  int64_t sum = 0, settled_sum = 0;
  for (uint64_t i = 0; i < acc.RowCount(); i++) {
    int64_t id = IntOf(acc.GetValue(0, i));
    int64_t balance = IntOf(acc.GetValue(1, i));
    int64_t settled = IntOf(acc.GetValue(2, i));
    sum += balance;
    settled_sum += settled;
    if (id >= 0 && id < kAccounts && balance != expected_balance[id] + settled) {
      fail("account " + std::to_string(id) + " holds " + std::to_string(balance) +
           " but its settled amount and recorded transfers say " +
           std::to_string(expected_balance[id] + settled) + " (a partial transaction)");
    }
  }
  if (settled_sum != 0) {
    fail("settled amounts sum to " + std::to_string(settled_sum) + ", not 0");
  }
  if (sum != kAccounts * kInitialBalance) {
    fail("balances sum to " + std::to_string(sum) + ", not " +
         std::to_string(kAccounts * kInitialBalance));
  }

  // Items: v at or past the last acknowledged value, k derived from v.
  Result items = conn->Query("SELECT id, v, k FROM items");
  if (!items.ok()) {
    fail("reading items failed: " + items.status().ToString());
  } else {
    std::map<int64_t, int64_t> value;
    for (uint64_t i = 0; i < items.RowCount(); i++) {
      int64_t v = IntOf(items.GetValue(1, i));
      value[IntOf(items.GetValue(0, i))] = v;
      if (IntOf(items.GetValue(2, i)) != v % kCrashModulus) fail("item with a damaged k");
    }
    for (auto& [item, v] : expect.item_values) {
      if (value[item] < v) {
        fail("item " + std::to_string(item) + " has v " + std::to_string(value[item]) +
             " below the acknowledged " + std::to_string(v));
      }
    }
  }

  // (d) every index against its table.
  Result check = conn->Query("CHECK DATABASE");
  if (!check.ok()) {
    fail("CHECK DATABASE failed: " + check.status().ToString());
  } else {
    for (uint64_t i = 0; i < check.RowCount(); i++) {
      std::string line = check.GetValue(0, i).ToString();
      if (line != "ok") fail("CHECK DATABASE: " + line);
    }
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
  return violations;
}

}  // namespace kadedb
