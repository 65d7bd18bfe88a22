// Unit tests of the window aggregate machinery: the segment tree over aggregate states must give
// the same result as aggregating the frame row by row, in row order (string_agg), skipping rows
// outside the mask.
#include <gtest/gtest.h>

#include <random>

#include "execution/operator/physical_window_segment_tree.hpp"

namespace kadedb {
namespace window_test {

struct Fixture {
  Vector values;
  std::vector<uint64_t> order;
  std::vector<uint8_t> included;
};

Fixture MakeInput(size_t n, const LogicalType& type, std::mt19937& rng) {
  Fixture f;
  f.values = Vector(type);
  for (size_t i = 0; i < n; i++) {
    int64_t v = static_cast<int64_t>(rng() % 1000);
    f.values.Append(type.id == TypeId::kText ? Value::Text(std::to_string(v)) : Value::BigInt(v));
    f.included.push_back(rng() % 5 != 0);
    f.order.push_back(i);
  }
  std::shuffle(f.order.begin(), f.order.end(), rng);
  return f;
}

Value Finalize(const AggregateKernel& kernel, uint8_t* state, const LogicalType& type) {
  Vector out(type);
  out.Resize(1);
  uint8_t* states[1] = {state};
  kernel.Finalize(states, 1, out);
  return out.GetValue(0);
}

void CheckAgainstNaive(const std::string& name, std::vector<LogicalType> arg_types,
                       bool with_delimiter) {
  std::mt19937 rng(42);
  const size_t n = 3000;
  Fixture f = MakeInput(n, arg_types[0], rng);
  Vector delimiter(TypeId::kText);
  for (size_t i = 0; i < n; i++) delimiter.Append(Value::Text(","));
  BoundAggregateCall call = FunctionRegistry::Builtin().ResolveAggregate(name, arg_types);
  auto kernel = call.function->make_kernel(call.arg_types, call.return_type);
  std::vector<const Vector*> args = {&f.values};
  if (with_delimiter) args.push_back(&delimiter);
  WindowAggregateInput input(*kernel, args, f.included, f.order);
  WindowSegmentTree tree(input, n);
  for (int trial = 0; trial < 300; trial++) {
    uint64_t a = rng() % n, b = rng() % (n + 1);
    if (a > b) std::swap(a, b);
    StateArena states(*kernel, 2);
    tree.Aggregate(states[0], a, b);
    input.Update(states[1], a, b);  // row by row
    Value fast = Finalize(*kernel, states[0], call.return_type);
    Value slow = Finalize(*kernel, states[1], call.return_type);
    ASSERT_EQ(fast.IsNull(), slow.IsNull()) << name << " [" << a << ", " << b << ")";
    if (!fast.IsNull()) {
      ASSERT_EQ(fast.ToString(), slow.ToString()) << name << " [" << a << ", " << b << ")";
    }
  }
}

TEST(WindowSegmentTree, SumMatchesRowByRow) {
  CheckAgainstNaive("sum", {TypeId::kBigInt}, false);
}

TEST(WindowSegmentTree, MinMatchesRowByRow) {
  CheckAgainstNaive("min", {TypeId::kBigInt}, false);
}

TEST(WindowSegmentTree, StringAggKeepsRowOrder) {
  CheckAgainstNaive("string_agg", {TypeId::kText, TypeId::kText}, true);
}

TEST(WindowSegmentTree, EmptyAndSmallInputs) {
  for (size_t n : {0, 1, 15, 16, 17, 256, 257}) {
    std::mt19937 rng(7);
    Fixture f = MakeInput(n, TypeId::kBigInt, rng);
    BoundAggregateCall call =
        FunctionRegistry::Builtin().ResolveAggregate("count", {TypeId::kBigInt});
    auto kernel = call.function->make_kernel(call.arg_types, call.return_type);
    WindowAggregateInput input(*kernel, {&f.values}, f.included, f.order);
    WindowSegmentTree tree(input, n);
    StateArena states(*kernel, 1);
    tree.Aggregate(states[0], 0, n);
    int64_t expected = 0;
    for (size_t i = 0; i < n; i++) expected += f.included[i];
    EXPECT_EQ(Finalize(*kernel, states[0], call.return_type).GetInt(), expected) << n;
  }
}

}  // namespace window_test
}  // namespace kadedb
