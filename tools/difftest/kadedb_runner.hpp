// KadedbRunner: runs SQL on KadeDB in-process through the embedded C++ API (kadedb/database.hpp)
// and normalises the answer into a ResultSet with PostgreSQL's text output for each value.
#pragma once

#include <memory>
#include <string>

#include "kadedb/database.hpp"
#include "result_set.hpp"

namespace kadedb::difftest {

class KadedbRunner {
 public:
  // Opens a fresh database in directory dir (removing what was there). On failure *error says why.
  bool Open(const std::string& dir, std::string* error);
  ResultSet Run(const std::string& sql);

 private:
  std::unique_ptr<Database> db_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace kadedb::difftest
