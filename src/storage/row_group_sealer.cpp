// RowGroupSealer: one background thread that seals row groups (see row_group_sealer.hpp).
#include "storage/row_group_sealer.hpp"

#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "storage/data_table.hpp"

namespace kadedb {

namespace {

class Sealer {
 public:
  ~Sealer() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void Register(DataTable* t) {
    std::lock_guard lock(mutex_);
    if (Disabled()) return;
    tables_.insert(t);
    if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  }

  void Unregister(DataTable* t) {
    std::unique_lock lock(mutex_);
    tables_.erase(t);
    idle_cv_.wait(lock, [&] { return busy_ != t; });
  }

  void Notify(DataTable* t) {
    {
      std::lock_guard lock(mutex_);
      pending_.insert(t);
    }
    cv_.notify_all();
  }

  void WaitIdle() {
    std::unique_lock lock(mutex_);
    idle_cv_.wait(lock, [&] { return pending_.empty() && !running_; });
  }

 private:
  static bool Disabled() {
    const char* env = std::getenv("KADEDB_SEALER");
    return env != nullptr && std::strcmp(env, "off") == 0;
  }

  void Run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
      if (stop_) break;
      std::vector<DataTable*> todo(pending_.begin(), pending_.end());
      pending_.clear();
      running_ = true;
      for (DataTable* t : todo) {
        if (stop_) break;
        if (!tables_.count(t)) continue;
        busy_ = t;
        lock.unlock();
        try {
          t->SealFullRowGroups();
        } catch (...) {
          // A failed sealing leaves nothing behind (its transaction rolls back); the rows stay
          // in the row store and the next notification retries.
        }
        lock.lock();
        busy_ = nullptr;
        idle_cv_.notify_all();
      }
      running_ = false;
      idle_cv_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_, idle_cv_;
  std::unordered_set<DataTable*> tables_;
  DataTable* busy_ = nullptr;
  std::unordered_set<DataTable*> pending_;  // notified, not yet looked at
  bool running_ = false;
  bool stop_ = false;
  std::thread thread_;
};

Sealer& Instance() {
  static Sealer sealer;
  return sealer;
}

}  // namespace

void RowGroupSealer::Register(DataTable* t) {
  Instance().Register(t);
}
void RowGroupSealer::Unregister(DataTable* t) {
  Instance().Unregister(t);
}
void RowGroupSealer::Notify(DataTable* t) {
  Instance().Notify(t);
}
void RowGroupSealer::WaitIdle() {
  Instance().WaitIdle();
}

}  // namespace kadedb
