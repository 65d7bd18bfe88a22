// CatalogLock: a timed shared/exclusive lock whose exclusive side is owned by a session.
#include "transaction/catalog_lock.hpp"

namespace kadedb {

bool CatalogLock::LockShared(const void* owner, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (owner_ == owner) return true;
  bool ok = changed_.wait_for(lock, timeout,
                              [&] { return owner_ == nullptr && exclusive_waiting_ == 0; });
  if (!ok) return false;
  shared_++;
  return true;
}

void CatalogLock::UnlockShared() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (--shared_ == 0) changed_.notify_all();
}

bool CatalogLock::LockExclusive(const void* owner, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (owner_ == owner) return true;
  exclusive_waiting_++;
  bool ok = changed_.wait_for(lock, timeout, [&] { return owner_ == nullptr && shared_ == 0; });
  exclusive_waiting_--;
  if (!ok) {
    changed_.notify_all();  // shared waiters held back by our request may go now
    return false;
  }
  owner_ = owner;
  return true;
}

void CatalogLock::UnlockExclusive(const void* owner) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (owner_ != owner) return;
  owner_ = nullptr;
  changed_.notify_all();
}

bool CatalogLock::HeldExclusivelyBy(const void* owner) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return owner_ == owner;
}

}  // namespace kadedb
