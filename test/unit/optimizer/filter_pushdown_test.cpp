// filter_pushdown and expression_rewriter on hand-built plans: where each predicate ends up.
#include <gtest/gtest.h>

#include "optimizer/expression_rewriter.hpp"
#include "optimizer/expression_util.hpp"
#include "optimizer/optimizer.hpp"
#include "optimizer_test_util.hpp"

namespace kadedb {
namespace {

using namespace optimizer_test;

OptimizerSettings Only(std::set<std::string> enabled) {
  OptimizerSettings s;
  for (auto* p : {"subquery_plans", "expression_rewriter", "filter_pushdown", "join_order",
                  "index_selection", "top_n", "remove_unused_columns"}) {
    if (!enabled.count(p)) s.disabled_passes.insert(p);
  }
  return s;
}

TEST(ExpressionRewriterTest, FoldsBooleanConstants) {
  auto e = FoldExpression(Connective(
      BoundExpressionKind::kAnd, List(MakeBoolConstant(true), Compare("=", Col(1, 0), Int(3)))));
  EXPECT_EQ(e->kind, BoundExpressionKind::kFunction);

  e = FoldExpression(Connective(BoundExpressionKind::kOr,
                                List(Compare("=", Col(1, 0), Int(3)), MakeBoolConstant(true))));
  EXPECT_TRUE(IsBoolConstant(*e, true));

  e = FoldExpression(
      Connective(BoundExpressionKind::kAnd,
                 List(MakeConstant(Value::Null(TypeId::kBoolean)), MakeBoolConstant(false))));
  EXPECT_TRUE(IsBoolConstant(*e, false));

  // NULL AND x must stay: it is NULL or FALSE depending on x.
  e = FoldExpression(Connective(
      BoundExpressionKind::kAnd,
      List(MakeConstant(Value::Null(TypeId::kBoolean)), Compare("=", Col(1, 0), Int(3)))));
  EXPECT_EQ(e->kind, BoundExpressionKind::kAnd);
  EXPECT_EQ(e->children.size(), 2u);

  auto n = std::make_unique<BoundExpression>(BoundExpressionKind::kNot, TypeId::kBoolean);
  n->children.push_back(MakeConstant(Value::Null(TypeId::kBoolean)));
  e = FoldExpression(std::move(n));
  EXPECT_TRUE(IsNullConstant(*e));
}

TEST(ExpressionRewriterTest, FoldsCastOfConstant) {
  auto e = FoldExpression(MakeCast(Int(7), TypeId::kBigInt));
  ASSERT_EQ(e->kind, BoundExpressionKind::kConstant);
  EXPECT_EQ(e->return_type, LogicalType(TypeId::kBigInt));
  EXPECT_EQ(e->value.GetInt(), 7);
  // A failing cast is left for run time (it may sit in an unreached CASE branch).
  e = FoldExpression(MakeCast(MakeConstant(Value::Text("abc")), TypeId::kInteger));
  EXPECT_EQ(e->kind, BoundExpressionKind::kCast);
}

ExprPtr IsNull(ExprPtr child) {
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kIsNull, TypeId::kBoolean);
  e->children.push_back(std::move(child));
  return e;
}

ExprPtr Call(const std::string& name, std::vector<ExprPtr> args) {
  std::vector<LogicalType> types;
  for (auto& a : args) types.push_back(a->return_type);
  auto call = FunctionRegistry::Builtin().ResolveScalar(name, types);
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kFunction, call.return_type);
  e->function = call;
  e->children = std::move(args);
  return e;
}

TEST(ExpressionRewriterTest, FoldsFunctionsButNotTheirErrors) {
  auto e = FoldExpression(Call("+", List(Int(7), Int(3))));
  ASSERT_EQ(e->kind, BoundExpressionKind::kConstant);
  EXPECT_EQ(e->value.GetInt(), 10);
  // 1/0 stays for run time.
  e = FoldExpression(Call("/", List(Int(1), Int(0))));
  EXPECT_EQ(e->kind, BoundExpressionKind::kFunction);
  // A strict function of NULL is NULL without evaluating the other argument.
  e = FoldExpression(Call(
      "=", List(MakeConstant(Value::Null(TypeId::kInteger)), Call("/", List(Col(1, 0), Int(0))))));
  EXPECT_TRUE(IsNullConstant(*e));
  EXPECT_EQ(e->return_type, LogicalType(TypeId::kBoolean));
  // COALESCE stops at its first non-NULL constant.
  e = FoldExpression(Call("coalesce", List(MakeConstant(Value::Null(TypeId::kInteger)), Int(5),
                                           Call("/", List(Int(1), Int(0))))));
  ASSERT_EQ(e->kind, BoundExpressionKind::kConstant);
  EXPECT_EQ(e->value.GetInt(), 5);
  e = FoldExpression(Call("coalesce", List(Col(1, 0), Int(5), Col(1, 1))));
  EXPECT_EQ(e->children.size(), 2u);
}

TEST(ExpressionRewriterTest, FoldsCaseBranches) {
  auto c = std::make_unique<BoundExpression>(BoundExpressionKind::kCase, TypeId::kInteger);
  c->children = List(Compare("=", Int(1), Int(2)), Call("/", List(Int(1), Int(0))),
                     Compare("=", Col(1, 0), Int(2)), Int(4), Int(9));
  auto e = FoldExpression(std::move(c));
  ASSERT_EQ(e->kind, BoundExpressionKind::kCase);
  EXPECT_EQ(e->children.size(), 3u);  // the false branch (with 1/0) is gone
  c = std::make_unique<BoundExpression>(BoundExpressionKind::kCase, TypeId::kInteger);
  c->children = List(Compare("=", Int(2), Int(2)), Int(4), Call("/", List(Int(1), Int(0))));
  e = FoldExpression(std::move(c));
  ASSERT_EQ(e->kind, BoundExpressionKind::kConstant);
  EXPECT_EQ(e->value.GetInt(), 4);
}

// SELECT ... FROM a, b WHERE a.c0 = b.c1 AND a.c1 = 5 AND a.c2 < b.c2
TEST(FilterPushdownTest, CrossProductBecomesJoin) {
  auto a = MakeTable("a", 3);
  auto b = MakeTable("b", 3);
  auto plan = Project(
      9,
      Filter(Cross(MakeGet(1, *a), MakeGet(2, *b)),
             List(Connective(BoundExpressionKind::kAnd, List(Compare("=", Col(1, 0), Col(2, 1)),
                                                             Compare("=", Col(1, 1), Int(5)))),
                  Compare("<", Col(1, 2), Col(2, 2)))),
      List(Col(1, 0), Col(2, 0)));
  plan = Optimize(std::move(plan), Only({"filter_pushdown"}));
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kCrossProduct), 0);
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kFilter), 0);
  auto* join = static_cast<LogicalJoin*>(FindKind(*plan, LogicalOperatorKind::kJoin));
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->join_type, LogicalJoinType::kInner);
  ASSERT_EQ(join->conditions.size(), 1u);
  EXPECT_EQ(join->conditions[0].left->binding.table_index, 1u);
  EXPECT_EQ(join->conditions[0].right->binding.table_index, 2u);
  EXPECT_EQ(join->expressions.size(), 1u);  // a.c2 < b.c2
  EXPECT_EQ(FindGet(*plan, 1)->table_filters.size(), 1u);
  EXPECT_EQ(FindGet(*plan, 2)->table_filters.size(), 0u);
  EXPECT_EQ(plan->types.size(), 2u);
}

// Filters above a LEFT JOIN go to the preserved side only; ON predicates on the right side go
// below the right side; right-side filters from WHERE stay above.
TEST(FilterPushdownTest, LeftJoinKeepsNullSupplyingSideFilters) {
  auto a = MakeTable("a", 2);
  auto b = MakeTable("b", 2);
  auto join = std::make_unique<LogicalJoin>(LogicalJoinType::kLeft);
  join->children.push_back(MakeGet(1, *a));
  join->children.push_back(MakeGet(2, *b));
  join->expressions =
      List(Connective(BoundExpressionKind::kAnd,
                      List(Compare("=", Col(2, 0), Col(1, 1)), Compare(">", Col(2, 1), Int(1)),
                           Compare(">", Col(1, 0), Int(4)))));
  auto plan =
      Project(9, Filter(std::move(join), List(Compare("=", Col(1, 0), Int(3)), IsNull(Col(2, 1)))),
              List(Col(1, 0), Col(2, 0)));
  plan = Optimize(std::move(plan), Only({"filter_pushdown"}));
  auto* j = static_cast<LogicalJoin*>(FindKind(*plan, LogicalOperatorKind::kJoin));
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->join_type, LogicalJoinType::kLeft);
  ASSERT_EQ(j->conditions.size(), 1u);
  EXPECT_EQ(j->conditions[0].left->binding.table_index, 1u);  // oriented
  ASSERT_EQ(j->expressions.size(), 1u);                       // a.c0 > 4 stays in ON
  EXPECT_EQ(FindGet(*plan, 1)->table_filters.size(), 1u);     // a.c0 = 3
  EXPECT_EQ(FindGet(*plan, 2)->table_filters.size(), 1u);     // b.c1 > 1 (from ON)
  auto* filter = FindKind(*plan, LogicalOperatorKind::kFilter);
  ASSERT_NE(filter, nullptr);  // b.c1 IS NULL stays above the join
  EXPECT_EQ(filter->expressions.size(), 1u);
  EXPECT_EQ(filter->children[0]->kind, LogicalOperatorKind::kJoin);
}

// WHERE b.c1 < 3 is never true on rows the LEFT JOIN NULL-extends: the join becomes inner, so
// the filter reaches b's scan.
TEST(FilterPushdownTest, NullRejectingFilterMakesOuterJoinInner) {
  auto a = MakeTable("a", 2);
  auto b = MakeTable("b", 2);
  auto make = [&](LogicalJoinType type, ExprPtr where) {
    auto join = std::make_unique<LogicalJoin>(type);
    join->children.push_back(MakeGet(1, *a));
    join->children.push_back(MakeGet(2, *b));
    join->expressions = List(Compare("=", Col(2, 0), Col(1, 1)));
    auto plan = Project(9, Filter(std::move(join), List(std::move(where))), List(Col(1, 0)));
    return Optimize(std::move(plan), Only({"filter_pushdown"}));
  };
  auto plan = make(LogicalJoinType::kLeft, Compare("<", Col(2, 1), Int(3)));
  auto* j = static_cast<LogicalJoin*>(FindKind(*plan, LogicalOperatorKind::kJoin));
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->join_type, LogicalJoinType::kInner);
  EXPECT_EQ(FindGet(*plan, 2)->table_filters.size(), 1u);
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kFilter), 0);
  // FULL JOIN with a filter rejecting NULL-extended left rows keeps only the left-preserving part.
  plan = make(LogicalJoinType::kFull, Compare("<", Col(1, 1), Int(3)));
  j = static_cast<LogicalJoin*>(FindKind(*plan, LogicalOperatorKind::kJoin));
  EXPECT_EQ(j->join_type, LogicalJoinType::kLeft);
  EXPECT_EQ(FindGet(*plan, 1)->table_filters.size(), 1u);
  // An OR with a non-rejecting branch keeps the outer join.
  plan = make(LogicalJoinType::kLeft,
              Connective(BoundExpressionKind::kOr,
                         List(Compare("<", Col(2, 1), Int(3)), IsNull(Col(2, 1)))));
  j = static_cast<LogicalJoin*>(FindKind(*plan, LogicalOperatorKind::kJoin));
  EXPECT_EQ(j->join_type, LogicalJoinType::kLeft);
}

// A filter over a projection is rewritten in terms of the projected expressions.
TEST(FilterPushdownTest, ThroughProjectionAndGroupKeys) {
  auto a = MakeTable("a", 2);
  auto agg = std::make_unique<LogicalAggregate>(5, 6);
  agg->expressions = List(Col(1, 1));
  agg->children.push_back(MakeGet(1, *a));
  BoundAggregate count;
  count.return_type = TypeId::kBigInt;
  agg->aggregates.push_back(std::move(count));
  auto plan = Project(
      9,
      Filter(Project(7, std::move(agg), List(Col(5, 0), Col(6, 0, TypeId::kBigInt))),
             List(Compare("=", Col(7, 0), Int(2)),
                  Compare(">", Col(7, 1, TypeId::kBigInt), MakeConstant(Value::BigInt(1))))),
      List(Col(7, 0)));
  plan = Optimize(std::move(plan), Only({"filter_pushdown"}));
  auto* get = FindGet(*plan, 1);
  ASSERT_EQ(get->table_filters.size(), 1u);  // group key filter reached the scan as a.c1 = 2
  EXPECT_EQ(get->table_filters[0]->children[0]->binding.table_index, 1u);
  EXPECT_EQ(get->table_filters[0]->children[0]->binding.column_index, 1u);
  auto* filter = FindKind(*plan, LogicalOperatorKind::kFilter);
  ASSERT_NE(filter, nullptr);  // the count filter stays above the aggregate
  EXPECT_EQ(filter->children[0]->kind, LogicalOperatorKind::kAggregate);
}

TEST(FilterPushdownTest, NotPastLimitNorSubqueries) {
  auto a = MakeTable("a", 2);
  auto limit = std::make_unique<LogicalLimit>();
  limit->limit_value = 3;
  limit->children.push_back(MakeGet(1, *a));
  auto sub = std::make_unique<BoundExpression>(BoundExpressionKind::kSubquery, TypeId::kBoolean);
  sub->subquery_kind = BoundSubqueryKind::kExists;
  sub->subquery = Project(20, std::make_unique<LogicalDummyScan>(21), List(Int(1)));
  auto plan =
      Project(9, Filter(std::move(limit), List(Compare("=", Col(1, 0), Int(2)), std::move(sub))),
              List(Col(1, 0)));
  plan = Optimize(std::move(plan), Only({"filter_pushdown"}));
  auto* filter = FindKind(*plan, LogicalOperatorKind::kFilter);
  ASSERT_NE(filter, nullptr);
  EXPECT_EQ(filter->expressions.size(), 2u);
  EXPECT_EQ(filter->children[0]->kind, LogicalOperatorKind::kLimit);
  EXPECT_EQ(FindGet(*plan, 1)->table_filters.size(), 0u);
}

TEST(FilterPushdownTest, IntoBothInputsOfUnionAll) {
  auto a = MakeTable("a", 2);
  auto b = MakeTable("b", 2);
  auto make = [&](bool all) {
    auto set_op = std::make_unique<LogicalSetOperation>(5, SetOperationType::kUnion, all, 1);
    set_op->children.push_back(Project(6, MakeGet(1, *a), List(Col(1, 1))));
    set_op->children.push_back(Project(7, MakeGet(2, *b), List(Col(2, 0))));
    auto plan = Project(9, Filter(std::move(set_op), List(Compare(">", Col(5, 0), Int(3)))),
                        List(Col(5, 0)));
    return Optimize(std::move(plan), Only({"filter_pushdown"}));
  };
  auto plan = make(true);
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kFilter), 0);
  ASSERT_EQ(FindGet(*plan, 1)->table_filters.size(), 1u);
  EXPECT_EQ(FindGet(*plan, 1)->table_filters[0]->children[0]->binding.column_index, 1u);
  ASSERT_EQ(FindGet(*plan, 2)->table_filters.size(), 1u);
  EXPECT_EQ(FindGet(*plan, 2)->table_filters[0]->children[0]->binding.column_index, 0u);
  plan = make(false);  // UNION (distinct): left alone
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kFilter), 1);
  EXPECT_EQ(FindGet(*plan, 1)->table_filters.size(), 0u);
}

TEST(TopNTest, OrderUnderLimit) {
  auto a = MakeTable("a", 2);
  auto order = std::make_unique<LogicalOrder>();
  BoundOrderBy key;
  key.expression = Col(1, 1);
  order->orders.push_back(std::move(key));
  order->children.push_back(MakeGet(1, *a));
  auto limit = std::make_unique<LogicalLimit>();
  limit->limit_value = 5;
  limit->offset_value = 2;
  limit->children.push_back(std::move(order));
  auto plan = Optimize(Project(9, std::move(limit), List(Col(1, 0))));
  auto* top = static_cast<LogicalTopN*>(FindKind(*plan, LogicalOperatorKind::kTopN));
  ASSERT_NE(top, nullptr);
  EXPECT_EQ(top->limit_value, 5);
  EXPECT_EQ(top->offset_value, 2);
  EXPECT_EQ(top->orders.size(), 1u);
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kOrder), 0);
}

}  // namespace
}  // namespace kadedb
