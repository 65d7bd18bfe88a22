// OutputProducer: builds a finalized hash aggregate's output chunks on a thread of its own, a
// few ahead of GetData (implemented in hash_aggregate_output.cpp, with NextGroupChunk).
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "execution/operator/physical_hash_aggregate.hpp"

namespace kadedb {

struct HashAggregateState;

// Builds the output chunks of a finalized aggregate on a thread of its own, a few ahead of
// GetData (hash_aggregate_output.cpp). The thread owns the state's output position until it is
// done; the destructor stops and joins it (before the state is destroyed).
class OutputProducer {
 public:
  OutputProducer(const PhysicalHashAggregate& op, HashAggregateState& st);
  ~OutputProducer();
  OutputProducer(const OutputProducer&) = delete;
  OutputProducer& operator=(const OutputProducer&) = delete;
  // The next chunk (false: no more); rethrows an error of the producing thread.
  bool Next(DataChunk& out);

 private:
  void Run();
  const PhysicalHashAggregate& op_;
  HashAggregateState& st_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<DataChunk> ready_;
  bool stop_ = false;
  bool done_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace kadedb
