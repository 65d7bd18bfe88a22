// Shell: statement execution, script reading and the interactive readline loop.
#include "shell.hpp"

#include <readline/history.h>
#include <readline/readline.h>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "error_printer.hpp"

namespace kadedb {

namespace {

constexpr const char* kPrompt = "kadedb> ";
constexpr const char* kContinuationPrompt = "   ...> ";

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.kadedb_history";
}

volatile sig_atomic_t interrupted = 0;

// Ctrl-C at the prompt abandons the line and any open multi-line statement instead of killing
// the shell (readline restores the terminal before calling us).
void HandleInterrupt(int) {
  interrupted = 1;
  if (!RL_ISSTATE(RL_STATE_READCMD)) return;  // a statement is running: it cannot be cancelled
  if (write(STDOUT_FILENO, "\n", 1) < 0) {
  }
  rl_on_new_line();
  rl_replace_line("", 0);
  rl_redisplay();
}

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string TrimLeft(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b);
}

// Whether the text holds only comments and whitespace (nothing to execute).
bool OnlyComments(const std::string& s) {
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    std::string t = TrimLeft(line);
    if (!t.empty() && t.rfind("--", 0) != 0) return false;
  }
  return true;
}

}  // namespace

Shell::Shell(std::unique_ptr<Database> db) : db_(std::move(db)), conn_(db_->Connect()) {}

Result Shell::QueryQuiet(const std::string& sql) {
  return conn_->Query(sql);
}

bool Shell::RunStatement(const std::string& raw) {
  std::string statement = TrimLeft(raw);
  if (statement.empty() || OnlyComments(statement)) return true;
  auto start = std::chrono::steady_clock::now();
  Result r = conn_->Query(statement);
  auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  if (!r.ok()) {
    std::cout.flush();
    PrintError(r.status(), statement, std::cerr);
    return false;
  }
  if (r.HasRows()) {
    RenderRows(r, mode_, std::cout);
  } else if (!r.CommandTag().empty() && mode_ == RenderMode::kTable) {
    std::cout << r.CommandTag() << "\n";
  }
  if (timer_) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "Time: %.3f ms\n", elapsed.count());
    std::cout << buf;
  }
  std::cout.flush();
  return true;
}

bool Shell::RunSql(const std::string& sql, bool bail) {
  bool ok = true;
  for (const auto& statement : Connection::SplitStatements(sql)) {
    if (IsBlank(statement)) continue;
    if (!RunStatement(statement)) {
      ok = false;
      if (bail) break;
    }
  }
  return ok;
}

bool Shell::RunScript(std::istream& in, bool bail) {
  bool ok = true;
  std::string buffer, line;
  while (!quit_ && std::getline(in, line)) {
    if (buffer.empty() || IsBlank(buffer)) {
      std::string t = TrimLeft(line);
      if (!t.empty() && t[0] == '.') {
        buffer.clear();
        if (!RunDotCommand(t)) {
          ok = false;
          if (bail) return false;
        }
        continue;
      }
    }
    buffer += line;
    buffer += '\n';
    if (Connection::IsComplete(buffer)) {
      if (!RunSql(buffer, bail)) {
        ok = false;
        if (bail) return false;
      }
      buffer.clear();
    }
  }
  // A trailing statement without ';' still runs (as psql does at end of input).
  if (!quit_ && !IsBlank(buffer) && !OnlyComments(buffer)) {
    if (!RunSql(buffer, bail)) ok = false;
  }
  return ok;
}

int Shell::RunInteractive() {
  const std::string history = HistoryPath();
  using_history();
  read_history(history.c_str());
  std::cout << "KadeDB "
            << "0.1.0"
            << " shell on " << db_->path()
            << "\nEnter SQL terminated by ';', or .help for the dot commands.\n";
  std::signal(SIGINT, HandleInterrupt);
  std::string buffer;
  while (!quit_) {
    interrupted = 0;
    char* input = readline(buffer.empty() ? kPrompt : kContinuationPrompt);
    if (interrupted) buffer.clear();
    if (input == nullptr) {  // EOF (Ctrl-D)
      std::cout << "\n";
      break;
    }
    std::string line(input);
    std::free(input);
    if (buffer.empty()) {
      std::string t = TrimLeft(line);
      if (t.empty()) continue;
      if (t[0] == '.') {
        add_history(t.c_str());
        append_history(1, history.c_str());
        RunDotCommand(t);
        continue;
      }
    }
    buffer += line;
    buffer += '\n';
    if (Connection::IsComplete(buffer)) {
      std::string entry = buffer.substr(0, buffer.size() - 1);
      add_history(entry.c_str());
      // append_history needs the file to exist; write_history creates it.
      if (append_history(1, history.c_str()) != 0) write_history(history.c_str());
      RunSql(buffer, false);
      buffer.clear();
    }
  }
  history_truncate_file(history.c_str(), 5000);
  return 0;
}

}  // namespace kadedb
