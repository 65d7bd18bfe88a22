// NormalizeQuery, the key of the simple-query statement cache: which literals become $n (operands,
// VALUES / IN lists, folded unary minus) and which stay (function arguments, type modifiers,
// ORDER BY / GROUP BY positions, LIMIT, typed literals, casts), what is not cached at all, and
// error positions mapped back to the original text.
#include <gtest/gtest.h>

#include <string>

#include "server/pg_query_normalizer.hpp"

namespace kadedb {
namespace {

std::string Norm(const std::string& sql) {
  NormalizedQuery q;
  if (!NormalizeQuery(sql, &q)) return "<none>";
  return q.text;
}

TEST(PgQueryNormalizer, ReplacesOperandLiterals) {
  EXPECT_EQ(Norm("SELECT abalance FROM pgbench_accounts WHERE aid = 12345;"),
            "select abalance from pgbench_accounts where aid = $1");
  EXPECT_EQ(Norm("UPDATE t SET a = a + -2345 WHERE id = 7"),
            "update t set a = a + $1 where id = $2");
  EXPECT_EQ(Norm("insert into h (a, b, c) values (1, 'x', 2.5)"),
            "insert into h ( a , b , c ) values ( $1 , $2 , $3 )");
  EXPECT_EQ(Norm("select c from t where id between 5 and 10 order by c"),
            "select c from t where id between $1 and $2 order by c");
  EXPECT_EQ(Norm("select * from t where x in (1, 2) and s like 'a%'"),
            "select * from t where x in ( $1 , $2 ) and s like $3");
  EXPECT_EQ(Norm("delete from t where x - 1 = 3"), "delete from t where x - $1 = $2");
}

TEST(PgQueryNormalizer, LiteralsAndTypes) {
  NormalizedQuery q;
  ASSERT_TRUE(NormalizeQuery("select 1, -2, 3.50, E'a\\nb', 'it''s'", &q));
  ASSERT_EQ(q.literals.size(), 5u);
  EXPECT_EQ(q.literals[0].kind, TokenKind::kInteger);
  EXPECT_EQ(q.literals[1].text, "-2");
  EXPECT_EQ(q.literals[2].kind, TokenKind::kNumeric);
  EXPECT_EQ(q.literals[2].text, "3.50");
  EXPECT_EQ(q.literals[3].text, "a\nb");
  EXPECT_EQ(q.literals[4].text, "it's");
  EXPECT_EQ(q.TypedText(), "select $1::int4 , $2::int4 , $3::numeric , $4 , $5");
}

TEST(PgQueryNormalizer, KeepsLiteralsWhoseMeaningIsTheConstant) {
  EXPECT_EQ(Norm("select a from t order by 1, 2"), "select a from t order by 1 , 2");
  EXPECT_EQ(Norm("select a, count(*) from t group by 1 having count(*) > 2"),
            "select a , count ( * ) from t group by 1 having count ( * ) > $1");
  EXPECT_EQ(Norm("select a from t limit 10 offset 5"), "select a from t limit 10 offset 5");
  EXPECT_EQ(Norm("select date_trunc('day', d), round(x, 2) from t"),
            "select date_trunc ( 'day' , d ) , round ( x , 2 ) from t");
  EXPECT_EQ(Norm("select cast(x as numeric(10,2)) from t"),
            "select cast ( x as numeric ( 10 , 2 ) ) from t");
  EXPECT_EQ(Norm("select d + interval '1 day' from t where d > date '2020-01-01'"),
            "select d + interval '1 day' from t where d > date '2020-01-01'");
  EXPECT_EQ(Norm("select '5'::int from t where a[1] = 2"),
            "select '5' :: int from t where a [ 1 ] = $1");
  EXPECT_EQ(Norm("select distinct on (1) a from t"), "select distinct on ( 1 ) a from t");
  EXPECT_EQ(Norm("select 2147483648, -2147483648"), "select 2147483648 , $1");
}

TEST(PgQueryNormalizer, NotCached) {
  EXPECT_EQ(Norm("SET search_path = a"), "<none>");
  EXPECT_EQ(Norm("begin"), "<none>");
  EXPECT_EQ(Norm("create table t (a int)"), "<none>");
  EXPECT_EQ(Norm("select 1; select 2"), "<none>");
  EXPECT_EQ(Norm("select $1"), "<none>");
  EXPECT_EQ(Norm("select 1 into t2"), "<none>");
  EXPECT_EQ(Norm("select 'unterminated"), "<none>");
  EXPECT_EQ(Norm("select (1"), "<none>");
  EXPECT_EQ(Norm(""), "<none>");
  EXPECT_EQ(Norm("/* comment first */ select 1"), "<none>");
  EXPECT_EQ(Norm("select '" + std::string(kMaxNormalizedBytes, 'x') + "'"), "<none>");
  EXPECT_EQ(Norm("  SELECT 1"), "select $1");
}

TEST(PgQueryNormalizer, MapsPositions) {
  NormalizedQuery q;
  //                        123456789012345678901234567890
  ASSERT_TRUE(NormalizeQuery("SELECT  nosuch FROM t WHERE a = 'xyz' AND b = 5", &q));
  EXPECT_EQ(q.text, "select nosuch from t where a = $1 and b = $2");
  EXPECT_EQ(q.MapPosition(8), 9);    // "nosuch"
  EXPECT_EQ(q.MapPosition(10), 11);  // inside it
  EXPECT_EQ(q.MapPosition(32), 33);  // $1 -> 'xyz'
  EXPECT_EQ(q.MapPosition(33), 33);
  EXPECT_EQ(q.MapPosition(35), 39);  // "and"
}

}  // namespace
}  // namespace kadedb
