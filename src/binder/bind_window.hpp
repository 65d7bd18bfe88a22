// Window function binding: calls with OVER (...) are bound into kWindowCall nodes that stay
// inline in the select list / ORDER BY expressions while the SELECT is bound (so grouping checks
// rewrite their arguments like any other expression); WindowScope::Plan then moves them into a
// LogicalWindow placed after aggregation / HAVING and replaces them by column references.
//
// The binder reaches this through two hooks: BindExpr routes FunctionExpressions with `over` to
// BindWindowCall, and BindSelect keeps a WindowScope for its query level.
#pragma once

#include <string>
#include <vector>

#include "binder/binder.hpp"
#include "planner/operator/logical_window.hpp"

namespace kadedb {

// Window state of one SELECT level. Registers itself (innermost last) in a per-thread list so
// BindWindowCall can find the scope of the binder it is called on.
class WindowScope {
 public:
  WindowScope(Binder& binder, const SelectNode& node);
  ~WindowScope();
  WindowScope(const WindowScope&) = delete;
  WindowScope& operator=(const WindowScope&) = delete;

  // Moves every kWindowCall in exprs into a LogicalWindow over plan and replaces it by a column
  // reference to the window's output. Returns plan unchanged when there is none.
  LogicalOperatorPtr Plan(LogicalOperatorPtr plan, std::vector<ExprPtr>& exprs);

  Binder& binder;
  const SelectNode& node;
  idx_t window_index = 0;            // assigned by Plan
  std::vector<BoundWindow> windows;  // indexed by the kWindowCall node's value
  bool inside_call = false;          // binding a window call's arguments
  bool inside_definition = false;    // binding PARTITION BY / ORDER BY / frame offsets
};

// True for calls BindWindowCall handles: with OVER, or of a window-only function (which then
// fails with 42809 "window function f requires an OVER clause").
bool IsWindowCall(const FunctionExpression& expr);

// Binds name(args) OVER (...). Throws 42P20 where window functions are not allowed.
ExprPtr BindWindowCall(Binder& binder, const FunctionExpression& expr);

}  // namespace kadedb
