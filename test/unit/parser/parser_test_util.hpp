// Helpers shared by the parser unit tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "common/exception.hpp"
#include "parser/parser.hpp"

namespace kadedb::test {

// Parses one SELECT statement and returns its query node printed back as SQL.
inline std::string ParseQueryToString(const std::string& sql) {
  auto stmts = Parser::ParseStatements(sql);
  EXPECT_EQ(stmts.size(), 1u);
  EXPECT_EQ(stmts[0]->kind, StatementKind::kSelect);
  return stmts[0]->Cast<SelectStatement>().node->ToString();
}

inline std::string ExprToString(const std::string& text) {
  return Parser::ParseExpression(text)->ToString();
}

// Returns "SQLSTATE message @position" of the error `sql` raises, or "no error".
inline std::string ParseError(const std::string& sql) {
  try {
    Parser::ParseStatements(sql);
  } catch (const Exception& e) {
    return e.sqlstate() + " " + e.what() + " @" + std::to_string(e.position());
  }
  return "no error";
}

template <class T>
const T& Only(const std::vector<std::unique_ptr<Statement>>& stmts) {
  EXPECT_EQ(stmts.size(), 1u);
  return stmts.at(0)->Cast<T>();
}

}  // namespace kadedb::test
