// CatalogLock: a timed shared/exclusive lock whose exclusive side is owned by a session; the
// shared side is an atomic counter (catalog_lock.hpp).
#include "transaction/catalog_lock.hpp"

namespace kadedb {

bool CatalogLock::LockShared(const void* owner, std::chrono::milliseconds timeout) {
  if (owner_.load(std::memory_order_acquire) == owner) return true;
  uint64_t before = state_.fetch_add(1, std::memory_order_acq_rel);
  if ((before & ~kSharedMask) == 0) return true;  // no owner, nobody waiting for one
  UnlockShared();                                 // back out, and wait for the exclusive side
  std::unique_lock<std::mutex> lock(mutex_);
  bool ok = changed_.wait_for(
      lock, timeout, [&] { return (state_.load(std::memory_order_acquire) & ~kSharedMask) == 0; });
  if (!ok) return false;
  // The high bits change only under mutex_, which this thread holds: they stay zero.
  state_.fetch_add(1, std::memory_order_acq_rel);
  return true;
}

void CatalogLock::UnlockShared() {
  uint64_t before = state_.fetch_sub(1, std::memory_order_acq_rel);
  if ((before & kSharedMask) == 1 && (before & ~kSharedMask) != 0) {
    // The last shared holder leaves while an exclusive request waits: wake it. Taking the mutex
    // orders this after its predicate check (it is either waiting or will see zero holders).
    std::lock_guard<std::mutex> lock(mutex_);
    changed_.notify_all();
  }
}

bool CatalogLock::LockExclusive(const void* owner, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (owner_.load(std::memory_order_acquire) == owner) return true;
  state_.fetch_add(kBlocked, std::memory_order_acq_rel);  // new shared requests wait from now
  bool ok = changed_.wait_for(lock, timeout, [&] {
    return owner_.load(std::memory_order_acquire) == nullptr &&
           (state_.load(std::memory_order_acquire) & kSharedMask) == 0;
  });
  if (!ok) {
    state_.fetch_sub(kBlocked, std::memory_order_acq_rel);
    changed_.notify_all();  // shared waiters held back by our request may go now
    return false;
  }
  owner_.store(owner, std::memory_order_release);  // keeps its kBlocked until UnlockExclusive
  return true;
}

void CatalogLock::UnlockExclusive(const void* owner) {
  // Only the owner's own session sets owner_ to it, so a mismatch read here is final.
  if (owner_.load(std::memory_order_acquire) != owner) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (owner_.load(std::memory_order_acquire) != owner) return;
  owner_.store(nullptr, std::memory_order_release);
  state_.fetch_sub(kBlocked, std::memory_order_acq_rel);
  changed_.notify_all();
}

bool CatalogLock::HeldExclusivelyBy(const void* owner) const {
  return owner_.load(std::memory_order_acquire) == owner;
}

}  // namespace kadedb
