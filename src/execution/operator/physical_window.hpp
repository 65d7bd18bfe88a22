// PhysicalWindow: window functions (LogicalWindow). A sink: it materialises its input and the
// values of every window call's sub-expressions, sorts the rows by (PARTITION BY, ORDER BY) once
// per distinct specification, finds partitions and peer groups, and computes each function per
// partition (physical_window_compute.cpp): ranking and offset functions directly, aggregates as
// running aggregates for frames starting at UNBOUNDED PRECEDING and through a segment tree of
// aggregate states for moving frames (physical_window_segment_tree.cpp). Rows come out in the
// sorted order of the last specification, each followed by the window results.
// Memory: the whole input is kept (counted against the memory limit).
#pragma once

#include "execution/expression/expression_node.hpp"
#include "execution/physical_operator.hpp"
#include "planner/operator/logical_window.hpp"

namespace kadedb {

class PhysicalPlanGenerator;

struct PhysicalWindowInfo {
  BoundWindow def;
  std::vector<ExprNodePtr> children;        // the kWindowCall's children, compiled
  std::unique_ptr<AggregateKernel> kernel;  // kAggregate only
  LogicalType return_type;
  size_t sort_group = 0;  // windows with equal PARTITION BY / ORDER BY share one sort
  std::string text;
};

// The sorted layout of the rows for one (PARTITION BY, ORDER BY) specification. Positions are
// indexes into `order`; per-position arrays give the bounds of the row's partition and peer group
// (half-open). Peer groups are numbered across partitions; group_start[g] is the first position
// of group g (with a sentinel at the end).
struct WindowLayout {
  std::vector<uint64_t> order;
  std::vector<uint64_t> partition_start, partition_end;
  std::vector<uint64_t> peer_start, peer_end;
  std::vector<uint64_t> group;
  std::vector<uint64_t> group_start;
};

// Computes window w over its inputs (the values of its children, one row per input row) into
// result (sized to the input, indexed by input row).
void ComputeWindow(ExecState& state, const PhysicalWindowInfo& w, const RowCollection& inputs,
                   const WindowLayout& layout, Vector& result);

class PhysicalWindow : public PhysicalSink {
 public:
  explicit PhysicalWindow(std::vector<LogicalType> types) : PhysicalSink(std::move(types)) {}
  std::vector<PhysicalWindowInfo> windows;
  std::vector<LogicalType> child_types;
  size_t sort_group_count = 0;

  std::unique_ptr<OperatorState> InitSink(ExecState& state) override;
  void Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
            size_t child_index) override;
  void Finalize(ExecState& state, OperatorState* sink_state) override;
  bool GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) override;
  std::string Name() const override { return "WINDOW"; }
  std::string Params() const override;
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    for (auto& w : windows) AddExpressions(w.children, out);
    return out;
  }
};

// The physical plan of a LogicalWindow (called by PhysicalPlanGenerator::Plan).
PhysicalOperatorPtr PlanPhysicalWindow(PhysicalPlanGenerator& generator, LogicalOperator& op);

}  // namespace kadedb
