// CatalogLock: shared holders and an exclusive owner never overlap, a waiting exclusive request
// holds back new shared ones, the owner re-enters both sides, and timeouts leave the lock usable.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "transaction/catalog_lock.hpp"

namespace kadedb {
namespace {

using std::chrono::milliseconds;

TEST(CatalogLock, OwnerReentersAndOthersWait) {
  CatalogLock lock;
  int a = 0, b = 0;
  ASSERT_TRUE(lock.LockExclusive(&a, milliseconds(100)));
  EXPECT_TRUE(lock.HeldExclusivelyBy(&a));
  EXPECT_FALSE(lock.HeldExclusivelyBy(&b));
  EXPECT_TRUE(lock.LockShared(&a, milliseconds(0)));  // the owner's own statements
  EXPECT_TRUE(lock.LockExclusive(&a, milliseconds(0)));
  EXPECT_FALSE(lock.LockShared(&b, milliseconds(20)));
  EXPECT_FALSE(lock.LockExclusive(&b, milliseconds(20)));
  lock.UnlockExclusive(&b);  // not the owner: nothing
  EXPECT_TRUE(lock.HeldExclusivelyBy(&a));
  lock.UnlockExclusive(&a);
  EXPECT_TRUE(lock.LockShared(&b, milliseconds(0)));
  EXPECT_FALSE(lock.LockExclusive(&a, milliseconds(20)));  // a shared holder is in
  // The timed-out exclusive request no longer holds back shared ones.
  EXPECT_TRUE(lock.LockShared(&b, milliseconds(0)));
  lock.UnlockShared();
  lock.UnlockShared();
  EXPECT_TRUE(lock.LockExclusive(&a, milliseconds(0)));
  lock.UnlockExclusive(&a);
}

TEST(CatalogLock, WaitingExclusiveBlocksNewShared) {
  CatalogLock lock;
  int reader = 0, writer = 0, late = 0;
  ASSERT_TRUE(lock.LockShared(&reader, milliseconds(0)));
  std::atomic<bool> got{false};
  std::thread w([&] { got = lock.LockExclusive(&writer, milliseconds(5000)); });
  // Let the exclusive request start waiting; then a new shared request must wait too.
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_FALSE(lock.LockShared(&late, milliseconds(30)));
  lock.UnlockShared();  // the last holder leaves: the writer gets in
  w.join();
  ASSERT_TRUE(got);
  EXPECT_TRUE(lock.HeldExclusivelyBy(&writer));
  lock.UnlockExclusive(&writer);
  EXPECT_TRUE(lock.LockShared(&late, milliseconds(0)));
  lock.UnlockShared();
}

TEST(CatalogLock, SharedAndExclusiveNeverOverlap) {
  CatalogLock lock;
  std::atomic<int> shared_in{0};
  std::atomic<int> exclusive_in{0};
  std::atomic<bool> overlap{false};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      int self = t;
      while (!stop) {
        if (!lock.LockShared(&self, milliseconds(5000))) continue;
        shared_in++;
        if (exclusive_in.load() != 0) overlap = true;
        shared_in--;
        lock.UnlockShared();
      }
    });
  }
  int owners[2];
  for (int t = 0; t < 2; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; i++) {
        if (!lock.LockExclusive(&owners[t], milliseconds(5000))) continue;
        exclusive_in++;
        if (shared_in.load() != 0 || exclusive_in.load() != 1) overlap = true;
        exclusive_in--;
        lock.UnlockExclusive(&owners[t]);
      }
    });
  }
  threads[4].join();
  threads[5].join();
  stop = true;
  for (int t = 0; t < 4; t++) threads[t].join();
  EXPECT_FALSE(overlap);
}

}  // namespace
}  // namespace kadedb
