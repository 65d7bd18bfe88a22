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

// Types whose functions may read the session (time zone, statement time): never folded.
bool DependsOnSession(const LogicalType& type) {
  return type.IsTemporal() || type.id == TypeId::kInterval;
}

bool IsConstant(const BoundExpression& e) {
  return e.kind == BoundExpressionKind::kConstant;
}

// Evaluates a call of a non-volatile function on constant arguments, as the executor would.
// Any error leaves the call for run time.
bool TryEvaluateFunction(const BoundExpression& e, Value& out) {
  const ScalarFunction* f = e.function.function;
  if (!f || f->is_volatile || !f->exec || e.children.empty()) return false;
  if (DependsOnSession(e.return_type)) return false;
  std::vector<Vector> args;
  args.reserve(e.children.size());
  for (size_t i = 0; i < e.children.size(); i++) {
    const auto& c = *e.children[i];
    if (!IsConstant(c) || DependsOnSession(c.return_type)) return false;
    // The executor casts to the declared argument type; fold only when no cast is needed.
    if (i < e.function.arg_types.size() && e.function.arg_types[i].id != TypeId::kNull &&
        e.function.arg_types[i] != c.return_type) {
      return false;
    }
    if (!c.value.IsNull() && c.value.type().id != c.return_type.id) return false;
    if (c.value.IsNull() && f->strict) return false;  // handled by the caller
    Vector v(c.return_type);
    v.Append(c.value);
    args.push_back(std::move(v));
  }
  try {
    std::vector<const Vector*> ptrs;
    for (auto& a : args) ptrs.push_back(&a);
    Vector result(e.return_type);
    result.Resize(1);
    FunctionContext context;
    f->exec(ptrs, 1, result, context);
    if (result.size() != 1) return false;
    out = result.GetValue(0);
    if (!out.IsNull() && out.type().id != e.return_type.id) return false;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

ExprPtr FoldFunction(ExprPtr e) {
  const ScalarFunction* f = e->function.function;
  if (!f) return e;
  // A strict function of a NULL constant is NULL; its other arguments are never evaluated.
  if (f->strict) {
    for (auto& c : e->children) {
      if (IsNullConstant(*c)) return KeepAlias(MakeNullOf(e->return_type), e->alias);
    }
  }
  if (f->name == "coalesce") {
    // NULL arguments never win; arguments after a non-NULL constant are never evaluated.
    std::vector<ExprPtr> kept;
    for (auto& c : e->children) {
      if (IsNullConstant(*c)) continue;
      bool stop = IsConstant(*c);
      kept.push_back(std::move(c));
      if (stop) break;
    }
    if (kept.empty()) return KeepAlias(MakeNullOf(e->return_type), e->alias);
    if (kept.size() == 1) {
      // Keep the call when the argument's type differs (the executor casts it).
      if (kept[0]->return_type == e->return_type) return KeepAlias(std::move(kept[0]), e->alias);
    }
    e->children = std::move(kept);
    // The arguments share one (unified) type, so the declared list just gets shorter.
    if (e->function.arg_types.size() > e->children.size()) {
      e->function.arg_types.resize(e->children.size());
    }
    return e;
  }
  if (f->name == "nullif" && e->children.size() == 2 &&
      (IsNullConstant(*e->children[0]) || IsNullConstant(*e->children[1]))) {
    // A NULL never equals anything: NULLIF is its first argument and the second is never
    // evaluated (PostgreSQL's eval_const_expressions does the same).
    ExprPtr first = std::move(e->children[0]);
    if (first->return_type != e->return_type) first = MakeCast(std::move(first), e->return_type);
    return KeepAlias(std::move(first), e->alias);
  }
  Value folded;
  if (!TryEvaluateFunction(*e, folded)) return e;
  auto constant = MakeConstant(std::move(folded));
  constant->return_type = e->return_type;
  return KeepAlias(std::move(constant), e->alias);
}

// CASE WHEN c0 THEN r0 ... ELSE d: branches with a constant FALSE / NULL condition are dropped,
// a constant TRUE condition ends the CASE.
ExprPtr FoldCase(ExprPtr e) {
  std::vector<ExprPtr> kept;
  ExprPtr else_expr = std::move(e->children.back());
  for (size_t i = 0; i + 1 < e->children.size(); i += 2) {
    auto& when = e->children[i];
    if (IsBoolConstant(*when, false) || IsNullConstant(*when)) continue;
    if (IsBoolConstant(*when, true)) {
      else_expr = std::move(e->children[i + 1]);
      break;
    }
    kept.push_back(std::move(when));
    kept.push_back(std::move(e->children[i + 1]));
  }
  if (kept.empty()) {
    if (IsNullConstant(*else_expr)) return KeepAlias(MakeNullOf(e->return_type), e->alias);
    if (else_expr->return_type != e->return_type) {
      else_expr = MakeCast(std::move(else_expr), e->return_type);
    }
    return KeepAlias(std::move(else_expr), e->alias);
  }
  kept.push_back(std::move(else_expr));
  e->children = std::move(kept);
  return e;
}

}  // namespace

// Equal conjuncts, counting a = b and b = a as the same.
bool SameConjunct(const BoundExpression& x, const BoundExpression& y) {
  if (x.Equals(y)) return true;
  auto is_eq = [](const BoundExpression& e) {
    return e.kind == BoundExpressionKind::kFunction && e.function.function &&
           e.function.function->name == "=" && e.children.size() == 2;
  };
  return is_eq(x) && is_eq(y) && x.children[0]->Equals(*y.children[1]) &&
         x.children[1]->Equals(*y.children[0]);
}

// (A AND B) OR (A AND C) -> A AND (B OR C): conjuncts every OR branch shares are pulled out, so
// filter pushdown can use them (TPC-H Q19 repeats its join key inside each OR branch, which
// otherwise leaves a cross product). Distributivity holds in SQL's three-valued logic. Shared
// conjuncts that are volatile or hold subqueries stay put (they must run once per branch).
ExprPtr FactorOrBranches(ExprPtr e) {
  if (e->kind != BoundExpressionKind::kOr || e->children.size() < 2) return e;
  auto conjuncts = [](const BoundExpression& branch) {
    std::vector<const BoundExpression*> out;
    if (branch.kind == BoundExpressionKind::kAnd) {
      for (auto& c : branch.children) out.push_back(c.get());
    } else {
      out.push_back(&branch);
    }
    return out;
  };
  std::vector<ExprPtr> common;
  for (const BoundExpression* candidate : conjuncts(*e->children[0])) {
    if (!IsMovable(*candidate) || HasVolatile(*candidate)) continue;
    bool everywhere = true;
    for (size_t b = 1; b < e->children.size() && everywhere; b++) {
      bool found = false;
      for (const BoundExpression* c : conjuncts(*e->children[b])) {
        found = found || SameConjunct(*c, *candidate);
      }
      everywhere = found;
    }
    bool duplicate = false;
    for (auto& already : common) duplicate = duplicate || SameConjunct(*already, *candidate);
    if (everywhere && !duplicate) common.push_back(candidate->Copy());
  }
  if (common.empty()) return e;
  // Rebuild each branch without the shared conjuncts; a branch left empty is TRUE, and so is the
  // whole OR then.
  auto rest = std::make_unique<BoundExpression>(BoundExpressionKind::kOr, TypeId::kBoolean);
  bool any_true = false;
  for (auto& branch : e->children) {
    std::vector<ExprPtr> parts;
    if (branch->kind == BoundExpressionKind::kAnd) {
      parts = std::move(branch->children);
    } else {
      parts.push_back(std::move(branch));
    }
    std::vector<ExprPtr> kept;
    std::vector<bool> removed(common.size(), false);
    for (auto& part : parts) {
      bool drop = false;
      for (size_t i = 0; i < common.size() && !drop; i++) {
        if (!removed[i] && SameConjunct(*part, *common[i])) removed[i] = drop = true;
      }
      if (!drop) kept.push_back(std::move(part));
    }
    if (kept.empty()) {
      any_true = true;
    } else if (kept.size() == 1) {
      rest->children.push_back(std::move(kept[0]));
    } else {
      auto conj = std::make_unique<BoundExpression>(BoundExpressionKind::kAnd, TypeId::kBoolean);
      conj->children = std::move(kept);
      rest->children.push_back(std::move(conj));
    }
  }
  auto out = std::make_unique<BoundExpression>(BoundExpressionKind::kAnd, TypeId::kBoolean);
  out->alias = e->alias;
  out->children = std::move(common);
  if (!any_true) {
    if (rest->children.size() == 1) {
      out->children.push_back(std::move(rest->children[0]));
    } else {
      out->children.push_back(std::move(rest));
    }
  }
  if (out->children.size() == 1) {
    ExprPtr only = std::move(out->children[0]);
    only->alias = out->alias;
    return only;
  }
  return out;
}

ExprPtr FoldExpression(ExprPtr e) {
  if (!e) return e;
  // Subquery plans are optimized on their own; their operands (children) are folded here.
  for (auto& c : e->children) c = FoldExpression(std::move(c));
  switch (e->kind) {
    case BoundExpressionKind::kCast: {
      if (e->children[0]->kind != BoundExpressionKind::kConstant) return e;
      if (DependsOnSession(e->return_type) || DependsOnSession(e->children[0]->return_type)) {
        return e;
      }
      Value folded;
      if (!TryFoldCast(*e, folded)) return e;
      auto constant = MakeConstant(std::move(folded));
      constant->return_type = e->return_type;
      return KeepAlias(std::move(constant), e->alias);
    }
    case BoundExpressionKind::kFunction:
      return FoldFunction(std::move(e));
    case BoundExpressionKind::kCase:
      return FoldCase(std::move(e));
    case BoundExpressionKind::kAnd:
      return FoldConnective(std::move(e), true);
    case BoundExpressionKind::kOr:
      return FactorOrBranches(FoldConnective(std::move(e), false));
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
    case BoundExpressionKind::kIn:
    case BoundExpressionKind::kNotIn:
      // NULL [NOT] IN (list) is NULL whatever the list holds (it is never empty).
      if (IsNullConstant(*e->children[0]) && e->children.size() > 1) {
        return KeepAlias(MakeNullOf(TypeId::kBoolean), e->alias);
      }
      return e;
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
