// Expression binding for operators and operator-like syntax: arithmetic/comparison operators
// (resolved in the FunctionRegistry), AND/OR/NOT, BETWEEN, IN lists, LIKE/ILIKE, CASE, casts.
#include "binder/bind_reg_cast.hpp"
#include "binder/bind_row_in.hpp"
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

ExprPtr Binder::CallScalar(const std::string& name, std::vector<ExprPtr> args, int location) {
  std::vector<LogicalType> types;
  for (auto& a : args) types.push_back(IsUnknown(*a) ? LogicalType() : a->return_type);
  BoundScalarCall call;
  try {
    call = FunctionRegistry::Builtin().ResolveScalar(name, types);
  } catch (const Exception& e) {
    throw Exception(e.sqlstate(), e.what(), e.position() ? e.position() : location, e.detail(),
                    e.hint());
  }
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kFunction, call.return_type);
  for (size_t i = 0; i < args.size(); i++) {
    e->children.push_back(
        Coerce(std::move(args[i]), call.arg_types[i], CastStrength::kImplicit, location));
  }
  // The children now carry the final types (unknown literals became text for "any" parameters).
  for (size_t i = 0; i < e->children.size(); i++) call.arg_types[i] = e->children[i]->return_type;
  e->function = call;
  return e;
}

ExprPtr Binder::Compare(const std::string& op, ExprPtr left, ExprPtr right, int location) {
  std::vector<ExprPtr> args;
  args.push_back(std::move(left));
  args.push_back(std::move(right));
  return CallScalar(op, std::move(args), location);
}

ExprPtr Binder::BindOperator(const OperatorExpression& expr) {
  std::vector<ExprPtr> args;
  // -<numeric literal> is folded into the constant (as PostgreSQL's grammar does), so that
  // -2147483648 is an integer.
  if (expr.op == "-" && expr.children.size() == 1 &&
      expr.children[0]->kind == ExpressionKind::kConstant) {
    auto& c = expr.children[0]->Cast<ConstantExpression>();
    if (c.value_kind == ConstantKind::kInteger) {
      int64_t v = -c.integer_value;
      if (v >= INT32_MIN && v <= INT32_MAX)
        return MakeConstant(Value::Integer(static_cast<int32_t>(v)));
      return MakeConstant(Value::BigInt(v));
    }
    if (c.value_kind == ConstantKind::kNumeric) {
      // -(-1.5): the inner literal is already negative, so drop its sign (PostgreSQL's
      // doNegateFloat) rather than parsing "--1.5".
      std::string text = c.text[0] == '-' ? c.text.substr(1) : "-" + c.text;
      return MakeConstant(ParseValue(text, LogicalType(TypeId::kDecimal)));
    }
  }
  if (ExprPtr row = TryBindRowComparison(expr)) return row;
  for (auto& c : expr.children) args.push_back(BindExpr(*c));
  std::string op = expr.op;
  if (op == "!=") op = "<>";
  if (op == "+" && args.size() == 1 && !IsUnknown(*args[0]) && args[0]->return_type.IsNumeric()) {
    return std::move(args[0]);
  }
  return CallScalar(op, std::move(args), expr.location);
}

ExprPtr Binder::BindBoolean(const BooleanExpression& expr) {
  BoundExpressionKind kind = expr.op == BooleanOp::kAnd  ? BoundExpressionKind::kAnd
                             : expr.op == BooleanOp::kOr ? BoundExpressionKind::kOr
                                                         : BoundExpressionKind::kNot;
  const char* name = expr.op == BooleanOp::kAnd ? "AND" : expr.op == BooleanOp::kOr ? "OR" : "NOT";
  auto e = std::make_unique<BoundExpression>(kind, TypeId::kBoolean);
  for (auto& c : expr.children) {
    auto child = BindCondition(*c, name);
    // Flatten nested ANDs/ORs.
    if (child->kind == kind && kind != BoundExpressionKind::kNot) {
      for (auto& g : child->children) e->children.push_back(std::move(g));
    } else {
      e->children.push_back(std::move(child));
    }
  }
  return e;
}

ExprPtr Binder::BindBetween(const BetweenExpression& expr) {
  // x BETWEEN a AND b -> x >= a AND x <= b (x is bound once per use; binding is pure).
  auto make = [&](const ParsedExpression& lo, const ParsedExpression& hi) {
    auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kAnd, TypeId::kBoolean);
    e->children.push_back(Compare(">=", BindExpr(*expr.input), BindExpr(lo), expr.location));
    e->children.push_back(Compare("<=", BindExpr(*expr.input), BindExpr(hi), expr.location));
    return e;
  };
  ExprPtr result = make(*expr.lower, *expr.upper);
  if (expr.symmetric) {
    auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kOr, TypeId::kBoolean);
    e->children.push_back(std::move(result));
    e->children.push_back(make(*expr.upper, *expr.lower));
    result = std::move(e);
  }
  if (expr.negated) {
    auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kNot, TypeId::kBoolean);
    e->children.push_back(std::move(result));
    result = std::move(e);
  }
  return result;
}

ExprPtr Binder::BindInList(const InListExpression& expr) {
  if (expr.input->kind == ExpressionKind::kRow && !expr.list.empty()) {
    return BindRowInList(*this, expr);
  }
  if (expr.list.empty()) {
    BindExpr(*expr.input);  // still resolve names, so `bogus IN ()` reports 42703
    return MakeConstant(Value::Boolean(expr.negated));
  }
  auto e = std::make_unique<BoundExpression>(
      expr.negated ? BoundExpressionKind::kNotIn : BoundExpressionKind::kIn, TypeId::kBoolean);
  e->children.push_back(BindExpr(*expr.input));
  for (auto& item : expr.list) e->children.push_back(BindExpr(*item));
  std::vector<ExprPtr*> all;
  for (auto& c : e->children) all.push_back(&c);
  UnifyTypes(all, expr.location);
  return e;
}

ExprPtr Binder::BindLike(const LikeExpression& expr) {
  if (expr.like_kind == LikeKind::kSimilarTo) {
    throw Exception(sqlstate::kFeatureNotSupported, "SIMILAR TO is not supported", expr.location);
  }
  std::vector<ExprPtr> args;
  args.push_back(BindExpr(*expr.input));
  args.push_back(BindExpr(*expr.pattern));
  if (expr.escape) args.push_back(BindExpr(*expr.escape));
  std::string op = expr.like_kind == LikeKind::kILike ? "~~*" : "~~";
  if (expr.negated) op = "!" + op;
  return CallScalar(op, std::move(args), expr.location);
}

ExprPtr Binder::BindCase(const CaseExpression& expr) {
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kCase);
  for (auto& check : expr.checks) {
    if (expr.operand) {
      // Simple CASE: operand = value (the operand is re-bound per branch).
      e->children.push_back(
          Compare("=", BindExpr(*expr.operand), BindExpr(*check.when), check.when->location));
    } else {
      e->children.push_back(BindCondition(*check.when, "CASE/WHEN"));
    }
    e->children.push_back(BindExpr(*check.then));
  }
  e->children.push_back(expr.else_expr ? BindExpr(*expr.else_expr) : MakeConstant(Value()));
  std::vector<ExprPtr*> results;
  for (size_t i = 1; i < e->children.size(); i += 2) results.push_back(&e->children[i]);
  results.push_back(&e->children.back());
  e->return_type = UnifyTypes(results, expr.location);
  return e;
}

ExprPtr Binder::BindCast(const CastExpression& expr) {
  if (!expr.type.catalog_type.empty()) return BindRegCast(*this, expr);  // 'tbl'::regclass
  if (expr.child->kind == ExpressionKind::kArray && expr.type.type.IsArray() &&
      expr.child->Cast<ArrayExpression>().elements.empty()) {
    // ARRAY[]::int[]: the cast gives the empty array its type.
    return MakeConstant(Value::Array(expr.type.type, std::string(1, '\0')));
  }
  auto child = BindExpr(*expr.child);
  const LogicalType& target = expr.type.type;
  if (expr.syntax == CastSyntax::kTypedLiteral && expr.type.interval_fields.size() &&
      child->kind == BoundExpressionKind::kConstant && child->is_unknown_literal) {
    // INTERVAL '1' DAY: a bare number counts in the qualifier's unit.
    std::string text = child->value.GetString();
    std::string unit = expr.type.interval_fields;
    auto sp = unit.find(' ');
    if (sp != std::string::npos) unit = unit.substr(unit.rfind(' ') + 1);
    auto paren = unit.find('(');
    if (paren != std::string::npos) unit = unit.substr(0, paren);
    bool numeric = !text.empty() && text.find_first_not_of("0123456789.-+ ") == std::string::npos;
    if (numeric) text += " " + unit;
    auto e = MakeConstant(ParseValue(text, target));
    return e;
  }
  if (IsUnknown(*child))
    return Coerce(std::move(child), target, CastStrength::kExplicit, expr.location);
  if (child->return_type == target) return child;
  if (!CanCast(child->return_type, target, CastStrength::kExplicit)) {
    bool arrays = child->return_type.IsArray() && target.IsArray();  // element names, as PG
    throw Exception(
        "42846",
        "cannot cast type " +
            (arrays ? child->return_type.ElementType() : child->return_type).ToString() + " to " +
            (arrays ? target.ElementType() : target).ToString(),
        expr.location);
  }
  return MakeCast(std::move(child), target);
}

}  // namespace kadedb
