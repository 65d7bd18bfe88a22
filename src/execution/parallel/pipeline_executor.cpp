// PipelineExecutor: pipeline discovery, the expression safety check and the per-thread driver.
#include "execution/parallel/pipeline_executor.hpp"

#include <mutex>

#include "execution/expression/expression_node.hpp"
#include "execution/parallel/task_scheduler.hpp"

namespace kadedb {

namespace {

// Set on every thread while it runs a part of a parallel pipeline (the caller's thread too):
// anything started from there (a sink's expressions, a serialized consumer) runs serially, so a
// thread holding a pipeline lock never waits for pool workers.
thread_local bool t_in_pipeline = false;

struct PipelineThreadScope {
  bool previous = t_in_pipeline;
  PipelineThreadScope() { t_in_pipeline = true; }
  ~PipelineThreadScope() { t_in_pipeline = previous; }
};

bool ExprParallelSafe(const ExprNode& e) {
  if (e.kind == BoundExpressionKind::kSubquery) return false;
  if (e.function && e.function->is_volatile) return false;
  for (auto& c : e.children) {
    if (c && !ExprParallelSafe(*c)) return false;
  }
  return true;
}

}  // namespace

bool ExpressionsParallelSafe(const PhysicalOperator& op) {
  for (const ExprNode* e : op.Expressions()) {
    if (e && !ExprParallelSafe(*e)) return false;
  }
  return true;
}

size_t PipelineThreads(const ExecState& state) {
  if (TaskScheduler::InWorker() || t_in_pipeline) return 1;
  return std::max<size_t>(1, state.context.threads);
}

bool FindParallelPipeline(PhysicalOperator& top, Pipeline& pipeline) {
  pipeline = Pipeline();
  PhysicalOperator* op = &top;
  std::vector<PhysicalStreamingOperator*> reversed;
  while (true) {
    if (!ExpressionsParallelSafe(*op)) return false;
    if (auto* source = dynamic_cast<PhysicalSource*>(op)) {
      if (!source->ParallelSource()) return false;
      pipeline.source = source;
      break;
    }
    auto* streaming = dynamic_cast<PhysicalStreamingOperator*>(op);
    if (!streaming || !streaming->ParallelExecute()) return false;
    reversed.push_back(streaming);
    op = streaming->children[0].get();
  }
  pipeline.operators.assign(reversed.rbegin(), reversed.rend());
  return true;
}

bool RunPipelineParallel(ExecState& state, const Pipeline& pipeline, size_t threads,
                         const PipelineSinkFunctions& sink) {
  std::vector<std::unique_ptr<OperatorState>> op_globals;
  for (auto* op : pipeline.operators) {
    ProfileScope scope(state, op);
    op_globals.push_back(op->InitGlobalOperator(state));
  }
  auto global_source = pipeline.source->InitGlobalSource(state);
  threads =
      std::max<size_t>(1, std::min(threads, pipeline.source->MaxThreads(global_source.get())));
  std::atomic<bool> stop{false};
  std::atomic<bool> sink_stopped{false};
  // The caller's own operator is not charged while its threads work (they charge their own time).
  PhysicalOperator* suspended = state.profiling ? state.SwitchProfile(nullptr) : nullptr;
  auto body = [&](size_t) {
    PipelineThreadScope in_pipeline;
    auto local_state = ExecState::ForThread(state);
    ExecState& ls = *local_state;
    ls.memory_sharers = threads;
    auto source_state = pipeline.source->InitLocalSource(ls, global_source.get());
    const auto& ops = pipeline.operators;
    std::vector<std::unique_ptr<OperatorState>> op_states;
    for (size_t i = 0; i < ops.size(); i++) {
      op_states.push_back(ops[i]->InitLocalOperator(ls, op_globals[i].get()));
    }
    auto sink_state = sink.init_local ? sink.init_local(ls) : nullptr;
    // push(i, chunk): runs chunk through ops[i..] into the sink.
    std::vector<ChunkConsumer> outs(ops.size());
    std::function<bool(size_t, DataChunk&)> push = [&](size_t i, DataChunk& chunk) -> bool {
      if (i == ops.size()) {
        ProfileScope scope(ls, sink.sink_operator);
        if (!sink.sink(ls, sink_state.get(), chunk)) {
          sink_stopped = true;
          stop = true;
          return false;
        }
        return true;
      }
      ProfileScope scope(ls, ops[i]);
      return ops[i]->Execute(ls, op_states[i].get(), chunk, outs[i]);
    };
    for (size_t i = 0; i < ops.size(); i++) {
      outs[i] = [&, i](DataChunk& chunk) {
        if (chunk.size() == 0) return true;
        ls.CheckInterrupt();  // as PhysicalOperator::Emit: long operators see cancels
        ops[i]->rows_out.fetch_add(chunk.size(), std::memory_order_relaxed);
        return push(i + 1, chunk);
      };
    }
    try {
      DataChunk chunk;
      bool more = true;
      while (more && !stop.load(std::memory_order_relaxed)) {
        ls.CheckInterrupt();
        chunk.Initialize(pipeline.source->types, 0);
        {
          ProfileScope scope(ls, pipeline.source);
          more =
              pipeline.source->GetDataParallel(ls, global_source.get(), source_state.get(), chunk);
        }
        if (chunk.size() == 0) continue;
        pipeline.source->rows_out.fetch_add(chunk.size(), std::memory_order_relaxed);
        if (!push(0, chunk)) break;
      }
      if (!stop.load() && sink.finish_local) {
        ProfileScope scope(ls, sink.sink_operator);
        sink.finish_local(ls, sink_state.get());
      }
    } catch (...) {
      stop = true;
      if (ls.profiling) ls.SwitchProfile(nullptr);
      throw;
    }
    if (ls.profiling) ls.SwitchProfile(nullptr);
  };
  try {
    TaskScheduler::Get().RunOnThreads(threads, body);
  } catch (...) {
    if (state.profiling) state.SwitchProfile(suspended);
    throw;
  }
  if (state.profiling) state.SwitchProfile(suspended);
  return !sink_stopped;
}

bool RunUnordered(PhysicalOperator& op, ExecState& state, const ChunkConsumer& consume) {
  size_t threads = PipelineThreads(state);
  Pipeline pipeline;
  if (threads <= 1 || !FindParallelPipeline(op, pipeline)) return op.Run(state, consume);
  std::mutex mutex;
  PipelineSinkFunctions sink;
  sink.sink = [&](ExecState&, OperatorState*, DataChunk& chunk) {
    std::lock_guard<std::mutex> lock(mutex);
    return consume(chunk);
  };
  return RunPipelineParallel(state, pipeline, threads, sink);
}

}  // namespace kadedb
