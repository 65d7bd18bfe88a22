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

}  // namespace kadedb
