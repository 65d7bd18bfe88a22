// ExecState: the per-statement run state shared by every physical operator of one plan: the
// caller's ExecutionContext, the stack of outer-row frames correlated subqueries read, the
// materialised CTE tables, memory accounting and EXPLAIN ANALYZE profiling.
//
// Single-threaded: one ExecState per running statement.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "execution/executor.hpp"
#include "execution/vector_ops.hpp"
#include "planner/column_binding.hpp"

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

  ExecutionContext& context;
  std::vector<OuterFrame> frames;
  // CTE tables by cte_index: materialised CTEs and recursive working tables.
  std::unordered_map<idx_t, std::shared_ptr<RowCollection>> cte_tables;
  // Rows inserted, updated or deleted by the statement's data-changing operators.
  uint64_t rows_affected = 0;

  // Looks a correlated column up in the frames, innermost first. Throws XX000 if absent.
  const Value& LookupOuter(const ColumnBinding& binding) const;

  // Counts bytes against context.memory_limit; throws 53200 when over.
  void Allocate(uint64_t bytes, const char* what);
  void Free(uint64_t bytes) { memory_used_ -= std::min(bytes, memory_used_); }
  uint64_t memory_used() const { return memory_used_; }

  // Throws 57014 when the caller asked the statement to stop.
  void CheckInterrupt() const;

  // --- profiling (EXPLAIN ANALYZE) ---
  bool profiling = false;
  PhysicalOperator* current_op = nullptr;
  std::chrono::steady_clock::time_point last_switch;
  // Charges the time since the last switch to the current operator and makes op current.
  PhysicalOperator* SwitchProfile(PhysicalOperator* op);

 private:
  uint64_t memory_used_ = 0;
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
