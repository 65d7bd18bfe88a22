// Overload resolution in the built-in FunctionRegistry: exact matches, implicit-cast candidates,
// preferred types, untyped NULLs, "any" parameters, error codes and messages.
#include "function/function.hpp"
#include "function_test_util.hpp"

namespace kadedb::function_test {
namespace {

const FunctionRegistry& R() {
  return FunctionRegistry::Builtin();
}

TEST(FnFunctionResolution, ExactMatch) {
  auto call = R().ResolveScalar("+", {TypeId::kInteger, TypeId::kInteger});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kInteger));
}

TEST(FnFunctionResolution, IntegerPlusBigintIsBigint) {
  auto call = R().ResolveScalar("+", {TypeId::kInteger, TypeId::kBigInt});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kBigInt));
  EXPECT_EQ(call.arg_types[0], LogicalType(TypeId::kBigInt));
  EXPECT_EQ(call.arg_types[1], LogicalType(TypeId::kBigInt));
}

TEST(FnFunctionResolution, IntegerEqualsNumericComparesNumeric) {
  auto call = R().ResolveScalar("=", {TypeId::kInteger, LogicalType::Decimal(10, 2)});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kBoolean));
  EXPECT_EQ(call.arg_types[0].id, TypeId::kDecimal);
  EXPECT_EQ(call.arg_types[1], LogicalType::Decimal(10, 2));  // typmod kept: no cast needed
}

TEST(FnFunctionResolution, TextConcatAnything) {
  auto call = R().ResolveScalar("||", {TypeId::kText, TypeId::kInteger});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kText));
  // No cast requested (integer -> text is not implicit): the kernel converts the value.
  EXPECT_EQ(call.arg_types[1], LogicalType(TypeId::kInteger));
  auto call2 = R().ResolveScalar("||", {TypeId::kInteger, TypeId::kText});
  EXPECT_EQ(call2.return_type, LogicalType(TypeId::kText));
  // An unknown literal next to an integer: 'a' || 1 resolves to text || any, 'a' as text.
  auto call4 = R().ResolveScalar("||", {TypeId::kNull, TypeId::kInteger});
  EXPECT_EQ(call4.arg_types[0], LogicalType(TypeId::kText));
  EXPECT_EQ(call4.arg_types[1], LogicalType(TypeId::kInteger));
  auto call3 = R().ResolveScalar("||", {TypeId::kText, TypeId::kText});
  EXPECT_EQ(call3.function->bind, nullptr);  // the plain text || text version
}

TEST(FnFunctionResolution, VarcharMatchesText) {
  auto call = R().ResolveScalar("lower", {LogicalType::Varchar(10)});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kText));
  auto eq = R().ResolveScalar("=", {LogicalType::Varchar(10), TypeId::kText});
  EXPECT_EQ(eq.return_type, LogicalType(TypeId::kBoolean));
}

TEST(FnFunctionResolution, UntypedNullTakesOtherSide) {
  auto call = R().ResolveScalar("+", {TypeId::kNull, TypeId::kInteger});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kInteger));
  EXPECT_EQ(call.arg_types[0], LogicalType(TypeId::kInteger));
  auto abs = R().ResolveScalar("abs", {TypeId::kNull});
  EXPECT_EQ(abs.return_type, LogicalType(TypeId::kDouble));  // preferred type
  auto cat = R().ResolveScalar("||", {TypeId::kNull, TypeId::kNull});
  EXPECT_EQ(cat.return_type, LogicalType(TypeId::kText));
}

TEST(FnFunctionResolution, PowerOfIntegersIsDouble) {
  auto call = R().ResolveScalar("^", {TypeId::kInteger, TypeId::kInteger});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kDouble));
  auto num = R().ResolveScalar("^", {TypeId::kDecimal, TypeId::kInteger});
  EXPECT_EQ(num.return_type.id, TypeId::kDecimal);
}

TEST(FnFunctionResolution, SmallintAndIntegerWiden) {
  auto call = R().ResolveScalar("*", {TypeId::kSmallInt, TypeId::kInteger});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kInteger));
  auto real = R().ResolveScalar("+", {TypeId::kInteger, TypeId::kDouble});
  EXPECT_EQ(real.return_type, LogicalType(TypeId::kDouble));
}

TEST(FnFunctionResolution, NamesAreCaseInsensitive) {
  EXPECT_TRUE(R().IsScalar("LOWER"));
  EXPECT_TRUE(R().IsAggregate("Sum"));
  EXPECT_FALSE(R().IsAggregate("lower"));
  EXPECT_TRUE(R().IsAggregate("count_star"));
}

TEST(FnFunctionResolution, OperatorDoesNotExist) {
  try {
    R().ResolveScalar("+", {TypeId::kInteger, TypeId::kBoolean});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "42883");
    EXPECT_STREQ(e.what(), "operator does not exist: integer + boolean");
    EXPECT_NE(e.hint().find("explicit type casts"), std::string::npos);
  }
}

TEST(FnFunctionResolution, FunctionDoesNotExist) {
  try {
    R().ResolveScalar("foo", {TypeId::kInteger, TypeId::kText});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "42883");
    EXPECT_STREQ(e.what(), "function foo(integer, text) does not exist");
    EXPECT_EQ(e.hint(),
              "No function matches the given name and argument types. You might need to add "
              "explicit type casts.");
  }
  try {
    R().ResolveScalar("lower", {TypeId::kInteger, TypeId::kInteger});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "42883");
  }
}

TEST(FnFunctionResolution, Varargs) {
  auto call = R().ResolveScalar("concat", {TypeId::kInteger, TypeId::kText, TypeId::kBoolean});
  EXPECT_EQ(call.return_type, LogicalType(TypeId::kText));
  EXPECT_FALSE(call.function->strict);
  auto g = R().ResolveScalar("greatest", {TypeId::kInteger, TypeId::kBigInt, TypeId::kNull});
  EXPECT_EQ(g.return_type, LogicalType(TypeId::kBigInt));
  EXPECT_EQ(g.arg_types[0], LogicalType(TypeId::kBigInt));
  auto c = R().ResolveScalar("coalesce", {TypeId::kNull, TypeId::kInteger});
  EXPECT_EQ(c.return_type, LogicalType(TypeId::kInteger));
}

TEST(FnFunctionResolution, Aggregates) {
  EXPECT_EQ(R().ResolveAggregate("sum", {TypeId::kInteger}).return_type,
            LogicalType(TypeId::kBigInt));
  EXPECT_EQ(R().ResolveAggregate("sum", {TypeId::kBigInt}).return_type.id, TypeId::kDecimal);
  EXPECT_EQ(R().ResolveAggregate("avg", {TypeId::kInteger}).return_type.id, TypeId::kDecimal);
  EXPECT_EQ(R().ResolveAggregate("avg", {TypeId::kDouble}).return_type.id, TypeId::kDouble);
  EXPECT_EQ(R().ResolveAggregate("max", {LogicalType::Varchar(5)}).return_type,
            LogicalType::Varchar(5));
  EXPECT_EQ(R().ResolveAggregate("count", {TypeId::kText}).return_type,
            LogicalType(TypeId::kBigInt));
  EXPECT_EQ(R().ResolveAggregate("count_star", {}).return_type, LogicalType(TypeId::kBigInt));
  try {
    R().ResolveAggregate("sum", {TypeId::kText});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "42883");
    EXPECT_STREQ(e.what(), "function sum(text) does not exist");
  }
}

}  // namespace
}  // namespace kadedb::function_test
