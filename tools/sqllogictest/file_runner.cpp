// RunTestFile: parse in the parent, execute in a forked child that streams one byte per record
// outcome through a pipe; the parent enforces the timeout and accounts for crashes.
#include "file_runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace kadedb {

namespace {

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/kadedb-slt-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) return "";
  return std::string(buf.data());
}

[[noreturn]] void ChildMain(const TestFile& file, const std::string& dir, int fd,
                            const RunnerOptions& options) {
  auto write_byte = [fd](char c) {
    while (write(fd, &c, 1) < 0 && errno == EINTR) {
    }
  };
  Options db_options;
  db_options.sync_commits = false;
  std::unique_ptr<Database> db;
  Status s = Database::Open(dir + "/db", db_options, &db);
  if (!s.ok()) {
    std::cout << "ERROR " << file.path << ": cannot open database: " << s.ToString() << "\n";
    std::cout.flush();
    _exit(3);
  }
  auto conn = db->Connect();
  RecordRunner runner(file, conn.get(), options,
                      [&](Outcome o) { write_byte(static_cast<char>(o)); });
  runner.Run();
  std::cout.flush();
  conn.reset();
  db.reset();
  _exit(0);
}

}  // namespace

FileCounts RunTestFile(const std::string& path, const FileRunOptions& options) {
  FileCounts counts;
  TestFile file;
  std::string error;
  if (!ParseTestFile(path, &file, &error)) {
    std::cout << "ERROR " << error << "\n";
    counts.failed = 1;
    return counts;
  }
  uint64_t total = 0;
  for (const auto& rec : file.records) total += rec.Counts() ? 1 : 0;
  if (!file.skip_reason.empty()) {
    counts.skipped = total;
    if (options.runner.verbose) std::cout << "SKIP " << path << ": " << file.skip_reason << "\n";
    return counts;
  }
  std::string dir = MakeTempDir();
  if (dir.empty()) {
    std::cout << "ERROR " << path << ": cannot create a temporary directory\n";
    counts.failed = total;
    return counts;
  }
  int fds[2];
  if (pipe(fds) != 0) {
    std::cout << "ERROR " << path << ": pipe failed\n";
    counts.failed = total;
    return counts;
  }
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    ChildMain(file, dir, fds[1], options.runner);
  }
  close(fds[1]);
  bool halted = false, timed_out = false;
  uint64_t reported = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  char buf[4096];
  while (true) {
    int wait_ms = -1;
    if (options.timeout_seconds > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      if (left <= 0) {
        timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(std::min<long long>(left, 1000));
    }
    pollfd p{fds[0], POLLIN, 0};
    int pr = poll(&p, 1, wait_ms);
    if (pr < 0 && errno == EINTR) continue;
    if (pr == 0) continue;
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t k = 0; k < n; k++) {
      switch (static_cast<Outcome>(buf[k])) {
        case Outcome::kPassed:
          counts.passed++;
          reported++;
          break;
        case Outcome::kFailed:
          counts.failed++;
          reported++;
          break;
        case Outcome::kSkipped:
          counts.skipped++;
          reported++;
          break;
        case Outcome::kHalted:
          halted = true;
          break;
      }
    }
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!halted && reported < total && (!clean || timed_out)) {
    uint64_t rest = total - reported;
    counts.failed += rest;
    std::string why = timed_out ? "timed out after " + std::to_string(options.timeout_seconds) + "s"
                      : WIFSIGNALED(status)
                          ? std::string("crashed (signal ") + std::to_string(WTERMSIG(status)) +
                                ": " + strsignal(WTERMSIG(status)) + ")"
                          : "exited with status " + std::to_string(WEXITSTATUS(status));
    std::cout << "ERROR " << path << ": engine " << why << " after " << reported << " of " << total
              << " records; " << rest << " counted as failed\n";
  } else if (!clean) {
    std::cout << "ERROR " << path << ": child exited abnormally (status " << status << ")\n";
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return counts;
}

}  // namespace kadedb
