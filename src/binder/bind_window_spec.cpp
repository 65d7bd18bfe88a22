// The OVER clause of a window call: named windows (WINDOW w AS (...), OVER w, OVER (w ...)),
// PARTITION BY, ORDER BY and the frame (ROWS / RANGE / GROUPS, offsets, EXCLUDE), with
// PostgreSQL's errors. RANGE offsets become per-row bound values (order key -/+ offset).
#include "binder/bind_window.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

// The effective parts of a window specification after following references.
struct ResolvedSpec {
  const ParsedExpressionList* partition = nullptr;
  const std::vector<OrderByItem>* order = nullptr;
  const WindowSpec* frame = nullptr;  // the spec holding the frame clause
};

bool HasFrame(const WindowSpec& spec) {
  return spec.frame_mode != FrameMode::kDefault;
}

const WindowDefinition* FindWindow(const SelectNode& node, const std::string& name, size_t limit,
                                   int location) {
  for (size_t i = 0; i < limit && i < node.windows.size(); i++) {
    if (node.windows[i].name == name) return &node.windows[i];
  }
  throw Exception(sqlstate::kUndefinedObject, "window \"" + name + "\" does not exist", location);
}

// limit: named windows visible (definitions may only refer to earlier ones).
ResolvedSpec Resolve(const SelectNode& node, const WindowSpec& spec, size_t limit) {
  if (spec.is_reference) {
    const WindowDefinition* def = FindWindow(node, spec.reference_name, limit, spec.location);
    size_t index = static_cast<size_t>(def - node.windows.data());
    return Resolve(node, *def->spec, index);
  }
  ResolvedSpec out{&spec.partition_by, &spec.order_by, &spec};
  if (spec.reference_name.empty()) return out;
  const WindowDefinition* def = FindWindow(node, spec.reference_name, limit, spec.location);
  size_t index = static_cast<size_t>(def - node.windows.data());
  ResolvedSpec base = Resolve(node, *def->spec, index);
  const std::string& name = spec.reference_name;
  if (!spec.partition_by.empty()) {
    throw Exception("42P20", "cannot override PARTITION BY clause of window \"" + name + "\"",
                    spec.location);
  }
  if (!spec.order_by.empty() && !base.order->empty()) {
    throw Exception("42P20", "cannot override ORDER BY clause of window \"" + name + "\"",
                    spec.location);
  }
  if (HasFrame(*base.frame)) {
    throw Exception("42P20", "cannot copy window \"" + name + "\" because it has a frame clause",
                    spec.location);
  }
  out.partition = base.partition;
  if (spec.order_by.empty()) out.order = base.order;
  return out;
}

WindowBoundKind ToBound(FrameBoundKind k, bool is_start) {
  switch (k) {
    case FrameBoundKind::kDefault:
      return is_start ? WindowBoundKind::kUnboundedPreceding : WindowBoundKind::kCurrentRow;
    case FrameBoundKind::kUnboundedPreceding:
      return WindowBoundKind::kUnboundedPreceding;
    case FrameBoundKind::kPreceding:
      return WindowBoundKind::kPreceding;
    case FrameBoundKind::kCurrentRow:
      return WindowBoundKind::kCurrentRow;
    case FrameBoundKind::kFollowing:
      return WindowBoundKind::kFollowing;
    case FrameBoundKind::kUnboundedFollowing:
      return WindowBoundKind::kUnboundedFollowing;
  }
  return WindowBoundKind::kCurrentRow;
}

bool HasLocalColumn(const BoundExpression& e) {
  if (e.kind == BoundExpressionKind::kColumnRef && e.depth == 0) return true;
  for (auto& c : e.children) {
    if (HasLocalColumn(*c)) return true;
  }
  return false;
}

// A constant offset (possibly under casts): checks it is not NULL and not negative.
void CheckConstantOffset(const BoundExpression& e, bool is_start, bool range, int location) {
  const BoundExpression* c = &e;
  while (c->kind == BoundExpressionKind::kCast && c->children.size() == 1) {
    c = c->children[0].get();
  }
  if (c->kind != BoundExpressionKind::kConstant) return;
  const Value& v = c->value;
  if (v.IsNull()) {
    throw Exception(
        "22004",
        std::string("frame ") + (is_start ? "starting" : "ending") + " offset must not be null",
        location);
  }
  bool negative = false;
  switch (PhysicalOf(v.type())) {
    case PhysicalType::kInt64:
      negative = v.GetInt() < 0;
      break;
    case PhysicalType::kDouble:
      negative = v.GetDouble() < 0;
      break;
    case PhysicalType::kDecimal:
      negative = v.GetDecimal().mantissa < 0;
      break;
    case PhysicalType::kInterval: {
      const Interval& i = v.GetInterval();
      negative = i.months < 0 || i.days < 0 || i.micros < 0;
      break;
    }
    default:
      break;
  }
  if (!negative) return;
  if (range) {
    throw Exception("22013", "invalid preceding or following size in window function", location);
  }
  throw Exception(
      "22013",
      std::string("frame ") + (is_start ? "starting" : "ending") + " offset must not be negative",
      location);
}

}  // namespace

void BindWindowSpec(WindowScope& scope, const FunctionExpression& expr, BoundWindow& window,
                    std::vector<ExprPtr>& children) {
  Binder& binder = scope.binder;
  ResolvedSpec spec = Resolve(scope.node, *expr.over, scope.node.windows.size());
  for (auto& p : *spec.partition) {
    ExprPtr e = binder.BindExpr(*p);
    Binder::ResolveUnknown(e);
    children.push_back(std::move(e));
    window.partition_count++;
  }
  for (auto& item : *spec.order) {
    ExprPtr e = binder.BindExpr(*item.expression);
    Binder::ResolveUnknown(e);
    OrderType t = ToOrderType(item.direction);
    NullOrder n = ToNullOrder(item.nulls, t);
    window.order_types.push_back(t);
    window.null_orders.push_back(n);
    children.push_back(std::move(e));
  }

  const WindowSpec& frame = *spec.frame;
  int location = frame.location ? frame.location : expr.location;
  if (!HasFrame(frame)) {
    window.mode = WindowFrameMode::kRange;
    window.start = WindowBoundKind::kUnboundedPreceding;
    window.end = WindowBoundKind::kCurrentRow;
    return;
  }
  window.mode = frame.frame_mode == FrameMode::kRows    ? WindowFrameMode::kRows
                : frame.frame_mode == FrameMode::kRange ? WindowFrameMode::kRange
                                                        : WindowFrameMode::kGroups;
  window.start = ToBound(frame.start.kind, true);
  window.end = ToBound(frame.end.kind, false);
  switch (frame.exclude) {
    case FrameExclude::kNoOthers:
      window.exclude = WindowExclude::kNoOthers;
      break;
    case FrameExclude::kCurrentRow:
      window.exclude = WindowExclude::kCurrentRow;
      break;
    case FrameExclude::kGroup:
      window.exclude = WindowExclude::kGroup;
      break;
    case FrameExclude::kTies:
      window.exclude = WindowExclude::kTies;
      break;
  }
  using B = WindowBoundKind;
  if (window.start == B::kUnboundedFollowing) {
    throw Exception("42P20", "frame start cannot be UNBOUNDED FOLLOWING", location);
  }
  if (window.end == B::kUnboundedPreceding) {
    throw Exception("42P20", "frame end cannot be UNBOUNDED PRECEDING", location);
  }
  if (window.start == B::kCurrentRow && window.end == B::kPreceding) {
    throw Exception("42P20", "frame starting from current row cannot have preceding rows",
                    location);
  }
  if (window.start == B::kFollowing &&
      (window.end == B::kPreceding || window.end == B::kCurrentRow)) {
    // PostgreSQL words it by whether the end was written (ROWS 1 FOLLOWING ends at CURRENT ROW).
    throw Exception("42P20",
                    frame.end.kind == FrameBoundKind::kDefault
                        ? "frame starting from following row cannot end with current row"
                        : "frame starting from following row cannot have preceding rows",
                    location);
  }
  if (window.mode == WindowFrameMode::kGroups && spec.order->empty()) {
    throw Exception("42P20", "GROUPS mode requires an ORDER BY clause", location);
  }
  bool has_offset = window.HasStartValue() || window.HasEndValue();
  if (!has_offset) return;
  const char* mode_name = window.mode == WindowFrameMode::kRows    ? "ROWS"
                          : window.mode == WindowFrameMode::kRange ? "RANGE"
                                                                   : "GROUPS";
  if (window.mode != WindowFrameMode::kRange) {
    for (int b = 0; b < 2; b++) {
      bool is_start = b == 0;
      if (is_start ? !window.HasStartValue() : !window.HasEndValue()) continue;
      const FrameBound& bound = is_start ? frame.start : frame.end;
      ExprPtr off = binder.BindExprAs(*bound.offset, TypeId::kBigInt, CastStrength::kAssignment);
      if (HasLocalColumn(*off)) {
        throw Exception(sqlstate::kInvalidColumnReference,
                        std::string("argument of ") + mode_name + " must not contain variables",
                        bound.offset->location);
      }
      CheckConstantOffset(*off, is_start, false, bound.offset->location);
      children.push_back(std::move(off));
    }
    return;
  }
  // RANGE with offsets: exactly one ORDER BY key of a type with +/- offset arithmetic.
  if (window.OrderCount() != 1) {
    throw Exception("42P20",
                    "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                    location);
  }
  const BoundExpression& key = *children[window.OrderOffset()];
  LogicalType key_type = key.return_type;
  LogicalType offset_type;
  LogicalType compare_type = key_type;
  if (key_type.IsInteger()) {
    // Bounds are computed in numeric so key +/- offset cannot overflow.
    offset_type = key_type;
    compare_type = TypeId::kDecimal;
  } else if (key_type.IsNumeric()) {
    offset_type = key_type.id == TypeId::kReal ? LogicalType(TypeId::kDouble) : key_type;
    if (key_type.id == TypeId::kDecimal) offset_type = LogicalType(TypeId::kDecimal);
    if (key_type.id == TypeId::kReal) compare_type = TypeId::kDouble;
  } else if (key_type.id == TypeId::kDate || key_type.id == TypeId::kTimestamp ||
             key_type.id == TypeId::kTimestampTz || key_type.id == TypeId::kTime ||
             key_type.id == TypeId::kInterval) {
    offset_type = TypeId::kInterval;
  } else {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " +
                        key_type.ToString(),
                    location);
  }
  bool descending = window.order_types[0] == OrderType::kDescending;
  LogicalType bound_type;
  for (int b = 0; b < 2; b++) {
    bool is_start = b == 0;
    WindowBoundKind kind = is_start ? window.start : window.end;
    if (kind != B::kPreceding && kind != B::kFollowing) continue;
    const FrameBound& bound = is_start ? frame.start : frame.end;
    ExprPtr off = binder.BindExpr(*bound.offset);
    // PostgreSQL's in_range support: integer keys take any integer offset; an untyped literal
    // takes the key's offset type.
    bool integer_pair = key_type.IsInteger() && off->return_type.IsInteger();
    if (!Binder::IsUnknown(*off) && !integer_pair &&
        !CanCast(off->return_type, offset_type, CastStrength::kImplicit)) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " +
                          key_type.ToString() + " and offset type " + off->return_type.ToString(),
                      bound.offset->location);
    }
    LogicalType target = integer_pair ? off->return_type : offset_type;
    off = binder.Coerce(std::move(off), target, CastStrength::kImplicit, bound.offset->location);
    if (!(off->return_type == compare_type) && key_type.IsInteger()) {
      off = binder.Coerce(std::move(off), compare_type);
    }
    if (HasLocalColumn(*off)) {
      throw Exception(sqlstate::kInvalidColumnReference,
                      "argument of RANGE must not contain variables", bound.offset->location);
    }
    CheckConstantOffset(*off, is_start, true, bound.offset->location);
    // Ascending: PRECEDING is key - offset, FOLLOWING key + offset; descending the reverse.
    bool subtract = (kind == B::kPreceding) != descending;
    ExprPtr k = binder.Coerce(key.Copy(), compare_type);
    std::vector<ExprPtr> args;
    args.push_back(std::move(k));
    args.push_back(std::move(off));
    ExprPtr value = binder.CallScalar(subtract ? "-" : "+", std::move(args), location);
    bound_type = value->return_type;
    children.push_back(std::move(value));
  }
  window.has_range_key = true;
  // Comparison key: the order key in the bound's type (date keys compare as timestamps).
  children.push_back(
      binder.Coerce(binder.Coerce(key.Copy(), compare_type), bound_type, CastStrength::kExplicit));
}

}  // namespace kadedb
