// Window function calls: where they are allowed, the function (built-in window function or an
// aggregate), its arguments and the WindowScope that plans them (see bind_window.hpp). The
// window specification (named windows, PARTITION BY, ORDER BY, frame) is in bind_window_spec.cpp.
#include <algorithm>

#include "binder/bind_window.hpp"
#include "common/ascii.hpp"
#include "common/exception.hpp"

namespace kadedb {

// Defined in bind_window_spec.cpp: binds the OVER clause of expr into window and the call's
// children (appended after the arguments).
void BindWindowSpec(WindowScope& scope, const FunctionExpression& expr, BoundWindow& window,
                    std::vector<ExprPtr>& children);

namespace {

thread_local std::vector<WindowScope*> g_scopes;

const char* NotAllowed(ExprClause clause) {
  switch (clause) {
    case ExprClause::kWhere:
      return "window functions are not allowed in WHERE";
    case ExprClause::kHaving:
      return "window functions are not allowed in HAVING";
    case ExprClause::kGroupBy:
      return "window functions are not allowed in GROUP BY";
    case ExprClause::kJoinOn:
      return "window functions are not allowed in JOIN conditions";
    case ExprClause::kValues:
      return "window functions are not allowed in VALUES";
    case ExprClause::kLimit:
      return "window functions are not allowed in LIMIT";
    case ExprClause::kDefault:
      return "window functions are not allowed in DEFAULT expressions";
    case ExprClause::kCheck:
      return "window functions are not allowed in check constraints";
    case ExprClause::kReturning:
      return "window functions are not allowed in RETURNING";
    case ExprClause::kUpdateSet:
      return "window functions are not allowed in UPDATE";
    case ExprClause::kFunctionFrom:
      return "window functions are not allowed in functions in FROM";
    default:
      return "window functions are not allowed here";
  }
}

struct BuiltinWindow {
  const char* name;
  WindowFunctionKind kind;
  size_t min_args, max_args;
};

constexpr BuiltinWindow kBuiltins[] = {
    {"row_number", WindowFunctionKind::kRowNumber, 0, 0},
    {"rank", WindowFunctionKind::kRank, 0, 0},
    {"dense_rank", WindowFunctionKind::kDenseRank, 0, 0},
    {"percent_rank", WindowFunctionKind::kPercentRank, 0, 0},
    {"cume_dist", WindowFunctionKind::kCumeDist, 0, 0},
    {"ntile", WindowFunctionKind::kNtile, 1, 1},
    {"lag", WindowFunctionKind::kLag, 1, 3},
    {"lead", WindowFunctionKind::kLead, 1, 3},
    {"first_value", WindowFunctionKind::kFirstValue, 1, 1},
    {"last_value", WindowFunctionKind::kLastValue, 1, 1},
    {"nth_value", WindowFunctionKind::kNthValue, 2, 2},
};

const BuiltinWindow* FindBuiltin(const std::string& name) {
  for (auto& b : kBuiltins) {
    if (name == b.name) return &b;
  }
  return nullptr;
}

std::string SignatureText(const std::string& name, const std::vector<ExprPtr>& args) {
  std::string s = name + "(";
  for (size_t i = 0; i < args.size(); i++) {
    if (i) s += ", ";
    s += args[i]->return_type.id == TypeId::kNull ? "unknown"
                                                  : PostgresTypeName(args[i]->return_type);
  }
  return s + ")";
}

// Replaces kWindowCall nodes of e by column refs, moving them into window.
void Extract(ExprPtr& e, LogicalWindow& window, const std::vector<BoundWindow>& defs) {
  if (e->kind == BoundExpressionKind::kWindowCall) {
    idx_t index = window.expressions.size();
    window.windows.push_back(defs[static_cast<size_t>(e->value.GetInt())]);
    auto ref = MakeColumnRef({window.window_index, index}, e->return_type);
    ref->alias = e->alias;
    window.expressions.push_back(std::move(e));
    e = std::move(ref);
    return;
  }
  for (auto& c : e->children) Extract(c, window, defs);
}

}  // namespace

WindowScope::WindowScope(Binder& binder, const SelectNode& node) : binder(binder), node(node) {
  for (size_t i = 0; i < node.windows.size(); i++) {
    for (size_t j = 0; j < i; j++) {
      if (node.windows[j].name == node.windows[i].name) {
        throw Exception("42P20", "window \"" + node.windows[i].name + "\" is already defined",
                        node.windows[i].location);
      }
    }
  }
  g_scopes.push_back(this);
}

WindowScope::~WindowScope() {
  auto it = std::find(g_scopes.begin(), g_scopes.end(), this);
  if (it != g_scopes.end()) g_scopes.erase(it);
}

LogicalOperatorPtr WindowScope::Plan(LogicalOperatorPtr plan, std::vector<ExprPtr>& exprs) {
  if (windows.empty()) return plan;
  window_index = binder.NewTableIndex();
  auto window = std::make_unique<LogicalWindow>(window_index);
  for (auto& e : exprs) Extract(e, *window, windows);
  if (window->expressions.empty()) return plan;
  window->children.push_back(std::move(plan));
  return window;
}

bool IsWindowCall(const FunctionExpression& expr) {
  if (expr.over) return true;
  if (expr.name.size() > 1 && AsciiLower(expr.name[0]) != "pg_catalog") return false;
  std::string name = AsciiLower(expr.function_name());
  const auto& registry = FunctionRegistry::Builtin();
  return FindBuiltin(name) && !registry.IsScalar(name) && !registry.IsAggregate(name);
}

ExprPtr BindWindowCall(Binder& binder, const FunctionExpression& expr) {
  if (!expr.over) {
    std::string fn = AsciiLower(expr.function_name());
    bool hypothetical =
        fn == "rank" || fn == "dense_rank" || fn == "percent_rank" || fn == "cume_dist";
    if (hypothetical && (!expr.args.empty() || !expr.within_group.empty())) {
      throw Exception(
          expr.within_group.empty() ? sqlstate::kWrongObjectType : sqlstate::kFeatureNotSupported,
          expr.within_group.empty() ? "WITHIN GROUP is required for ordered-set aggregate " + fn
                                    : "hypothetical-set aggregate " + fn + " is not supported",
          expr.location);
    }
    throw Exception(sqlstate::kWrongObjectType,
                    "window function " + fn + " requires an OVER clause", expr.location);
  }
  WindowScope* scope = nullptr;
  for (auto it = g_scopes.rbegin(); it != g_scopes.rend(); ++it) {
    if (&(*it)->binder == &binder) {
      scope = *it;
      break;
    }
  }
  if (binder.aggregates_ && binder.aggregates_->inside_aggregate) {
    throw Exception(sqlstate::kGroupingError,
                    "aggregate function calls cannot contain window function calls", expr.location);
  }
  if (scope && scope->inside_definition) {
    throw Exception("42P20", "window functions are not allowed in window definitions",
                    expr.location);
  }
  if (scope && scope->inside_call) {
    throw Exception("42P20", "window function calls cannot be nested", expr.location);
  }
  if (!scope || (binder.clause_ != ExprClause::kSelect && binder.clause_ != ExprClause::kOrderBy)) {
    throw Exception("42P20", NotAllowed(binder.clause_), expr.location);
  }
  if (expr.name.size() > 1 && AsciiLower(expr.name[0]) != "pg_catalog") {
    throw Exception(sqlstate::kUndefinedFunction,
                    "function " + QualifiedNameToString(expr.name) + " does not exist",
                    expr.location);
  }
  std::string name = AsciiLower(expr.function_name());
  if (!expr.within_group.empty()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "OVER is not supported for ordered-set aggregate " + name, expr.location);
  }
  const auto& registry = FunctionRegistry::Builtin();
  const BuiltinWindow* builtin = FindBuiltin(name);
  bool aggregate = !builtin && registry.IsAggregate(name);
  if (!builtin && !aggregate) {
    if (registry.IsScalar(name)) {
      throw Exception(
          sqlstate::kWrongObjectType,
          "OVER specified, but " + name + " is not a window function nor an aggregate function",
          expr.location);
    }
    std::vector<ExprPtr> args;
    for (auto& a : expr.args) args.push_back(binder.BindExpr(*a));
    throw Exception(sqlstate::kUndefinedFunction,
                    "function " + SignatureText(name, args) + " does not exist", expr.location);
  }
  if (expr.distinct) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "DISTINCT is not implemented for window functions", expr.location);
  }
  if (!expr.order_by.empty()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "aggregate ORDER BY is not implemented for window functions", expr.location);
  }
  if (builtin && expr.filter) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "FILTER is not implemented for non-aggregate window functions", expr.location);
  }
  if (builtin && expr.star) {
    throw Exception(sqlstate::kWrongObjectType,
                    name + "(*) specified, but " + name + " is not an aggregate function",
                    expr.location);
  }

  BoundWindow window;
  window.name = name;
  std::vector<ExprPtr> args;
  ExprPtr filter;
  LogicalType type;
  {
    scope->inside_call = true;
    struct Reset {
      WindowScope* s;
      ~Reset() { s->inside_call = false; }
    } reset{scope};
    for (auto& a : expr.args) args.push_back(binder.BindExpr(*a));
    if (expr.filter) filter = binder.BindCondition(*expr.filter, "FILTER");
  }
  if (aggregate) {
    window.function = WindowFunctionKind::kAggregate;
    if (expr.star) {
      if (name != "count") {
        throw Exception(
            sqlstate::kWrongObjectType,
            name + "(*) specified, but " + name + " is not an aggregate function taking *",
            expr.location);
      }
      name = "count_star";
    }
    std::vector<LogicalType> types;
    for (auto& a : args) types.push_back(Binder::IsUnknown(*a) ? LogicalType() : a->return_type);
    BoundAggregateCall call;
    try {
      call = registry.ResolveAggregate(name, types);
    } catch (const Exception& e) {
      throw Exception(e.sqlstate(), e.what(), expr.location, e.detail(), e.hint());
    }
    for (size_t i = 0; i < args.size(); i++) {
      args[i] = binder.Coerce(std::move(args[i]), call.arg_types[i], CastStrength::kImplicit,
                              expr.location);
      call.arg_types[i] = args[i]->return_type;
    }
    window.aggregate = call;
    type = call.return_type;
  } else {
    window.function = builtin->kind;
    bool hypothetical = builtin->kind == WindowFunctionKind::kRank ||
                        builtin->kind == WindowFunctionKind::kDenseRank ||
                        builtin->kind == WindowFunctionKind::kPercentRank ||
                        builtin->kind == WindowFunctionKind::kCumeDist;
    if (hypothetical && !args.empty()) {
      throw Exception(sqlstate::kWrongObjectType,
                      "WITHIN GROUP is required for ordered-set aggregate " + name, expr.location);
    }
    if (args.size() < builtin->min_args || args.size() > builtin->max_args) {
      throw Exception(sqlstate::kUndefinedFunction,
                      "function " + SignatureText(name, args) + " does not exist", expr.location);
    }
    // Integer arguments (ntile, lag/lead offsets, nth_value): PostgreSQL has no implicit cast
    // from bigint, so the call does not resolve (42883).
    auto to_integer = [&](size_t i) {
      LogicalType t = args[i]->return_type;
      bool ok = Binder::IsUnknown(*args[i]) || t.id == TypeId::kNull || t.id == TypeId::kSmallInt ||
                t.id == TypeId::kInteger;
      if (!ok) {
        throw Exception(sqlstate::kUndefinedFunction,
                        "function " + SignatureText(name, args) + " does not exist", expr.location);
      }
      args[i] = binder.Coerce(std::move(args[i]), TypeId::kInteger, CastStrength::kImplicit,
                              expr.location);
    };
    switch (builtin->kind) {
      case WindowFunctionKind::kRowNumber:
      case WindowFunctionKind::kRank:
      case WindowFunctionKind::kDenseRank:
        type = TypeId::kBigInt;
        break;
      case WindowFunctionKind::kPercentRank:
      case WindowFunctionKind::kCumeDist:
        type = TypeId::kDouble;
        break;
      case WindowFunctionKind::kNtile:
        to_integer(0);
        type = TypeId::kInteger;
        break;
      case WindowFunctionKind::kLag:
      case WindowFunctionKind::kLead:
        if (args.size() >= 2) {
          to_integer(1);
        }
        if (args.size() == 3) {
          std::vector<ExprPtr*> pair = {&args[0], &args[2]};
          binder.UnifyTypes(pair, expr.location);
        }
        Binder::ResolveUnknown(args[0]);
        if (args.size() == 3) args[2] = binder.Coerce(std::move(args[2]), args[0]->return_type);
        type = args[0]->return_type;
        break;
      case WindowFunctionKind::kNthValue:
        to_integer(1);
        [[fallthrough]];
      default:
        Binder::ResolveUnknown(args[0]);
        type = args[0]->return_type;
        break;
    }
  }
  for (auto& a : args) Binder::ResolveUnknown(a);
  window.argument_count = args.size();

  auto call = std::make_unique<BoundExpression>(BoundExpressionKind::kWindowCall, type);
  call->children = std::move(args);
  {
    scope->inside_definition = true;
    struct Reset {
      WindowScope* s;
      ~Reset() { s->inside_definition = false; }
    } reset{scope};
    BindWindowSpec(*scope, expr, window, call->children);
  }
  if (filter) {
    // The filter goes after the frame bounds (see BoundWindow's child layout).
    window.has_filter = true;
    call->children.insert(call->children.begin() + window.FilterOffset(), std::move(filter));
  }
  call->alias = name == "count_star" ? "count" : name;
  call->value = Value::BigInt(static_cast<int64_t>(scope->windows.size()));
  scope->windows.push_back(std::move(window));
  return call;
}

}  // namespace kadedb
