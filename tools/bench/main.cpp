// kadedb-bench: the in-process KadeDB driver of the side-by-side benchmark (bench/run.sh). It
// links the library through the public API only and times statements inside one process.
//
//   kadedb-bench DBDIR exec FILE.sql
//       runs each statement of FILE in order; prints one JSON line per statement
//       {"ok":true,"ms":12.3,"tag":"COPY 100","error":""} and stops at the first failure.
//   kadedb-bench DBDIR query FILE.sql [RUNS] [SLOW_MS]
//       runs the query once (warm-up, its rows are printed), then RUNS timed runs (default 5;
//       only 1 when the warm-up took longer than SLOW_MS). Prints a JSON line
//       {"ok":true,"warmup_ms":..,"times_ms":[..],"error":""} and then the rows, one per line,
//       values separated by '|' (NULL printed as NULL).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/json_string.hpp"
#include "kadedb/database.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string ErrorOf(const kadedb::Result& r) {
  return r.status().ToString();
}

int Exec(kadedb::Connection& conn, const std::string& sql) {
  for (const std::string& stmt : kadedb::Connection::SplitStatements(sql)) {
    if (stmt.find_first_not_of(" \t\r\n;") == std::string::npos) continue;
    auto start = Clock::now();
    kadedb::Result r = conn.Query(stmt);
    double ms = MsSince(start);
    std::printf("{\"ok\":%s,\"ms\":%.3f,\"tag\":%s,\"error\":%s}\n", r.ok() ? "true" : "false", ms,
                kadedb::JsonQuote(r.CommandTag()).c_str(),
                kadedb::JsonQuote(r.ok() ? "" : ErrorOf(r)).c_str());
    std::fflush(stdout);
    if (!r.ok()) return 1;
  }
  return 0;
}

int Query(kadedb::Connection& conn, const std::string& sql, int runs, double slow_ms) {
  auto start = Clock::now();
  kadedb::Result first = conn.Query(sql);
  double warmup = MsSince(start);
  if (!first.ok()) {
    std::printf("{\"ok\":false,\"warmup_ms\":%.3f,\"times_ms\":[],\"error\":%s}\n", warmup,
                kadedb::JsonQuote(ErrorOf(first)).c_str());
    return 1;
  }
  if (warmup > slow_ms) runs = 1;
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    kadedb::Result r = conn.Query(sql);
    double ms = MsSince(t);
    if (!r.ok()) {
      std::printf("{\"ok\":false,\"warmup_ms\":%.3f,\"times_ms\":[],\"error\":%s}\n", warmup,
                  kadedb::JsonQuote("run " + std::to_string(i + 1) + ": " + ErrorOf(r)).c_str());
      return 1;
    }
    times.push_back(ms);
  }
  std::string list;
  for (double t : times) list += (list.empty() ? "" : ",") + std::to_string(t);
  std::printf("{\"ok\":true,\"warmup_ms\":%.3f,\"times_ms\":[%s],\"error\":\"\"}\n", warmup,
              list.c_str());
  std::string line;
  for (size_t c = 0; c < first.ChunkCount(); ++c) {
    const kadedb::DataChunk& chunk = first.Chunk(c);
    for (size_t row = 0; row < chunk.size(); ++row) {
      line.clear();
      for (size_t col = 0; col < chunk.ColumnCount(); ++col) {
        if (col) line.push_back('|');
        kadedb::Value v = chunk.GetValue(col, row);
        line += v.IsNull() ? "NULL" : v.ToString();
      }
      std::printf("%s\n", line.c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr,
                 "usage: kadedb-bench DBDIR exec FILE.sql\n"
                 "       kadedb-bench DBDIR query FILE.sql [RUNS] [SLOW_MS]\n");
    return 2;
  }
  std::ifstream in(argv[3]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[3]);
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  kadedb::Options options;
  options.block_cache_bytes = 1ull << 30;  // comparable to the peers' caches in bench/run.sh
  std::unique_ptr<kadedb::Database> db;
  kadedb::Status s = kadedb::Database::Open(argv[1], options, &db);
  if (!s.ok()) {
    std::printf("{\"ok\":false,\"ms\":0,\"warmup_ms\":0,\"times_ms\":[],\"error\":%s}\n",
                kadedb::JsonQuote("open: " + s.ToString()).c_str());
    return 1;
  }
  auto conn = db->Connect();
  std::string mode = argv[2];
  if (mode == "exec") return Exec(*conn, text.str());
  if (mode == "query") {
    int runs = argc > 4 ? std::atoi(argv[4]) : 5;
    double slow_ms = argc > 5 ? std::atof(argv[5]) : 20000;
    return Query(*conn, text.str(), runs, slow_ms);
  }
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
