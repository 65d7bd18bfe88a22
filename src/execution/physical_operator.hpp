// PhysicalOperator: a node of the physical plan, and the push-based pipeline model.
//
// Every operator is one of three shapes (DuckDB's split, so morsel parallelism can be added by
// changing only the driver):
//   - a source (GetData): produces chunks (scans, VALUES, CTE reads);
//   - a streaming operator (Execute): turns each input chunk into zero or more output chunks
//     (filter, projection, limit, the probe side of joins);
//   - a sink (Sink + Finalize, then GetData as the source of the next pipeline): a pipeline
//     breaker that consumes all its input first (aggregate, sort, hash-join build, set ops).
// Run() drives one operator: it runs its children's pipelines and pushes its output chunks
// (at most kStandardVectorSize rows each) into a consumer. The consumer returns false to stop
// the pipeline early (LIMIT satisfied, EXISTS found a row). Operator objects hold no run state:
// states are created per Run, so a plan can be re-run (subqueries, recursive CTE iterations).
//
// Parallelism (morsel-driven, see execution/parallel/pipeline_executor.hpp): a chain "parallel
// source -> parallel streaming operators" feeding a parallel sink (or the query result, or a
// hash-join build) runs on ExecutionContext::threads threads, each with its own operator states
// and ExecState, pulling morsels from one shared source state; the sink's per-thread states are
// then combined. Everything else runs on the calling thread as above.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "execution/execution_state.hpp"
#include "kadedb/data_chunk.hpp"

namespace kadedb {

using ChunkConsumer = std::function<bool(DataChunk&)>;

struct ExprNode;

class PhysicalOperator {
 public:
  explicit PhysicalOperator(std::vector<LogicalType> types) : types(std::move(types)) {}
  virtual ~PhysicalOperator() = default;

  std::vector<std::unique_ptr<PhysicalOperator>> children;
  std::vector<LogicalType> types;  // output column types

  // Runs this operator (and its inputs) to completion or until consume returns false.
  // Returns false iff consume returned false.
  virtual bool Run(ExecState& state, const ChunkConsumer& consume) = 0;

  // EXPLAIN: operator name ("HASH_JOIN") and parameters ("(inner) a = b").
  virtual std::string Name() const = 0;
  virtual std::string Params() const { return {}; }
  // The expressions this operator evaluates (EXPLAIN shows the subquery plans inside them).
  virtual std::vector<const ExprNode*> Expressions() const { return {}; }

  // EXPLAIN ANALYZE counters (summed over re-runs and threads).
  std::atomic<uint64_t> rows_out{0};
  std::atomic<uint64_t> self_nanos{0};

 protected:
  // Counts and passes a chunk downstream.
  bool Emit(ExecState& state, DataChunk& chunk, const ChunkConsumer& consume);
};

using PhysicalOperatorPtr = std::unique_ptr<PhysicalOperator>;

// Opaque per-run state of an operator.
struct OperatorState {
  virtual ~OperatorState() = default;
};

// A source: Run loops GetData until it returns false.
class PhysicalSource : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  virtual std::unique_ptr<OperatorState> InitSource(ExecState& state) { return nullptr; }
  // Fills out with the next chunk (may be empty); returns false when exhausted.
  virtual bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) = 0;
  bool Run(ExecState& state, const ChunkConsumer& consume) override;

  // --- parallel scans ---
  // True when this source can hand out disjoint morsels to many threads (for this run: it may
  // depend on the table or the arguments).
  virtual bool ParallelSource() const { return false; }
  // The shared state (the morsel cursor) of one parallel run. Called once, on the driving thread.
  virtual std::unique_ptr<OperatorState> InitGlobalSource(ExecState& state) { return nullptr; }
  // A thread's own state, created on that thread.
  virtual std::unique_ptr<OperatorState> InitLocalSource(ExecState& state, OperatorState* global) {
    return nullptr;
  }
  // How many threads can usefully read global at once (e.g. the morsel count). Default: any.
  virtual size_t MaxThreads(OperatorState* global) const { return SIZE_MAX; }
  // Fills out with the next rows (taking a new morsel when the thread's current one is used up);
  // returns false when no rows are left (out may still hold rows). Called concurrently by every
  // thread with the same global state.
  virtual bool GetDataParallel(ExecState& state, OperatorState* global, OperatorState* local,
                               DataChunk& out) {
    return false;
  }
};

// A streaming operator over children[0] (further children, such as a hash join's build side,
// are consumed by InitGlobalOperator).
class PhysicalStreamingOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  virtual std::unique_ptr<OperatorState> InitOperator(ExecState& state) { return nullptr; }
  // The shared state of one run, created once on the driving thread before any thread's state
  // (e.g. a hash join's build side). Default: none.
  virtual std::unique_ptr<OperatorState> InitGlobalOperator(ExecState& state) { return nullptr; }
  // A thread's state, created on that thread; global is InitGlobalOperator's result (kept alive
  // until every thread is done). Default: InitOperator(state).
  virtual std::unique_ptr<OperatorState> InitLocalOperator(ExecState& state,
                                                           OperatorState* global) {
    return InitOperator(state);
  }
  // Processes one input chunk, emitting through out. Returns false to stop the pipeline.
  virtual bool Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
                       const ChunkConsumer& out) = 0;
  // Called once after the input is exhausted (emits e.g. unmatched build rows).
  virtual bool FinishExecute(ExecState& state, OperatorState* op_state, const ChunkConsumer& out) {
    return true;
  }
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  // True when Execute may run on many threads at once, each with its own InitOperator state,
  // and FinishExecute emits nothing (filters, projections).
  virtual bool ParallelExecute() const { return false; }
};

// A sink over all its children (child i's chunks arrive with child_index i), then a source.
class PhysicalSink : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  virtual std::unique_ptr<OperatorState> InitSink(ExecState& state) = 0;
  virtual void Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
                    size_t child_index) = 0;
  virtual void Finalize(ExecState& state, OperatorState* sink_state) {}
  // Output side: fills out with the next chunk; false when exhausted.
  virtual bool GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) = 0;
  bool Run(ExecState& state, const ChunkConsumer& consume) override;

  // True when this sink (for child 0) can take input on many threads: each thread sinks into its
  // own InitSink state, then Combine merges it into the global one.
  virtual bool ParallelSink() const { return false; }
  // Called on the local state's thread once its input is done, concurrently with other threads
  // (e.g. sorts a thread's run). Optional.
  virtual void PrepareCombine(ExecState& state, OperatorState* local) {}
  // Merges local into global. Serialized by the driver: never concurrent for one global state.
  virtual void Combine(ExecState& state, OperatorState* global, OperatorState* local) {}
};

// Runs op and collects every output chunk.
void CollectAll(PhysicalOperator& op, ExecState& state, std::vector<DataChunk>& out);
void CollectAll(PhysicalOperator& op, ExecState& state, RowCollection& out);

}  // namespace kadedb
