// kadedb-crashtest: kills a process of concurrent writers (bank transfers, inserts, updates of
// indexed tables) with SIGKILL at random moments and checks after each reopen that every
// acknowledged commit survived, no transaction is partly visible, the balances still add up,
// every index agrees with its table and the catalog is intact (crash_checker.cpp).
//
//   kadedb-crashtest [--cycles N] [--dir D] [--threads T] [--min-ms 50] [--max-ms 500]
//                    [--seed S] [--keep]
// D is wiped first unless --keep. Every report line of the writer (each acknowledged commit) is
// appended to D.acks, a file outside the database, and synced before each check. Prints one line
// per cycle and ends with "N passed, M failed"; exits 1 on any violation.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

#include "crash_test.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  int cycles = 20;
  std::string dir;
  int min_ms = 50;
  int max_ms = 500;
  uint64_t seed = 0;
  bool keep = false;
  int threads = 4;
};

void Usage() {
  std::cerr << "usage: kadedb-crashtest [--cycles N] [--dir D] [--threads T] [--min-ms MS] "
               "[--max-ms MS] [--seed S] [--keep]\n";
}

bool ParseArgs(int argc, char** argv, Args* a) {
  for (int i = 1; i < argc; i++) {
    std::string s = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (s == "--keep") {
      a->keep = true;
      continue;
    }
    if (s == "-h" || s == "--help") return false;
    if ((v = value()) == nullptr) return false;
    if (s == "--cycles") {
      a->cycles = std::atoi(v);
    } else if (s == "--dir") {
      a->dir = v;
    } else if (s == "--threads") {
      a->threads = std::atoi(v);
    } else if (s == "--min-ms") {
      a->min_ms = std::atoi(v);
    } else if (s == "--max-ms") {
      a->max_ms = std::atoi(v);
    } else if (s == "--seed") {
      a->seed = std::strtoull(v, nullptr, 10);
    } else {
      return false;
    }
  }
  if (a->max_ms < a->min_ms) a->max_ms = a->min_ms;
  return a->cycles > 0 && a->threads >= 1 && a->threads <= kadedb::kMaxWriterThreads;
}

// Parses the writer's report lines into expect; returns writer-side violations.
int ConsumeReports(std::string* pending, kadedb::CrashExpectations* expect, uint64_t* acked) {
  int violations = 0;
  size_t start = 0, nl;
  while ((nl = pending->find('\n', start)) != std::string::npos) {
    std::string line = pending->substr(start, nl - start);
    start = nl + 1;
    if (line.empty()) continue;
    switch (line[0]) {
      case 'T':
        expect->table_created = true;
        break;
      case 'A': {
        int64_t id = std::stoll(line.substr(2));
        if (!expect->deleted.count(id)) expect->acknowledged.insert(id);
        expect->total_acknowledged++;
        (*acked)++;
        break;
      }
      case 'R':
        expect->rejected.insert(std::stoll(line.substr(2)));
        break;
      case 'q':
      case 'p': {
        std::vector<int64_t>& pending =
            line[0] == 'q' ? expect->pending_trim : expect->pending_settle;
        pending.clear();
        std::istringstream in(line.substr(1));
        int64_t id = 0;
        while (in >> id) pending.push_back(id);
        break;
      }
      case 'Y':
      case 'y':
        kadedb::ResolveTrim(expect, line[0] == 'Y');
        (*acked)++;
        break;
      case 'S':
      case 's':
        kadedb::ResolveSettlement(expect, line[0] == 'S');
        (*acked)++;
        break;
      case 'X': {
        std::istringstream in(line.substr(2));
        int64_t id = 0;
        kadedb::CrashTransfer t;
        in >> id >> t.src >> t.dst >> t.amount;
        if (!expect->settled.count(id)) expect->transfers[id] = t;
        expect->total_transfers++;
        (*acked)++;
        break;
      }
      case 'C':
      case 'D':
        expect->alter_seq = std::stoll(line.substr(2));
        expect->alter_added = line[0] == 'C';
        (*acked)++;
        break;
      case 'U': {
        std::istringstream in(line.substr(2));
        int64_t item = 0, v = 0;
        in >> item >> v;
        int64_t& last = expect->item_values[item];
        last = std::max(last, v);
        (*acked)++;
        break;
      }
      default:
        violations++;
        std::printf("  VIOLATION (writer): %s\n", line.substr(2).c_str());
    }
  }
  pending->erase(0, start);
  return violations;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    Usage();
    return 2;
  }
  if (args.dir.empty()) args.dir = "/tmp/kadedb-crashtest-" + std::to_string(getpid());
  if (args.seed == 0) args.seed = static_cast<uint64_t>(Clock::now().time_since_epoch().count());
  std::error_code ec;
  if (!args.keep) std::filesystem::remove_all(args.dir, ec);
  std::printf("crashtest: dir %s, %d cycles, %d writer threads, kill after %d-%d ms, seed %llu\n",
              args.dir.c_str(), args.cycles, args.threads, args.min_ms, args.max_ms,
              static_cast<unsigned long long>(args.seed));
  std::fflush(stdout);

  // Small row groups, so the sealer seals rows of every table during the run (read once, when
  // the writer's first table opens).
  setenv("KADEDB_ROW_GROUP_SIZE", "32", 0);
  std::string ack_path = args.dir + ".acks";
  int ack_fd =
      open(ack_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | (args.keep ? 0 : O_TRUNC), 0644);
  if (ack_fd < 0) {
    std::perror(ack_path.c_str());
    return 1;
  }
  std::mt19937_64 rng(args.seed);
  kadedb::CrashExpectations expect;
  int passed = 0, failed = 0;
  for (int cycle = 1; cycle <= args.cycles; cycle++) {
    int violations = 0;
    auto cycle_start = Clock::now();
    int delay_ms = args.min_ms + static_cast<int>(rng() % (args.max_ms - args.min_ms + 1));
    int fds[2];
    if (pipe(fds) != 0) {
      std::perror("pipe");
      return 1;
    }
    // Each cycle writes its own id range, so an unacknowledged in-flight statement of a killed
    // writer never collides with the next writer's ids.
    int64_t first_id = static_cast<int64_t>(cycle) * 10000000 + 1;
    uint64_t writer_seed = rng();
    std::fflush(stdout);
    pid_t writer = fork();
    if (writer == 0) {
      close(fds[0]);
      kadedb::RunCrashWriter(args.dir, fds[1], first_id, writer_seed, args.threads);
    }
    close(fds[1]);
    // One cycle in four counts the delay from the fork, so kills also land while the database
    // opens and recovers; the others count it from the writer's "T" (schema ready), so they land
    // while transactions are in flight however long the open took.
    bool from_ready = rng() % 4 != 0;
    auto deadline = Clock::now() + std::chrono::milliseconds(from_ready ? 30000 : delay_ms);
    std::string pending;
    uint64_t acked = 0;
    bool killed = false, eof = false;
    char buf[8192];
    while (!eof) {
      int wait_ms = -1;
      if (!killed) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
          kill(writer, SIGKILL);
          killed = true;
          continue;
        }
        wait_ms = static_cast<int>(left);
      }
      pollfd p{fds[0], POLLIN, 0};
      int pr = poll(&p, 1, wait_ms);
      if (pr <= 0) continue;
      ssize_t n = read(fds[0], buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        eof = true;
        break;
      }
      if (from_ready && !killed &&
          std::string_view(buf, static_cast<size_t>(n)).find("T\n") != std::string_view::npos) {
        from_ready = false;
        deadline = Clock::now() + std::chrono::milliseconds(delay_ms);
      }
      pending.append(buf, static_cast<size_t>(n));
      if (write(ack_fd, buf, static_cast<size_t>(n)) != n) {
        std::perror(ack_path.c_str());
        return 1;
      }
      violations += ConsumeReports(&pending, &expect, &acked);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(writer, &status, 0) < 0 && errno == EINTR) {
    }
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
      violations++;
      std::printf("  VIOLATION: the writer ended by itself (status %d) before the kill\n", status);
    }
    fsync(ack_fd);  // the record of what was acknowledged outlives this harness too
    // Check in a fresh process (no threads of an open database in the parent across fork).
    std::fflush(stdout);
    auto check_start = Clock::now();
    int outcome_fds[2];
    if (pipe(outcome_fds) != 0) {
      std::perror("pipe");
      return 1;
    }
    pid_t checker = fork();
    if (checker == 0) {
      close(outcome_fds[0]);
      kadedb::CrashOutcome outcome;
      int v = kadedb::CheckCrashDatabase(args.dir, expect, &outcome, writer_seed);
      std::printf("  reopened: %llu rows present\n", static_cast<unsigned long long>(outcome.rows));
      std::fflush(stdout);
      char answer[2] = {outcome.trim_committed ? 'Y' : 'y', outcome.settle_committed ? 'S' : 's'};
      if (write(outcome_fds[1], answer, 2) != 2) v++;
      _exit(v > 100 ? 100 : v);
    }
    close(outcome_fds[1]);
    char answer[2] = {'y', 's'};
    ssize_t got = 0;
    while (got < 2) {
      ssize_t n = read(outcome_fds[0], answer + got, static_cast<size_t>(2 - got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += n;
    }
    close(outcome_fds[0]);
    while (waitpid(checker, &status, 0) < 0 && errno == EINTR) {
    }
    // The pending trim / settlement is resolved by what the check found (all or nothing).
    kadedb::ResolveTrim(&expect, got == 2 && answer[0] == 'Y');
    kadedb::ResolveSettlement(&expect, got == 2 && answer[1] == 'S');
    if (WIFEXITED(status)) {
      violations += WEXITSTATUS(status);
    } else {
      violations++;
      std::printf("  VIOLATION: the checker crashed (signal %d)\n",
                  WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    double cycle_s = std::chrono::duration<double>(Clock::now() - cycle_start).count();
    double check_s = std::chrono::duration<double>(Clock::now() - check_start).count();
    std::printf(
        "cycle %d/%d: killed after %d ms, %llu commits acknowledged this cycle; in total %llu "
        "rows, %llu transfers acknowledged (%zu rows, %zu transfers live, %zu deleted, %zu "
        "settled); %.2f s (check %.2f s): %s\n",
        cycle, args.cycles, delay_ms, static_cast<unsigned long long>(acked),
        static_cast<unsigned long long>(expect.total_acknowledged),
        static_cast<unsigned long long>(expect.total_transfers), expect.acknowledged.size(),
        expect.transfers.size(), expect.deleted.size(), expect.settled.size(), cycle_s, check_s,
        violations == 0 ? "ok" : "FAILED");
    std::fflush(stdout);
    (violations == 0 ? passed : failed)++;
  }
  std::printf(
      "%d passed, %d failed; %llu rows and %llu transfers acknowledged in all, %zu rows deleted "
      "and %zu transfers settled by acknowledged trims / settlements\n",
      passed, failed, static_cast<unsigned long long>(expect.total_acknowledged),
      static_cast<unsigned long long>(expect.total_transfers), expect.deleted.size(),
      expect.settled.size());
  return failed == 0 ? 0 : 1;
}
