// Row-valued IN lists (see bind_row_in.hpp).
#include "binder/bind_row_in.hpp"

#include "common/exception.hpp"

namespace kadedb {

ExprPtr BindRowInList(Binder& binder, const InListExpression& expr) {
  const auto& row = expr.input->Cast<RowExpression>();
  auto any = std::make_unique<BoundExpression>(BoundExpressionKind::kOr, TypeId::kBoolean);
  for (auto& item : expr.list) {
    if (item->kind != ExpressionKind::kRow ||
        item->Cast<RowExpression>().children.size() != row.children.size()) {
      throw Exception(sqlstate::kSyntaxError, "unequal number of entries in row expressions",
                      item->location);
    }
    const auto& other = item->Cast<RowExpression>();
    auto all = std::make_unique<BoundExpression>(BoundExpressionKind::kAnd, TypeId::kBoolean);
    for (size_t k = 0; k < row.children.size(); k++) {
      all->children.push_back(binder.Compare("=", binder.BindExpr(*row.children[k]),
                                             binder.BindExpr(*other.children[k]),
                                             other.children[k]->location));
    }
    if (all->children.size() == 1) {
      any->children.push_back(std::move(all->children[0]));
    } else {
      any->children.push_back(std::move(all));
    }
  }
  ExprPtr result = std::move(any);
  if (result->children.size() == 1) result = std::move(result->children[0]);
  if (expr.negated) {
    auto negation = std::make_unique<BoundExpression>(BoundExpressionKind::kNot, TypeId::kBoolean);
    negation->children.push_back(std::move(result));
    result = std::move(negation);
  }
  return result;
}

namespace {

ParsedExpressionPtr Constant(ConstantKind kind, bool boolean = false) {
  auto c = std::make_unique<ConstantExpression>();
  c->value_kind = kind;
  c->boolean_value = boolean;
  c->integer_value = 1;
  return c;
}

// EXISTS (SELECT 1 FROM (subquery) AS __row_in(c1, ...) WHERE c1 = a AND ... [IS NULL]).
ParsedExpressionPtr RowExists(const SubqueryExpression& expr, const RowExpression& row,
                              bool null_test) {
  auto select = std::make_unique<SelectNode>(expr.location);
  select->select_list.push_back(Constant(ConstantKind::kInteger));
  auto from = std::make_unique<SubqueryRef>(expr.location);
  from->query = expr.subquery->Copy();
  from->alias = "__row_in";
  auto all = std::make_unique<BooleanExpression>(expr.location);
  all->op = BooleanOp::kAnd;
  for (size_t k = 0; k < row.children.size(); k++) {
    std::string column = "c" + std::to_string(k + 1);
    from->column_aliases.push_back(column);
    auto ref = std::make_unique<ColumnRefExpression>(expr.location);
    ref->names = {"__row_in", column};
    auto eq = std::make_unique<OperatorExpression>(expr.location);
    eq->op = "=";
    eq->children.push_back(std::move(ref));
    eq->children.push_back(row.children[k]->Copy());
    all->children.push_back(std::move(eq));
  }
  select->from = std::move(from);
  if (null_test) {
    auto is_null = std::make_unique<NullTestExpression>(expr.location);
    is_null->child = std::move(all);
    select->where = std::move(is_null);
  } else {
    select->where = std::move(all);
  }
  auto exists = std::make_unique<SubqueryExpression>(expr.location);
  exists->subquery_kind = SubqueryKind::kExists;
  exists->subquery = std::move(select);
  return exists;
}

}  // namespace

ExprPtr BindRowInSubquery(Binder& binder, const SubqueryExpression& expr) {
  const auto& row = expr.left->Cast<RowExpression>();
  auto test = std::make_unique<CaseExpression>(expr.location);
  test->checks.push_back({RowExists(expr, row, false), Constant(ConstantKind::kBoolean, true)});
  test->checks.push_back({RowExists(expr, row, true), Constant(ConstantKind::kNull)});
  test->else_expr = Constant(ConstantKind::kBoolean, false);
  if (!expr.negated) return binder.BindExpr(*test);
  auto negation = std::make_unique<BooleanExpression>(expr.location);
  negation->op = BooleanOp::kNot;
  negation->children.push_back(std::move(test));
  return binder.BindExpr(*negation);
}

}  // namespace kadedb
