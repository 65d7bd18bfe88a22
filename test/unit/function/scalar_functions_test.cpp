// Named scalar functions: string (substr edge cases, trim/pad, split_part, md5 ...), math,
// conditional and date/time functions, compared with PostgreSQL's results.
#include "common/datetime.hpp"
#include "function_test_util.hpp"

namespace kadedb::function_test {
namespace {

Value I(int32_t v) {
  return Value::Integer(v);
}
Value D(double v) {
  return Value::Double(v);
}
Value T(const char* s) {
  return Value::Text(s);
}
Value N(__int128 m, int32_t s) {
  return Value::Numeric(Decimal{m, s});
}

TEST(FnSubstr, PostgresSemantics) {
  EXPECT_EQ(CallText("substr", {T("hello"), I(2)}), "ello");
  EXPECT_EQ(CallText("substr", {T("hello"), I(2), I(3)}), "ell");
  EXPECT_EQ(CallText("substr", {T("hello"), I(0), I(2)}), "h");  // start 0 counts
  EXPECT_EQ(CallText("substr", {T("hello"), I(-3), I(5)}), "h");
  EXPECT_EQ(CallText("substr", {T("hello"), I(-3), I(3)}), "");
  EXPECT_EQ(CallText("substr", {T("hello"), I(-1)}), "hello");
  EXPECT_EQ(CallText("substr", {T("hello"), I(10)}), "");
  EXPECT_EQ(CallText("substring", {T("hello"), I(4), I(100)}), "lo");
  EXPECT_EQ(CallText("substr", {T("h\xc3\xa9llo"), I(2), I(2)}), "\xc3\xa9l");
  EXPECT_EQ(CallError("substr", {T("hello"), I(1), I(-1)}), "22011");
}

TEST(FnStringFunctions, Basics) {
  EXPECT_EQ(CallText("length", {T("h\xc3\xa9llo")}), "5");
  EXPECT_EQ(CallText("octet_length", {T("h\xc3\xa9llo")}), "6");
  EXPECT_EQ(CallText("upper", {T("abC1")}), "ABC1");
  EXPECT_EQ(CallText("lower", {T("AbC")}), "abc");
  EXPECT_EQ(CallText("initcap", {T("hello wORLD-foo")}), "Hello World-Foo");
  EXPECT_EQ(CallText("reverse", {T("ab\xc3\xa9")}),
            "\xc3\xa9"
            "ba");
  EXPECT_EQ(CallText("repeat", {T("ab"), I(3)}), "ababab");
  EXPECT_EQ(CallText("repeat", {T("ab"), I(-1)}), "");
  EXPECT_EQ(CallText("left", {T("abcde"), I(2)}), "ab");
  EXPECT_EQ(CallText("left", {T("abcde"), I(-2)}), "abc");
  EXPECT_EQ(CallText("right", {T("abcde"), I(2)}), "de");
  EXPECT_EQ(CallText("right", {T("abcde"), I(-2)}), "cde");
  EXPECT_EQ(CallText("ascii", {T("A")}), "65");
  EXPECT_EQ(CallText("chr", {I(65)}), "A");
  EXPECT_EQ(CallError("chr", {I(0)}), "54000");
  EXPECT_EQ(CallText("starts_with", {T("alphabet"), T("alph")}), "t");
  EXPECT_EQ(CallText("to_hex", {I(255)}), "ff");
  EXPECT_EQ(CallText("to_hex", {I(-1)}), "ffffffff");
}

TEST(FnStringFunctions, SearchReplace) {
  EXPECT_EQ(CallText("strpos", {T("high"), T("ig")}), "2");
  EXPECT_EQ(CallText("position", {T("high"), T("x")}), "0");
  EXPECT_EQ(CallText("replace", {T("abcabc"), T("b"), T("XX")}), "aXXcaXXc");
  EXPECT_EQ(CallText("split_part", {T("a,b,c"), T(","), I(2)}), "b");
  EXPECT_EQ(CallText("split_part", {T("a,b,c"), T(","), I(-1)}), "c");
  EXPECT_EQ(CallText("split_part", {T("a,b,c"), T(","), I(4)}), "");
  EXPECT_EQ(CallError("split_part", {T("a,b,c"), T(","), I(0)}), "22023");
  EXPECT_EQ(CallText("translate", {T("12345"), T("143"), T("ax")}), "a2x5");
}

TEST(FnStringFunctions, TrimPad) {
  EXPECT_EQ(CallText("btrim", {T("  ab  ")}), "ab");
  EXPECT_EQ(CallText("ltrim", {T("  ab  ")}), "ab  ");
  EXPECT_EQ(CallText("rtrim", {T("xxabxx"), T("x")}), "xxab");
  EXPECT_EQ(CallText("trim", {T("xyabyx"), T("xy")}), "ab");
  EXPECT_EQ(CallText("lpad", {T("hi"), I(5), T("xy")}), "xyxhi");
  EXPECT_EQ(CallText("rpad", {T("hi"), I(5), T("xy")}), "hixyx");
  EXPECT_EQ(CallText("lpad", {T("hello"), I(2)}), "he");
  EXPECT_EQ(CallText("lpad", {T("hi"), I(4)}), "  hi");
}

TEST(FnStringFunctions, ConcatFormatMd5Regexp) {
  EXPECT_EQ(CallText("concat", {T("a"), Value::Null(TypeId::kText), T("b")}), "ab");
  EXPECT_EQ(CallText("concat", {I(1), T("a"), N(25, 1)}), "1a2.5");
  EXPECT_EQ(CallText("format", {T("%s-%s"), I(7), T("x")}), "7-x");
  EXPECT_EQ(CallText("concat_ws", {T(","), T("a"), Value::Null(TypeId::kText), T("b")}), "a,b");
  EXPECT_EQ(CallText("format", {T("Hello %s, %I %L %%"), T("W"), T("Col"), T("it's")}),
            "Hello W, \"Col\" 'it''s' %");
  EXPECT_EQ(CallText("md5", {T("")}), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(CallText("md5", {T("The quick brown fox jumps over the lazy dog")}),
            "9e107d9d372bb6826bd81d3542a419d6");
  EXPECT_EQ(CallText("regexp_replace", {T("foobarbaz"), T("b(..)"), T("X\\1Y")}), "fooXarYbaz");
  EXPECT_EQ(CallText("regexp_replace", {T("foobarbaz"), T("b(..)"), T("X\\1Y"), T("g")}),
            "fooXarYXazY");
  EXPECT_EQ(CallText("regexp_match", {T("foobarbequebaz"), T("(bar)(beque)")}), "{bar,beque}");
  EXPECT_EQ(CallText("~", {T("abc"), T("^a.c$")}), "t");
  EXPECT_EQ(CallText("quote_ident", {T("Foo bar")}), "\"Foo bar\"");
}

TEST(FnStringFunctions, EncodeOverlay) {
  Value bytes =
      Value::Bytea(std::string("\x01\xff\x00"
                               "a",
                               4));
  EXPECT_EQ(CallText("encode", {bytes, T("hex")}), "01ff0061");
  EXPECT_EQ(CallText("encode", {Value::Bytea("Hello"), T("base64")}), "SGVsbG8=");
  EXPECT_EQ(CallScalar("decode", {T("SGVsbG8="), T("base64")}).GetString(), "Hello");
  EXPECT_EQ(CallScalar("decode", {T("01ff"), T("hex")}).GetString(), std::string("\x01\xff"));
  EXPECT_EQ(CallError("decode", {T("0"), T("hex")}), "22023");
  EXPECT_EQ(CallError("encode", {bytes, T("rot13")}), "22023");
  EXPECT_EQ(CallText("overlay", {T("Txxxxas"), T("hom"), I(2), I(4)}), "Thomas");
  EXPECT_EQ(CallText("overlay", {T("Txxxxas"), T("hom"), I(2)}), "Thomxas");
  EXPECT_EQ(CallText("bit_length", {T("jose")}), "32");
}

TEST(FnMathFunctions, Basics) {
  EXPECT_EQ(CallText("abs", {I(-5)}), "5");
  EXPECT_EQ(CallError("abs", {I(INT32_MIN)}), "22003");
  EXPECT_EQ(CallText("abs", {N(-150, 2)}), "1.50");
  EXPECT_EQ(CallText("round", {D(2.5)}), "2");    // half to even for double
  EXPECT_EQ(CallText("round", {N(25, 1)}), "3");  // half away from zero for numeric
  EXPECT_EQ(CallText("round", {N(12345, 3), I(1)}), "12.3");
  EXPECT_EQ(CallText("trunc", {N(-12345, 3), I(1)}), "-12.3");
  EXPECT_EQ(CallText("ceil", {D(1.2)}), "2");
  EXPECT_EQ(CallText("floor", {N(-12, 1)}), "-2");
  EXPECT_EQ(CallText("sign", {D(-3)}), "-1");
  EXPECT_EQ(CallText("sqrt", {D(16)}), "4");
  EXPECT_EQ(CallError("sqrt", {D(-1)}), "2201F");
  EXPECT_EQ(CallError("ln", {D(0)}), "2201E");
  EXPECT_EQ(CallText("log", {D(1000)}), "3");
  EXPECT_EQ(CallText("power", {D(2), D(3)}), "8");
  EXPECT_EQ(CallText("mod", {I(-7), I(3)}), "-1");
  EXPECT_EQ(CallText("div", {N(9, 0), N(4, 0)}), "2");
  EXPECT_EQ(CallText("gcd", {I(12), I(18)}), "6");
  EXPECT_EQ(CallText("lcm", {I(4), I(6)}), "12");
  EXPECT_EQ(CallError("acos", {D(2)}), "22003");
  EXPECT_EQ(CallText("width_bucket", {D(5.35), D(0.024), D(10.06), I(5)}), "3");
  EXPECT_EQ(CallText("width_bucket", {D(10.06), D(0.024), D(10.06), I(5)}), "6");
  EXPECT_EQ(CallText("width_bucket", {D(-1), D(0), D(10), I(5)}), "0");
  EXPECT_EQ(CallError("width_bucket", {D(1), D(0), D(10), I(0)}), "2201G");
  EXPECT_EQ(CallText("greatest", {I(1), I(5), Value::Null(TypeId::kInteger)}), "5");
  EXPECT_EQ(CallText("least", {I(3), I(2)}), "2");
}

TEST(FnMathFunctions, NumericScales) {
  // PostgreSQL: sqrt(2.0), exp(1.0), ln(2.0), log(100.0), log(2.0, 64.0)
  EXPECT_EQ(CallText("sqrt", {N(20, 1)}), "1.414213562373095");
  EXPECT_EQ(CallText("sqrt", {N(16, 0)}), "4.000000000000000");
  EXPECT_EQ(CallText("exp", {N(10, 1)}), "2.7182818284590452");
  EXPECT_EQ(CallText("ln", {N(20, 1)}), "0.6931471805599453");
  EXPECT_EQ(CallText("log", {N(1000, 1)}), "2.0000000000000000");
  EXPECT_EQ(CallText("log", {N(20, 1), N(640, 1)}), "6.0000000000000000");
  EXPECT_EQ(CallError("sqrt", {N(-1, 0)}), "2201F");
  // PostgreSQL: 1.5 ^ 2, 2.0 ^ -1, 2.0 ^ 0.5
  EXPECT_EQ(CallText("power", {N(15, 1), N(2, 0)}), "2.2500000000000000");
  EXPECT_EQ(CallText("^", {N(20, 1), N(-1, 0)}), "0.5000000000000000");
  EXPECT_EQ(CallText("^", {N(20, 1), N(5, 1)}), "1.414213562373095");
  EXPECT_EQ(CallError("ln", {N(0, 0)}), "2201E");
}

TEST(FnConditionalFunctions, CoalesceNullif) {
  EXPECT_EQ(CallText("coalesce", {Value::Null(TypeId::kInteger), I(2), I(3)}), "2");
  EXPECT_TRUE(CallScalar("coalesce", {Value::Null(TypeId::kInteger)}).IsNull());
  EXPECT_TRUE(CallScalar("nullif", {I(1), I(1)}).IsNull());
  EXPECT_EQ(CallText("nullif", {I(1), I(2)}), "1");
  EXPECT_EQ(CallText("nullif", {I(1), Value::Null(TypeId::kInteger)}), "1");
}

TEST(FnDatetimeFunctions, Basics) {
  EXPECT_EQ(CallText("make_date", {I(2024), I(2), I(29)}), "2024-02-29");
  EXPECT_EQ(CallError("make_date", {I(2023), I(2), I(29)}), "22008");
  int64_t ts = (DaysFromCivil(2024, 3, 15) * 24 + 13) * 3600LL * 1000000;
  EXPECT_EQ(CallText("date_trunc", {T("month"), Value::Timestamp(ts)}), "2024-03-01 00:00:00");
  EXPECT_EQ(CallText("date_part", {T("hour"), Value::Timestamp(ts)}), "13");
  EXPECT_EQ(CallText("extract", {T("year"), Value::Timestamp(ts)}), "2024");
  EXPECT_EQ(CallText("justify_days", {Value::FromInterval(Interval{0, 35, 0})}), "1 mon 5 days");
  EXPECT_EQ(CallText("to_timestamp", {D(0)}), "1970-01-01 00:00:00+00");
  // date_bin('15 minutes', '2020-02-11 15:44:17', '2001-01-01') = 2020-02-11 15:30:00
  int64_t src = (DaysFromCivil(2020, 2, 11) * 86400LL + 15 * 3600 + 44 * 60 + 17) * 1000000;
  int64_t origin = DaysFromCivil(2001, 1, 1) * 86400LL * 1000000;
  Value stride = Value::FromInterval(Interval{0, 0, 15 * 60 * 1000000LL});
  EXPECT_EQ(CallText("date_bin", {stride, Value::Timestamp(src), Value::Timestamp(origin)}),
            "2020-02-11 15:30:00");
  EXPECT_EQ(CallText("date_bin", {stride, Value::Timestamp(origin - 15 * 60 * 1000000LL),
                                  Value::Timestamp(origin)}),
            "2000-12-31 23:45:00");
  EXPECT_EQ(CallError("date_bin", {Value::FromInterval(Interval{1, 0, 0}), Value::Timestamp(src),
                                   Value::Timestamp(origin)}),
            "0A000");
}

TEST(FnDatetimeFunctions, ToChar) {
  // 2024-03-05 (a Tuesday) 14:07:09.123456
  int64_t ts = ((DaysFromCivil(2024, 3, 5) * 24 + 14) * 3600LL + 7 * 60 + 9) * 1000000 + 123456;
  auto f = [&](const char* fmt) { return CallText("to_char", {Value::Timestamp(ts), T(fmt)}); };
  EXPECT_EQ(f("YYYY-MM-DD HH24:MI:SS.US"), "2024-03-05 14:07:09.123456");
  EXPECT_EQ(f("Day, DD Month YYYY"), "Tuesday  , 05 March     2024");
  EXPECT_EQ(f("FMDay, FMDD FMMonth YYYY"), "Tuesday, 5 March 2024");
  EXPECT_EQ(f("HH12:MI AM"), "02:07 PM");
  EXPECT_EQ(f("DDDth Q MON dy"), "065th 1 MAR tue");
  EXPECT_EQ(f("\"at\" HH24\"h\""), "at 14h");
  EXPECT_EQ(f("YYYY-MM-DD\"T\"HH24:MI:SSOF"), "2024-03-05T14:07:09");
  EXPECT_EQ(CallText("to_char", {Value::TimestampTz(ts), T("YYYY-MM-DD HH24:MI:SSOF TZ")}),
            "2024-03-05 14:07:09+00 UTC");
}

TEST(FnSystemFunctions, Basics) {
  EXPECT_EQ(CallText("version", {}).rfind("KadeDB 0.1.0", 0), 0u);
  EXPECT_EQ(CallText("pg_typeof", {I(1)}), "integer");
  Value u = CallScalar("gen_random_uuid", {});
  ASSERT_FALSE(u.IsNull());
  EXPECT_EQ(u.GetString().size(), 16u);
}

}  // namespace
}  // namespace kadedb::function_test
