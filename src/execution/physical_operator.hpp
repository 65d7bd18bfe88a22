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
#pragma once

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

  // EXPLAIN ANALYZE counters (summed over re-runs).
  uint64_t rows_out = 0;
  uint64_t self_nanos = 0;

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
};

// A streaming operator over children[0].
class PhysicalStreamingOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  virtual std::unique_ptr<OperatorState> InitOperator(ExecState& state) { return nullptr; }
  // Processes one input chunk, emitting through out. Returns false to stop the pipeline.
  virtual bool Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
                       const ChunkConsumer& out) = 0;
  // Called once after the input is exhausted (emits e.g. unmatched build rows).
  virtual bool FinishExecute(ExecState& state, OperatorState* op_state, const ChunkConsumer& out) {
    return true;
  }
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
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
};

// Runs op and collects every output chunk.
void CollectAll(PhysicalOperator& op, ExecState& state, std::vector<DataChunk>& out);
void CollectAll(PhysicalOperator& op, ExecState& state, RowCollection& out);

}  // namespace kadedb
