// Binder/planner unit tests: plan shapes, PostgreSQL error codes and result names, binding
// against a real Catalog on a temporary database directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "parser/parser.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_modify.hpp"
#include "planner/operator/logical_relational.hpp"
#include "planner/operator/logical_simple.hpp"
#include "planner/planner.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {
namespace {

class BinderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = (std::filesystem::temp_directory_path() /
            ("kadedb-binder-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++)))
               .string();
    std::filesystem::remove_all(dir_);
    Options options;
    options.sync_commits = false;
    ASSERT_TRUE(StorageEngine::Open(dir_, options, &engine_).ok());
    catalog_ = std::make_unique<Catalog>(*engine_);
    Create("CREATE TABLE t (a INT, b TEXT, c INT DEFAULT 7)");
    Create("CREATE TABLE u (a INT PRIMARY KEY, d INT CHECK (d > 0))");
  }
  void TearDown() override {
    catalog_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  PlannedStatement Plan(const std::string& sql, std::vector<LogicalType> params = {}) {
    auto statements = Parser::ParseStatements(sql);
    EXPECT_EQ(statements.size(), 1u);
    return PlanStatement(*catalog_, *statements[0], settings_, params);
  }
  // Plans a CREATE TABLE and applies it to the catalog.
  void Create(const std::string& sql) {
    PlannedStatement p = Plan(sql);
    auto& op = static_cast<LogicalCreateTable&>(*p.plan);
    TableEntry entry;
    entry.name = op.entry.name;
    entry.schema_name = op.entry.schema_name;
    entry.schema_oid = op.entry.schema_oid;
    entry.columns = op.entry.columns;
    entry.checks = op.entry.checks;
    entry.uniques = op.entry.uniques;
    auto txn = engine_->BeginTransaction();
    catalog_->CreateTable(*txn, std::move(entry), false);
    txn->Commit();
  }
  // The SQLSTATE and message of planning sql ("" when it succeeds).
  std::string Error(const std::string& sql) {
    try {
      Plan(sql);
    } catch (const Exception& e) {
      return e.sqlstate() + ": " + e.what();
    }
    return "";
  }

  std::string dir_;
  std::unique_ptr<StorageEngine> engine_;
  std::unique_ptr<Catalog> catalog_;
  BindSettings settings_;
};

TEST_F(BinderTest, UntypedLiteralTakesColumnType) {
  PlannedStatement p = Plan("SELECT a FROM t WHERE a = '5'");
  ASSERT_EQ(p.plan->kind, LogicalOperatorKind::kProjection);
  auto& filter = *p.plan->children[0];
  ASSERT_EQ(filter.kind, LogicalOperatorKind::kFilter);
  auto& eq = *filter.expressions[0];
  ASSERT_EQ(eq.kind, BoundExpressionKind::kFunction);
  EXPECT_EQ(eq.function.function->name, "=");
  ASSERT_EQ(eq.children[1]->kind, BoundExpressionKind::kConstant);
  EXPECT_EQ(eq.children[1]->return_type.id, TypeId::kInteger);
  EXPECT_EQ(eq.children[1]->value.GetInt(), 5);
}

TEST_F(BinderTest, ResultNamesFollowPostgres) {
  PlannedStatement p = Plan(
      "SELECT count(*), a::text, CASE WHEN a > 1 THEN 1 END, 1 + 1, a AS x, '1'::int FROM t "
      "GROUP BY a");
  EXPECT_EQ(p.names, (std::vector<std::string>{"count", "a", "case", "?column?", "x", "int4"}));
  EXPECT_EQ(p.command_tag, "SELECT");
  EXPECT_TRUE(p.returns_rows);
}

TEST_F(BinderTest, ErrorsUsePostgresCodesAndWording) {
  EXPECT_EQ(Error("SELECT a FROM t, u"), "42702: column reference \"a\" is ambiguous");
  EXPECT_EQ(Error("SELECT zz FROM t"), "42703: column \"zz\" does not exist");
  EXPECT_EQ(Error("SELECT q.a FROM t"), "42P01: missing FROM-clause entry for table \"q\"");
  EXPECT_EQ(Error("SELECT b, count(*) FROM t GROUP BY a"),
            "42803: column \"t.b\" must appear in the GROUP BY clause or be used in an aggregate "
            "function");
  EXPECT_EQ(Error("SELECT a FROM t WHERE count(*) > 1"),
            "42803: aggregate functions are not allowed in WHERE");
  EXPECT_EQ(Error("SELECT a FROM t WHERE a"),
            "42804: argument of WHERE must be type boolean, not type integer");
  EXPECT_EQ(Error("SELECT DISTINCT a FROM t ORDER BY c"),
            "42P10: for SELECT DISTINCT, ORDER BY expressions must appear in select list");
  EXPECT_EQ(Error("SELECT (SELECT a, b FROM t)"), "42601: subquery must return only one column");
  EXPECT_EQ(Error("UPDATE t SET a = 1, a = 2"), "42601: multiple assignments to same column \"a\"");
  EXPECT_EQ(Error("INSERT INTO t (zz) VALUES (1)"),
            "42703: column \"zz\" of relation \"t\" does not exist");
  EXPECT_EQ(Error("CREATE TABLE p (a INT PRIMARY KEY, b INT PRIMARY KEY)"),
            "42P16: multiple primary keys for table \"p\" are not allowed");
  EXPECT_EQ(Error("CREATE TABLE p (a INT, a INT)"), "42701: column \"a\" specified more than once");
  EXPECT_EQ(Error("SELECT * FROM nope"), "42P01: relation \"nope\" does not exist");
  EXPECT_EQ(Error("SELECT a FROM t ORDER BY 5"),
            "42P10: ORDER BY position 5 is not in select list");
  EXPECT_EQ(Error("SELECT sum(sum(a)) FROM t"), "42803: aggregate function calls cannot be nested");
  EXPECT_EQ(Error("SELECT (SELECT t.b) FROM t GROUP BY a"),
            "42803: subquery uses ungrouped column \"t.b\" from outer query");
}

TEST_F(BinderTest, CorrelatedSubqueryRegistersOuterColumn) {
  PlannedStatement p = Plan("SELECT a, (SELECT d FROM u WHERE u.a = t.a) FROM t");
  auto& proj = *p.plan;
  ASSERT_EQ(proj.kind, LogicalOperatorKind::kProjection);
  auto& sub = *proj.expressions[1];
  ASSERT_EQ(sub.kind, BoundExpressionKind::kSubquery);
  EXPECT_EQ(sub.subquery_kind, BoundSubqueryKind::kScalar);
  ASSERT_EQ(sub.correlated_columns.size(), 1u);
  EXPECT_EQ(sub.correlated_columns[0]->depth, 0u);
  EXPECT_EQ(sub.correlated_columns[0]->binding, proj.expressions[0]->binding);
  // Inside, the outer column is a depth-1 reference.
  auto& filter = *sub.subquery->children[0];
  ASSERT_EQ(filter.kind, LogicalOperatorKind::kFilter);
  auto& outer = *filter.expressions[0]->children[1];
  EXPECT_EQ(outer.kind, BoundExpressionKind::kColumnRef);
  EXPECT_EQ(outer.depth, 1u);
}

TEST_F(BinderTest, InAndNotInSubqueries) {
  PlannedStatement p = Plan("SELECT a FROM t WHERE a NOT IN (SELECT a FROM u)");
  auto& pred = *p.plan->children[0]->expressions[0];
  ASSERT_EQ(pred.kind, BoundExpressionKind::kSubquery);
  EXPECT_EQ(pred.subquery_kind, BoundSubqueryKind::kAll);
  EXPECT_EQ(pred.function.function->name, "<>");
  EXPECT_TRUE(pred.correlated_columns.empty());
}

TEST_F(BinderTest, OrderByHiddenColumnIsProjectedAway) {
  PlannedStatement p = Plan("SELECT a FROM t ORDER BY c DESC");
  ASSERT_EQ(p.plan->kind, LogicalOperatorKind::kProjection);
  EXPECT_EQ(p.plan->expressions.size(), 1u);
  auto& order = static_cast<LogicalOrder&>(*p.plan->children[0]);
  ASSERT_EQ(order.kind, LogicalOperatorKind::kOrder);
  EXPECT_EQ(order.orders[0].type, OrderType::kDescending);
  EXPECT_EQ(order.orders[0].nulls, NullOrder::kNullsFirst);
  EXPECT_EQ(order.children[0]->expressions.size(), 2u);
  EXPECT_EQ(p.types.size(), 1u);
}

TEST_F(BinderTest, ParameterTypesComeFromContext) {
  PlannedStatement p = Plan("SELECT b FROM t WHERE a = $1 AND b = $2");
  ASSERT_EQ(p.parameter_types.size(), 2u);
  EXPECT_EQ(p.parameter_types[0].id, TypeId::kInteger);
  EXPECT_EQ(p.parameter_types[1].id, TypeId::kText);
}

TEST_F(BinderTest, UsingJoinMergesColumns) {
  PlannedStatement p = Plan("SELECT * FROM t JOIN u USING (a)");
  EXPECT_EQ(p.names, (std::vector<std::string>{"a", "b", "c", "d"}));
  PlannedStatement full = Plan("SELECT a FROM t FULL JOIN u USING (a)");
  auto& merged = *full.plan->expressions[0];
  ASSERT_EQ(merged.kind, BoundExpressionKind::kFunction);
  EXPECT_EQ(merged.function.function->name, "coalesce");
  auto& join = static_cast<LogicalJoin&>(*full.plan->children[0]);
  ASSERT_EQ(join.kind, LogicalOperatorKind::kJoin);
  EXPECT_EQ(join.join_type, LogicalJoinType::kFull);
  EXPECT_EQ(join.conditions.size(), 1u);
}

TEST_F(BinderTest, InsertUsesDefaultsAndAssignmentCasts) {
  PlannedStatement p = Plan("INSERT INTO t (a) VALUES (1.7)");
  auto& insert = static_cast<LogicalInsert&>(*p.plan);
  ASSERT_EQ(insert.kind, LogicalOperatorKind::kInsert);
  EXPECT_EQ(insert.column_map, (std::vector<int64_t>{0, -1, -1}));
  ASSERT_TRUE(insert.defaults[2]);
  EXPECT_EQ(insert.defaults[2]->ToString(), "7");
  auto& values = static_cast<LogicalExpressionGet&>(*insert.children[0]);
  EXPECT_EQ(values.rows[0][0]->kind, BoundExpressionKind::kCast);
  EXPECT_EQ(values.rows[0][0]->return_type.id, TypeId::kInteger);
  EXPECT_EQ(p.command_tag, "INSERT");
  EXPECT_FALSE(p.read_only);
}

TEST_F(BinderTest, UpdateChildOutputsRowIdThenColumns) {
  PlannedStatement p = Plan("UPDATE u SET d = d + 1 WHERE a = 1 RETURNING *");
  auto& update = static_cast<LogicalUpdate&>(*p.plan);
  ASSERT_EQ(update.kind, LogicalOperatorKind::kUpdate);
  EXPECT_EQ(update.update_columns, (std::vector<column_t>{1}));
  EXPECT_EQ(update.checks.size(), 1u);
  EXPECT_EQ(update.check_names, (std::vector<std::string>{"u_d_check"}));
  EXPECT_EQ(p.names, (std::vector<std::string>{"a", "d"}));
  auto bindings = update.children[0]->GetColumnBindings();
  ASSERT_EQ(bindings.size(), 3u);
  // Output 0 is the row id of the target scan.
  const LogicalOperator* op = update.children[0].get();
  while (op->kind != LogicalOperatorKind::kGet) op = op->children[0].get();
  EXPECT_EQ(static_cast<const LogicalGet*>(op)->column_ids[0], kRowIdColumn);
}

TEST_F(BinderTest, CreateTableNamesConstraintsLikePostgres) {
  PlannedStatement p =
      Plan("CREATE TABLE w (a INT PRIMARY KEY, b INT UNIQUE CHECK (b > 0), CHECK (a < b))");
  auto& entry = static_cast<LogicalCreateTable&>(*p.plan).entry;
  ASSERT_EQ(entry.uniques.size(), 2u);
  EXPECT_EQ(entry.uniques[0].name, "w_pkey");
  EXPECT_TRUE(entry.uniques[0].primary);
  EXPECT_EQ(entry.uniques[1].name, "w_b_key");
  ASSERT_EQ(entry.checks.size(), 2u);
  EXPECT_EQ(entry.checks[0].name, "w_b_check");
  EXPECT_EQ(entry.checks[1].name, "w_check");  // two columns mentioned
  EXPECT_TRUE(entry.columns[0].not_null);
}

TEST_F(BinderTest, RecursiveCteAndGenerateSeries) {
  PlannedStatement p = Plan(
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) "
      "SELECT n FROM r");
  const LogicalOperator* op = p.plan->children[0].get();
  EXPECT_EQ(op->kind, LogicalOperatorKind::kRecursiveCTE);
  PlannedStatement g = Plan("SELECT x FROM generate_series(1, 3) AS g(x)");
  EXPECT_EQ(g.plan->children[0]->kind, LogicalOperatorKind::kTableFunction);
  EXPECT_EQ(g.types[0].id, TypeId::kInteger);
}

}  // namespace
}  // namespace kadedb

namespace kadedb {
namespace {

TEST_F(BinderTest, GroupingSetsExpandRollupAndCube) {
  PlannedStatement p = Plan("SELECT a, c, grouping(a), count(*) FROM t GROUP BY ROLLUP (a, c)");
  const LogicalOperator* op = p.plan->children[0].get();
  ASSERT_EQ(op->kind, LogicalOperatorKind::kAggregate);
  auto& agg = static_cast<const LogicalAggregate&>(*op);
  EXPECT_EQ(agg.grouping_sets, (std::vector<std::vector<idx_t>>{{0, 1}, {0}, {}}));
  EXPECT_EQ(agg.grouping_functions, (std::vector<std::vector<idx_t>>{{0}}));
  PlannedStatement cube = Plan("SELECT count(*) FROM t GROUP BY CUBE (a, c)");
  auto& cagg = static_cast<const LogicalAggregate&>(*cube.plan->children[0]);
  EXPECT_EQ(cagg.grouping_sets.size(), 4u);
  EXPECT_EQ(Error("SELECT grouping(b) FROM t GROUP BY a"),
            "42803: arguments to GROUPING must be grouping expressions of the associated query "
            "level");
}

TEST_F(BinderTest, MultiColumnUpdateFromSubquery) {
  PlannedStatement p = Plan("UPDATE t SET (a, c) = (SELECT a, d FROM u WHERE u.a = t.a)");
  auto& update = static_cast<LogicalUpdate&>(*p.plan);
  EXPECT_EQ(update.update_columns, (std::vector<column_t>{0, 2}));
  ASSERT_EQ(update.update_expressions[1]->kind, BoundExpressionKind::kSubquery);
  EXPECT_EQ(update.update_expressions[1]->correlated_columns.size(), 1u);
}

TEST_F(BinderTest, UntypedSubqueryOutputTakesComparisonType) {
  PlannedStatement p = Plan("SELECT a FROM t WHERE a IN (SELECT NULL)");
  auto& pred = *p.plan->children[0]->expressions[0];
  ASSERT_EQ(pred.kind, BoundExpressionKind::kSubquery);
  EXPECT_EQ(pred.function.arg_types[1].id, TypeId::kInteger);
  PlannedStatement u = Plan("SELECT 1 UNION SELECT '2'");
  EXPECT_EQ(u.types[0].id, TypeId::kInteger);
}

}  // namespace
}  // namespace kadedb

namespace kadedb {
namespace {

TEST_F(BinderTest, AggregateOfOuterColumnsBelongsToOuterQuery) {
  PlannedStatement p = Plan("SELECT EXISTS (SELECT 1 FROM u WHERE u.a > min(t.a)) FROM t");
  const LogicalOperator* agg = p.plan->children[0].get();
  ASSERT_EQ(agg->kind, LogicalOperatorKind::kAggregate);
  EXPECT_EQ(static_cast<const LogicalAggregate*>(agg)->aggregates.size(), 1u);
  auto& sub = *p.plan->expressions[0];
  ASSERT_EQ(sub.correlated_columns.size(), 1u);
  EXPECT_EQ(sub.correlated_columns[0]->binding.table_index,
            static_cast<const LogicalAggregate*>(agg)->aggregate_index);
}

}  // namespace
}  // namespace kadedb
