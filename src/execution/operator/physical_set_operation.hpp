// Set operations. UNION ALL streams both children. UNION, INTERSECT [ALL] and EXCEPT [ALL]
// count each distinct row (NULLs equal) per side with a hash table and emit PostgreSQL's
// multiset result: UNION one copy; INTERSECT ALL min(l, r) copies, INTERSECT one if both > 0;
// EXCEPT ALL max(l - r, 0), EXCEPT one if l > 0 and r = 0. Memory: every distinct row.
#pragma once

#include "execution/expression/expression_node.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

class PhysicalUnionAll : public PhysicalOperator {
 public:
  explicit PhysicalUnionAll(std::vector<LogicalType> types) : PhysicalOperator(std::move(types)) {}
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  std::string Name() const override { return "UNION_ALL"; }
};

class PhysicalSetOperation : public PhysicalSink {
 public:
  PhysicalSetOperation(std::vector<LogicalType> types, SetOperationType set_type, bool all)
      : PhysicalSink(std::move(types)), set_type(set_type), all(all) {}
  SetOperationType set_type;
  bool all;
  std::unique_ptr<OperatorState> InitSink(ExecState& state) override;
  void Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
            size_t child_index) override;
  void Finalize(ExecState& state, OperatorState* sink_state) override;
  bool GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) override;
  std::string Name() const override;
};

// Multiset counting used by set operations (exposed for unit tests): rows are added per side,
// Result() lists (row index into rows(), copies) in first-appearance order.
class SetOperationTable {
 public:
  explicit SetOperationTable(const std::vector<LogicalType>& types) : rows_(types) {}
  // Adds every row of chunk to side 0 (left) or 1 (right). Returns bytes added.
  uint64_t Add(const DataChunk& chunk, int side);
  std::vector<std::pair<uint64_t, uint64_t>> Result(SetOperationType type, bool all) const;
  const RowCollection& rows() const { return rows_; }

 private:
  RowCollection rows_;  // distinct rows
  std::vector<uint64_t> hashes_;
  std::vector<uint64_t> slots_;  // row + 1
  std::vector<uint64_t> left_count_, right_count_;
};

}  // namespace kadedb
