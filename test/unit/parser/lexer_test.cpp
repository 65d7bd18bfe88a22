// Lexer: tokens, literals, operators, comments and lexical errors.
#include "parser/lexer.hpp"

#include "parser_test_util.hpp"

namespace kadedb {
namespace {

TEST(LexerTest, FoldsUnquotedIdentifiersOnly) {
  auto t = Tokenize("SeLeCt \"MixedCase\" FoO");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_TRUE(t[0].IsKeyword("select"));
  EXPECT_EQ(t[1].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(t[1].text, "MixedCase");
  EXPECT_EQ(t[2].text, "foo");
  EXPECT_EQ(t[3].kind, TokenKind::kEnd);
}

TEST(LexerTest, StringsAndEscapes) {
  auto t = Tokenize("'it''s' E'a\\nb\\x41' $$x;'y$$ $q$z$q$ 'a'\n'b'");
  EXPECT_EQ(t[0].text, "it's");
  EXPECT_EQ(t[1].text, "a\nbA");
  EXPECT_EQ(t[2].text, "x;'y");
  EXPECT_EQ(t[3].text, "z");
  EXPECT_EQ(t[4].text, "ab");  // newline-separated literals concatenate
}

TEST(LexerTest, NumbersAndParameters) {
  auto t = Tokenize("42 1.5 .5 1e10 5. $3");
  EXPECT_EQ(t[0].kind, TokenKind::kInteger);
  EXPECT_EQ(t[1].kind, TokenKind::kNumeric);
  EXPECT_EQ(t[2].kind, TokenKind::kNumeric);
  EXPECT_EQ(t[3].kind, TokenKind::kNumeric);
  EXPECT_EQ(t[4].kind, TokenKind::kNumeric);
  EXPECT_EQ(t[5].kind, TokenKind::kParameter);
  EXPECT_EQ(t[5].text, "3");
}

TEST(LexerTest, OperatorsFollowPostgresRules) {
  auto t = Tokenize("a<>b a!=b a||b a::int a<=-1 a--comment\n+b /* c /* nested */ */ x");
  std::vector<std::string> texts;
  for (auto& tok : t) texts.push_back(tok.text);
  std::vector<std::string> want = {"a",   "<>", "b",  "a", "!=", "b", "a", "||", "b", "a", "::",
                                   "int", "a",  "<=", "-", "1",  "a", "+", "b",  "x", ""};
  EXPECT_EQ(texts, want);
}

TEST(LexerTest, CharacterPositionsCountCodePoints) {
  auto t = Tokenize("'é' x");
  EXPECT_EQ(t[0].char_pos, 1);
  EXPECT_EQ(t[1].char_pos, 5);
  EXPECT_EQ(t[1].byte_begin, 5);
}

TEST(LexerTest, UnterminatedConstructsAreErrors) {
  EXPECT_EQ(test::ParseError("select 'abc"),
            "42601 unterminated quoted string at or near \"'abc\" @8");
  EXPECT_EQ(test::ParseError("select /* abc"),
            "42601 unterminated /* comment at or near \"/* abc\" @8");
  EXPECT_EQ(test::ParseError("select \"abc"),
            "42601 unterminated quoted identifier at or near \"\"abc\" @8");
  EXPECT_EQ(test::ParseError("select $$abc"),
            "42601 unterminated dollar-quoted string at or near \"$$abc\" @8");
}

TEST(LexerTest, InvalidUtf8Is22021) {
  std::string bad = "select '\xff'";
  EXPECT_EQ(test::ParseError(bad).substr(0, 5), "22021");
  EXPECT_EQ(test::ParseError(std::string("select 1\0", 9)).substr(0, 5), "22021");
}

}  // namespace
}  // namespace kadedb
