// Deep copies of expression nodes, ORDER BY items and window specifications.
#include "parser/ast/expressions.hpp"
#include "parser/ast/query_node.hpp"

namespace kadedb {

ParsedExpressionPtr CopyExpression(const ParsedExpressionPtr& e) {
  return e ? e->Copy() : nullptr;
}

ParsedExpressionList CopyExpressionList(const ParsedExpressionList& list) {
  ParsedExpressionList out;
  out.reserve(list.size());
  for (const auto& e : list) out.push_back(CopyExpression(e));
  return out;
}

OrderByItem OrderByItem::Copy() const {
  OrderByItem o;
  o.expression = CopyExpression(expression);
  o.direction = direction;
  o.nulls = nulls;
  o.location = location;
  return o;
}

std::vector<OrderByItem> CopyOrderBy(const std::vector<OrderByItem>& items) {
  std::vector<OrderByItem> out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(i.Copy());
  return out;
}

std::unique_ptr<WindowSpec> WindowSpec::Copy() const {
  auto w = std::make_unique<WindowSpec>();
  w->reference_name = reference_name;
  w->is_reference = is_reference;
  w->partition_by = CopyExpressionList(partition_by);
  w->order_by = CopyOrderBy(order_by);
  w->frame_mode = frame_mode;
  w->start.kind = start.kind;
  w->start.offset = CopyExpression(start.offset);
  w->end.kind = end.kind;
  w->end.offset = CopyExpression(end.offset);
  w->exclude = exclude;
  w->location = location;
  return w;
}

ParsedExpressionPtr ConstantExpression::Copy() const {
  auto c = std::make_unique<ConstantExpression>();
  c->value_kind = value_kind;
  c->boolean_value = boolean_value;
  c->integer_value = integer_value;
  c->is_bigint = is_bigint;
  c->text = text;
  return Finish(std::move(c));
}

ParsedExpressionPtr ColumnRefExpression::Copy() const {
  auto c = std::make_unique<ColumnRefExpression>();
  c->names = names;
  return Finish(std::move(c));
}

ParsedExpressionPtr StarExpression::Copy() const {
  auto c = std::make_unique<StarExpression>();
  c->qualifier = qualifier;
  return Finish(std::move(c));
}

ParsedExpressionPtr ParameterExpression::Copy() const {
  auto c = std::make_unique<ParameterExpression>();
  c->index = index;
  return Finish(std::move(c));
}

ParsedExpressionPtr OperatorExpression::Copy() const {
  auto c = std::make_unique<OperatorExpression>();
  c->op = op;
  c->children = CopyExpressionList(children);
  return Finish(std::move(c));
}

ParsedExpressionPtr BooleanExpression::Copy() const {
  auto c = std::make_unique<BooleanExpression>();
  c->op = op;
  c->children = CopyExpressionList(children);
  return Finish(std::move(c));
}

ParsedExpressionPtr NullTestExpression::Copy() const {
  auto c = std::make_unique<NullTestExpression>();
  c->child = CopyExpression(child);
  c->negated = negated;
  return Finish(std::move(c));
}

ParsedExpressionPtr BooleanTestExpression::Copy() const {
  auto c = std::make_unique<BooleanTestExpression>();
  c->child = CopyExpression(child);
  c->test = test;
  c->negated = negated;
  return Finish(std::move(c));
}

ParsedExpressionPtr DistinctFromExpression::Copy() const {
  auto c = std::make_unique<DistinctFromExpression>();
  c->left = CopyExpression(left);
  c->right = CopyExpression(right);
  c->negated = negated;
  return Finish(std::move(c));
}

ParsedExpressionPtr BetweenExpression::Copy() const {
  auto c = std::make_unique<BetweenExpression>();
  c->input = CopyExpression(input);
  c->lower = CopyExpression(lower);
  c->upper = CopyExpression(upper);
  c->negated = negated;
  c->symmetric = symmetric;
  return Finish(std::move(c));
}

ParsedExpressionPtr InListExpression::Copy() const {
  auto c = std::make_unique<InListExpression>();
  c->input = CopyExpression(input);
  c->list = CopyExpressionList(list);
  c->negated = negated;
  return Finish(std::move(c));
}

ParsedExpressionPtr LikeExpression::Copy() const {
  auto c = std::make_unique<LikeExpression>();
  c->like_kind = like_kind;
  c->input = CopyExpression(input);
  c->pattern = CopyExpression(pattern);
  c->escape = CopyExpression(escape);
  c->negated = negated;
  return Finish(std::move(c));
}

ParsedExpressionPtr CaseExpression::Copy() const {
  auto c = std::make_unique<CaseExpression>();
  c->operand = CopyExpression(operand);
  for (const auto& check : checks) {
    c->checks.push_back({CopyExpression(check.when), CopyExpression(check.then)});
  }
  c->else_expr = CopyExpression(else_expr);
  return Finish(std::move(c));
}

ParsedExpressionPtr CastExpression::Copy() const {
  auto c = std::make_unique<CastExpression>();
  c->child = CopyExpression(child);
  c->type = type;
  c->syntax = syntax;
  return Finish(std::move(c));
}

ParsedExpressionPtr FunctionExpression::Copy() const {
  auto c = std::make_unique<FunctionExpression>();
  c->name = name;
  c->args = CopyExpressionList(args);
  c->distinct = distinct;
  c->star = star;
  c->is_keyword = is_keyword;
  c->order_by = CopyOrderBy(order_by);
  c->within_group = CopyOrderBy(within_group);
  c->filter = CopyExpression(filter);
  if (over) c->over = over->Copy();
  return Finish(std::move(c));
}

SubqueryExpression::~SubqueryExpression() = default;

ParsedExpressionPtr SubqueryExpression::Copy() const {
  auto c = std::make_unique<SubqueryExpression>();
  c->subquery_kind = subquery_kind;
  if (subquery) c->subquery = subquery->Copy();
  c->left = CopyExpression(left);
  c->op = op;
  c->negated = negated;
  return Finish(std::move(c));
}

ParsedExpressionPtr ArrayComparisonExpression::Copy() const {
  auto c = std::make_unique<ArrayComparisonExpression>();
  c->left = CopyExpression(left);
  c->right = CopyExpression(right);
  c->op = op;
  c->all = all;
  return Finish(std::move(c));
}

ParsedExpressionPtr ArrayExpression::Copy() const {
  auto c = std::make_unique<ArrayExpression>();
  c->elements = CopyExpressionList(elements);
  return Finish(std::move(c));
}

ParsedExpressionPtr SubscriptExpression::Copy() const {
  auto c = std::make_unique<SubscriptExpression>();
  c->child = CopyExpression(child);
  c->index = CopyExpression(index);
  c->upper = CopyExpression(upper);
  c->is_slice = is_slice;
  return Finish(std::move(c));
}

ParsedExpressionPtr RowExpression::Copy() const {
  auto c = std::make_unique<RowExpression>();
  c->children = CopyExpressionList(children);
  c->explicit_row = explicit_row;
  return Finish(std::move(c));
}

ParsedExpressionPtr CollateExpression::Copy() const {
  auto c = std::make_unique<CollateExpression>();
  c->child = CopyExpression(child);
  c->collation = collation;
  return Finish(std::move(c));
}

ParsedExpressionPtr DefaultExpression::Copy() const {
  return Finish(std::make_unique<DefaultExpression>());
}

}  // namespace kadedb
