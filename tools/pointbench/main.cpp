// kadedb-pointbench: primary-key point lookups per second on one thread, KadeDB through its C++
// API (Prepare once, Execute with $1) against SQLite (sqlite3 C API, prepared statement), on
// the same generated table. Run by bench/run.sh point (docs/bench.md).
//
//   kadedb-pointbench [--rows N] [--lookups M] [--dir DIR]
//
// Table kv(id BIGINT PRIMARY KEY, a INTEGER, b TEXT) with N rows loaded by COPY (so KadeDB holds
// them in sealed column row groups) and by one SQLite transaction; M lookups of uniformly random
// existing ids (same sequence for both engines), after a warm-up of M/10. Prints one line per
// engine and ends with
//   point: kadedb X lookups/s, sqlite Y lookups/s (rows N, 1 thread)
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kadedb/database.hpp"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& msg) {
  std::fprintf(stderr, "pointbench: %s\n", msg.c_str());
  std::exit(1);
}

std::string Comment(int64_t id) {
  return "row " + std::to_string(id * 7919 % 100003) + " text";
}

double RunKadeDb(const std::string& dir, int64_t rows, const std::vector<int64_t>& keys) {
  std::filesystem::remove_all(dir + "/kadedb");
  std::string csv = dir + "/kv.csv";
  {
    std::ofstream out(csv);
    for (int64_t i = 1; i <= rows; i++)
      out << i << ',' << (i * 31 % 1000) << ',' << Comment(i) << '\n';
  }
  kadedb::Options options;
  options.sync_commits = false;
  std::unique_ptr<kadedb::Database> db;
  kadedb::Status s = kadedb::Database::Open(dir + "/kadedb", options, &db);
  if (!s.ok()) Die(s.ToString());
  auto conn = db->Connect();
  auto check = [](const kadedb::Result& r) {
    if (!r.ok()) Die(r.status().ToString());
  };
  check(conn->Query("CREATE TABLE kv (id BIGINT PRIMARY KEY, a INTEGER, b TEXT)"));
  auto t0 = Clock::now();
  check(conn->Query("COPY kv FROM '" + csv + "' (FORMAT csv)"));
  double load_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("kadedb: loaded %lld rows in %.2f s\n", static_cast<long long>(rows), load_s);
  std::unique_ptr<kadedb::PreparedStatement> stmt;
  s = conn->Prepare("SELECT a, b FROM kv WHERE id = $1", &stmt);
  if (!s.ok()) Die(s.ToString());
  auto lookup = [&](int64_t k) {
    kadedb::Result r = conn->Execute(*stmt, {kadedb::Value::BigInt(k)});
    if (!r.ok() || r.RowCount() != 1) Die("lookup of " + std::to_string(k) + " failed");
  };
  for (size_t i = 0; i < keys.size() / 10; i++) lookup(keys[i]);
  t0 = Clock::now();
  for (int64_t k : keys) lookup(k);
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  double rate = keys.size() / secs;
  std::printf("kadedb: %zu lookups in %.3f s = %.0f lookups/s\n", keys.size(), secs, rate);
  std::filesystem::remove(csv);
  return rate;
}

double RunSqlite(const std::string& dir, int64_t rows, const std::vector<int64_t>& keys) {
  std::string path = dir + "/sqlite.db";
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("sqlite open");
  auto exec = [&](const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) Die(err ? err : sql);
  };
  exec("CREATE TABLE kv (id BIGINT PRIMARY KEY, a INTEGER, b TEXT)");
  exec("BEGIN");
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO kv VALUES (?, ?, ?)", -1, &ins, nullptr);
  for (int64_t i = 1; i <= rows; i++) {
    std::string c = Comment(i);
    sqlite3_bind_int64(ins, 1, i);
    sqlite3_bind_int64(ins, 2, i * 31 % 1000);
    sqlite3_bind_text(ins, 3, c.c_str(), static_cast<int>(c.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE) Die("sqlite insert");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  exec("COMMIT");
  sqlite3_stmt* sel = nullptr;
  sqlite3_prepare_v2(db, "SELECT a, b FROM kv WHERE id = ?", -1, &sel, nullptr);
  auto lookup = [&](int64_t k) {
    sqlite3_bind_int64(sel, 1, k);
    if (sqlite3_step(sel) != SQLITE_ROW) Die("sqlite lookup");
    volatile int64_t a = sqlite3_column_int64(sel, 0);
    (void)a;
    std::string b(reinterpret_cast<const char*>(sqlite3_column_text(sel, 1)));
    sqlite3_reset(sel);
  };
  for (size_t i = 0; i < keys.size() / 10; i++) lookup(keys[i]);
  auto t0 = Clock::now();
  for (int64_t k : keys) lookup(k);
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  sqlite3_finalize(sel);
  sqlite3_close(db);
  std::filesystem::remove(path);
  double rate = keys.size() / secs;
  std::printf("sqlite: %zu lookups in %.3f s = %.0f lookups/s\n", keys.size(), secs, rate);
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1000000, lookups = 300000;
  std::string dir = std::filesystem::temp_directory_path() / "kadedb-pointbench";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--rows") {
      rows = std::atoll(argv[i + 1]);
    } else if (a == "--lookups") {
      lookups = std::atoll(argv[i + 1]);
    } else if (a == "--dir") {
      dir = argv[i + 1];
    } else {
      Die("unknown option " + a);
    }
  }
  if (rows < 1 || lookups < 1) Die("--rows and --lookups must be positive");
  std::filesystem::create_directories(dir);
  std::mt19937_64 rng(42);
  std::vector<int64_t> keys(lookups);
  for (auto& k : keys) k = static_cast<int64_t>(rng() % rows) + 1;
  double k = RunKadeDb(dir, rows, keys);
  double s = RunSqlite(dir, rows, keys);
  std::filesystem::remove_all(dir);
  std::printf("point: kadedb %.0f lookups/s, sqlite %.0f lookups/s (rows %lld, 1 thread)\n", k, s,
              static_cast<long long>(rows));
  return 0;
}
