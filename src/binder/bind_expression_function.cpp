// Expression binding for function calls: scalar functions through the FunctionRegistry (COALESCE,
// NULLIF, GREATEST, LEAST unify their argument types first) and aggregate calls, which are
// collected into the enclosing SELECT's AggregateState and replaced by a column reference.
#include <algorithm>

#include "binder/bind_ordered_set.hpp"
#include "binder/binder.hpp"
#include "common/ascii.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

const char* AggregateNotAllowed(ExprClause clause) {
  switch (clause) {
    case ExprClause::kWhere:
      return "aggregate functions are not allowed in WHERE";
    case ExprClause::kJoinOn:
      return "aggregate functions are not allowed in JOIN conditions";
    case ExprClause::kGroupBy:
      return "aggregate functions are not allowed in GROUP BY";
    case ExprClause::kValues:
      return "aggregate functions are not allowed in VALUES";
    case ExprClause::kDefault:
      return "aggregate functions are not allowed in DEFAULT expressions";
    case ExprClause::kCheck:
      return "aggregate functions are not allowed in check constraints";
    case ExprClause::kFunctionFrom:
      return "aggregate functions are not allowed in functions in FROM";
    case ExprClause::kUpdateSet:
      return "aggregate functions are not allowed in UPDATE";
    case ExprClause::kReturning:
      return "aggregate functions are not allowed in RETURNING";
    case ExprClause::kLimit:
      return "aggregate functions are not allowed in LIMIT";
    default:
      return "aggregate functions are not allowed here";
  }
}

}  // namespace

ExprPtr Binder::BindFunction(const FunctionExpression& expr) {
  if (expr.over) {
    throw Exception(sqlstate::kFeatureNotSupported, "window functions are not supported yet",
                    expr.location);
  }
  if (expr.name.size() > 1 && AsciiLower(expr.name[0]) != "pg_catalog") {
    throw Exception(sqlstate::kUndefinedFunction,
                    "function " + QualifiedNameToString(expr.name) + " does not exist",
                    expr.location);
  }
  std::string name = AsciiLower(expr.function_name());
  const auto& registry = FunctionRegistry::Builtin();
  if (name == "grouping") return BindGrouping(expr);
  if (IsOrderedSetCall(expr)) return BindOrderedSetAggregate(*this, expr);
  if (registry.IsAggregate(name)) return BindAggregate(expr);
  if (expr.distinct || expr.star || !expr.order_by.empty() || expr.filter) {
    if (!registry.IsScalar(name)) {
      throw Exception(sqlstate::kUndefinedFunction, "function " + name + " does not exist",
                      expr.location);
    }
    throw Exception(
        sqlstate::kWrongObjectType,
        "DISTINCT, ORDER BY, FILTER or * specified, but " + name + " is not an aggregate function",
        expr.location);
  }
  std::vector<ExprPtr> args;
  for (auto& a : expr.args) args.push_back(BindExpr(*a));
  // NULLIF(a, b) has the type of a as the "=" operator takes it (PostgreSQL): a keeps its type
  // where "=" has a cross-type form (integers, floats, date/timestamp), else the common type.
  LogicalType nullif_type;
  if (name == "nullif" && args.size() == 2 && !IsUnknown(*args[0])) {
    nullif_type = args[0]->return_type;
  }
  if (name == "coalesce" || name == "nullif" || name == "greatest" || name == "least") {
    std::vector<ExprPtr*> all;
    for (auto& a : args) all.push_back(&a);
    UnifyTypes(all, expr.location);
  }
  ExprPtr call = CallScalar(name, std::move(args), expr.location);
  if (nullif_type.id != TypeId::kNull && call->return_type.id != nullif_type.id) {
    auto family = [](TypeId id) {
      if (id == TypeId::kSmallInt || id == TypeId::kInteger || id == TypeId::kBigInt) return 1;
      if (id == TypeId::kReal || id == TypeId::kDouble) return 2;
      if (id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz) return 3;
      return 0;
    };
    int f = family(nullif_type.id);
    // The result is a's value, so casting it back is exact.
    if (f && f == family(call->return_type.id)) return MakeCast(std::move(call), nullif_type);
  }
  return call;
}

ExprPtr Binder::BindGrouping(const FunctionExpression& expr) {
  if (!aggregates_ || aggregates_->inside_aggregate) {
    throw Exception(sqlstate::kGroupingError,
                    aggregates_ ? "aggregate function calls cannot contain GROUPING"
                                : "grouping operations are not allowed here",
                    expr.location);
  }
  if (expr.args.empty() || expr.args.size() > 31) {
    throw Exception(sqlstate::kProgramLimitExceeded, "GROUPING must have fewer than 32 arguments",
                    expr.location);
  }
  std::vector<idx_t> keys;
  for (auto& a : expr.args) {
    ExprPtr e = BindExpr(*a);
    ResolveUnknown(e);
    bool found = false;
    for (size_t i = 0; i < aggregates_->groups.size() && !found; i++) {
      if (aggregates_->groups[i]->Equals(*e)) {
        keys.push_back(i);
        found = true;
      }
    }
    if (!found) {
      throw Exception(sqlstate::kGroupingError,
                      "arguments to GROUPING must be grouping expressions of the associated "
                      "query level",
                      a->location);
    }
  }
  aggregates_->grouping_functions.push_back(std::move(keys));
  auto ref = MakeColumnRef(
      {aggregates_->groupings_index, aggregates_->grouping_functions.size() - 1}, TypeId::kInteger);
  ref->alias = "grouping";
  return ref;
}

ExprPtr Binder::BindAggregate(const FunctionExpression& expr) {
  std::string name = AsciiLower(expr.function_name());
  if (aggregates_ && aggregates_->inside_aggregate) {
    throw Exception(sqlstate::kGroupingError, "aggregate function calls cannot be nested",
                    expr.location);
  }
  // The arguments decide which query level the aggregate belongs to (PostgreSQL): when they
  // only read columns of an enclosing query, it is that query's aggregate. Bind them under a
  // scratch state (to catch nesting) and remember the correlation lists to undo.
  std::vector<std::pair<Binder*, size_t>> correlated_sizes;
  for (Binder* b = this; b; b = b->parent_) correlated_sizes.push_back({b, b->correlated_.size()});
  AggregateState* outer_state = aggregates_;
  AggregateState scratch;
  scratch.inside_aggregate = true;
  aggregates_ = &scratch;
  struct Restore {
    Binder& b;
    AggregateState* state;
    ~Restore() { b.aggregates_ = state; }
  } restore{*this, outer_state};
  BoundAggregate agg;
  {
    std::vector<ExprPtr> args;
    for (auto& a : expr.args) args.push_back(BindExpr(*a));
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
    for (auto& a : args) types.push_back(IsUnknown(*a) ? LogicalType() : a->return_type);
    BoundAggregateCall call;
    try {
      call = FunctionRegistry::Builtin().ResolveAggregate(name, types);
    } catch (const Exception& e) {
      throw Exception(e.sqlstate(), e.what(), expr.location, e.detail(), e.hint());
    }
    for (size_t i = 0; i < args.size(); i++) {
      args[i] =
          Coerce(std::move(args[i]), call.arg_types[i], CastStrength::kImplicit, expr.location);
      call.arg_types[i] = args[i]->return_type;
    }
    agg.function = call;
    agg.children = std::move(args);
    agg.distinct = expr.distinct;
    agg.return_type = call.return_type;
    if (expr.filter) agg.filter = BindCondition(*expr.filter, "FILTER");
    for (auto& item : expr.order_by) {
      BoundOrderBy o;
      o.type = ToOrderType(item.direction);
      o.nulls = ToNullOrder(item.nulls, o.type);
      o.expression = BindExpr(*item.expression);
      ResolveUnknown(o.expression);
      agg.order_by.push_back(std::move(o));
    }
  }
  aggregates_ = outer_state;
  idx_t level = AggregateLevel(agg);
  Binder* owner = this;
  if (level > 0) {
    // Undo the correlation registrations of the arguments up to the owning level, and shift
    // the arguments' outer references to be local to it.
    idx_t crossed = 0;
    for (size_t i = 0; crossed < level; i++) {
      Binder* b = correlated_sizes[i].first;
      if (b->kind_ == BinderKind::kSubquery) {
        b->correlated_.resize(correlated_sizes[i].second);
        crossed++;
      }
      owner = b->parent_;
    }
    ShiftDepth(agg, level);
  }
  if (!owner->aggregates_) {
    throw Exception(sqlstate::kGroupingError, AggregateNotAllowed(owner->clause_), expr.location);
  }
  LogicalType type = agg.return_type;
  AggregateState& state = *owner->aggregates_;
  idx_t index = state.aggregates.size();
  state.aggregates.push_back(std::move(agg));
  auto ref = MakeColumnRef({state.aggregate_index, index}, type, level);
  ref->alias = name == "count_star" ? "count" : name;
  if (level > 0) AddCorrelated(ref->binding, type, level, ref->alias);
  return ref;
}

namespace {

void MinDepth(const BoundExpression& e, idx_t* min_depth, bool* any) {
  if (e.kind == BoundExpressionKind::kColumnRef) {
    *min_depth = *any ? std::min(*min_depth, e.depth) : e.depth;
    *any = true;
  }
  for (auto& c : e.children) MinDepth(*c, min_depth, any);
  for (auto& c : e.correlated_columns) MinDepth(*c, min_depth, any);
}

void Shift(BoundExpression& e, idx_t level) {
  if (e.kind == BoundExpressionKind::kColumnRef && e.depth >= level) e.depth -= level;
  for (auto& c : e.children) Shift(*c, level);
  for (auto& c : e.correlated_columns) Shift(*c, level);
}

}  // namespace

idx_t Binder::AggregateLevel(const BoundAggregate& agg) {
  idx_t level = 0;
  bool any = false;
  for (auto& c : agg.children) MinDepth(*c, &level, &any);
  if (agg.filter) MinDepth(*agg.filter, &level, &any);
  for (auto& o : agg.order_by) MinDepth(*o.expression, &level, &any);
  return any ? level : 0;
}

void Binder::ShiftDepth(BoundAggregate& agg, idx_t level) {
  for (auto& c : agg.children) Shift(*c, level);
  if (agg.filter) Shift(*agg.filter, level);
  for (auto& o : agg.order_by) Shift(*o.expression, level);
}

}  // namespace kadedb
