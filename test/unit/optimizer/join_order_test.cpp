// join_order on hand-built comma joins: every relation is joined through an equality (no cross
// products), the most selective relation comes first, and the output bindings are unchanged.
#include <gtest/gtest.h>

#include <algorithm>

#include "optimizer/optimizer.hpp"
#include "optimizer_test_util.hpp"

namespace kadedb {
namespace {

using namespace optimizer_test;

// SELECT ... FROM t1, ..., tn WHERE chain of t_i.c1 = t_{i+1}.c0 ... AND t_k.c0 = 3
LogicalOperatorPtr ChainQuery(std::vector<std::unique_ptr<TableEntry>>& tables, size_t n,
                              size_t pinned) {
  LogicalOperatorPtr from;
  for (size_t i = 0; i < n; i++) {
    tables.push_back(MakeTable("t" + std::to_string(i), 3));
    auto get = MakeGet(i + 1, *tables.back());
    from = from ? Cross(std::move(from), std::move(get)) : std::move(get);
  }
  std::vector<ExprPtr> where;
  // Written in reverse order so the naive order would need cross products.
  for (size_t i = n - 1; i > 0; i--) where.push_back(Compare("=", Col(i, 1), Col(i + 1, 0)));
  where.push_back(Compare("=", Col(pinned + 1, 0), Int(3)));
  std::vector<ExprPtr> select;
  for (size_t i = 0; i < n; i++) select.push_back(Col(i + 1, 2));
  return Project(100, Filter(std::move(from), std::move(where)), std::move(select));
}

// The join-order tests look at every scan column; column pruning is tested on its own below.
OptimizerSettings KeepAllColumns() {
  OptimizerSettings s;
  s.disabled_passes.insert("remove_unused_columns");
  return s;
}

TEST(JoinOrderTest, EightWayChainHasNoCrossProduct) {
  std::vector<std::unique_ptr<TableEntry>> tables;
  auto plan = Optimize(ChainQuery(tables, 8, 5), KeepAllColumns());
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kCrossProduct), 0);
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kJoin), 7);
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kFilter), 0);
  // Every join has exactly one condition, oriented to its children.
  std::vector<LogicalOperator*> stack = {plan.get()};
  while (!stack.empty()) {
    auto* op = stack.back();
    stack.pop_back();
    for (auto& c : op->children) stack.push_back(c.get());
    if (op->kind != LogicalOperatorKind::kJoin) continue;
    auto& join = static_cast<LogicalJoin&>(*op);
    ASSERT_EQ(join.conditions.size(), 1u);
    auto left = op->children[0]->GetColumnBindings();
    auto right = op->children[1]->GetColumnBindings();
    auto has = [](const std::vector<ColumnBinding>& list, ColumnBinding b) {
      return std::find(list.begin(), list.end(), b) != list.end();
    };
    EXPECT_TRUE(has(left, join.conditions[0].left->binding));
    EXPECT_TRUE(has(right, join.conditions[0].right->binding));
  }
  // The pinned table (one row by its primary key) is joined first: it sits in the only join of
  // two scans.
  std::vector<LogicalOperator*> bottom;
  stack = {plan.get()};
  while (!stack.empty()) {
    auto* op = stack.back();
    stack.pop_back();
    for (auto& c : op->children) stack.push_back(c.get());
    if (op->kind == LogicalOperatorKind::kJoin &&
        op->children[0]->kind == LogicalOperatorKind::kGet &&
        op->children[1]->kind == LogicalOperatorKind::kGet) {
      bottom.push_back(op);
    }
  }
  ASSERT_EQ(bottom.size(), 1u);
  auto index_of = [](LogicalOperator& op) { return static_cast<LogicalGet&>(op).table_index; };
  EXPECT_TRUE(index_of(*bottom[0]->children[0]) == 6 || index_of(*bottom[0]->children[1]) == 6);
  EXPECT_EQ(FindGet(*plan, 6)->table_filters.size(), 1u);
  // All eight scans' columns still flow to the projection.
  EXPECT_EQ(plan->children[0]->GetColumnBindings().size(), 24u);
}

TEST(JoinOrderTest, DisconnectedRelationsStillJoined) {
  auto a = MakeTable("a", 2);
  auto b = MakeTable("b", 2);
  auto c = MakeTable("c", 2);
  auto plan = Project(9,
                      Filter(Cross(Cross(MakeGet(1, *a), MakeGet(2, *b)), MakeGet(3, *c)),
                             List(Compare("=", Col(1, 0), Col(3, 1)))),
                      List(Col(1, 0), Col(2, 0), Col(3, 0)));
  plan = Optimize(std::move(plan), KeepAllColumns());
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kCrossProduct), 1);
  EXPECT_EQ(CountKind(*plan, LogicalOperatorKind::kJoin), 1);
  EXPECT_EQ(plan->children[0]->GetColumnBindings().size(), 6u);
}

// With remove_unused_columns on, each scan keeps only the columns the filter and the projection
// read (a.0, b.0, c.0 and c.1), and the references are renumbered to the kept positions; the
// join's output leaves out c.1, which only its own condition reads (LogicalJoin::pruned).
TEST(JoinOrderTest, UnusedScanColumnsArePruned) {
  auto a = MakeTable("a", 2);
  auto b = MakeTable("b", 2);
  auto c = MakeTable("c", 2);
  auto plan = Project(9,
                      Filter(Cross(Cross(MakeGet(1, *a), MakeGet(2, *b)), MakeGet(3, *c)),
                             List(Compare("=", Col(1, 0), Col(3, 1)))),
                      List(Col(1, 0), Col(2, 1), Col(3, 0)));
  plan = Optimize(std::move(plan));
  EXPECT_EQ(plan->children[0]->GetColumnBindings().size(), 3u);
  EXPECT_EQ(FindGet(*plan, 1)->column_ids.size(), 1u);
  EXPECT_EQ(FindGet(*plan, 2)->column_ids.size(), 1u);
  ASSERT_EQ(FindGet(*plan, 3)->column_ids.size(), 2u);
  EXPECT_EQ(FindGet(*plan, 2)->column_ids[0], 1u);
  EXPECT_EQ(plan->expressions[1]->binding.column_index, 0u);
}

// Subquery plans are optimized too; a correlated predicate inside moves like a constant one.
TEST(JoinOrderTest, SubqueryPlansAreOptimized) {
  auto a = MakeTable("a", 2);
  auto b = MakeTable("b", 2);
  auto c = MakeTable("c", 2);
  auto inner = Project(20,
                       Filter(Cross(MakeGet(2, *b), MakeGet(3, *c)),
                              List(Compare("=", Col(2, 0), Col(3, 1)),
                                   Compare("=", Col(2, 1),
                                           MakeColumnRef({1, 0}, TypeId::kInteger,
                                                         /*depth=*/1)))),
                       List(Int(1)));
  auto exists = std::make_unique<BoundExpression>(BoundExpressionKind::kSubquery, TypeId::kBoolean);
  exists->subquery_kind = BoundSubqueryKind::kExists;
  exists->subquery = std::move(inner);
  exists->correlated_columns = List(Col(1, 0));
  auto plan = Project(9, Filter(MakeGet(1, *a), List(std::move(exists))), List(Col(1, 0)));
  plan = Optimize(std::move(plan));
  auto* filter = FindKind(*plan, LogicalOperatorKind::kFilter);
  ASSERT_NE(filter, nullptr);  // the EXISTS stays above the scan of a
  ASSERT_EQ(filter->expressions.size(), 1u);
  auto& sub = *filter->expressions[0]->subquery;
  EXPECT_EQ(CountKind(sub, LogicalOperatorKind::kCrossProduct), 0);
  EXPECT_EQ(CountKind(sub, LogicalOperatorKind::kJoin), 1);
  // b.c1 = outer a.c0 is a constant within one run of the subquery: it filters b's scan.
  EXPECT_EQ(CountKind(sub, LogicalOperatorKind::kFilter), 0);
  ASSERT_EQ(FindGet(sub, 2)->table_filters.size(), 1u);
}

// The plan root reads columns by position: its join tree is not reordered.
TEST(JoinOrderTest, PositionalRootLeftAlone) {
  auto a = MakeTable("a", 2);
  auto b = MakeTable("b", 2);
  auto plan = Filter(Cross(MakeGet(1, *a), MakeGet(2, *b)),
                     List(Compare("=", Col(1, 0), Col(2, 1)), Compare("=", Col(2, 0), Int(1))));
  plan = Optimize(std::move(plan));
  auto bindings = plan->GetColumnBindings();
  ASSERT_EQ(bindings.size(), 4u);
  EXPECT_EQ(bindings[0].table_index, 1u);
  EXPECT_EQ(bindings[3].table_index, 2u);
}

}  // namespace
}  // namespace kadedb
