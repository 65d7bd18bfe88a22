// expression_rewriter pass (see expression_rewriter.hpp).
#include "optimizer/expression_rewriter.hpp"

#include "common/exception.hpp"
#include "function/cast/cast.hpp"
#include "optimizer/expression_util.hpp"

namespace kadedb {

namespace {

// Casts a constant at plan time. Only when the run-time cast would give the same value: the
// executor may apply either the explicit or the assignment strength, which differ only by
// erroring where the other truncates (varchar(n)), so both must agree. Any error keeps the cast
// for run time, where it is raised only if the expression is evaluated.
bool TryFoldCast(const BoundExpression& cast, Value& out) {
  const Value& input = cast.children[0]->value;
  try {
    Value explicit_value = CastValue(input, cast.return_type, CastStrength::kExplicit);
    if (CanCast(input.type(), cast.return_type, CastStrength::kAssignment)) {
      Value assigned = CastValue(input, cast.return_type, CastStrength::kAssignment);
      if (assigned.IsNull() != explicit_value.IsNull() ||
          assigned.ToString() != explicit_value.ToString()) {
        return false;
      }
    }
    if (explicit_value.type() != cast.return_type && !explicit_value.IsNull()) return false;
    out = std::move(explicit_value);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

ExprPtr MakeNullOf(const LogicalType& type) {
  auto e = MakeConstant(Value::Null(type));
  e->return_type = type;
  return e;
}

// AND (is_and) / OR with folded children.
ExprPtr FoldConnective(ExprPtr e, bool is_and) {
  // For AND, FALSE absorbs and TRUE vanishes; for OR the other way round.
  const bool absorbing = !is_and;
  std::vector<ExprPtr> kept;
  bool has_null = false;
  for (auto& c : e->children) {
    if (IsBoolConstant(*c, absorbing)) return MakeBoolConstant(absorbing);
    if (IsBoolConstant(*c, !absorbing)) continue;
    if (IsNullConstant(*c)) {
      has_null = true;
      continue;
    }
    kept.push_back(std::move(c));
  }
  if (has_null) kept.push_back(MakeNullOf(TypeId::kBoolean));
  if (kept.empty()) return MakeBoolConstant(!absorbing);
  if (kept.size() == 1) {
    ExprPtr only = std::move(kept[0]);
    if (!e->alias.empty()) only->alias = e->alias;
    return only;
  }
  e->children = std::move(kept);
  return e;
}

ExprPtr KeepAlias(ExprPtr folded, const std::string& alias) {
  if (!alias.empty()) folded->alias = alias;
  return folded;
}

}  // namespace

ExprPtr FoldExpression(ExprPtr e) {
  if (!e) return e;
  // Subquery plans are optimized on their own; their operands (children) are folded here.
  for (auto& c : e->children) c = FoldExpression(std::move(c));
  switch (e->kind) {
    case BoundExpressionKind::kCast: {
      if (e->children[0]->kind != BoundExpressionKind::kConstant) return e;
      Value folded;
      if (!TryFoldCast(*e, folded)) return e;
      auto constant = MakeConstant(std::move(folded));
      constant->return_type = e->return_type;
      return KeepAlias(std::move(constant), e->alias);
    }
    case BoundExpressionKind::kAnd:
      return FoldConnective(std::move(e), true);
    case BoundExpressionKind::kOr:
      return FoldConnective(std::move(e), false);
    case BoundExpressionKind::kNot: {
      auto& child = *e->children[0];
      if (IsNullConstant(child)) return KeepAlias(MakeNullOf(TypeId::kBoolean), e->alias);
      if (IsBoolConstant(child, true)) return KeepAlias(MakeBoolConstant(false), e->alias);
      if (IsBoolConstant(child, false)) return KeepAlias(MakeBoolConstant(true), e->alias);
      if (child.kind == BoundExpressionKind::kNot) {
        return KeepAlias(std::move(e->children[0]->children[0]), e->alias);
      }
      return e;
    }
    case BoundExpressionKind::kIsNull:
    case BoundExpressionKind::kIsNotNull: {
      auto& child = *e->children[0];
      if (child.kind != BoundExpressionKind::kConstant) return e;
      bool is_null = child.value.IsNull();
      bool result = e->kind == BoundExpressionKind::kIsNull ? is_null : !is_null;
      return KeepAlias(MakeBoolConstant(result), e->alias);
    }
    default:
      return e;
  }
}

void RewriteExpressions(LogicalOperator& plan) {
  VisitOperatorExpressions(plan, [](ExprPtr& e) { e = FoldExpression(std::move(e)); });
  for (auto& child : plan.children) RewriteExpressions(*child);
}

}  // namespace kadedb
