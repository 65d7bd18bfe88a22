// PhysicalJoin: hash join (equality keys) and nested-loop join / cross product (no keys), for
// inner, left, right, full, semi, anti and mark joins.
//
// The right child is the build side: materialised, and with keys hashed into a flat table
// (rows whose key is NULL under `=` never match and are not inserted). The left child streams
// through: each chunk's candidate pairs (hash matches, or every build row for a nested loop) are
// checked in batches against the residual predicate, then emitted per join type. Right/full
// joins remember matched build rows and emit the rest at the end. Mark joins add a boolean column
// with IN's NULL rules (NULL when nothing matched but a NULL was compared).
// Memory: the whole build side plus its hash table, counted against the memory limit.
// Parallel: every thread of the build side's pipeline evaluates and hashes keys into its own
// part; the parts are then moved into one collection and chained once; the probe is a streaming
// operator whose per-thread states share the read-only build side (not for right/full joins, which
// mark build rows as they match).
#pragma once

#include "execution/expression/expression_node.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

class PhysicalJoin : public PhysicalStreamingOperator {
 public:
  PhysicalJoin(std::vector<LogicalType> types, LogicalJoinType join_type)
      : PhysicalStreamingOperator(std::move(types)), join_type(join_type) {}
  LogicalJoinType join_type;
  std::vector<ExprNodePtr> left_keys;   // over the left child's output
  std::vector<ExprNodePtr> right_keys;  // over the right child's output
  std::vector<bool> null_equal;
  std::vector<ExprNodePtr> residual;  // over left columns then right columns
  std::vector<LogicalType> left_types, right_types;
  // The child columns the output holds, in order: left_out of the left child, then (joins that
  // output pairs) right_out of the right child, then the mark column of a mark join. Columns only
  // the join itself reads (keys, residual) are left out (LogicalJoin::pruned).
  std::vector<size_t> left_out, right_out;
  // False until the planner sets left_out / right_out; then InitGlobalOperator outputs every
  // column (operators built by hand, as in unit tests).
  bool outputs_planned = false;
  // Runtime join filters (join_runtime_filter.hpp): key `key`'s build values go to `scan` as a
  // filter on its storage column scan_column.
  struct FilterTarget {
    size_t key = 0;
    class PhysicalTableScan* scan = nullptr;
    uint32_t scan_column = 0;
  };
  std::vector<FilterTarget> filter_targets;

  // Builds: runs children[1] into the hash table.
  std::unique_ptr<OperatorState> InitGlobalOperator(ExecState& state) override;
  std::unique_ptr<OperatorState> InitLocalOperator(ExecState& state,
                                                   OperatorState* global) override;
  // Probes with one chunk of children[0].
  bool Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
               const ChunkConsumer& out) override;
  // Right/full joins: emits the build rows nothing matched.
  bool FinishExecute(ExecState& state, OperatorState* op_state, const ChunkConsumer& out) override;
  bool ParallelExecute() const override;
  std::string Name() const override;
  std::string Params() const override;
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(left_keys, out);
    AddExpressions(right_keys, out);
    AddExpressions(residual, out);
    return out;
  }
};

}  // namespace kadedb
