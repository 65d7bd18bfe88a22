// kadedb-writebench: N threads doing single-row committed (durable) inserts for a while, on
// KadeDB, SQLite or PostgreSQL; prints commits per second. Driven by bench/writers.sh.
//
//   kadedb-writebench --engine kadedb|sqlite|postgres [--threads 16] [--seconds 10] [--dir D]
//
// kadedb: Database::Open(D) with the default durable commits (synced WAL), one Connection per
//   thread, autocommit INSERTs. sqlite: D/bench.sqlite, WAL, synchronous=FULL, one connection per
//   thread with busy_timeout 10 s (SQLITE_BUSY is retried and counted). postgres: one libpq
//   connection per thread from the PG* environment (fsync and synchronous_commit as configured).
// Output: one line "writers <engine>: T threads, C commits in S s = R commits/s (B retries)".
#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "kadedb/database.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string engine;
  int threads = 16;
  double seconds = 10;
  std::string dir = "/tmp/kadedb-writebench";
};

std::atomic<uint64_t> commits{0}, retries{0}, errors{0};

std::string InsertSql(int thread, int64_t n) {
  return "INSERT INTO w VALUES (" + std::to_string(static_cast<int64_t>(thread) * 1000000000 + n) +
         ", " + std::to_string(thread) + ", 'payload of row " + std::to_string(n) + "')";
}

const char* kCreate = "CREATE TABLE w (id BIGINT PRIMARY KEY, thread INTEGER, payload TEXT)";

void RunKadeDB(const Args& a, Clock::time_point end) {
  std::unique_ptr<kadedb::Database> db;
  kadedb::Status s = kadedb::Database::Open(a.dir + "/kadedb", kadedb::Options{}, &db);
  if (!s.ok()) {
    std::fprintf(stderr, "open: %s\n", s.ToString().c_str());
    std::exit(1);
  }
  db->Connect()->Query(kCreate);
  std::vector<std::thread> threads;
  for (int t = 0; t < a.threads; t++) {
    threads.emplace_back([&, t] {
      auto conn = db->Connect();
      for (int64_t n = 0; Clock::now() < end; n++) {
        kadedb::Result r = conn->Query(InsertSql(t, n));
        if (r.ok()) {
          commits++;
        } else if (errors++ < 5) {
          std::fprintf(stderr, "kadedb: %s\n", r.status().ToString().c_str());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
}

void RunSqlite(const Args& a, Clock::time_point end) {
  std::string path = a.dir + "/bench.sqlite";
  auto open = [&]() {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
      std::fprintf(stderr, "sqlite open failed\n");
      std::exit(1);
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr,
                 nullptr);
    return db;
  };
  sqlite3* setup = open();
  sqlite3_exec(setup, kCreate, nullptr, nullptr, nullptr);
  sqlite3_close(setup);
  std::vector<std::thread> threads;
  for (int t = 0; t < a.threads; t++) {
    threads.emplace_back([&, t] {
      sqlite3* db = open();
      for (int64_t n = 0; Clock::now() < end; n++) {
        std::string sql = InsertSql(t, n);
        while (true) {
          int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
          if (rc == SQLITE_OK) {
            commits++;
            break;
          }
          if (rc == SQLITE_BUSY && Clock::now() < end) {
            retries++;
            continue;
          }
          if (rc != SQLITE_BUSY && errors++ < 5) {
            std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
          }
          break;
        }
      }
      sqlite3_close(db);
    });
  }
  for (auto& t : threads) t.join();
}

void RunPostgres(const Args& a, Clock::time_point end) {
  PGconn* setup = PQconnectdb("");
  if (PQstatus(setup) != CONNECTION_OK) {
    std::fprintf(stderr, "postgres: %s\n", PQerrorMessage(setup));
    std::exit(1);
  }
  PQclear(PQexec(setup, "DROP TABLE IF EXISTS w"));
  PQclear(PQexec(setup, kCreate));
  PGresult* fsync = PQexec(setup, "SHOW fsync");
  PGresult* sync_commit = PQexec(setup, "SHOW synchronous_commit");
  std::fprintf(stderr, "postgres: fsync=%s synchronous_commit=%s\n", PQgetvalue(fsync, 0, 0),
               PQgetvalue(sync_commit, 0, 0));
  PQclear(fsync);
  PQclear(sync_commit);
  PQfinish(setup);
  std::vector<std::thread> threads;
  for (int t = 0; t < a.threads; t++) {
    threads.emplace_back([&, t] {
      PGconn* conn = PQconnectdb("");
      for (int64_t n = 0; Clock::now() < end; n++) {
        PGresult* r = PQexec(conn, InsertSql(t, n).c_str());
        if (PQresultStatus(r) == PGRES_COMMAND_OK) {
          commits++;
        } else if (errors++ < 5) {
          std::fprintf(stderr, "postgres: %s\n", PQerrorMessage(conn));
        }
        PQclear(r);
      }
      PQfinish(conn);
    });
  }
  for (auto& t : threads) t.join();
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--engine") {
      a.engine = v;
    } else if (k == "--threads") {
      a.threads = std::atoi(v.c_str());
    } else if (k == "--seconds") {
      a.seconds = std::atof(v.c_str());
    } else if (k == "--dir") {
      a.dir = v;
    }
  }
  if (a.engine != "kadedb" && a.engine != "sqlite" && a.engine != "postgres") {
    std::fprintf(stderr,
                 "usage: kadedb-writebench --engine kadedb|sqlite|postgres [--threads N] "
                 "[--seconds S] [--dir D]\n");
    return 2;
  }
  std::error_code ec;
  std::filesystem::remove_all(a.dir, ec);
  std::filesystem::create_directories(a.dir, ec);
  auto start = Clock::now();
  auto end = start + std::chrono::milliseconds(static_cast<int64_t>(a.seconds * 1000));
  if (a.engine == "kadedb") RunKadeDB(a, end);
  if (a.engine == "sqlite") RunSqlite(a, end);
  if (a.engine == "postgres") RunPostgres(a, end);
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf(
      "writers %s: %d threads, %llu commits in %.1f s = %.0f commits/s (%llu busy retries, "
      "%llu errors)\n",
      a.engine.c_str(), a.threads, (unsigned long long)commits.load(), elapsed,
      commits.load() / elapsed, (unsigned long long)retries.load(),
      (unsigned long long)errors.load());
  std::filesystem::remove_all(a.dir, ec);
  return errors.load() == 0 ? 0 : 1;
}
