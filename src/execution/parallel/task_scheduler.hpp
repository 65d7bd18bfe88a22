// TaskScheduler: the process-wide pool of worker threads parallel pipelines run on.
//
// RunOnThreads(n, fn) calls fn(0) .. fn(n-1) concurrently, fn(0) on the calling thread and the
// rest on pool workers, and returns when every call has returned; the first exception thrown by
// any call is rethrown on the caller (the others are dropped). The pool grows on demand up to
// the largest n - 1 asked for (at most kMaxThreads - 1 workers) and its threads live until the
// process exits.
//
// Threading: RunOnThreads may be called from any thread, including concurrently from several
// connections (their tasks share the queue). A call made from inside a pool task runs every fn
// on the calling thread, one after the other, so nested parallelism can never deadlock the pool.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kadedb {

class TaskScheduler {
 public:
  static constexpr size_t kMaxThreads = 256;

  // The process-wide pool.
  static TaskScheduler& Get();

  // Runs fn(i) for every i < n (see the file comment). REQUIRES: n >= 1.
  void RunOnThreads(size_t n, const std::function<void(size_t)>& fn);

  // True on a pool worker thread (inside a task).
  static bool InWorker();

  ~TaskScheduler();

 private:
  TaskScheduler() = default;
  void EnsureWorkers(size_t count);
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

}  // namespace kadedb
