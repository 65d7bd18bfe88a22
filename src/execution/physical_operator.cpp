// The push-based pipeline drivers of the three operator shapes, and ExecState's helpers.
#include "execution/physical_operator.hpp"

#include <mutex>

#include "common/exception.hpp"
#include "execution/parallel/pipeline_executor.hpp"

namespace kadedb {

const Value& ExecState::LookupOuter(const ColumnBinding& binding) const {
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    for (size_t i = 0; i < it->bindings.size(); i++) {
      if (it->bindings[i] == binding) return it->values[i];
    }
  }
  ThrowInternal("correlated column (" + std::to_string(binding.table_index) + "." +
                std::to_string(binding.column_index) + ") not found in outer frames");
}

std::unique_ptr<ExecState> ExecState::ForThread(ExecState& parent) {
  auto st = std::make_unique<ExecState>(parent.context);
  st->frames = parent.frames;
  st->cte_tables = parent.cte_tables;
  st->profiling = parent.profiling;
  st->last_switch = std::chrono::steady_clock::now();
  st->root_ = parent.root_;
  return st;
}

void ExecState::Allocate(uint64_t bytes, const char* what) {
  uint64_t used = root_->memory_used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  if (context.memory_limit != 0 && used > context.memory_limit) {
    Free(bytes);
    throw Exception(sqlstate::kOutOfMemory, "out of memory", 0,
                    std::string("Failed on request of size ") + std::to_string(bytes) + " in " +
                        what + "; query memory limit is " + std::to_string(context.memory_limit) +
                        " bytes.");
  }
}

void ExecState::Free(uint64_t bytes) {
  auto& used = root_->memory_used_;
  uint64_t cur = used.load(std::memory_order_relaxed);
  while (!used.compare_exchange_weak(cur, cur - std::min(bytes, cur), std::memory_order_relaxed)) {
  }
}

uint64_t ExecState::MemoryHeadroom() const {
  if (context.memory_limit == 0) return UINT64_MAX;
  uint64_t used = memory_used();
  return used >= context.memory_limit ? 0 : context.memory_limit - used;
}

void ExecState::CheckInterrupt() const {
  if (context.interrupted && context.interrupted->load(std::memory_order_relaxed)) {
    throw Exception("57014", "canceling statement due to user request");
  }
}

PhysicalOperator* ExecState::SwitchProfile(PhysicalOperator* op) {
  auto now = std::chrono::steady_clock::now();
  if (current_op) {
    current_op->self_nanos.fetch_add(
        std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_switch).count(),
        std::memory_order_relaxed);
  }
  last_switch = now;
  PhysicalOperator* previous = current_op;
  current_op = op;
  return previous;
}

bool PhysicalOperator::Emit(ExecState& state, DataChunk& chunk, const ChunkConsumer& consume) {
  if (chunk.size() == 0) return true;
  // Every chunk any operator produces (join pairs, aggregate groups, function rows) passes here,
  // so cancel and statement_timeout reach long operators, not only their sources.
  state.CheckInterrupt();
  rows_out.fetch_add(chunk.size(), std::memory_order_relaxed);
  return consume(chunk);
}

bool PhysicalSource::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  auto source_state = InitSource(state);
  DataChunk chunk;
  while (true) {
    state.CheckInterrupt();
    chunk.Initialize(types, 0);
    if (!GetData(state, source_state.get(), chunk)) {
      if (chunk.size() > 0 && !Emit(state, chunk, consume)) return false;
      return true;
    }
    if (!Emit(state, chunk, consume)) return false;
  }
}

bool PhysicalStreamingOperator::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  auto global_state = InitGlobalOperator(state);
  auto op_state = InitLocalOperator(state, global_state.get());
  bool downstream_stopped = false;
  ChunkConsumer out = [&](DataChunk& chunk) {
    if (!Emit(state, chunk, consume)) {
      downstream_stopped = true;
      return false;
    }
    return true;
  };
  children[0]->Run(state, [&](DataChunk& input) {
    ProfileScope inner(state, this);
    return Execute(state, op_state.get(), input, out);
  });
  if (downstream_stopped) return false;
  return FinishExecute(state, op_state.get(), out);
}

// Sinks child 0 on several threads (thread-local sink states, then Combine). Returns false when
// the pipeline cannot run in parallel (nothing has run then).
static bool SinkParallel(PhysicalSink& sink, ExecState& state, OperatorState* global) {
  size_t threads = PipelineThreads(state);
  Pipeline pipeline;
  if (threads <= 1 || sink.children.size() != 1 || !sink.ParallelSink() ||
      !ExpressionsParallelSafe(sink) || !FindParallelPipeline(*sink.children[0], pipeline)) {
    return false;
  }
  std::mutex combine_mutex;
  PipelineSinkFunctions functions;
  functions.sink_operator = &sink;
  functions.init_local = [&](ExecState& ls) { return sink.InitSink(ls); };
  functions.sink = [&](ExecState& ls, OperatorState* local, DataChunk& chunk) {
    sink.Sink(ls, local, chunk, 0);
    return true;
  };
  functions.finish_local = [&](ExecState& ls, OperatorState* local) {
    sink.PrepareCombine(ls, local);
    std::lock_guard<std::mutex> lock(combine_mutex);
    sink.Combine(ls, global, local);
  };
  RunPipelineParallel(state, pipeline, threads, functions);
  return true;
}

bool PhysicalSink::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  auto sink_state = InitSink(state);
  for (size_t i = 0; i < children.size(); i++) {
    if (i == 0 && SinkParallel(*this, state, sink_state.get())) continue;
    children[i]->Run(state, [&](DataChunk& input) {
      ProfileScope inner(state, this);
      Sink(state, sink_state.get(), input, i);
      return true;
    });
  }
  Finalize(state, sink_state.get());
  DataChunk chunk;
  while (true) {
    state.CheckInterrupt();
    chunk.Initialize(types, 0);
    bool more = GetData(state, sink_state.get(), chunk);
    if (chunk.size() > 0 && !Emit(state, chunk, consume)) return false;
    if (!more) return true;
  }
}

void CollectAll(PhysicalOperator& op, ExecState& state, std::vector<DataChunk>& out) {
  op.Run(state, [&](DataChunk& chunk) {
    out.push_back(std::move(chunk));
    return true;
  });
}

void CollectAll(PhysicalOperator& op, ExecState& state, RowCollection& out) {
  out.Initialize(op.types);
  op.Run(state, [&](DataChunk& chunk) {
    state.Allocate(out.Append(chunk), "materialization");
    return true;
  });
}

}  // namespace kadedb
