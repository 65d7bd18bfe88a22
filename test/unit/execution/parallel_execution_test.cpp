// Unit tests of parallel execution and the memory budget that SQL cannot pin down: the task
// scheduler (every index runs once, errors reach the caller, nested calls run inline), serial and
// parallel runs agreeing through the C++ API, and 53200 over the memory limit leaving the
// session usable.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "execution/parallel/task_scheduler.hpp"
#include "kadedb/database.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

namespace fs = std::filesystem;

TEST(TaskSchedulerTest, RunsEveryIndexOnceAcrossThreads) {
  std::mutex mutex;
  std::multiset<size_t> seen;
  std::set<std::thread::id> thread_ids;
  TaskScheduler::Get().RunOnThreads(4, [&](size_t i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard<std::mutex> lock(mutex);
    seen.insert(i);
    thread_ids.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(seen, (std::multiset<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(thread_ids.size(), 4u);  // fn(0) on the caller, the others on workers
}

TEST(TaskSchedulerTest, FirstErrorReachesTheCallerAfterEveryTaskEnded) {
  std::atomic<int> finished{0};
  EXPECT_THROW(TaskScheduler::Get().RunOnThreads(3,
                                                 [&](size_t i) {
                                                   if (i == 2) throw std::runtime_error("boom");
                                                   std::this_thread::sleep_for(
                                                       std::chrono::milliseconds(30));
                                                   finished++;
                                                 }),
               std::runtime_error);
  EXPECT_EQ(finished.load(), 2);
}

TEST(TaskSchedulerTest, NestedCallsRunOnTheWorkerThread) {
  std::atomic<int> inner_calls{0};
  std::atomic<bool> nested_on_same_thread{true};
  TaskScheduler::Get().RunOnThreads(2, [&](size_t i) {
    if (i == 0) return;
    auto outer = std::this_thread::get_id();
    TaskScheduler::Get().RunOnThreads(3, [&](size_t) {
      inner_calls++;
      if (std::this_thread::get_id() != outer) nested_on_same_thread = false;
    });
  });
  EXPECT_EQ(inner_calls.load(), 3);
  EXPECT_TRUE(nested_on_same_thread.load());
}

class ParallelQueryTest : public test::DatabaseTest {
 protected:
  ParallelQueryTest() : DatabaseTest("kadedb_parallel_test") {}
  std::string One(const std::string& sql) {
    Result r = conn_->Query(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    if (!r.ok() || r.RowCount() == 0) return "<none>";
    std::string s;
    for (size_t c = 0; c < r.ColumnCount(); c++) s += (c ? "|" : "") + r.GetValue(c, 0).ToString();
    return s;
  }
};

TEST_F(ParallelQueryTest, SerialAndParallelRunsAgree) {
  const char* queries[] = {
      "SELECT count(*), sum(x), min(x), max(x) FROM generate_series(1, 2000000) t(x)",
      "SELECT count(*), sum(s) FROM (SELECT x % 77777 AS k, sum(x * 3) AS s FROM "
      "generate_series(1, 1000000) t(x) GROUP BY 1) q",
      "SELECT string_agg(y::VARCHAR, ',') FROM (SELECT x % 1000 AS y FROM "
      "generate_series(1, 300000) t(x) ORDER BY 1 DESC, x LIMIT 7) q",
      "SELECT sum(x) FILTER (WHERE x % 3 = 0), avg(x::DOUBLE), count(*) FROM "
      "generate_series(-500000, 500000) t(x) WHERE x <> 17",
  };
  for (const char* q : queries) {
    ASSERT_TRUE(conn_->Query("SET threads = 1").ok());
    std::string serial = One(q);
    for (int threads : {2, 4, 7}) {
      ASSERT_TRUE(conn_->Query("SET threads = " + std::to_string(threads)).ok());
      EXPECT_EQ(One(q), serial) << q << " with threads = " << threads;
    }
  }
}

TEST_F(ParallelQueryTest, ExplainAnalyzeSumsRowsOverThreads) {
  ASSERT_TRUE(conn_->Query("SET threads = 4").ok());
  Result r = conn_->Query(
      "EXPLAIN ANALYZE SELECT count(*) FROM generate_series(1, 300000) t(x) WHERE x % 3 = 0");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::string plan;
  for (size_t i = 0; i < r.RowCount(); i++) plan += r.GetValue(0, i).ToString() + "\n";
  EXPECT_NE(plan.find("rows=300000 "), std::string::npos) << plan;  // the series, all threads
  EXPECT_NE(plan.find("rows=100000 "), std::string::npos) << plan;  // the filter's output
}

TEST_F(ParallelQueryTest, MemoryLimitGives53200AndTheSessionGoesOn) {
  ASSERT_TRUE(conn_->Query("SET memory_limit = '2MB'").ok());
  for (int threads : {1, 4}) {
    ASSERT_TRUE(conn_->Query("SET threads = " + std::to_string(threads)).ok());
    Result r = conn_->Query(
        "SELECT x % 500000 AS k, count(*) FROM generate_series(1, 2000000) t(x) GROUP BY 1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().sqlstate(), "53200") << r.status().ToString();
    r = conn_->Query(
        "SELECT count(*) FROM generate_series(1, 400000) a(x) JOIN generate_series(1, 400000) "
        "b(y) ON x = y");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().sqlstate(), "53200") << r.status().ToString();
    EXPECT_EQ(One("SELECT count(*) FROM generate_series(1, 1000) t(x)"), "1000");
  }
  ASSERT_TRUE(conn_->Query("RESET memory_limit").ok());
  EXPECT_EQ(One("SELECT count(*) FROM generate_series(1, 400000) a(x) JOIN "
                "generate_series(1, 400000) b(y) ON x = y"),
            "400000");
}

}  // namespace
}  // namespace kadedb
