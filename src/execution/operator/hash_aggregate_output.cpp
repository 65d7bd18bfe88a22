// The hash aggregate's output: NextGroupChunk builds the next chunk of groups (keys gathered, the
// kernels' Finalize, the passed states destroyed), and OutputProducer runs it on a thread of its
// own for many groups, a few chunks ahead of GetData: the operators above an aggregate run on
// one thread, so building the chunks beside them uses the otherwise idle core.
#include "execution/operator/hash_aggregate_output.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "common/exception.hpp"
#include "execution/execution_state.hpp"
#include "execution/operator/hash_aggregate_state.hpp"
#include "execution/parallel/pipeline_executor.hpp"

namespace kadedb {

namespace {

// From this many groups on (and with more than one thread allowed) the output is produced ahead.
constexpr size_t kProducerMinGroups = 65536;
// Chunks built ahead at most.
constexpr size_t kProducerDepth = 4;

}  // namespace

bool NextGroupChunk(const PhysicalHashAggregate& op, HashAggregateState& st, DataChunk& out) {
  // The next groups to output (those combined into another table's group are skipped).
  std::vector<uint64_t> idx;
  bool contiguous = false;  // idx is a run of consecutive groups
  while (true) {
    while (st.table_out < st.tables.size() && st.group_out >= st.tables[st.table_out].group_count) {
      st.table_out++;
      st.group_out = 0;
    }
    if (st.table_out >= st.tables.size()) {
      st.DestroyUpTo(st.tables.size(), 0);
      return false;
    }
    auto& t = st.tables[st.table_out];
    if (t.moved_to.empty()) {
      idx.resize(std::min(kStandardVectorSize, t.group_count - st.group_out));
      std::iota(idx.begin(), idx.end(), st.group_out);
      st.group_out += idx.size();
      contiguous = true;
    } else {
      for (; st.group_out < t.group_count && idx.size() < kStandardVectorSize; st.group_out++) {
        if (t.moved_to[st.group_out] == 0) idx.push_back(st.group_out);
      }
    }
    if (!idx.empty()) break;
  }
  auto& t = st.tables[st.table_out];
  size_t n = idx.size();
  out.Initialize(op.types, 0);
  size_t col = 0;
  for (idx_t g = 0; g < op.groups.size(); g++, col++) {
    auto it = std::find(t.key_indices.begin(), t.key_indices.end(), g);
    if (it == t.key_indices.end()) {
      AppendNulls(out.column(col), n);
    } else {
      const Vector& keys = t.keys.column(it - t.key_indices.begin());
      Vector& dst = out.column(col);
      if (contiguous && keys.physical() == PhysicalType::kInt64) {
        // A run of groups: their keys are one contiguous slice.
        dst.Resize(n);
        std::memcpy(dst.ints().data(), keys.ints().data() + idx[0], n * sizeof(int64_t));
        std::memcpy(dst.validity().data(), keys.validity().data() + idx[0], n);
      } else {
        AppendVectorIdx(dst, keys, idx.data(), n);
      }
    }
  }
  std::vector<uint8_t*> states(n);
  for (auto& agg : op.aggregates) {
    for (size_t k = 0; k < n; k++) states[k] = GroupStates(op, t, idx[k]) + agg.state_offset;
    Vector result(agg.return_type);
    result.Resize(n);
    agg.kernel->Finalize(states.data(), n, result);
    if (result.size() != n) result.Resize(n);
    if (result.physical() != out.column(col).physical()) ThrowInternal("aggregate result type");
    out.column(col) = std::move(result);
    out.column(col).Retype(op.types[col]);
    col++;
  }
  for (auto& gf : op.grouping_functions) {
    int64_t bits = 0;
    for (idx_t k : gf) {
      bool in_set = std::find(t.key_indices.begin(), t.key_indices.end(), k) != t.key_indices.end();
      bits = (bits << 1) | (in_set ? 0 : 1);
    }
    BroadcastValue(Value::Integer(static_cast<int32_t>(bits)), n, out.column(col));
    col++;
  }
  out.SetSize(n);
  st.DestroyUpTo(st.table_out, st.group_out);
  return true;
}

OutputProducer::OutputProducer(const PhysicalHashAggregate& op, HashAggregateState& st)
    : op_(op), st_(st) {
  thread_ = std::thread([this] { Run(); });
}

OutputProducer::~OutputProducer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void OutputProducer::Run() {
  try {
    while (true) {
      DataChunk chunk;
      bool more = NextGroupChunk(op_, st_, chunk);
      std::unique_lock<std::mutex> lock(mutex_);
      if (!more) break;
      cv_.wait(lock, [&] { return stop_ || ready_.size() < kProducerDepth; });
      if (stop_) return;
      ready_.push_back(std::move(chunk));
      cv_.notify_all();
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = std::current_exception();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  done_ = true;
  cv_.notify_all();
}

bool OutputProducer::Next(DataChunk& out) {
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait(lock, [&] { return !ready_.empty() || done_; });
  if (!ready_.empty()) {
    out = std::move(ready_.front());
    ready_.pop_front();
    cv_.notify_all();
    return true;
  }
  if (error_) std::rethrow_exception(error_);
  return false;
}

void StartOutputProducer(ExecState& state, const PhysicalHashAggregate& op,
                         HashAggregateState& st) {
  size_t groups = 0;
  for (auto& t : st.tables) groups += t.group_count;
  if (groups < kProducerMinGroups || PipelineThreads(state) <= 1 || !op.ParallelSink()) return;
  st.producer = std::make_unique<OutputProducer>(op, st);
}

}  // namespace kadedb
