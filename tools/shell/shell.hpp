// Shell: the kadedb command-line client over one Database. Runs SQL from an interactive
// readline session, from -c strings and from scripts (stdin, .read), and the dot commands.
// Single-threaded.
#pragma once

#include <istream>
#include <memory>
#include <string>

#include "kadedb/database.hpp"
#include "result_renderer.hpp"

namespace kadedb {

class Shell {
 public:
  // REQUIRES: db is open. The shell keeps one Connection for its lifetime.
  explicit Shell(std::unique_ptr<Database> db);

  // The readline REPL with history in ~/.kadedb_history. Returns the process exit code.
  int RunInteractive();
  // Runs a script (statements and dot commands, no prompts). Returns false when any statement
  // failed. With bail, stops at the first failure.
  bool RunScript(std::istream& in, bool bail);
  // Runs every statement of sql (split with Connection::SplitStatements). Returns false when
  // any failed; with bail, stops at the first failure.
  bool RunSql(const std::string& sql, bool bail);

  void set_mode(RenderMode mode) { mode_ = mode; }
  bool quit_requested() const { return quit_; }

 private:
  // One statement: execute, render rows or the command tag, print errors and timing.
  bool RunStatement(const std::string& statement);
  // A line starting with '.'. Returns false when the command failed.
  bool RunDotCommand(const std::string& line);
  bool ShowTables();
  bool ShowSchema(const std::string& table);
  // Runs a catalog query quietly; returns the result (which may be an error).
  Result QueryQuiet(const std::string& sql);

  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> conn_;
  RenderMode mode_ = RenderMode::kTable;
  bool timer_ = false;
  bool quit_ = false;
  int read_depth_ = 0;  // nesting of .read, to stop runaway recursion
};

}  // namespace kadedb
