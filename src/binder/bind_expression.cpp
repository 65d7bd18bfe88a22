// Expression binding: the dispatch over AST expression kinds, constants, parameters, coercion of
// untyped literals ('5' takes the type its context needs, as in PostgreSQL) and conditions.
#include "binder/bind_window.hpp"
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

ExprPtr Binder::BindExpr(const ParsedExpression& expr) {
  switch (expr.kind) {
    case ExpressionKind::kConstant:
      return BindConstant(expr.Cast<ConstantExpression>());
    case ExpressionKind::kColumnRef:
      return BindColumnRef(expr.Cast<ColumnRefExpression>());
    case ExpressionKind::kParameter:
      return BindParameter(expr.Cast<ParameterExpression>());
    case ExpressionKind::kOperator:
      return BindOperator(expr.Cast<OperatorExpression>());
    case ExpressionKind::kBoolean:
      return BindBoolean(expr.Cast<BooleanExpression>());
    case ExpressionKind::kNullTest: {
      auto& n = expr.Cast<NullTestExpression>();
      auto child = BindExpr(*n.child);
      ResolveUnknown(child);
      auto e = std::make_unique<BoundExpression>(
          n.negated ? BoundExpressionKind::kIsNotNull : BoundExpressionKind::kIsNull,
          TypeId::kBoolean);
      e->children.push_back(std::move(child));
      return e;
    }
    case ExpressionKind::kBooleanTest: {
      // x IS TRUE -> x IS NOT DISTINCT FROM true (never NULL), likewise FALSE; UNKNOWN -> IS NULL.
      auto& t = expr.Cast<BooleanTestExpression>();
      auto child =
          Coerce(BindExpr(*t.child), TypeId::kBoolean, CastStrength::kImplicit, t.child->location);
      if (child->return_type.id != TypeId::kBoolean) {
        throw Exception(
            sqlstate::kDatatypeMismatch,
            "argument of IS TRUE must be type boolean, not type " + child->return_type.ToString(),
            expr.location);
      }
      ExprPtr e;
      if (t.test == BooleanTestKind::kUnknown) {
        e = std::make_unique<BoundExpression>(
            t.negated ? BoundExpressionKind::kIsNotNull : BoundExpressionKind::kIsNull,
            TypeId::kBoolean);
        e->children.push_back(std::move(child));
        return e;
      }
      e = std::make_unique<BoundExpression>(t.negated ? BoundExpressionKind::kIsDistinctFrom
                                                      : BoundExpressionKind::kIsNotDistinctFrom,
                                            TypeId::kBoolean);
      e->children.push_back(std::move(child));
      e->children.push_back(MakeConstant(Value::Boolean(t.test == BooleanTestKind::kTrue)));
      return e;
    }
    case ExpressionKind::kDistinctFrom: {
      auto& d = expr.Cast<DistinctFromExpression>();
      auto left = BindExpr(*d.left);
      auto right = BindExpr(*d.right);
      // Type the pair like "=" would.
      std::vector<ExprPtr*> pair = {&left, &right};
      UnifyTypes(pair, expr.location);
      auto e = std::make_unique<BoundExpression>(d.negated ? BoundExpressionKind::kIsNotDistinctFrom
                                                           : BoundExpressionKind::kIsDistinctFrom,
                                                 TypeId::kBoolean);
      e->children.push_back(std::move(left));
      e->children.push_back(std::move(right));
      return e;
    }
    case ExpressionKind::kBetween:
      return BindBetween(expr.Cast<BetweenExpression>());
    case ExpressionKind::kInList:
      return BindInList(expr.Cast<InListExpression>());
    case ExpressionKind::kLike:
      return BindLike(expr.Cast<LikeExpression>());
    case ExpressionKind::kCase:
      return BindCase(expr.Cast<CaseExpression>());
    case ExpressionKind::kCast:
      return BindCast(expr.Cast<CastExpression>());
    case ExpressionKind::kFunction:
      if (IsWindowCall(expr.Cast<FunctionExpression>())) {
        return BindWindowCall(*this, expr.Cast<FunctionExpression>());
      }
      return BindFunction(expr.Cast<FunctionExpression>());
    case ExpressionKind::kSubquery:
      return BindSubquery(expr.Cast<SubqueryExpression>());
    case ExpressionKind::kCollate: {
      // Only the default collation exists; COLLATE "C"/"default"/"POSIX" are accepted as no-ops.
      return BindExpr(*expr.Cast<CollateExpression>().child);
    }
    case ExpressionKind::kStar:
      throw Exception(sqlstate::kSyntaxError, "row expansion via \"*\" is not supported here",
                      expr.location);
    case ExpressionKind::kDefault:
      throw Exception(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context",
                      expr.location);
    case ExpressionKind::kRow:
      return BindRowValue(expr.Cast<RowExpression>());
    case ExpressionKind::kArray:
      return BindArrayConstructor(expr.Cast<ArrayExpression>());
    case ExpressionKind::kArrayComparison:
      return BindArrayComparison(expr.Cast<ArrayComparisonExpression>());
    case ExpressionKind::kSubscript:
      return BindSubscript(expr.Cast<SubscriptExpression>());
  }
  ThrowInternal("unknown expression kind");
}

ExprPtr Binder::BindConstant(const ConstantExpression& c) {
  switch (c.value_kind) {
    case ConstantKind::kNull:
      return MakeConstant(Value());
    case ConstantKind::kBoolean:
      return MakeConstant(Value::Boolean(c.boolean_value));
    case ConstantKind::kInteger:
      return MakeConstant(c.is_bigint ? Value::BigInt(c.integer_value)
                                      : Value::Integer(static_cast<int32_t>(c.integer_value)));
    case ConstantKind::kNumeric:
      return MakeConstant(ParseValue(c.text, LogicalType(TypeId::kDecimal)));
    case ConstantKind::kString: {
      auto e = MakeConstant(Value::Text(c.text));
      e->is_unknown_literal = true;
      return e;
    }
  }
  ThrowInternal("unknown constant kind");
}

ExprPtr Binder::BindParameter(const ParameterExpression& p) {
  if (p.index < 1) {
    throw Exception(sqlstate::kUndefinedParameter,
                    "there is no parameter $" + std::to_string(p.index), p.location);
  }
  idx_t i = static_cast<idx_t>(p.index - 1);
  if (shared_.parameter_types.size() <= i) shared_.parameter_types.resize(i + 1);
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kParameter,
                                             shared_.parameter_types[i]);
  e->parameter_index = i;
  return e;
}

bool Binder::IsUnknown(const BoundExpression& e) {
  if (e.kind == BoundExpressionKind::kConstant) {
    return e.is_unknown_literal || e.return_type.id == TypeId::kNull;
  }
  if (e.kind == BoundExpressionKind::kParameter) return e.return_type.id == TypeId::kNull;
  return false;
}

void Binder::ResolveUnknown(ExprPtr& expr) {
  if (expr->kind == BoundExpressionKind::kConstant) expr->is_unknown_literal = false;
}

ExprPtr Binder::Coerce(ExprPtr expr, const LogicalType& target, CastStrength strength,
                       int location) {
  if (target.id == TypeId::kNull) {
    ResolveUnknown(expr);
    return expr;
  }
  if (expr->kind == BoundExpressionKind::kConstant && expr->is_unknown_literal) {
    std::string alias = expr->alias;
    if (strength == CastStrength::kExplicit && target.id == TypeId::kVarchar && target.length) {
      // 'abcdef'::varchar(3) truncates, like any explicit cast to varchar(n).
      auto e = MakeConstant(CastValue(expr->value, target, CastStrength::kExplicit));
      e->alias = alias;
      return e;
    }
    Value parsed;
    try {
      parsed = ParseValue(expr->value.GetString(), target);
    } catch (const Exception& ex) {
      if (ex.position() || !location) throw;
      throw Exception(ex.sqlstate(), ex.what(), location, ex.detail(), ex.hint());
    }
    auto e = MakeConstant(std::move(parsed));
    e->alias = alias;
    return e;
  }
  if (expr->kind == BoundExpressionKind::kConstant && expr->return_type.id == TypeId::kNull) {
    auto e = MakeConstant(Value::Null(target));
    e->alias = expr->alias;
    return e;
  }
  if (expr->kind == BoundExpressionKind::kParameter && expr->return_type.id == TypeId::kNull) {
    expr->return_type = target;
    shared_.parameter_types[expr->parameter_index] = target;
    return expr;
  }
  if (strength == CastStrength::kAssignment && target.id == TypeId::kVarchar && target.length &&
      expr->return_type.id != TypeId::kNull && CanCast(expr->return_type, target, strength)) {
    // Storing into varchar(n) must fail on a too long value (22001), not truncate as the
    // explicit cast node would: cast to plain varchar here, the length is enforced where the
    // row is stored (ConformToTable / VerifyRows), as PostgreSQL's assignment coercion.
    if (expr->return_type.id == TypeId::kVarchar) return expr;
    return MakeCast(std::move(expr), LogicalType(TypeId::kVarchar));
  }
  if (expr->return_type == target) return expr;
  if (!CanCast(expr->return_type, target, strength)) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    "cannot cast type " + expr->return_type.ToString() + " to " + target.ToString(),
                    location);
  }
  return MakeCast(std::move(expr), target);
}

ExprPtr Binder::BindExprAs(const ParsedExpression& expr, const LogicalType& target,
                           CastStrength strength) {
  return Coerce(BindExpr(expr), target, strength, expr.location);
}

ExprPtr Binder::BindCondition(const ParsedExpression& expr, const char* clause) {
  auto e = BindExpr(expr);
  if (IsUnknown(*e)) e = Coerce(std::move(e), TypeId::kBoolean);
  if (e->return_type.id != TypeId::kBoolean) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    std::string("argument of ") + clause + " must be type boolean, not type " +
                        e->return_type.ToString(),
                    expr.location);
  }
  return e;
}

LogicalType Binder::UnifyTypes(std::vector<ExprPtr*> exprs, int location) {
  LogicalType common;  // kNull
  bool all_unknown_literals = true;
  for (auto* e : exprs) {
    if (IsUnknown(**e)) continue;
    all_unknown_literals = false;
    try {
      common =
          common.id == TypeId::kNull ? (*e)->return_type : CommonType(common, (*e)->return_type);
    } catch (const Exception& ex) {
      throw Exception(ex.sqlstate(), ex.what(), location);
    }
  }
  if (all_unknown_literals) {
    // PostgreSQL resolves all-unknown inputs as text (an all-NULL list stays untyped -> text).
    common = TypeId::kText;
  }
  // PostgreSQL coerces to the common type without a typmod (varchar, not varchar(1)), so a
  // literal compared with or unified with a VARCHAR(n) column gets no length check; the result
  // keeps the typmod only when every input already has that exact type.
  for (auto* e : exprs) {
    if ((*e)->return_type != common) common = common.WithoutModifiers();
  }
  for (auto* e : exprs) *e = Coerce(std::move(*e), common, CastStrength::kImplicit, location);
  return common;
}

}  // namespace kadedb
