// ExecState: the per-statement run state shared by every physical operator of one plan: the
// caller's ExecutionContext, the stack of outer-row frames correlated subqueries read, the
// materialised CTE tables, memory accounting and EXPLAIN ANALYZE profiling.
//
// Threading: one ExecState per running statement and thread. A parallel pipeline gives each of
// its threads a ForThread copy: same context, copies of the outer frames and CTE tables, its own
// profiling clock, and memory accounting forwarded (atomically) to the statement's root state.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "execution/executor.hpp"
#include "execution/vector_ops.hpp"
#include "execution/zone_range_partition.hpp"
#include "planner/column_binding.hpp"
#include "storage/table_filter.hpp"

namespace kadedb {

class PhysicalOperator;

// Values of the outer columns a correlated subquery reads, for one outer row.
struct OuterFrame {
  std::vector<ColumnBinding> bindings;
  std::vector<Value> values;
};

class ExecState {
 public:
  explicit ExecState(ExecutionContext& context) : context(context) {}
  // A state for one thread of a parallel pipeline started from parent (see the file comment).
  static std::unique_ptr<ExecState> ForThread(ExecState& parent);

  ExecutionContext& context;
  std::vector<OuterFrame> frames;
  // CTE tables by cte_index: materialised CTEs and recursive working tables.
  std::unordered_map<idx_t, std::shared_ptr<RowCollection>> cte_tables;
  // Runtime join filters: a hash join publishes the summary of its finished build here (keyed by
  // the join) before its probe side starts; the probe side's table scan reads it at init.
  std::unordered_map<const PhysicalOperator*, std::vector<TableFilter>> join_filters;
  // Rows inserted, updated or deleted by the statement's data-changing operators.
  uint64_t rows_affected = 0;
  // Where the chunk being pushed up this thread's pipeline comes from, when its table scan was
  // asked (zone-range partitioned aggregation, execution/zone_range_partition.hpp).
  MorselKeys morsel_keys;

  // Looks a correlated column up in the frames, innermost first. Throws XX000 if absent.
  const Value& LookupOuter(const ColumnBinding& binding) const;

  // Counts bytes against context.memory_limit; throws 53200 when over.
  void Allocate(uint64_t bytes, const char* what);
  void Free(uint64_t bytes);
  uint64_t memory_used() const { return root_->memory_used_.load(std::memory_order_relaxed); }
  // Bytes the statement may still allocate before 53200 (UINT64_MAX without a limit).
  uint64_t MemoryHeadroom() const;

  // Threads of the running pipeline sharing the memory limit (operators that spill aim at
  // memory_limit / memory_sharers each).
  size_t memory_sharers = 1;

  // Throws 57014 when the caller asked the statement to stop.
  void CheckInterrupt() const;

  // --- profiling (EXPLAIN ANALYZE) ---
  bool profiling = false;
  PhysicalOperator* current_op = nullptr;
  std::chrono::steady_clock::time_point last_switch;
  // Charges the time since the last switch to the current operator and makes op current.
  PhysicalOperator* SwitchProfile(PhysicalOperator* op);

 private:
  ExecState* root_ = this;  // the statement's state, which holds the memory counter
  std::atomic<uint64_t> memory_used_{0};
};

// Charges the time spent in a scope to one operator (nestable).
class ProfileScope {
 public:
  ProfileScope(ExecState& state, PhysicalOperator* op) : state_(state) {
    if (state_.profiling) previous_ = state_.SwitchProfile(op);
  }
  ~ProfileScope() {
    if (state_.profiling) state_.SwitchProfile(previous_);
  }

 private:
  ExecState& state_;
  PhysicalOperator* previous_ = nullptr;
};

}  // namespace kadedb
