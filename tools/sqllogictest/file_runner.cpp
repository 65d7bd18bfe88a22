// RunTestFiles: parse in the parent, execute in forked children that stream one byte per record
// outcome through a pipe; the parent multiplexes the pipes with poll(2), enforces the timeout and
// accounts for crashes.
#include "file_runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace kadedb {

namespace {

using Clock = std::chrono::steady_clock;

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
  // Relative file names in a test (COPY ... 'data.csv') land in the file's private directory.
  if (chdir(dir.c_str()) != 0) _exit(3);
  auto conn = db->Connect();
  if (options.threads > 0) conn->Query("SET threads = " + std::to_string(options.threads));
  RecordRunner runner(file, conn.get(), options,
                      [&](Outcome o) { write_byte(static_cast<char>(o)); });
  runner.Run();
  std::cout.flush();
  conn.reset();
  db.reset();
  _exit(0);
}

bool EndsWithPath(const std::string& path, const std::string& suffix) {
  if (suffix.size() > path.size()) return false;
  if (path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  return suffix.size() == path.size() || suffix[0] == '/' ||
         path[path.size() - suffix.size() - 1] == '/';
}

void ApplySkipList(const std::vector<SkipListEntry>& list, TestFile* file) {
  for (const SkipListEntry& e : list) {
    if (!EndsWithPath(file->path, e.path_suffix)) continue;
    for (SltRecord& rec : file->records) {
      if (rec.line == e.line) rec.skip_by_list = e.reason.empty() ? "(no reason given)" : e.reason;
    }
  }
}

struct Running {
  std::string path;
  std::string dir;
  pid_t pid = -1;
  int fd = -1;
  uint64_t total = 0;
  uint64_t reported = 0;
  bool halted = false;
  Clock::time_point deadline;
  FileCounts counts;
};

// Parses and forks. Returns nullptr when the file finished without a child (skipped or
// unreadable), after reporting it through done.
std::unique_ptr<Running> Start(
    const std::string& path, const FileRunOptions& options,
    const std::function<void(const std::string&, const FileCounts&)>& done) {
  FileCounts counts;
  TestFile file;
  std::string error;
  if (!ParseTestFile(path, &file, &error)) {
    std::cout << "ERROR " << error << "\n";
    counts.failed = 1;
    done(path, counts);
    return nullptr;
  }
  if (options.skip_list != nullptr) ApplySkipList(*options.skip_list, &file);
  uint64_t total = 0;
  for (const auto& rec : file.records) total += rec.Counts() ? 1 : 0;
  if (!file.skip_reason.empty()) {
    counts.skipped = total;
    if (options.runner.verbose) std::cout << "SKIP " << path << ": " << file.skip_reason << "\n";
    done(path, counts);
    return nullptr;
  }
  std::string dir = MakeTempDir();
  int fds[2];
  if (dir.empty() || pipe(fds) != 0) {
    std::cout << "ERROR " << path << ": cannot create a temporary directory or pipe\n";
    counts.failed = total;
    done(path, counts);
    return nullptr;
  }
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    ChildMain(file, dir, fds[1], options.runner);
  }
  close(fds[1]);
  auto r = std::make_unique<Running>();
  r->path = path;
  r->dir = dir;
  r->pid = pid;
  r->fd = fds[0];
  r->total = total;
  r->deadline = options.timeout_seconds > 0
                    ? Clock::now() + std::chrono::seconds(options.timeout_seconds)
                    : Clock::time_point::max();
  return r;
}

// Reads what the child has sent. Returns false at end of stream.
bool Drain(Running& r) {
  char buf[4096];
  ssize_t n = read(r.fd, buf, sizeof buf);
  if (n < 0 && errno == EINTR) return true;
  if (n <= 0) return false;
  for (ssize_t k = 0; k < n; k++) {
    switch (static_cast<Outcome>(buf[k])) {
      case Outcome::kPassed:
        r.counts.passed++, r.reported++;
        break;
      case Outcome::kFailed:
        r.counts.failed++, r.reported++;
        break;
      case Outcome::kSkipped:
        r.counts.skipped++, r.reported++;
        break;
      case Outcome::kHalted:
        r.halted = true;
        break;
    }
  }
  return true;
}

void Finish(Running& r, bool timed_out, const FileRunOptions& options) {
  close(r.fd);
  if (timed_out) kill(r.pid, SIGKILL);
  int status = 0;
  while (waitpid(r.pid, &status, 0) < 0 && errno == EINTR) {
  }
  bool clean = !timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!clean && !r.halted && r.reported < r.total) {
    uint64_t rest = r.total - r.reported;
    r.counts.failed += rest;
    std::string why = timed_out ? "timed out after " + std::to_string(options.timeout_seconds) + "s"
                      : WIFSIGNALED(status)
                          ? std::string("crashed (signal ") + std::to_string(WTERMSIG(status)) +
                                ": " + strsignal(WTERMSIG(status)) + ")"
                          : "exited with status " + std::to_string(WEXITSTATUS(status));
    std::cout << "ERROR " << r.path << ": engine " << why << " after " << r.reported << " of "
              << r.total << " records; " << rest << " counted as failed\n";
  } else if (!clean) {
    std::cout << "ERROR " << r.path << ": child exited abnormally (status " << status << ")\n";
  }
  std::error_code ec;
  std::filesystem::remove_all(r.dir, ec);
}

}  // namespace

bool ReadSkipList(const std::string& path, std::vector<SkipListEntry>* out, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read skip list " + path;
    return false;
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    n++;
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    size_t ws = line.find_first_of(" \t", b);
    std::string target = line.substr(b, ws == std::string::npos ? std::string::npos : ws - b);
    size_t colon = target.rfind(':');
    SkipListEntry e;
    if (colon == std::string::npos || colon == 0 ||
        target.find_first_not_of("0123456789", colon + 1) != std::string::npos ||
        colon + 1 == target.size()) {
      *error = path + ":" + std::to_string(n) + ": expected `path-suffix:line  reason`";
      return false;
    }
    e.path_suffix = target.substr(0, colon);
    e.line = std::atoi(target.c_str() + colon + 1);
    if (ws != std::string::npos) {
      size_t r = line.find_first_not_of(" \t", ws);
      if (r != std::string::npos) e.reason = line.substr(r);
    }
    out->push_back(std::move(e));
  }
  return true;
}

void RunTestFiles(const std::vector<std::string>& files, const FileRunOptions& options,
                  const std::function<void(const std::string&, const FileCounts&)>& done) {
  const size_t jobs = options.jobs < 1 ? 1 : static_cast<size_t>(options.jobs);
  std::vector<std::unique_ptr<Running>> running;
  size_t next = 0;
  bool stop = false;
  auto report = [&](const std::string& path, const FileCounts& c) {
    if (options.runner.fail_fast && c.failed > 0) stop = true;
    done(path, c);
  };
  while (true) {
    while (!stop && next < files.size() && running.size() < jobs) {
      auto r = Start(files[next++], options, report);
      if (r) running.push_back(std::move(r));
    }
    if (running.empty()) break;
    std::vector<pollfd> fds;
    auto now = Clock::now();
    int wait_ms = 1000;
    for (auto& r : running) {
      fds.push_back(pollfd{r->fd, POLLIN, 0});
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(r->deadline - now).count();
      if (left < wait_ms) wait_ms = static_cast<int>(left < 0 ? 0 : left);
    }
    int pr = poll(fds.data(), fds.size(), wait_ms);
    if (pr < 0 && errno != EINTR) break;
    now = Clock::now();
    for (size_t i = running.size(); i-- > 0;) {
      Running& r = *running[i];
      bool ended = false, timed_out = false;
      if (pr > 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) ended = !Drain(r);
      if (!ended && now >= r.deadline) ended = timed_out = true;
      if (ended) {
        Finish(r, timed_out, options);
        report(r.path, r.counts);
        running.erase(running.begin() + static_cast<long>(i));
      }
    }
  }
}

}  // namespace kadedb
