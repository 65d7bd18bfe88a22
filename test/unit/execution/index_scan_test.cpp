// End-to-end tests of the executor paths that need a real database: index range scans chosen
// by the optimizer (with parameters as bounds), and the correlated subquery cache.
#include <gtest/gtest.h>

#include <filesystem>

#include "execution/executor.hpp"
#include "kadedb/database.hpp"
#include "main/database_instance.hpp"
#include "optimizer/optimizer.hpp"
#include "parser/parser.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/planner.hpp"
#include "unit_test_util.hpp"

namespace kadedb {
namespace {

class IndexScanTest : public test::DatabaseTest {
 protected:
  IndexScanTest() : DatabaseTest("kadedb_exec_index") {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(DatabaseTest::SetUp());
    for (const char* sql :
         {"CREATE TABLE t(a int primary key, b text, c int)",
          "INSERT INTO t SELECT g, 'v' || g, g % 3 FROM generate_series(1, 5000) g",
          "CREATE INDEX t_c ON t(c, a)"}) {
      Result r = conn_->Query(sql);
      ASSERT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    }
  }

  // Plans with index selection enabled and runs; returns column 0 of every row and whether a
  // scan used an index.
  std::vector<Value> Run(const std::string& sql, const std::vector<Value>& params, bool* used) {
    auto& inst = db_->instance();
    auto statements = Parser::ParseStatements(sql);
    std::vector<LogicalType> param_types;
    for (auto& p : params) param_types.push_back(p.type());
    PlannedStatement planned =
        PlanStatement(inst.catalog(), *statements[0], BindSettings{}, param_types);
    OptimizerSettings settings;
    settings.catalog = &inst.catalog();
    LogicalOperatorPtr plan = Optimize(std::move(planned.plan), settings);
    *used = UsesIndex(*plan);
    auto txn = inst.storage().BeginTransaction();
    ExecutionContext context;
    context.catalog = &inst.catalog();
    context.transaction = txn.get();
    context.parameters = &params;
    Result result;
    Executor::Execute(*plan, context, result);
    std::vector<Value> out;
    for (uint64_t i = 0; i < result.RowCount(); i++) out.push_back(result.GetValue(0, i));
    return out;
  }

  static bool UsesIndex(const LogicalOperator& op) {
    if (op.kind == LogicalOperatorKind::kGet && static_cast<const LogicalGet&>(op).index) {
      return true;
    }
    for (auto& c : op.children) {
      if (UsesIndex(*c)) return true;
    }
    return false;
  }
};

TEST_F(IndexScanTest, PointRangeAndParameters) {
  bool used = false;
  auto rows = Run("SELECT b FROM t WHERE a = 42", {}, &used);
  EXPECT_TRUE(used);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].GetString(), "v42");

  rows = Run("SELECT a FROM t WHERE a > 10 AND a <= 20 ORDER BY a", {}, &used);
  EXPECT_TRUE(used);
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows.front().GetInt(), 11);
  EXPECT_EQ(rows.back().GetInt(), 20);

  rows = Run("SELECT a FROM t WHERE a = $1", {Value::Integer(77)}, &used);
  EXPECT_TRUE(used);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].GetInt(), 77);

  rows = Run("SELECT count(*) FROM t WHERE c = 1 AND a < 100", {}, &used);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(used);
  EXPECT_EQ(rows[0].GetInt(), 33);

  rows = Run("SELECT a FROM t WHERE a = NULL", {}, &used);
  EXPECT_TRUE(rows.empty());
}

TEST_F(IndexScanTest, CorrelatedSubqueryAndUpdateThroughIndex) {
  bool used = false;
  auto rows =
      Run("SELECT a, (SELECT count(*) FROM t t2 WHERE t2.c = t.c AND t2.a < t.a) FROM t "
          "WHERE a <= 6 ORDER BY a",
          {}, &used);
  ASSERT_EQ(rows.size(), 6u);
  rows = Run("SELECT count(*) FROM t WHERE a IN (SELECT a + 1 FROM t WHERE c = 0)", {}, &used);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].GetInt(), 1666);  // multiples of 3 below 5000, +1
}

}  // namespace
}  // namespace kadedb
