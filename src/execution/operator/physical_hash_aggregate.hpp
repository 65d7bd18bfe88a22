// PhysicalHashAggregate: GROUP BY with aggregate functions, grouping sets and GROUPING().
//
// Groups are found through an open-addressing hash table over the key values (NULLs group
// together); each group's aggregate states live in fixed-size blocks of an arena (never moved,
// so kernels may keep pointers inside their states). Aggregates with DISTINCT or an ORDER BY of
// their own are buffered per (group, arguments) and fed to the kernel at Finalize: deduplicated,
// then in ORDER BY order. Without GROUP BY the result is exactly one row, even for empty input.
// Memory: all groups and states (and buffered inputs) are kept, counted against the limit.
// Parallel (without DISTINCT / ORDER BY aggregates): each thread pre-aggregates its morsels into
// its own tables. A thread with few groups is merged into the global tables in Combine; with many,
// Finalize merges the tables on all threads: with few threads, each later table's groups probe
// the earlier tables and are combined into the group found (the tables together hold the result,
// nothing is copied); with many, partition by partition (the partition tables hold the result).
// The group lookup itself is in execution/aggregate_hash_table.hpp.
// Zone-range partitioning (range_scan set; execution/zone_range_partition.hpp): rows whose single
// integer key only their sealed row group can hold are grouped per morsel (MorselGroups) into
// tables of final groups that skip every merge; the rest take the path above.
#pragma once

#include <atomic>

#include "execution/expression/expression_node.hpp"
#include "execution/operator/physical_order.hpp"

namespace kadedb {

struct PhysicalAggregateInfo {
  const AggregateFunction* function = nullptr;
  std::unique_ptr<AggregateKernel> kernel;
  std::vector<ExprNodePtr> arguments;
  bool distinct = false;
  ExprNodePtr filter;
  std::vector<SortKey> order_by;
  LogicalType return_type;
  std::string text;
  size_t state_offset = 0;  // from a group's GroupStates() to its state of this aggregate
  bool Buffered() const { return distinct || !order_by.empty(); }
};

class PhysicalHashAggregate : public PhysicalSink {
 public:
  explicit PhysicalHashAggregate(std::vector<LogicalType> types) : PhysicalSink(std::move(types)) {}
  std::vector<ExprNodePtr> groups;
  std::vector<PhysicalAggregateInfo> aggregates;
  // Each set lists group indices; empty list of sets = one set with every group.
  std::vector<std::vector<idx_t>> grouping_sets;
  std::vector<std::vector<idx_t>> grouping_functions;
  // Call after filling aggregates: assigns state offsets.
  void PrepareStates();
  // The sequential scan (in this pipeline, under filters / projections only) whose column is the
  // one integer group key, asked for key ranges (PhysicalTableScan::key_range_column); null: off.
  const PhysicalOperator* range_scan = nullptr;
  // Groups of the last run finished by zone range (never merged), for EXPLAIN ANALYZE.
  mutable std::atomic<uint64_t> zone_final_groups{0};

  std::unique_ptr<OperatorState> InitSink(ExecState& state) override;
  void Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
            size_t child_index) override;
  void Finalize(ExecState& state, OperatorState* sink_state) override;
  bool GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) override;
  bool ParallelSink() const override;
  void PrepareCombine(ExecState& state, OperatorState* local) override;
  void Combine(ExecState& state, OperatorState* global, OperatorState* local) override;
  std::string Name() const override { return "HASH_GROUP_BY"; }
  std::string Params() const override;
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(groups, out);
    for (auto& a : aggregates) {
      AddExpressions(a.arguments, out);
      if (a.filter) out.push_back(a.filter.get());
    }
    return out;
  }

  size_t state_size = 0;     // bytes of all aggregate states of one group (multiple of 16)
  size_t state_stride = 16;  // bytes per state in an aggregate's state array (see PrepareStates)
};

}  // namespace kadedb
