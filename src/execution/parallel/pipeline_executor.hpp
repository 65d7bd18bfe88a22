// PipelineExecutor: runs a pipeline "parallel source -> parallel streaming operators -> sink" on
// several threads (morsel-driven: every thread pulls morsels from one shared source state).
//
// A pipeline qualifies when its source says ParallelSource(), every streaming operator says
// ParallelExecute(), no expression of those operators (or of the sink, checked by the caller
// through ExpressionsParallelSafe) holds a subquery or a volatile function (random(), nextval:
// they advance shared state), the statement allows more than one thread, and the caller is not
// already a pool worker. Otherwise callers run the pipeline serially (PhysicalOperator::Run).
//
// Each thread gets its own ExecState (ExecState::ForThread) and operator states; operator
// counters for EXPLAIN ANALYZE are summed over threads. The first error stops every thread at
// its next chunk and is rethrown on the caller.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "execution/physical_operator.hpp"

namespace kadedb {

// A chain from a source up to (not including) its consumer.
struct Pipeline {
  PhysicalSource* source = nullptr;
  std::vector<PhysicalStreamingOperator*> operators;  // in data-flow order (source's parent first)
};

// True when no expression of op holds a subquery or a volatile function.
bool ExpressionsParallelSafe(const PhysicalOperator& op);

// Threads a pipeline of this statement may use now (1 = run serially).
size_t PipelineThreads(const ExecState& state);

// Fills pipeline and returns true when top is the top of a chain that can run in parallel.
bool FindParallelPipeline(PhysicalOperator& top, Pipeline& pipeline);

// What one thread does with the pipeline's output.
struct PipelineSinkFunctions {
  // Creates the thread's sink state (may return null).
  std::function<std::unique_ptr<OperatorState>(ExecState&)> init_local;
  // Takes one non-empty chunk; returns false to stop the whole pipeline.
  std::function<bool(ExecState&, OperatorState*, DataChunk&)> sink;
  // Called on the thread after its last chunk (not after an error).
  std::function<void(ExecState&, OperatorState*)> finish_local;
  // The operator charged for time spent in sink (EXPLAIN ANALYZE); may be null.
  PhysicalOperator* sink_operator = nullptr;
};

// Runs pipeline on threads threads. Returns false iff some sink call returned false.
bool RunPipelineParallel(ExecState& state, const Pipeline& pipeline, size_t threads,
                         const PipelineSinkFunctions& sink);

// Runs op into consume: in parallel when op tops a parallel chain (consume is then called under
// a lock, one chunk at a time, in no particular row order), else op.Run. For consumers that do
// not care about row order (query results without ORDER BY, hash-join builds).
bool RunUnordered(PhysicalOperator& op, ExecState& state, const ChunkConsumer& consume);

}  // namespace kadedb
