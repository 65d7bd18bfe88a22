// Expressions: precedence, literals, special forms, and ToString round trips.
#include "parser_test_util.hpp"

namespace kadedb {
namespace {

using test::ExprToString;

TEST(ParseExpressionTest, Precedence) {
  EXPECT_EQ(ExprToString("1 + 2 * 3 ^ 2"), "(1 + (2 * (3 ^ 2)))");
  EXPECT_EQ(ExprToString("- 2 ^ 2"), "((-2) ^ 2)");
  EXPECT_EQ(ExprToString("not a = b and c or d"), "(((NOT (a = b)) AND c) OR d)");
  EXPECT_EQ(ExprToString("a || b = c"), "((a || b) = c)");
  EXPECT_EQ(ExprToString("a = b is null"), "((a = b) IS NULL)");
  EXPECT_EQ(ExprToString("a between 1 and 2 and b"), "((a BETWEEN 1 AND 2) AND b)");
  EXPECT_EQ(ExprToString("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(ExprToString("x::int + 1"), "(CAST(x AS integer) + 1)");
}

TEST(ParseExpressionTest, NonAssociativeComparisonsAreErrors) {
  EXPECT_EQ(test::ParseError("select a = b = c"), "42601 syntax error at or near \"=\" @14");
  EXPECT_EQ(test::ParseError("select a < b < c").substr(0, 5), "42601");
}

TEST(ParseExpressionTest, IntegerLiteralTypes) {
  auto e = Parser::ParseExpression("2147483647");
  auto& c = e->Cast<ConstantExpression>();
  EXPECT_EQ(c.value_kind, ConstantKind::kInteger);
  EXPECT_FALSE(c.is_bigint);
  auto big = Parser::ParseExpression("2147483648");
  EXPECT_TRUE(big->Cast<ConstantExpression>().is_bigint);
  auto neg = Parser::ParseExpression("-2147483648");
  EXPECT_FALSE(neg->Cast<ConstantExpression>().is_bigint);
  auto huge = Parser::ParseExpression("9223372036854775808");
  EXPECT_EQ(huge->Cast<ConstantExpression>().value_kind, ConstantKind::kNumeric);
  auto min = Parser::ParseExpression("-9223372036854775808");
  EXPECT_EQ(min->Cast<ConstantExpression>().value_kind, ConstantKind::kInteger);
  EXPECT_EQ(min->Cast<ConstantExpression>().integer_value, INT64_MIN);
  auto num = Parser::ParseExpression("1.50");
  EXPECT_EQ(num->Cast<ConstantExpression>().text, "1.50");
  auto str = Parser::ParseExpression("'1'");
  EXPECT_EQ(str->Cast<ConstantExpression>().value_kind, ConstantKind::kString);
}

TEST(ParseExpressionTest, TypedLiteralsAndCasts) {
  auto e = Parser::ParseExpression("interval '1' day to second");
  auto& c = e->Cast<CastExpression>();
  EXPECT_EQ(c.syntax, CastSyntax::kTypedLiteral);
  EXPECT_EQ(c.type.type.id, TypeId::kInterval);
  EXPECT_EQ(c.type.interval_fields, "day to second");
  EXPECT_EQ(ExprToString("date '2020-01-01'"), "CAST('2020-01-01' AS date)");
  EXPECT_EQ(ExprToString("timestamp with time zone 'x'"), "CAST('x' AS timestamp with time zone)");
  EXPECT_EQ(ExprToString("cast(a as numeric(10,2))"), "CAST(a AS numeric(10,2))");
  EXPECT_EQ(ExprToString("a::character varying(5)[]"), "CAST(a AS character varying(5)[])");
}

TEST(ParseExpressionTest, TypeSpellings) {
  auto type = [](const char* t) { return Parser::ParseTypeName(t).type; };
  EXPECT_EQ(type("int4"), LogicalType(TypeId::kInteger));
  EXPECT_EQ(type("bool"), LogicalType(TypeId::kBoolean));
  EXPECT_EQ(type("int2"), LogicalType(TypeId::kSmallInt));
  EXPECT_EQ(type("int8"), LogicalType(TypeId::kBigInt));
  EXPECT_EQ(type("float4"), LogicalType(TypeId::kReal));
  EXPECT_EQ(type("float"), LogicalType(TypeId::kDouble));
  EXPECT_EQ(type("float(10)"), LogicalType(TypeId::kReal));
  EXPECT_EQ(type("double precision"), LogicalType(TypeId::kDouble));
  EXPECT_EQ(type("decimal(5,2)"), LogicalType::Decimal(5, 2));
  EXPECT_EQ(type("numeric"), LogicalType::Decimal(0, 0));
  EXPECT_EQ(type("character varying(7)"), LogicalType::Varchar(7));
  EXPECT_EQ(type("char"), LogicalType::Varchar(1));
  EXPECT_EQ(type("text"), LogicalType(TypeId::kText));
  EXPECT_EQ(type("timestamptz"), LogicalType(TypeId::kTimestampTz));
  EXPECT_EQ(type("timestamp without time zone"), LogicalType(TypeId::kTimestamp));
  EXPECT_EQ(type("time"), LogicalType(TypeId::kTime));
  EXPECT_EQ(type("uuid"), LogicalType(TypeId::kUuid));
  EXPECT_TRUE(Parser::ParseTypeName("int[]").is_array);
  try {
    Parser::ParseTypeName("foo");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "42704");
    EXPECT_STREQ(e.what(), "type \"foo\" does not exist");
  }
}

TEST(ParseExpressionTest, Predicates) {
  EXPECT_EQ(ExprToString("a not between symmetric 1 and 2"), "(a NOT BETWEEN SYMMETRIC 1 AND 2)");
  EXPECT_EQ(ExprToString("a not in (1, 2)"), "(a NOT IN (1, 2))");
  EXPECT_EQ(ExprToString("a not ilike 'x' escape '!'"), "(a NOT ILIKE 'x' ESCAPE '!')");
  EXPECT_EQ(ExprToString("a similar to 'x'"), "(a SIMILAR TO 'x')");
  EXPECT_EQ(ExprToString("a is not distinct from b"), "(a IS NOT DISTINCT FROM b)");
  EXPECT_EQ(ExprToString("a is unknown"), "(a IS UNKNOWN)");
  EXPECT_EQ(ExprToString("a notnull"), "(a IS NOT NULL)");
  EXPECT_EQ(ExprToString("a != b"), "(a <> b)");
}

TEST(ParseExpressionTest, SpecialFunctionForms) {
  EXPECT_EQ(ExprToString("extract(year from d)"), "EXTRACT('year' FROM d)");
  EXPECT_EQ(ExprToString("position('a' in s)"), "POSITION('a' IN s)");
  EXPECT_EQ(ExprToString("substring(s from 2 for 3)"), "substring(s, 2, 3)");
  EXPECT_EQ(ExprToString("trim(both 'x' from s)"), "btrim(s, 'x')");
  EXPECT_EQ(ExprToString("trim(s)"), "btrim(s)");
  EXPECT_EQ(ExprToString("overlay(s placing 'ab' from 2 for 1)"), "overlay(s, 'ab', 2, 1)");
  EXPECT_EQ(ExprToString("current_date"), "current_date");
  EXPECT_EQ(ExprToString("coalesce(a, b)"), "coalesce(a, b)");
  EXPECT_EQ(ExprToString("x at time zone 'UTC'"), "timezone('UTC', x)");
}

TEST(ParseExpressionTest, FunctionCallClauses) {
  auto e = Parser::ParseExpression(
      "sum(distinct x order by y) filter (where z > 0) over (partition by a order by b "
      "range between unbounded preceding and 2 following exclude current row)");
  auto& f = e->Cast<FunctionExpression>();
  EXPECT_TRUE(f.distinct);
  ASSERT_EQ(f.order_by.size(), 1u);
  ASSERT_NE(f.filter, nullptr);
  ASSERT_NE(f.over, nullptr);
  EXPECT_EQ(f.over->frame_mode, FrameMode::kRange);
  EXPECT_EQ(f.over->start.kind, FrameBoundKind::kUnboundedPreceding);
  EXPECT_EQ(f.over->end.kind, FrameBoundKind::kFollowing);
  EXPECT_EQ(f.over->exclude, FrameExclude::kCurrentRow);
  auto star = Parser::ParseExpression("count(*)");
  EXPECT_TRUE(star->Cast<FunctionExpression>().star);
  auto wg = Parser::ParseExpression("percentile_cont(0.5) within group (order by x)");
  EXPECT_EQ(wg->Cast<FunctionExpression>().within_group.size(), 1u);
}

TEST(ParseExpressionTest, SubqueriesArraysRows) {
  EXPECT_EQ(ExprToString("x = any (select y from t)"), "(x = ANY (SELECT y FROM t))");
  EXPECT_EQ(ExprToString("x <> all (array[1, 2])"), "(x <> ALL (ARRAY[1, 2]))");
  EXPECT_EQ(ExprToString("x not in (select 1)"), "(x NOT IN (SELECT 1))");
  EXPECT_EQ(ExprToString("exists (select 1)"), "EXISTS (SELECT 1)");
  EXPECT_EQ(ExprToString("((select 1))"), "(SELECT 1)");
  EXPECT_EQ(ExprToString("((select 1) + 1)"), "((SELECT 1) + 1)");
  EXPECT_EQ(ExprToString("(1, 2)"), "ROW(1, 2)");
  EXPECT_EQ(ExprToString("a[1]"), "(a)[1]");
  EXPECT_EQ(ExprToString("$2"), "$2");
}

TEST(ParseExpressionTest, LocationsPointAtTokens) {
  auto e = Parser::ParseExpression("a +  foo(b)");
  EXPECT_EQ(e->location, 3);  // operator
  auto& op = e->Cast<OperatorExpression>();
  EXPECT_EQ(op.children[0]->location, 1);
  EXPECT_EQ(op.children[1]->location, 6);
}

TEST(ParseExpressionTest, CopyIsDeep) {
  auto e = Parser::ParseExpression("case when a > (select max(x) from t) then f(b) end");
  auto c = e->Copy();
  EXPECT_EQ(c->ToString(), e->ToString());
  e.reset();
  EXPECT_EQ(c->ToString(), "CASE WHEN (a > (SELECT max(x) FROM t)) THEN f(b) END");
}

TEST(ParseExpressionTest, DepthLimit) {
  std::string deep(1000, '(');
  deep += "1" + std::string(1000, ')');
  try {
    Parser::ParseExpression(deep);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "54001");
  }
  std::string nots;
  for (int i = 0; i < 5000; i++) nots += "not ";
  EXPECT_THROW(Parser::ParseExpression(nots + "true"), Exception);
}

}  // namespace
}  // namespace kadedb
