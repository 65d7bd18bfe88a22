// libFuzzer target: parse and bind arbitrary text against a small catalog. Any input must end in
// a plan or a kadedb::Exception — never a crash, hang or sanitizer report. Plans are optimized
// too (the optimizer's rewrites run on whatever the binder accepted) but not executed.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>

#include "common/exception.hpp"
#include "kadedb/database.hpp"
#include "main/database_instance.hpp"
#include "optimizer/optimizer.hpp"
#include "parser/parser.hpp"
#include "planner/planner.hpp"

namespace {

kadedb::Database* SharedDatabase() {
  static std::unique_ptr<kadedb::Database> db = [] {
    std::string dir = "/tmp/kadedb-fuzz-binder-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir);
    std::unique_ptr<kadedb::Database> out;
    kadedb::Options options;
    options.sync_commits = false;
    if (!kadedb::Database::Open(dir, options, &out).ok()) std::abort();
    auto conn = out->Connect();
    const char* setup =
        "CREATE TABLE t1(a INTEGER PRIMARY KEY, b TEXT, c NUMERIC(10,2), d DATE);"
        "CREATE TABLE t2(x BIGINT, y VARCHAR(10) NOT NULL DEFAULT 'z', z DOUBLE PRECISION,"
        " CHECK (x > 0));"
        "CREATE INDEX t2_x ON t2(x);"
        "CREATE VIEW v AS SELECT a, b FROM t1 WHERE a > 1;";
    if (!conn->Query(setup).ok()) std::abort();
    return out;
  }();
  return db.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  kadedb::Database* db = SharedDatabase();
  try {
    auto statements = kadedb::Parser::ParseStatements(sql);
    for (auto& statement : statements) {
      try {
        kadedb::PlannedStatement planned =
            kadedb::PlanStatement(db->instance().catalog(), *statement, kadedb::BindSettings());
        if (planned.plan) (void)kadedb::Optimize(std::move(planned.plan));
      } catch (const kadedb::Exception&) {
      }
    }
  } catch (const kadedb::Exception&) {
  }
  return 0;
}
