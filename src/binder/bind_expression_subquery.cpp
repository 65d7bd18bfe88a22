// Expression binding for subqueries: scalar, EXISTS, IN / NOT IN, op ANY / ALL. The subquery is
// bound by a child Binder of kind kSubquery; the outer columns it reads become the expression's
// correlated_columns.
#include "binder/bind_row_in.hpp"
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

ExprPtr Binder::BindSubquery(const SubqueryExpression& expr) {
  if (expr.subquery_kind == SubqueryKind::kArray) return BindArraySubquery(expr);
  if (expr.subquery_kind == SubqueryKind::kIn && expr.left &&
      expr.left->kind == ExpressionKind::kRow) {
    return BindRowInSubquery(*this, expr);
  }
  Binder sub(shared_, this, BinderKind::kSubquery);
  BoundQuery query = sub.BindQuery(*expr.subquery);
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kSubquery, TypeId::kBoolean);
  switch (expr.subquery_kind) {
    case SubqueryKind::kScalar:
      if (query.types.size() != 1) {
        throw Exception(sqlstate::kSyntaxError, "subquery must return only one column",
                        expr.location);
      }
      e->subquery_kind = BoundSubqueryKind::kScalar;
      e->return_type = query.types[0];
      break;
    case SubqueryKind::kExists:
      e->subquery_kind = BoundSubqueryKind::kExists;
      break;
    case SubqueryKind::kIn:
    case SubqueryKind::kAny:
    case SubqueryKind::kAll: {
      if (query.types.size() != 1) {
        throw Exception(sqlstate::kSyntaxError,
                        query.types.size() > 1 ? "subquery has too many columns"
                                               : "subquery has too few columns",
                        expr.location);
      }
      std::string op = expr.op;
      bool all = expr.subquery_kind == SubqueryKind::kAll;
      if (expr.subquery_kind == SubqueryKind::kIn) {
        op = expr.negated ? "<>" : "=";
        all = expr.negated;
      }
      if (op == "!=") op = "<>";
      auto left = BindExpr(*expr.left);
      // Resolve the comparison against a placeholder of the subquery's column type.
      // An untyped literal output (SELECT NULL / SELECT '1') takes the left operand's type.
      ExprPtr placeholder = query.IsUnknown(0) ? MakeConstant(Value())
                                               : MakeColumnRef(query.bindings[0], query.types[0]);
      auto call = Compare(op, std::move(left), std::move(placeholder), expr.location);
      if (call->return_type.id != TypeId::kBoolean) {
        throw Exception(sqlstate::kDatatypeMismatch,
                        "op ANY/ALL (array) requires operator to yield boolean", expr.location);
      }
      LogicalType right_type = call->function.arg_types[1];
      if (right_type.id == TypeId::kNull) right_type = query.types[0];
      if (right_type != query.types[0]) {
        query =
            CastOutputs(std::move(query), {right_type}, NewTableIndex(), CastStrength::kImplicit);
      }
      e->subquery_kind = all ? BoundSubqueryKind::kAll : BoundSubqueryKind::kAny;
      e->function = call->function;
      e->children.push_back(std::move(call->children[0]));
      break;
    }
    case SubqueryKind::kArray:
      break;
  }
  e->subquery = std::move(query.plan);
  e->correlated_columns = std::move(sub.correlated_);
  return e;
}

}  // namespace kadedb
