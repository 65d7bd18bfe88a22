// Sequences where SQL cannot say it: durability across kill -9 (a child process hands out values
// and is killed at a random moment; after reopening, nextval returns more than every value the
// child ever returned), across a clean close and reopen, and distinct values under concurrent
// nextval from many sessions.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "../unit_test_util.hpp"
#include "kadedb/kadedb.hpp"

namespace kadedb {
namespace {

using test::Ok;
using test::One;
using test::TestDir;

std::unique_ptr<Database> OpenDb(const std::string& path) {
  return test::OpenDatabase(path);
}

int64_t NextVal(Connection& c, const std::string& seq) {
  Result r = c.Query("SELECT nextval('" + seq + "')");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.GetValue(0, 0).GetInt() : -1;
}

// Child: returns nextval values in a loop (half of them inside committed INSERTs into a SERIAL
// table), reporting each through the pipe only after it was returned to it.
[[noreturn]] void ChildLoop(const std::string& path, int fd) {
  std::unique_ptr<Database> db;
  if (!Database::Open(path, Options(), &db).ok()) _exit(3);
  auto c = db->Connect();
  for (int64_t i = 0;; i++) {
    int64_t v;
    if (i % 2 == 0) {
      Result r = c->Query("SELECT nextval('s')");
      if (!r.ok()) _exit(4);
      v = r.GetValue(0, 0).GetInt();
    } else {
      Result r = c->Query("INSERT INTO t(x) VALUES (1) RETURNING id");
      if (!r.ok()) _exit(5);
      v = r.GetValue(0, 0).GetInt();
    }
    if (write(fd, &v, sizeof v) != sizeof v) _exit(6);
  }
}

TEST(SequenceTest, KillNeverRepeatsAValue) {
  TestDir dir("kadedb_seq_kill");
  {
    auto db = OpenDb(dir.string());
    auto c = db->Connect();
    Ok(*c, "CREATE SEQUENCE s");
    Ok(*c, "CREATE TABLE t(id serial PRIMARY KEY, x int)");
  }
  std::mt19937 rng(4242);
  int64_t max_s = 0, max_t = 0;
  for (int cycle = 0; cycle < 4; cycle++) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ChildLoop(dir.string(), fds[1]);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 400));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
    int64_t v;
    int64_t n = 0;
    // Values alternate s, t, s, t ...: the even ones came from s.
    while (read(fds[0], &v, sizeof v) == sizeof v) {
      if (n % 2 == 0) {
        EXPECT_GT(v, max_s) << "s handed out " << v << " again";
        max_s = std::max(max_s, v);
      } else {
        EXPECT_GT(v, max_t) << "t_id_seq handed out " << v << " again";
        max_t = std::max(max_t, v);
      }
      n++;
    }
    close(fds[0]);
    ASSERT_GT(n, 0);
    auto db = OpenDb(dir.string());
    auto c = db->Connect();
    int64_t next_s = NextVal(*c, "s");
    int64_t next_t = NextVal(*c, "t_id_seq");
    EXPECT_GT(next_s, max_s);
    EXPECT_GT(next_t, max_t);
    // At most the logged-ahead window (32) is skipped past the last value handed out. The
    // child may have been handed one more value than it reported (killed between nextval or
    // the INSERT and its write to the pipe), and that value may be the one that logged ahead.
    EXPECT_LE(next_s, max_s + 1 + 33);
    EXPECT_LE(next_t, max_t + 1 + 33);
    // Every committed row's id is below what the sequence hands out now.
    EXPECT_LT(std::stoll(One(*c, "SELECT coalesce(max(id), 0) FROM t")), next_t);
    max_s = next_s;
    max_t = next_t;
  }
}

TEST(SequenceTest, CleanReopenContinues) {
  TestDir dir("kadedb_seq_reopen");
  {
    auto db = OpenDb(dir.string());
    auto c = db->Connect();
    Ok(*c, "CREATE SEQUENCE s INCREMENT 5 START 100");
    EXPECT_EQ(NextVal(*c, "s"), 100);
    EXPECT_EQ(NextVal(*c, "s"), 105);
    Ok(*c, "CREATE SEQUENCE r");
    Ok(*c, "SELECT setval('r', 41)");
    Ok(*c, "CREATE SEQUENCE fresh START 7");
  }
  auto db = OpenDb(dir.string());
  auto c = db->Connect();
  int64_t v = NextVal(*c, "s");
  EXPECT_GT(v, 105);
  EXPECT_EQ((v - 100) % 5, 0);
  EXPECT_EQ(NextVal(*c, "r"), 42);  // setval writes its value through at once
  EXPECT_EQ(NextVal(*c, "fresh"), 7);
  EXPECT_EQ(One(*c, "SELECT increment_by FROM pg_sequences WHERE sequencename = 's'"), "5");
}

TEST(SequenceTest, ConcurrentNextvalGivesDistinctValues) {
  TestDir dir("kadedb_seq_threads");
  auto db = OpenDb(dir.string());
  {
    auto c = db->Connect();
    Ok(*c, "CREATE SEQUENCE s");
    Ok(*c, "CREATE TABLE t(id bigserial PRIMARY KEY, w int)");
  }
  constexpr int kThreads = 8, kEach = 300;
  std::vector<std::vector<int64_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; i++) {
    threads.emplace_back([&, i] {
      auto c = db->Connect();
      for (int k = 0; k < kEach; k++) {
        Result r = c->Query("SELECT nextval('s')");
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          return;
        }
        got[i].push_back(r.GetValue(0, 0).GetInt());
        if (k % 10 == 0) {
          Result ins = c->Query("INSERT INTO t(w) VALUES (" + std::to_string(i) + ")");
          if (!ins.ok()) ADD_FAILURE() << ins.status().ToString();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> all;
  for (auto& v : got) {
    EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));  // each session sees increasing values
    all.insert(v.begin(), v.end());
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kEach);  // no gaps without a crash
  auto c = db->Connect();
  EXPECT_EQ(One(*c, "SELECT count(DISTINCT id) FROM t"), std::to_string(kThreads * kEach / 10));
}

}  // namespace
}  // namespace kadedb
