// LogicalWindow: computes window functions (OVER ...) over its child's rows. Passes the child's
// bindings through first, then outputs window expression i as (window_index, i).
//
// Each entry of `expressions` is a kWindowCall node whose children hold every sub-expression
// the call needs, in this order (see BoundWindow for the counts):
//   arguments, PARTITION BY keys, ORDER BY keys, [frame start bound], [frame end bound],
//   [FILTER condition], [RANGE comparison key]
// `windows[i]` describes expressions[i]. Keeping all sub-expressions as children lets generic
// plan rewrites (binding renames, grouping checks) see them.
//
// RANGE frames with an offset carry, instead of the raw offset, the bound value per row
// (order key -/+ offset, computed by the binder's "+"/"-" resolution) and a comparison key
// (the order key cast to the bound's type); the executor compares the comparison key of other
// rows against the bound. ROWS/GROUPS offsets are bigint expressions.
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

enum class WindowFunctionKind : uint8_t {
  kAggregate,  // any aggregate used OVER (...)
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
};

enum class WindowFrameMode : uint8_t { kRows, kRange, kGroups };
enum class WindowBoundKind : uint8_t {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing,
};
enum class WindowExclude : uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };

struct BoundWindow {
  WindowFunctionKind function = WindowFunctionKind::kRowNumber;
  std::string name;              // for EXPLAIN and errors
  BoundAggregateCall aggregate;  // kAggregate
  idx_t argument_count = 0;
  idx_t partition_count = 0;
  std::vector<OrderType> order_types;  // one per ORDER BY key
  std::vector<NullOrder> null_orders;
  WindowFrameMode mode = WindowFrameMode::kRange;
  WindowBoundKind start = WindowBoundKind::kUnboundedPreceding;
  WindowBoundKind end = WindowBoundKind::kCurrentRow;
  WindowExclude exclude = WindowExclude::kNoOthers;
  bool has_filter = false;
  bool has_range_key = false;  // RANGE with an offset bound

  idx_t OrderCount() const { return order_types.size(); }
  bool HasStartValue() const {
    return start == WindowBoundKind::kPreceding || start == WindowBoundKind::kFollowing;
  }
  bool HasEndValue() const {
    return end == WindowBoundKind::kPreceding || end == WindowBoundKind::kFollowing;
  }
  // Child positions inside the kWindowCall node.
  idx_t PartitionOffset() const { return argument_count; }
  idx_t OrderOffset() const { return argument_count + partition_count; }
  idx_t StartOffset() const { return OrderOffset() + OrderCount(); }
  idx_t EndOffset() const { return StartOffset() + (HasStartValue() ? 1 : 0); }
  idx_t FilterOffset() const { return EndOffset() + (HasEndValue() ? 1 : 0); }
  idx_t RangeKeyOffset() const { return FilterOffset() + (has_filter ? 1 : 0); }
  std::string ToString(const BoundExpression& call) const {
    std::string s = name + "(";
    for (idx_t i = 0; i < argument_count; i++) {
      s += (i ? ", " : "") + call.children[i]->ToString();
    }
    s += ") OVER (";
    for (idx_t i = 0; i < partition_count; i++) {
      s += (i ? ", " : "PARTITION BY ") + call.children[PartitionOffset() + i]->ToString();
    }
    for (idx_t i = 0; i < OrderCount(); i++) {
      s += (i ? ", " : (partition_count ? " ORDER BY " : "ORDER BY ")) +
           call.children[OrderOffset() + i]->ToString() +
           (order_types[i] == OrderType::kDescending ? " DESC" : "");
    }
    return s + ")";
  }
};

class LogicalWindow : public LogicalOperator {
 public:
  explicit LogicalWindow(idx_t window_index)
      : LogicalOperator(LogicalOperatorKind::kWindow), window_index(window_index) {}
  idx_t window_index;
  std::vector<BoundWindow> windows;  // parallel to expressions

  std::vector<ColumnBinding> GetColumnBindings() const override {
    auto out = children[0]->GetColumnBindings();
    for (idx_t i = 0; i < expressions.size(); i++) out.push_back({window_index, i});
    return out;
  }
  std::string ParamsToString() const override {
    std::string s;
    for (size_t i = 0; i < windows.size(); i++) {
      if (i) s += ", ";
      s += windows[i].ToString(*expressions[i]);
    }
    return s;
  }
  // Copy of this node without expressions and children (CopyPlan copies those).
  std::unique_ptr<LogicalWindow> CopyNode() const {
    auto c = std::make_unique<LogicalWindow>(window_index);
    c->windows = windows;
    return c;
  }

 protected:
  void ResolveTypes() override {
    types = children[0]->types;
    for (auto& e : expressions) types.push_back(e->return_type);
  }
};

}  // namespace kadedb
