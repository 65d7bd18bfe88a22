// Arithmetic, comparison, concatenation and LIKE operators: results, overflow and division by
// zero errors, PostgreSQL's integer division and modulo signs, LIKE wildcards and escapes.
#include "common/datetime.hpp"
#include "function_test_util.hpp"

namespace kadedb::function_test {
namespace {

Value I(int32_t v) {
  return Value::Integer(v);
}
Value B(int64_t v) {
  return Value::BigInt(v);
}
Value S(int16_t v) {
  return Value::SmallInt(v);
}
Value D(double v) {
  return Value::Double(v);
}
Value T(const char* s) {
  return Value::Text(s);
}

TEST(FnIntegerArithmetic, Basics) {
  EXPECT_EQ(CallText("+", {I(2), I(3)}), "5");
  EXPECT_EQ(CallText("-", {I(2), I(3)}), "-1");
  EXPECT_EQ(CallText("*", {I(-4), I(3)}), "-12");
  EXPECT_EQ(CallText("/", {I(7), I(2)}), "3");
  EXPECT_EQ(CallText("/", {I(-7), I(2)}), "-3");  // truncates toward zero
  EXPECT_EQ(CallText("%", {I(-7), I(3)}), "-1");  // sign of the dividend
  EXPECT_EQ(CallText("%", {I(7), I(-3)}), "1");
  EXPECT_EQ(CallText("-", {I(5)}), "-5");
  EXPECT_EQ(CallText("+", {B(int64_t{1} << 40), B(1)}), "1099511627777");
}

TEST(FnIntegerArithmetic, Overflow) {
  EXPECT_EQ(CallError("+", {I(2147483647), I(1)}), "22003");
  EXPECT_EQ(CallError("*", {I(65536), I(65536)}), "22003");
  EXPECT_EQ(CallError("-", {I(INT32_MIN)}), "22003");
  EXPECT_EQ(CallError("/", {I(INT32_MIN), I(-1)}), "22003");
  EXPECT_EQ(CallText("%", {I(INT32_MIN), I(-1)}), "0");
  EXPECT_EQ(CallError("+", {S(32767), S(1)}), "22003");
  EXPECT_EQ(CallError("*", {B(INT64_MAX), B(2)}), "22003");
  EXPECT_EQ(CallError("-", {B(INT64_MIN), B(1)}), "22003");
  try {
    CallScalar("+", {I(2147483647), I(1)});
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "integer out of range");
  }
  try {
    CallScalar("+", {B(INT64_MAX), B(1)});
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "bigint out of range");
  }
}

TEST(FnIntegerArithmetic, DivisionByZero) {
  EXPECT_EQ(CallError("/", {I(1), I(0)}), "22012");
  EXPECT_EQ(CallError("%", {I(1), I(0)}), "22012");
  EXPECT_EQ(CallError("/", {B(1), B(0)}), "22012");
  EXPECT_EQ(CallError("/", {D(1), D(0)}), "22012");
  try {
    CallScalar("/", {I(1), I(0)});
  } catch (const Exception& e) {
    EXPECT_STREQ(e.what(), "division by zero");
  }
}

TEST(FnIntegerArithmetic, NullRowsInBatch) {
  auto call = FunctionRegistry::Builtin().ResolveScalar("+", {TypeId::kInteger, TypeId::kInteger});
  Vector a = VectorOf(TypeId::kInteger, {I(1), Value::Null(TypeId::kInteger), I(3)});
  Vector b = VectorOf(TypeId::kInteger, {I(10), I(20), Value::Null(TypeId::kInteger)});
  Vector result(TypeId::kInteger);
  FunctionContext ctx;
  call.function->exec({&a, &b}, 3, result, ctx);
  ASSERT_EQ(result.size(), 3u);
  EXPECT_EQ(result.GetValue(0).ToString(), "11");
  EXPECT_TRUE(result.IsNull(1));
  EXPECT_TRUE(result.IsNull(2));
  // A NULL row's data slot may hold anything: it must not raise overflow or division by zero.
  a.ints()[1] = INT32_MAX;
  b.ints()[1] = INT32_MAX;
  EXPECT_NO_THROW(call.function->exec({&a, &b}, 3, result, ctx));
  EXPECT_TRUE(result.IsNull(1));
  Vector zeros = VectorOf(TypeId::kInteger, {I(1), Value::Null(TypeId::kInteger), I(1)});
  zeros.ints()[1] = 0;
  auto div = FunctionRegistry::Builtin().ResolveScalar("/", {TypeId::kInteger, TypeId::kInteger});
  EXPECT_NO_THROW(div.function->exec({&a, &zeros}, 3, result, ctx));
  Vector d1 = VectorOf(TypeId::kDouble, {D(1), Value::Null(TypeId::kDouble)});
  Vector d0 = VectorOf(TypeId::kDouble, {D(2), D(0)});
  auto fdiv = FunctionRegistry::Builtin().ResolveScalar("/", {TypeId::kDouble, TypeId::kDouble});
  Vector fres(TypeId::kDouble);
  EXPECT_NO_THROW(fdiv.function->exec({&d1, &d0}, 2, fres, ctx));
  EXPECT_EQ(fres.GetValue(0).ToString(), "0.5");
  EXPECT_TRUE(fres.IsNull(1));
}

TEST(FnBitwise, Operators) {
  EXPECT_EQ(CallText("&", {I(12), I(10)}), "8");
  EXPECT_EQ(CallText("|", {I(12), I(10)}), "14");
  EXPECT_EQ(CallText("#", {I(12), I(10)}), "6");
  EXPECT_EQ(CallText("~", {I(0)}), "-1");
  EXPECT_EQ(CallText("<<", {I(1), I(4)}), "16");
  EXPECT_EQ(CallText(">>", {I(-16), I(2)}), "-4");
  EXPECT_EQ(CallText("<<", {I(1), I(31)}), "-2147483648");
}

TEST(FnFloatArithmetic, OverflowAndPower) {
  EXPECT_EQ(CallText("*", {D(1.5), D(2)}), "3");
  EXPECT_EQ(CallError("*", {D(1e300), D(1e300)}), "22003");
  EXPECT_EQ(CallError("*", {D(1e-300), D(1e-300)}), "22003");
  EXPECT_EQ(CallText("^", {D(2), D(10)}), "1024");
  EXPECT_EQ(CallError("^", {D(0), D(-1)}), "2201F");
  EXPECT_EQ(CallError("^", {D(-8), D(0.5)}), "2201F");
}

TEST(FnNumericArithmetic, Exact) {
  Value a = Value::Numeric(Decimal{150, 2});  // 1.50
  Value b = Value::Numeric(Decimal{25, 1});   // 2.5
  EXPECT_EQ(CallText("+", {a, b}), "4.00");
  EXPECT_EQ(CallText("*", {a, b}), "3.750");
  EXPECT_EQ(CallText("-", {a}), "-1.50");
  EXPECT_EQ(CallError("/", {a, Value::Numeric(Decimal{0, 0})}), "22012");
}

TEST(FnComparison, AllTypes) {
  EXPECT_EQ(CallText("<", {I(1), I(2)}), "t");
  EXPECT_EQ(CallText(">=", {I(1), I(2)}), "f");
  EXPECT_EQ(CallText("=", {T("abc"), T("abc")}), "t");
  EXPECT_EQ(CallText("<", {T("B"), T("a")}), "t");  // C collation: bytewise
  EXPECT_EQ(CallText("<", {T("a"), T("\xc3\xa9")}), "t");
  EXPECT_EQ(CallText("<>", {Value::Boolean(true), Value::Boolean(false)}), "t");
  EXPECT_EQ(CallText("=", {D(NAN), D(NAN)}), "t");  // PostgreSQL: NaN = NaN
  EXPECT_EQ(CallText(">", {D(NAN), D(1e308)}), "t");
  EXPECT_EQ(CallText("=", {Value::Numeric(Decimal{10, 1}), Value::Numeric(Decimal{100, 2})}), "t");
  EXPECT_EQ(CallText("<", {Value::Date(1), Value::Date(2)}), "t");
  Interval month{1, 0, 0}, days30{0, 30, 0};
  EXPECT_EQ(CallText("=", {Value::FromInterval(month), Value::FromInterval(days30)}), "t");
}

TEST(FnConcat, TextAndAny) {
  EXPECT_EQ(CallText("||", {T("ab"), T("cd")}), "abcd");
  EXPECT_TRUE(CallScalar("||", {T("ab"), Value::Null(TypeId::kText)}).IsNull());
  EXPECT_EQ(CallText("||", {T("a"), I(1)}), "a1");
  EXPECT_EQ(CallText("||", {I(-2), T("b")}), "-2b");
  EXPECT_TRUE(CallScalar("||", {T("a"), Value::Null(TypeId::kInteger)}).IsNull());
}

TEST(FnLike, Wildcards) {
  EXPECT_EQ(CallText("~~", {T("hello"), T("h%o")}), "t");
  EXPECT_EQ(CallText("~~", {T("hello"), T("h_llo")}), "t");
  EXPECT_EQ(CallText("~~", {T("hello"), T("h_lo")}), "f");
  EXPECT_EQ(CallText("~~", {T("hello"), T("%")}), "t");
  EXPECT_EQ(CallText("~~", {T(""), T("%")}), "t");
  EXPECT_EQ(CallText("~~", {T(""), T("_")}), "f");
  EXPECT_EQ(CallText("~~", {T("abcabc"), T("%bc")}), "t");
  EXPECT_EQ(CallText("~~", {T("abcabd"), T("%b%c")}), "f");
  EXPECT_EQ(CallText("~~", {T("mississippi"), T("%iss%pi")}), "t");
  EXPECT_EQ(CallText("~~", {T("\xc3\xa9t\xc3\xa9"), T("_t_")}), "t");  // _ is one character
  EXPECT_EQ(CallText("!~~", {T("hello"), T("H%")}), "t");
  EXPECT_EQ(CallText("~~*", {T("hello"), T("H%")}), "t");
  EXPECT_EQ(CallText("!~~*", {T("hello"), T("H%")}), "f");
  EXPECT_EQ(CallText("like", {T("abc"), T("a%")}), "t");
  EXPECT_EQ(CallText("ilike", {T("ABC"), T("a%")}), "t");
}

TEST(FnLike, LiteralAndPercentPatterns) {
  struct Case {
    const char* s;
    const char* p;
    const char* expected;
  };
  const Case cases[] = {
      {"", "", "t"},
      {"a", "", "f"},
      {"abc", "abc", "t"},
      {"abcd", "abc", "f"},
      {"a", "a%a", "f"},
      {"aa", "a%a", "t"},
      {"aba", "a%a", "t"},
      {"xabab", "%ab%ab%", "t"},
      {"xab", "%ab%ab%", "f"},
      {"abc", "%%", "t"},
      {"abc", "a%%c", "t"},
      {"abc", "%c", "t"},
      {"abc", "%b", "f"},
      {"abc", "b%", "f"},
      {"h\xc3\xa9llo", "%\xc3\xa9%", "t"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CallText("~~", {T(c.s), T(c.p)}), c.expected) << c.s << " LIKE " << c.p;
    // The same pattern with its first literal escaped goes through the backtracking matcher.
    std::string slow;
    bool escaped = false;
    for (const char* q = c.p; *q; q++) {
      if (!escaped && *q != '%') {
        slow += '\\';
        escaped = true;
      }
      slow += *q;
    }
    if (escaped) {
      EXPECT_EQ(CallText("~~", {T(c.s), Value::Text(slow)}), c.expected) << c.s << " LIKE " << slow;
    }
  }
  EXPECT_EQ(CallText("~~*", {T("HeLLo"), T("%ll%")}), "t");
}

TEST(FnLike, Escapes) {
  EXPECT_EQ(CallText("~~", {T("50%"), T("50\\%")}), "t");
  EXPECT_EQ(CallText("~~", {T("500"), T("50\\%")}), "f");
  EXPECT_EQ(CallText("~~", {T("a_b"), T("a\\_b")}), "t");
  EXPECT_EQ(CallText("~~", {T("axb"), T("a\\_b")}), "f");
  EXPECT_EQ(CallText("~~", {T("a%b"), T("a#%b"), T("#")}), "t");
  EXPECT_EQ(CallText("~~", {T("axb"), T("a#%b"), T("#")}), "f");
  EXPECT_EQ(CallText("~~", {T("a\\b"), T("a\\b"), T("")}), "t");  // ESCAPE '': no escape
  EXPECT_EQ(CallError("~~", {T("a"), T("a\\")}), "22025");
  EXPECT_EQ(CallError("~~", {T("a"), T("a"), T("##")}), "22019");
}

TEST(FnDatetimeArithmetic, DateAndInterval) {
  EXPECT_EQ(CallText("+", {Value::Date(0), I(31)}), "1970-02-01");
  EXPECT_EQ(CallText("-", {Value::Date(10), Value::Date(3)}), "7");
  Interval one_month{1, 0, 0};
  EXPECT_EQ(CallText("+", {Value::Date(30), Value::FromInterval(one_month)}),
            "1970-02-28 00:00:00");
  EXPECT_EQ(CallText("-", {Value::Timestamp(kMicrosPerDay), Value::Timestamp(0)}), "1 day");
  EXPECT_EQ(CallText("*", {Value::FromInterval(Interval{0, 1, 0}), D(2)}), "2 days");
}

}  // namespace
}  // namespace kadedb::function_test
