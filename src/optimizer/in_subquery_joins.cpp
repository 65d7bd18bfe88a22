// in_subquery_joins pass (see in_subquery_joins.hpp).
#include "optimizer/in_subquery_joins.hpp"

#include <functional>

#include "optimizer/expression_util.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

bool ReadsOuterOrCte(const LogicalOperator& op) {
  if (op.kind == LogicalOperatorKind::kCTERef || op.kind == LogicalOperatorKind::kRecursiveCTE ||
      op.kind == LogicalOperatorKind::kMaterializedCTE ||
      op.kind == LogicalOperatorKind::kLateralJoin) {
    return true;
  }
  bool outer = false;
  std::function<void(const BoundExpression&)> check = [&](const BoundExpression& e) {
    if (e.kind == BoundExpressionKind::kColumnRef && e.depth > 0) outer = true;
    if (e.kind == BoundExpressionKind::kSubquery) outer = true;  // keep nested plans simple
    for (auto& c : e.children) {
      if (c) check(*c);
    }
  };
  VisitOperatorExpressions(const_cast<LogicalOperator&>(op), [&](ExprPtr& e) {
    if (e) check(*e);
  });
  if (outer) return true;
  for (auto& c : op.children) {
    if (ReadsOuterOrCte(*c)) return true;
  }
  return false;
}

bool Convertible(const BoundExpression& e) {
  if (e.kind != BoundExpressionKind::kSubquery || e.subquery_kind != BoundSubqueryKind::kAny ||
      !e.subquery || !e.correlated_columns.empty() || e.children.size() != 1 ||
      !e.function.function || e.function.function->name != "=") {
    return false;
  }
  const BoundExpression& x = *e.children[0];
  if (!IsMovable(x) || HasVolatile(x) || TableIndexesOf(x).empty()) return false;
  auto outputs = e.subquery->GetColumnBindings();
  if (outputs.size() != 1 || e.subquery->types.size() != 1) return false;
  if (!(e.subquery->types[0] == x.return_type)) return false;
  return !ReadsOuterOrCte(*e.subquery);
}

bool PassesThrough(const LogicalOperator& op) {
  if (op.kind == LogicalOperatorKind::kFilter || op.kind == LogicalOperatorKind::kCrossProduct) {
    return true;
  }
  return op.kind == LogicalOperatorKind::kJoin &&
         static_cast<const LogicalJoin&>(op).join_type == LogicalJoinType::kInner;
}

// Puts semi (its right child already set) right above the deepest operator under op whose
// output holds key_tables.
LogicalOperatorPtr Place(LogicalOperatorPtr op, const std::set<idx_t>& key_tables,
                         std::unique_ptr<LogicalJoin> semi) {
  if (PassesThrough(*op)) {
    for (auto& child : op->children) {
      if (IsSubset(key_tables, OutputTableIndexes(*child))) {
        child = Place(std::move(child), key_tables, std::move(semi));
        return op;
      }
    }
  }
  semi->children.insert(semi->children.begin(), std::move(op));
  return semi;
}

LogicalOperatorPtr Visit(LogicalOperatorPtr op) {
  for (auto& child : op->children) child = Visit(std::move(child));
  if (op->kind != LogicalOperatorKind::kFilter) return op;
  std::vector<ExprPtr> conjuncts;
  for (auto& e : op->expressions) SplitConjunction(std::move(e), conjuncts);
  std::vector<ExprPtr> kept;
  for (auto& e : conjuncts) {
    if (!Convertible(*e) ||
        !IsSubset(TableIndexesOf(*e->children[0]), OutputTableIndexes(*op->children[0]))) {
      kept.push_back(std::move(e));
      continue;
    }
    // `x IN (subquery)` -> semi join on x = subquery column.
    auto semi = std::make_unique<LogicalJoin>(LogicalJoinType::kSemi);
    ColumnBinding out = e->subquery->GetColumnBindings()[0];
    auto ref =
        std::make_unique<BoundExpression>(BoundExpressionKind::kColumnRef, e->subquery->types[0]);
    ref->binding = out;
    JoinCondition condition;
    condition.left = std::move(e->children[0]);
    condition.right = std::move(ref);
    auto key_tables = TableIndexesOf(*condition.left);
    semi->conditions.push_back(std::move(condition));
    semi->children.push_back(std::move(e->subquery));
    op->children[0] = Place(std::move(op->children[0]), key_tables, std::move(semi));
  }
  if (kept.empty()) return std::move(op->children[0]);
  op->expressions = std::move(kept);
  return op;
}

}  // namespace

LogicalOperatorPtr InSubqueriesToJoins(LogicalOperatorPtr plan) {
  return Visit(std::move(plan));
}

}  // namespace kadedb
