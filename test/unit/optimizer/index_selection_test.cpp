// index_selection on hand-built scans: equality prefixes, ranges on the next key column, type
// mismatches that must not use the index, and the choice between several indexes.
#include <gtest/gtest.h>

#include "optimizer/index_selection.hpp"
#include "optimizer_test_util.hpp"

namespace kadedb {
namespace {

using namespace optimizer_test;

class IndexSelectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    table_ = MakeTable("t", 3, false);
    AddIndex("t_c1", {1}, false);
    AddIndex("t_c0_c2", {0, 2}, true);
  }
  void AddIndex(const std::string& name, std::vector<column_t> columns, bool unique) {
    auto e = std::make_unique<IndexEntry>();
    e->name = name;
    e->table_oid = table_->oid;
    e->info.name = name;
    e->info.columns = std::move(columns);
    e->info.unique = unique;
    indexes_.push_back(std::move(e));
  }
  // Runs the pass over a scan of t with the given filters.
  std::unique_ptr<LogicalGet> Run(std::vector<ExprPtr> filters) {
    auto get = MakeGet(1, *table_);
    get->table_filters = std::move(filters);
    SelectIndexes(*get, [&](uint64_t oid) {
      std::vector<IndexEntry*> out;
      for (auto& e : indexes_) {
        if (e->table_oid == oid) out.push_back(e.get());
      }
      return out;
    });
    return get;
  }
  std::unique_ptr<TableEntry> table_;
  std::vector<std::unique_ptr<IndexEntry>> indexes_;
};

TEST_F(IndexSelectionTest, EqualityPrefixThenRange) {
  auto get = Run(List(Compare("<", Col(1, 2), Int(9)), Compare("=", Int(4), Col(1, 0)),
                      Compare(">=", Col(1, 2), Int(2))));
  ASSERT_NE(get->index, nullptr);
  EXPECT_EQ(get->index->name, "t_c0_c2");
  ASSERT_EQ(get->index_equal.size(), 1u);
  EXPECT_EQ(get->index_equal[0]->value.GetInt(), 4);
  ASSERT_TRUE(get->index_lower && get->index_upper);
  EXPECT_EQ(get->index_lower->value.GetInt(), 2);
  EXPECT_TRUE(get->lower_inclusive);
  EXPECT_EQ(get->index_upper->value.GetInt(), 9);
  EXPECT_FALSE(get->upper_inclusive);
  EXPECT_EQ(get->table_filters.size(), 3u);  // kept for re-checking
}

TEST_F(IndexSelectionTest, FlippedRangeOnSingleColumn) {
  auto get = Run(List(Compare("<", Int(5), Col(1, 1))));  // 5 < c1  ->  c1 > 5
  ASSERT_NE(get->index, nullptr);
  EXPECT_EQ(get->index->name, "t_c1");
  EXPECT_TRUE(get->index_equal.empty());
  ASSERT_TRUE(get->index_lower);
  EXPECT_FALSE(get->lower_inclusive);
  EXPECT_FALSE(get->index_upper);
}

TEST_F(IndexSelectionTest, NoIndexForMismatchedTypesOrNonKeyColumns) {
  // c1 = 5::bigint: the constant's type differs from the column's.
  auto get =
      Run(List(Compare("=", MakeCast(Col(1, 1), TypeId::kBigInt), MakeConstant(Value::BigInt(5)))));
  EXPECT_EQ(get->index, nullptr);
  // Only the second key column of t_c0_c2 is constrained.
  get = Run(List(Compare("=", Col(1, 2), Int(5))));
  EXPECT_EQ(get->index, nullptr);
  // A NULL constant never selects rows through an index.
  get = Run(List(Compare("=", Col(1, 1), MakeConstant(Value::Null(TypeId::kInteger)))));
  EXPECT_EQ(get->index, nullptr);
}

TEST_F(IndexSelectionTest, OuterColumnOfCorrelatedSubqueryAsKey) {
  auto get = Run(List(Compare("=", Col(1, 1), MakeColumnRef({7, 0}, TypeId::kInteger, 1))));
  ASSERT_NE(get->index, nullptr);
  EXPECT_EQ(get->index->name, "t_c1");
  ASSERT_EQ(get->index_equal.size(), 1u);
  EXPECT_EQ(get->index_equal[0]->depth, 1u);
}

TEST_F(IndexSelectionTest, PrefersFullyMatchedUniqueIndex) {
  auto get = Run(List(Compare("=", Col(1, 1), Int(1)), Compare("=", Col(1, 0), Int(2)),
                      Compare("=", Col(1, 2), Int(3))));
  ASSERT_NE(get->index, nullptr);
  EXPECT_EQ(get->index->name, "t_c0_c2");
  EXPECT_EQ(get->index_equal.size(), 2u);
}

TEST_F(IndexSelectionTest, IntegerKeyWithInt8Parameter) {
  // c1 BETWEEN $1 AND $2 with int8 parameters (sysbench declares its integers int8): the range
  // uses the parameters clamped to int4; the filters stay.
  auto param = [](idx_t i) {
    auto p = std::make_unique<BoundExpression>(BoundExpressionKind::kParameter,
                                               LogicalType(TypeId::kBigInt));
    p->parameter_index = i;
    return p;
  };
  auto get = Run(List(Compare(">=", MakeCast(Col(1, 1), TypeId::kBigInt), param(0)),
                      Compare(">=", param(1), MakeCast(Col(1, 1), TypeId::kBigInt))));
  ASSERT_NE(get->index, nullptr);
  EXPECT_EQ(get->index->name, "t_c1");
  ASSERT_TRUE(get->index_lower && get->index_upper);
  EXPECT_TRUE(get->lower_inclusive && get->upper_inclusive);
  EXPECT_EQ(get->index_lower->kind, BoundExpressionKind::kFunction);  // least(greatest($1, ..))
  EXPECT_EQ(get->table_filters.size(), 2u);
  // A text cast is not an integer widening.
  auto text_param = std::make_unique<BoundExpression>(BoundExpressionKind::kParameter,
                                                      LogicalType(TypeId::kText));
  get = Run(List(Compare("=", MakeCast(Col(1, 1), TypeId::kText), std::move(text_param))));
  EXPECT_EQ(get->index, nullptr);
}

}  // namespace
}  // namespace kadedb
