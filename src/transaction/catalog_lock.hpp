// CatalogLock: makes DDL transactional between sessions.
//
// The in-memory catalog is shared by every session and a DDL statement changes it at once (its
// rollback actions undo the change). To keep an uncommitted CREATE / DROP / ALTER invisible to
// other sessions, the session running DDL takes this lock exclusively and keeps it until its
// transaction ends; every other statement holds it shared while it runs (binding included). So
// other sessions never observe an uncommitted catalog: they wait (bounded) until the DDL
// transaction commits or rolls back, like PostgreSQL's ACCESS EXCLUSIVE lock but database-wide.
//
// Invariants: at most one exclusive owner; no shared holder while an owner exists; a waiting
// exclusive request blocks new shared requests (so DDL is not starved by a stream of queries).
// Owners are opaque session pointers: the session that locked may unlock from any thread.
//
// Every statement takes and releases the lock shared, so that side is lock-free: state_ counts
// shared holders in its low 32 bits and, in its high bits, exclusive waiters plus an owner. A
// shared request adds one holder and keeps it when the high bits are zero; otherwise it backs out
// and waits under the mutex. The high bits only change under the mutex, so a waiter that saw them
// zero there cannot be overtaken. The last shared holder to leave while an exclusive request
// waits wakes it under the mutex.
//
// Threading: every method is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace kadedb {

class CatalogLock {
 public:
  // Takes the lock shared for one statement. A no-op returning true when owner already holds it
  // exclusively. False when timeout passed first.
  [[nodiscard]] bool LockShared(const void* owner, std::chrono::milliseconds timeout);
  // REQUIRES: a successful LockShared by a session not holding the lock exclusively.
  void UnlockShared();
  // Takes the lock exclusively (true at once when owner already holds it). False on timeout.
  [[nodiscard]] bool LockExclusive(const void* owner, std::chrono::milliseconds timeout);
  // Releases owner's exclusive hold; a no-op when owner does not hold it.
  void UnlockExclusive(const void* owner);
  bool HeldExclusivelyBy(const void* owner) const;

 private:
  static constexpr uint64_t kSharedMask = 0xffffffffu;
  static constexpr uint64_t kBlocked = uint64_t{1} << 32;  // one exclusive waiter or the owner

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::atomic<uint64_t> state_{0};
  std::atomic<const void*> owner_{nullptr};
};

}  // namespace kadedb
