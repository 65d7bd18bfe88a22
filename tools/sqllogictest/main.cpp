// kadedb-sqllogictest: runs sqllogictest files (SQLite and DuckDB dialects) against KadeDB.
//
//   kadedb-sqllogictest [options] PATH...        each PATH (file or folder) is one suite
//     --suite NAME=PATH[,PATH...]                a named suite
//     --verbose | -v                             print every failure (file:line, SQL, expected/got)
//     --fail-fast                                stop at the first failure
//     --baseline FILE                            exit non-zero if a suite passes fewer records
//     --write-baseline FILE                      write the current pass counts
//     --timeout-per-file SEC                     default 300; 0 disables
//     -j N | --jobs N                            run N files at once (default 1)
//     --threads N                                SET threads = N at the start of every file
//     --skip-list FILE                           for the suites named AFTER it: records listed
//                                                as `path-suffix:line  reason` count as skipped
// The last line of output is always "N passed, M failed[, K skipped]".
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "file_runner.hpp"

namespace {

namespace fs = std::filesystem;
using kadedb::FileCounts;

struct Suite {
  std::string name;
  std::vector<std::string> paths;
  FileCounts counts;
  size_t files = 0;
  const std::vector<kadedb::SkipListEntry>* skip_list = nullptr;
};

void Usage() {
  std::cerr << "usage: kadedb-sqllogictest [--verbose] [--fail-fast] [--baseline FILE]\n"
               "         [--write-baseline FILE] [--timeout-per-file SEC] [-j N] [--threads N]\n"
               "         [--skip-list FILE] [--suite NAME=PATH[,PATH...]]... [PATH...]\n";
}

std::vector<std::string> CollectFiles(const std::string& path) {
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file() && it->path().extension() == ".test") {
        files.push_back(it->path().string());
      }
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  return files;
}

std::map<std::string, uint64_t> ReadBaseline(const std::string& path, bool* ok) {
  std::map<std::string, uint64_t> out;
  std::ifstream in(path);
  *ok = static_cast<bool>(in);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string name;
    uint64_t n;
    if (ls >> name >> n) out[name] = n;
  }
  return out;
}

std::string Percent(const FileCounts& c) {
  uint64_t run = c.passed + c.failed;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", run ? 100.0 * c.passed / run : 100.0);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Suite> suites;
  kadedb::FileRunOptions options;
  std::string baseline_path, write_baseline_path;
  std::vector<std::unique_ptr<std::vector<kadedb::SkipListEntry>>> skip_lists;
  const std::vector<kadedb::SkipListEntry>* current_skip_list = nullptr;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    auto need_value = [&](const char* flag) -> std::string {
      if (i + 1 >= argc) {
        std::cerr << flag << " needs a value\n";
        Usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--verbose" || arg == "-v") {
      options.runner.verbose = true;
    } else if (arg == "--fail-fast") {
      options.runner.fail_fast = true;
    } else if (arg == "--baseline") {
      baseline_path = need_value("--baseline");
    } else if (arg == "--write-baseline") {
      write_baseline_path = need_value("--write-baseline");
    } else if (arg == "-j" || arg == "--jobs") {
      options.jobs = std::atoi(need_value("--jobs").c_str());
    } else if (arg.rfind("-j", 0) == 0 && arg.size() > 2 && std::isdigit(arg[2])) {
      options.jobs = std::atoi(arg.c_str() + 2);
    } else if (arg == "--threads") {
      options.runner.threads = std::atoi(need_value("--threads").c_str());
    } else if (arg == "--timeout-per-file") {
      options.timeout_seconds = std::atoi(need_value("--timeout-per-file").c_str());
    } else if (arg == "--skip-list") {
      std::string file = need_value("--skip-list");
      auto list = std::make_unique<std::vector<kadedb::SkipListEntry>>();
      std::string error;
      if (!kadedb::ReadSkipList(file, list.get(), &error)) {
        std::cerr << error << "\n";
        return 2;
      }
      current_skip_list = list.get();
      skip_lists.push_back(std::move(list));
    } else if (arg == "--suite") {
      std::string spec = need_value("--suite");
      size_t eq = spec.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "--suite expects NAME=PATH[,PATH...]\n";
        return 2;
      }
      Suite s;
      s.name = spec.substr(0, eq);
      s.skip_list = current_skip_list;
      std::stringstream rest(spec.substr(eq + 1));
      std::string p;
      while (std::getline(rest, p, ',')) {
        if (!p.empty()) s.paths.push_back(p);
      }
      suites.push_back(std::move(s));
    } else if (arg == "--help" || arg == "-h") {
      Usage();
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "unknown option " << arg << "\n";
      Usage();
      return 2;
    } else {
      Suite s;
      s.name = arg;
      s.paths.push_back(arg);
      s.skip_list = current_skip_list;
      suites.push_back(std::move(s));
    }
  }
  if (suites.empty()) {
    Usage();
    return 2;
  }

  FileCounts total;
  bool fail_fast_hit = false;
  for (Suite& suite : suites) {
    for (const auto& path : suite.paths) {
      std::error_code ec;
      if (!fs::exists(path, ec)) {
        std::cout << "ERROR " << path << ": no such file or directory\n";
        suite.counts.failed++;
        continue;
      }
      if (fail_fast_hit) break;
      options.skip_list = suite.skip_list;
      kadedb::RunTestFiles(CollectFiles(path), options,
                           [&](const std::string& file, const FileCounts& c) {
                             if (options.runner.verbose) {
                               std::cout << "file " << file << ": " << c.passed << " passed, "
                                         << c.failed << " failed, " << c.skipped << " skipped\n";
                             }
                             suite.counts.passed += c.passed;
                             suite.counts.failed += c.failed;
                             suite.counts.skipped += c.skipped;
                             suite.files++;
                             if (options.runner.fail_fast && c.failed > 0) fail_fast_hit = true;
                           });
    }
    std::cout << "suite " << suite.name << ": " << suite.counts.passed << " passed, "
              << suite.counts.failed << " failed, " << suite.counts.skipped << " skipped, "
              << Percent(suite.counts) << " pass rate (" << suite.files << " files)\n"
              << std::flush;
    total.passed += suite.counts.passed;
    total.failed += suite.counts.failed;
    total.skipped += suite.counts.skipped;
  }

  int exit_code = total.failed > 0 ? 1 : 0;
  if (!baseline_path.empty()) {
    bool ok;
    auto baseline = ReadBaseline(baseline_path, &ok);
    if (!ok) std::cout << "WARNING cannot read baseline " << baseline_path << "\n";
    exit_code = 0;
    for (const Suite& suite : suites) {
      auto it = baseline.find(suite.name);
      if (it == baseline.end()) continue;
      if (suite.counts.passed < it->second) {
        std::cout << "BELOW BASELINE suite " << suite.name << ": " << suite.counts.passed
                  << " passed < baseline " << it->second << "\n";
        exit_code = 1;
      } else if (suite.counts.passed > it->second) {
        std::cout << "above baseline: suite " << suite.name << ": " << suite.counts.passed
                  << " passed > baseline " << it->second << " (raise it)\n";
      }
    }
  }
  if (!write_baseline_path.empty()) {
    std::ofstream out(write_baseline_path);
    out << "# suite passed-count (kadedb-sqllogictest --write-baseline)\n";
    for (const Suite& suite : suites) out << suite.name << " " << suite.counts.passed << "\n";
    if (!out) {
      std::cout << "ERROR cannot write " << write_baseline_path << "\n";
      exit_code = 1;
    }
  }
  std::cout << total.passed << " passed, " << total.failed << " failed";
  if (total.skipped) std::cout << ", " << total.skipped << " skipped";
  std::cout << "\n";
  return exit_code;
}
