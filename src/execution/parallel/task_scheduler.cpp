// TaskScheduler: a mutex/condition-variable task queue served by a lazily grown set of workers.
#include "execution/parallel/task_scheduler.hpp"

#include <atomic>
#include <exception>

namespace kadedb {

namespace {
thread_local bool t_in_worker = false;
}  // namespace

TaskScheduler& TaskScheduler::Get() {
  static TaskScheduler scheduler;
  return scheduler;
}

bool TaskScheduler::InWorker() {
  return t_in_worker;
}

TaskScheduler::~TaskScheduler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& t : workers_) t.join();
}

void TaskScheduler::EnsureWorkers(size_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  count = std::min(count, kMaxThreads - 1);
  while (workers_.size() < count) workers_.emplace_back([this] { WorkerLoop(); });
}

void TaskScheduler::WorkerLoop() {
  t_in_worker = true;
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void TaskScheduler::RunOnThreads(size_t n, const std::function<void(size_t)>& fn) {
  if (n <= 1 || t_in_worker) {
    for (size_t i = 0; i < n; i++) fn(i);
    return;
  }
  n = std::min(n, kMaxThreads);
  EnsureWorkers(n - 1);

  // Completion: the caller waits until every queued task has finished.
  std::mutex done_mutex;
  std::condition_variable done_cv;
  size_t remaining = n - 1;
  std::exception_ptr first_error;
  auto record_error = [&](std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(done_mutex);
    if (!first_error) first_error = e;
  };
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 1; i < n; i++) {
      queue_.emplace_back([&, i] {
        try {
          fn(i);
        } catch (...) {
          record_error(std::current_exception());
        }
        std::lock_guard<std::mutex> lock(done_mutex);
        if (--remaining == 0) done_cv.notify_all();
      });
    }
  }
  work_ready_.notify_all();
  try {
    fn(0);
  } catch (...) {
    record_error(std::current_exception());
  }
  std::unique_lock<std::mutex> lock(done_mutex);
  done_cv.wait(lock, [&] { return remaining == 0; });
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace kadedb
