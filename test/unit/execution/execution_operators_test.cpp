// Unit tests of executor pieces SQL cannot pin down directly: hash join NULL-key handling per
// join type, set operation multiset counts, the sort comparator, and three-valued logic / IN
// NULL rules of the expression executor.
#include <gtest/gtest.h>

#include <cmath>

#include "common/decimal.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/physical_join.hpp"
#include "execution/operator/physical_order.hpp"
#include "execution/operator/physical_set_operation.hpp"

namespace kadedb {
namespace {

// A source emitting fixed chunks.
class TestSource : public PhysicalSource {
 public:
  TestSource(std::vector<LogicalType> types, std::vector<DataChunk> chunks)
      : PhysicalSource(std::move(types)), chunks_(std::move(chunks)) {}
  struct St : OperatorState {
    size_t next = 0;
  };
  std::unique_ptr<OperatorState> InitSource(ExecState&) override { return std::make_unique<St>(); }
  bool GetData(ExecState&, OperatorState* s, DataChunk& out) override {
    auto& st = static_cast<St&>(*s);
    if (st.next >= chunks_.size()) return false;
    const DataChunk& c = chunks_[st.next++];
    out.Initialize(types, 0);
    for (size_t i = 0; i < c.size(); i++) out.AppendRowFrom(c, i);
    return st.next < chunks_.size();
  }
  std::string Name() const override { return "TEST"; }

 private:
  std::vector<DataChunk> chunks_;
};

Value I(int64_t v) {
  return Value::BigInt(v);
}
Value N() {
  return Value::Null(TypeId::kBigInt);
}

DataChunk IntChunk(const std::vector<Value>& values) {
  DataChunk c(std::vector<LogicalType>{TypeId::kBigInt}, 0);
  for (auto& v : values) c.AppendRow({v});
  return c;
}

ExprNodePtr ColumnRef(idx_t column, LogicalType type = TypeId::kBigInt) {
  auto e = std::make_unique<ExprNode>();
  e->kind = BoundExpressionKind::kColumnRef;
  e->type = type;
  e->column = column;
  return e;
}

ExprNodePtr Constant(Value v) {
  auto e = std::make_unique<ExprNode>();
  e->kind = BoundExpressionKind::kConstant;
  e->type = v.type();
  e->value = v;
  return e;
}

std::vector<std::vector<Value>> RunJoin(LogicalJoinType type, bool null_equal,
                                        std::vector<Value> left, std::vector<Value> right) {
  std::vector<LogicalType> t = {TypeId::kBigInt};
  std::vector<LogicalType> out_types = t;
  if (type == LogicalJoinType::kMark) {
    out_types.push_back(TypeId::kBoolean);
  } else if (type != LogicalJoinType::kSemi && type != LogicalJoinType::kAnti) {
    out_types.push_back(TypeId::kBigInt);
  }
  PhysicalJoin join(out_types, type);
  join.left_types = t;
  join.right_types = t;
  join.left_keys.push_back(ColumnRef(0));
  join.right_keys.push_back(ColumnRef(0));
  join.null_equal.push_back(null_equal);
  std::vector<DataChunk> lc, rc;
  lc.push_back(IntChunk(left));
  rc.push_back(IntChunk(right));
  join.children.push_back(std::make_unique<TestSource>(t, std::move(lc)));
  join.children.push_back(std::make_unique<TestSource>(t, std::move(rc)));
  ExecutionContext context;
  ExecState state(context);
  std::vector<std::vector<Value>> rows;
  join.Run(state, [&](DataChunk& chunk) {
    for (size_t i = 0; i < chunk.size(); i++) {
      std::vector<Value> row;
      for (size_t c = 0; c < chunk.ColumnCount(); c++) row.push_back(chunk.GetValue(c, i));
      rows.push_back(row);
    }
    return true;
  });
  return rows;
}

TEST(HashJoin, NullKeysNeverMatchUnderEquals) {
  auto rows = RunJoin(LogicalJoinType::kInner, false, {I(1), N(), I(2)}, {I(1), N(), N(), I(3)});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].GetInt(), 1);
  EXPECT_EQ(rows[0][1].GetInt(), 1);
}

TEST(HashJoin, NullEqualMatchesNulls) {
  auto rows = RunJoin(LogicalJoinType::kInner, true, {I(1), N(), I(2)}, {I(1), N(), N(), I(3)});
  EXPECT_EQ(rows.size(), 3u);  // 1=1, NULL with both NULLs
}

TEST(HashJoin, LeftRightFull) {
  auto left = RunJoin(LogicalJoinType::kLeft, false, {I(1), N(), I(2)}, {I(1), N(), I(3)});
  EXPECT_EQ(left.size(), 3u);
  auto right = RunJoin(LogicalJoinType::kRight, false, {I(1), N(), I(2)}, {I(1), N(), I(3)});
  EXPECT_EQ(right.size(), 3u);
  size_t left_nulls = 0;
  for (auto& r : right) left_nulls += r[0].IsNull();
  EXPECT_EQ(left_nulls, 2u);
  auto full = RunJoin(LogicalJoinType::kFull, false, {I(1), N(), I(2)}, {I(1), N(), I(3)});
  EXPECT_EQ(full.size(), 5u);  // 1 match + 2 left-only + 2 right-only
}

TEST(HashJoin, SemiAntiMark) {
  auto semi = RunJoin(LogicalJoinType::kSemi, false, {I(1), N(), I(2), I(1)}, {I(1), I(1), N()});
  EXPECT_EQ(semi.size(), 2u);  // both 1s, once each
  auto anti = RunJoin(LogicalJoinType::kAnti, false, {I(1), N(), I(2)}, {I(1), N()});
  ASSERT_EQ(anti.size(), 2u);  // NOT EXISTS semantics: NULL and 2 survive
  auto mark = RunJoin(LogicalJoinType::kMark, false, {I(1), N(), I(2)}, {I(1), N()});
  ASSERT_EQ(mark.size(), 3u);
  EXPECT_TRUE(mark[0][1].GetBool());
  EXPECT_TRUE(mark[1][1].IsNull());  // NULL IN (1, NULL)
  EXPECT_TRUE(mark[2][1].IsNull());  // 2 IN (1, NULL)
  auto mark2 = RunJoin(LogicalJoinType::kMark, false, {I(2), N()}, {I(1)});
  ASSERT_EQ(mark2.size(), 2u);
  EXPECT_FALSE(mark2[0][1].GetBool());
  EXPECT_TRUE(mark2[1][1].IsNull());
  auto mark_empty = RunJoin(LogicalJoinType::kMark, false, {N()}, {});
  ASSERT_EQ(mark_empty.size(), 1u);
  EXPECT_FALSE(mark_empty[0][1].GetBool());  // NULL IN (empty) is false
}

TEST(SetOperation, MultisetCounts) {
  std::vector<LogicalType> t = {TypeId::kBigInt};
  auto count = [&](SetOperationType type, bool all) {
    SetOperationTable table(t);
    table.Add(IntChunk({I(1), I(1), I(1), I(2), N(), N()}), 0);
    table.Add(IntChunk({I(1), I(1), N(), I(3)}), 1);
    uint64_t n = 0;
    for (auto& [row, copies] : table.Result(type, all)) n += copies;
    return n;
  };
  EXPECT_EQ(count(SetOperationType::kUnion, false), 4u);      // 1 2 NULL 3
  EXPECT_EQ(count(SetOperationType::kIntersect, false), 2u);  // 1 NULL
  EXPECT_EQ(count(SetOperationType::kIntersect, true), 3u);   // 1 1 NULL
  EXPECT_EQ(count(SetOperationType::kExcept, false), 1u);     // 2
  EXPECT_EQ(count(SetOperationType::kExcept, true), 3u);      // 1 2 NULL
}

TEST(Sort, ComparatorNullsDirectionsAndTypes) {
  RowCollection rows(std::vector<LogicalType>{TypeId::kDouble});
  DataChunk c(std::vector<LogicalType>{TypeId::kDouble}, 0);
  c.AppendRow({Value::Double(1.0)});
  c.AppendRow({Value::Double(NAN)});
  c.AppendRow({Value::Null(TypeId::kDouble)});
  c.AppendRow({Value::Double(-INFINITY)});
  rows.Append(c);
  std::vector<SortKey> keys(1);
  keys[0].expression = ColumnRef(0, TypeId::kDouble);
  EXPECT_LT(CompareSortRows(keys, rows, 0, 1), 0);  // 1 < NaN
  EXPECT_LT(CompareSortRows(keys, rows, 3, 0), 0);  // -inf < 1
  EXPECT_GT(CompareSortRows(keys, rows, 2, 1), 0);  // NULLS LAST
  keys[0].nulls_first = true;
  EXPECT_LT(CompareSortRows(keys, rows, 2, 1), 0);
  keys[0].descending = true;
  EXPECT_GT(CompareSortRows(keys, rows, 0, 1), 0);  // DESC: NaN first
  EXPECT_LT(CompareSortRows(keys, rows, 2, 0), 0);  // NULLS FIRST kept under DESC

  Vector d(LogicalType::Decimal(10, 2));
  d.Append(Value::Numeric(DecimalParse("1.50")));
  d.Append(Value::Numeric(DecimalParse("1.5")));
  EXPECT_EQ(CompareValues(d, 0, d, 1), 0);
  EXPECT_TRUE(ValuesEqual(d, 0, d, 1));
  EXPECT_EQ(HashRow(d, 0), HashRow(d, 1));
}

TEST(Expressions, ThreeValuedLogicAndInLists) {
  ExecutionContext context;
  ExecState state(context);
  auto and_node = std::make_unique<ExprNode>();
  and_node->kind = BoundExpressionKind::kAnd;
  and_node->type = TypeId::kBoolean;
  and_node->children.push_back(Constant(Value::Boolean(false)));
  and_node->children.push_back(Constant(Value::Null(TypeId::kBoolean)));
  Value v = ExpressionExecutor::EvaluateScalar(state, *and_node);
  ASSERT_FALSE(v.IsNull());
  EXPECT_FALSE(v.GetBool());  // FALSE AND NULL = FALSE

  auto or_node = std::make_unique<ExprNode>();
  or_node->kind = BoundExpressionKind::kOr;
  or_node->type = TypeId::kBoolean;
  or_node->children.push_back(Constant(Value::Null(TypeId::kBoolean)));
  or_node->children.push_back(Constant(Value::Boolean(true)));
  v = ExpressionExecutor::EvaluateScalar(state, *or_node);
  EXPECT_TRUE(!v.IsNull() && v.GetBool());  // NULL OR TRUE = TRUE

  auto in_node = std::make_unique<ExprNode>();
  in_node->kind = BoundExpressionKind::kIn;
  in_node->type = TypeId::kBoolean;
  in_node->children.push_back(Constant(I(2)));
  in_node->children.push_back(Constant(I(1)));
  in_node->children.push_back(Constant(N()));
  EXPECT_TRUE(ExpressionExecutor::EvaluateScalar(state, *in_node).IsNull());  // 2 IN (1, NULL)
  in_node->children[0] = Constant(I(1));
  v = ExpressionExecutor::EvaluateScalar(state, *in_node);
  EXPECT_TRUE(!v.IsNull() && v.GetBool());
  in_node->kind = BoundExpressionKind::kNotIn;
  in_node->children[0] = Constant(I(2));
  EXPECT_TRUE(ExpressionExecutor::EvaluateScalar(state, *in_node).IsNull());  // 2 NOT IN (1, NULL)
}

}  // namespace
}  // namespace kadedb
