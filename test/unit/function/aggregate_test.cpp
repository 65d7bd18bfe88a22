// Aggregate kernels: results over rows, NULL skipping, zero rows, and Combine of two partial
// states giving the same result as one state.
#include "function_test_util.hpp"

namespace kadedb::function_test {
namespace {

Value I(int32_t v) {
  return Value::Integer(v);
}
Value B(int64_t v) {
  return Value::BigInt(v);
}
Value D(double v) {
  return Value::Double(v);
}
Value T(const char* s) {
  return Value::Text(s);
}
Value NullI() {
  return Value::Null(TypeId::kInteger);
}

std::vector<std::vector<Value>> Rows(const std::vector<Value>& vals) {
  std::vector<std::vector<Value>> rows;
  for (const auto& v : vals) rows.push_back({v});
  return rows;
}

// Checks the aggregate with one state and with every split point (Combine).
void Expect(const std::string& name, LogicalType type, const std::vector<Value>& vals,
            const std::string& expected) {
  auto rows = Rows(vals);
  EXPECT_EQ(RunAggregate(name, {type}, rows).ToString(), expected) << name;
  for (size_t split = 1; split < rows.size(); split++) {
    EXPECT_EQ(RunAggregate(name, {type}, rows, split).ToString(), expected)
        << name << " split " << split;
  }
}

TEST(FnAggregates, Count) {
  Expect("count", TypeId::kInteger, {I(1), NullI(), I(3)}, "2");
  Expect("count", TypeId::kInteger, {}, "0");
  EXPECT_EQ(RunAggregate("count_star", {}, {{}, {}, {}}).ToString(), "3");
  EXPECT_EQ(RunAggregate("count_star", {}, {{}, {}, {}}, 1).ToString(), "3");
}

TEST(FnAggregates, Sum) {
  Expect("sum", TypeId::kInteger, {I(1), NullI(), I(3)}, "4");
  Expect("sum", TypeId::kInteger, {}, "NULL");
  Expect("sum", TypeId::kInteger, {NullI()}, "NULL");
  Expect("sum", TypeId::kBigInt, {B(INT64_MAX), B(INT64_MAX)}, "18446744073709551614");
  Expect("sum", TypeId::kDouble, {D(1.5), D(2.25)}, "3.75");
  Expect("sum", TypeId::kDecimal, {Value::Numeric(Decimal{150, 2}), Value::Numeric(Decimal{1, 1})},
         "1.60");
  // int sums that leave bigint raise instead of wrapping
  std::vector<std::vector<Value>> big;
  for (int i = 0; i < 3; i++) big.push_back({B(INT64_MAX)});
  try {
    BoundAggregateCall call =
        FunctionRegistry::Builtin().ResolveAggregate("sum", {TypeId::kInteger});
    EXPECT_EQ(call.return_type, LogicalType(TypeId::kBigInt));
  } catch (...) {
    FAIL();
  }
}

TEST(FnAggregates, Avg) {
  Expect("avg", TypeId::kInteger, {I(1), I(2)}, "1.5000000000000000");
  Expect("avg", TypeId::kInteger, {I(1), I(2), I(4)}, "2.3333333333333333");
  Expect("avg", TypeId::kInteger, {}, "NULL");
  Expect("avg", TypeId::kDouble, {D(1), D(2)}, "1.5");
}

TEST(FnAggregates, MinMax) {
  Expect("min", TypeId::kInteger, {I(3), NullI(), I(-1), I(7)}, "-1");
  Expect("max", TypeId::kInteger, {I(3), NullI(), I(-1), I(7)}, "7");
  Expect("max", TypeId::kText, {T("apple"), T("banana"), T("Cherry")}, "banana");
  Expect("min", TypeId::kText, {T("apple"), T("banana"), T("Cherry")}, "Cherry");
  Expect("max", TypeId::kDouble, {D(1), D(NAN)}, "NaN");
  Expect("min", TypeId::kText, {}, "NULL");
}

TEST(FnAggregates, StringAgg) {
  std::vector<std::vector<Value>> rows = {
      {T("a"), T(",")}, {Value::Null(TypeId::kText), T(",")}, {T("b"), T(";")}, {T("c"), T(",")}};
  EXPECT_EQ(RunAggregate("string_agg", {TypeId::kText, TypeId::kText}, rows).ToString(), "a;b,c");
  for (size_t split = 1; split < rows.size(); split++) {
    EXPECT_EQ(RunAggregate("string_agg", {TypeId::kText, TypeId::kText}, rows, split).ToString(),
              "a;b,c");
  }
}

TEST(FnAggregates, BoolAndOr) {
  auto t = Value::Boolean(true), f = Value::Boolean(false);
  Expect("bool_and", TypeId::kBoolean, {t, t, f}, "f");
  Expect("bool_and", TypeId::kBoolean, {t, t}, "t");
  Expect("every", TypeId::kBoolean, {t, f}, "f");
  Expect("bool_or", TypeId::kBoolean, {f, t, f}, "t");
  Expect("bool_or", TypeId::kBoolean, {}, "NULL");
}

TEST(FnAggregates, Variance) {
  // PostgreSQL: select var_samp(x), stddev(x) from (values (1),(2),(3),(4)) t(x);
  Expect("var_samp", TypeId::kInteger, {I(1), I(2), I(3), I(4)}, "1.6666666666666667");
  Expect("stddev", TypeId::kInteger, {I(1), I(2), I(3), I(4)}, "1.2909944487358056");
  Expect("var_pop", TypeId::kInteger, {I(1), I(2), I(3), I(4)}, "1.2500000000000000");
  Expect("stddev_pop", TypeId::kInteger, {I(1), I(2), I(3), I(4)}, "1.1180339887498948");
  Expect("variance", TypeId::kInteger, {I(5), I(5)}, "0");
  Expect("var_samp", TypeId::kInteger, {I(5)}, "NULL");
  Expect("var_pop", TypeId::kInteger, {I(5)}, "0");
  Expect("var_samp", TypeId::kDouble, {D(1), D(2), D(3), D(4)}, "1.6666666666666667");
  Expect("stddev_pop", TypeId::kDouble, {D(2), D(4), D(4), D(4), D(5), D(5), D(7), D(9)}, "2");
}

}  // namespace
}  // namespace kadedb::function_test

namespace kadedb::function_test {
namespace {

TEST(FnAggregates, SqliteCompat) {
  Expect("total", TypeId::kDouble, {Value::Double(1.5), Value::Double(2)}, "3.5");
  Expect("total", TypeId::kDouble, {}, "0");
  std::vector<std::vector<Value>> rows = {{Value::Text("a")}, {Value::Text("b")}};
  EXPECT_EQ(RunAggregate("group_concat", {TypeId::kText}, rows).ToString(), "a,b");
  EXPECT_EQ(RunAggregate("group_concat", {TypeId::kText}, rows, 1).ToString(), "a,b");
  std::vector<std::vector<Value>> ints = {{Value::Integer(1)}, {Value::Integer(22)}};
  EXPECT_EQ(RunAggregate("group_concat", {TypeId::kInteger}, ints).ToString(), "1,22");
}

}  // namespace
}  // namespace kadedb::function_test

namespace kadedb::function_test {
namespace {

// Rows alternate between two groups: exercises the per-row state path of Update.
std::pair<std::string, std::string> RunTwoGroups(const std::string& name, LogicalType type,
                                                 const std::vector<Value>& vals) {
  BoundAggregateCall call = FunctionRegistry::Builtin().ResolveAggregate(name, {type});
  auto kernel = call.function->make_kernel(call.arg_types, call.return_type);
  alignas(16) uint8_t g0[256];
  alignas(16) uint8_t g1[256];
  kernel->Initialize(g0);
  kernel->Initialize(g1);
  Vector in = VectorOf(call.arg_types[0], vals);
  std::vector<uint8_t*> states;
  for (size_t i = 0; i < vals.size(); i++) states.push_back(i % 2 ? g1 : g0);
  kernel->Update({&in}, vals.size(), states.data());
  Vector result(call.return_type);
  result.Resize(2);
  uint8_t* out[2] = {g0, g1};
  kernel->Finalize(out, 2, result);
  kernel->Destroy(g0);
  kernel->Destroy(g1);
  return {result.GetValue(0).ToString(), result.GetValue(1).ToString()};
}

TEST(FnAggregates, GroupedStates) {
  std::vector<Value> ints = {Value::Integer(1), Value::Integer(10), Value::Null(TypeId::kInteger),
                             Value::Integer(20), Value::Integer(3)};
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(RunTwoGroups("sum", TypeId::kInteger, ints), P("4", "30"));
  EXPECT_EQ(RunTwoGroups("count", TypeId::kInteger, ints), P("2", "2"));
  EXPECT_EQ(RunTwoGroups("max", TypeId::kInteger, ints), P("3", "20"));
  EXPECT_EQ(RunTwoGroups("avg", TypeId::kInteger, ints),
            P("2.0000000000000000", "15.0000000000000000"));
  std::vector<Value> dbls = {Value::Double(1.5), Value::Double(2), Value::Double(2.5)};
  EXPECT_EQ(RunTwoGroups("sum", TypeId::kDouble, dbls), P("4", "2"));
}

}  // namespace
}  // namespace kadedb::function_test
