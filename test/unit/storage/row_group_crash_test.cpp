// kill -9 during sealing loses nothing: a child process appends committed batches and seals row
// groups in a loop (explicitly and through the background sealer) and is killed at a random
// moment, five times over the same database; after each kill every committed row is there exactly
// once (row store or row group), with its values, and the batches are whole.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "storage/data_table.hpp"
#include "storage_test_util.hpp"

namespace kadedb {
namespace {

constexpr uint64_t kTable = 22000;
constexpr int kBatch = 700;

std::vector<LogicalType> Types() {
  return {TypeId::kBigInt, TypeId::kText};
}

[[noreturn]] void ChildLoop(const std::string& path, int64_t start) {
  Options options;
  options.sync_commits = true;
  std::unique_ptr<StorageEngine> engine;
  if (!StorageEngine::Open(path, options, &engine).ok()) _exit(3);
  DataTable table(*engine, kTable, Types());
  for (int64_t next = start;; next += kBatch) {
    auto txn = engine->BeginTransaction();
    DataChunk chunk(Types());
    for (int64_t i = next; i < next + kBatch; i++) {
      chunk.AppendRow({Value::BigInt(i), Value::Text("row" + std::to_string(i))});
    }
    if ((next / kBatch) % 3 == 0) {
      table.AppendRowGroup(*txn, chunk, nullptr);
    } else {
      table.Append(*txn, chunk, nullptr);
    }
    txn->Commit();
    table.SealFullRowGroups();
  }
}

TEST(RowGroupCrashTest, KillDuringSealingLosesNothing) {
  ScopedRowGroupSize group_size(1000);
  TempDbDir dir;
  std::mt19937 rng(12345);
  int64_t committed = 0;
  for (int cycle = 0; cycle < 5; cycle++) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) ChildLoop(dir.path(), committed);
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + rng() % 700));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);

    setenv("KADEDB_SEALER", "off", 1);
    auto engine = OpenOrDie(dir.path());
    DataTable table(*engine, kTable, Types());
    auto txn = engine->BeginTransaction();
    auto state = table.InitScan(*txn, {0, 1});
    DataChunk chunk(Types());
    std::vector<row_t> ids;
    std::set<int64_t> values;
    std::set<row_t> seen_ids;
    while (table.Scan(*state, chunk, ids)) {
      for (size_t i = 0; i < chunk.size(); i++) {
        int64_t v = chunk.column(0).ints()[i];
        ASSERT_EQ(chunk.column(1).strings()[i], "row" + std::to_string(v));
        ASSERT_TRUE(values.insert(v).second) << "value " << v << " twice";
        ASSERT_TRUE(seen_ids.insert(ids[i]).second) << "row id " << ids[i] << " twice";
      }
    }
    // Whole batches only, and at least everything committed before this cycle.
    ASSERT_EQ(values.size() % kBatch, 0u);
    ASSERT_GE(static_cast<int64_t>(values.size()), committed);
    if (!values.empty()) {
      EXPECT_EQ(*values.begin(), 0);
      EXPECT_EQ(*values.rbegin(), static_cast<int64_t>(values.size()) - 1);
    }
    EXPECT_TRUE(table.VerifyRowGroups(*txn).empty());
    committed = static_cast<int64_t>(values.size());
    unsetenv("KADEDB_SEALER");
  }
  EXPECT_GT(committed, 0);
}

}  // namespace
}  // namespace kadedb
