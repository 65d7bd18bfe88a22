// SqlParser: the recursive-descent parser over a token range of one statement (internal).
//
// The methods are spread over parse_*.cpp files by construct. Positions: every node location is
// token.char_pos - base_char_, i.e. 1-based within the statement's text. Recursion is bounded by
// depth_ (54001 past kMaxDepth) so hostile input cannot overflow the stack.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parser/ast/expressions.hpp"
#include "parser/ast/query_node.hpp"
#include "parser/ast/statement.hpp"
#include "parser/ast/table_ref.hpp"
#include "parser/lexer.hpp"

namespace kadedb {

struct SequenceOptions;

class SqlParser {
 public:
  // tokens[begin, end) is the statement; tokens[end] is where parsing must stop (';' or kEnd).
  SqlParser(std::string_view input, const std::vector<Token>& tokens, size_t begin, size_t end,
            int base_char);

  StatementPtr ParseStatement();
  ParsedExpressionPtr ParseStandaloneExpression();
  TypeName ParseStandaloneType();

  // ---- token helpers (parser.cpp) ----
  const Token& Peek(size_t ahead = 0) const;
  const Token& Next();
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  bool PeekKeyword(std::string_view kw, size_t ahead = 0) const {
    return Peek(ahead).IsKeyword(kw);
  }
  bool AcceptKeyword(std::string_view kw);
  void ExpectKeyword(std::string_view kw);
  bool AcceptPunct(std::string_view p);
  void ExpectPunct(std::string_view p);
  bool AcceptOp(std::string_view op);
  // IF EXISTS / IF NOT EXISTS when next (IF is an unreserved word: "IF" alone stays a name).
  bool AcceptIfExists();
  bool AcceptIfNotExists();
  // An optional CASCADE | RESTRICT; true for CASCADE.
  bool AcceptDropBehavior();
  [[noreturn]] void SyntaxError(const Token& at) const;
  [[noreturn]] void SyntaxErrorHere() const { SyntaxError(Peek()); }
  [[noreturn]] void NotSupported(const std::string& what, const Token& at) const;
  int Loc(const Token& t) const { return t.char_pos - base_char_; }
  int LocHere() const { return Loc(Peek()); }
  // Source text from token index `from` up to (not including) the current token.
  std::string TextFrom(size_t from) const;
  size_t index() const { return index_; }

  // Identifiers.
  std::string ParseColId();         // column/table/schema name: no reserved/type_func keywords
  std::string ParseColLabel();      // after AS: any word
  std::string ParseFunctionName();  // no reserved/col_name keywords
  std::vector<std::string> ParseQualifiedName();  // col_id ('.' col_label)*
  std::vector<std::string> ParseNameList();       // '(' col_id, ... ')'
  bool PeekColId(size_t ahead = 0) const;
  bool PeekBareLabel() const;

  // ---- expressions (parse_expression.cpp, parse_primary.cpp, parse_function.cpp) ----
  ParsedExpressionPtr ParseExpr(int min_prec = 0);
  ParsedExpressionList ParseExprList();
  ParsedExpressionPtr ParsePrefix();
  ParsedExpressionPtr ParsePostfix(ParsedExpressionPtr e);
  ParsedExpressionPtr ParsePrimary();
  ParsedExpressionPtr ParseParenthesised();
  ParsedExpressionPtr ParseCase();
  ParsedExpressionPtr ParseNameOrCall();
  ParsedExpressionPtr ParseFunctionCall(std::vector<std::string> name, int loc);
  ParsedExpressionPtr ParseSpecialFunction(const Token& kw);  // EXTRACT, TRIM, ...
  ParsedExpressionPtr ParseTypedLiteralOrNull();
  std::unique_ptr<WindowSpec> ParseWindowSpec();  // '(' ... ')'
  std::vector<OrderByItem> ParseOrderByList();    // after ORDER BY
  // '(' query ')' -> SubqueryExpression of `kind`; the caller fills left/op/negated.
  ParsedExpressionPtr ParseSubqueryOperand(SubqueryKind kind, int loc);
  // At '(': parses a parenthesised query if that is what follows, else returns null and consumes
  // nothing (speculative: `((SELECT 1) + 1)` is an expression, `((SELECT 1))` a query).
  QueryNodePtr TryParseParenthesisedQuery();

  // ---- types (parse_type.cpp) ----
  TypeName ParseType();
  bool PeekTypeStart() const;  // a keyword that starts a type name used in typed literals

  // ---- queries (parse_select.cpp, parse_table_ref.cpp) ----
  QueryNodePtr ParseQuery();  // [WITH] set-op body [ORDER BY] [LIMIT/OFFSET/FETCH]
  QueryNodePtr ParseSetOperand(int min_prec);
  QueryNodePtr ParseQueryPrimary();
  QueryNodePtr ParseSelectCore();
  QueryNodePtr ParseValues();
  std::unique_ptr<WithClause> ParseWith();
  void ParseQueryModifiers(QueryNode& node);
  std::vector<GroupingElement> ParseGroupBy();
  GroupingElement ParseGroupingElement();
  ParsedExpressionPtr ParseSelectItem();
  bool PeekQueryStart() const;  // after skipping '(' tokens: SELECT / VALUES / WITH / TABLE
  TableRefPtr ParseFromList();
  TableRefPtr ParseTableRefWithJoins();
  TableRefPtr ParseTableRefPrimary();
  void ParseAlias(TableRef& ref, bool allow_columns);

  // ---- statements (parse_statement.cpp, parse_dml.cpp, parse_create.cpp, parse_alter.cpp,
  //      parse_utility.cpp) ----
  StatementPtr ParseStatementBody();
  // CREATE/ALTER/DROP ROLE|USER, GRANT, REVOKE (parse_role.cpp); nullptr when not one of them.
  StatementPtr TryParseRoleStatement();
  // CREATE / ALTER / DROP SEQUENCE (parse_sequence.cpp); nullptr when not one of them.
  StatementPtr TryParseSequenceStatement();
  StatementPtr TryParseGrantSequence();  // GRANT / REVOKE ... ON [ALL] SEQUENCE(S)
  // One sequence option into o; false (consuming nothing) when the next token starts none.
  bool ParseSequenceOption(SequenceOptions& o, bool alter, bool identity);
  // At GENERATED: {ALWAYS | BY DEFAULT} AS IDENTITY [(options)] into c (kIdentity).
  void ParseIdentityConstraint(Constraint& c);
  // [+|-] integer within bigint (22003 otherwise).
  int64_t ParseSignedInteger();
  StatementPtr ParseInsert(std::unique_ptr<WithClause> with);
  StatementPtr ParseUpdate(std::unique_ptr<WithClause> with);
  StatementPtr ParseDelete(std::unique_ptr<WithClause> with);
  std::vector<SetItem> ParseSetItems();
  ParsedExpressionList ParseReturning();
  std::unique_ptr<BaseTableRef> ParseDmlTarget(bool allow_as_only_alias);
  StatementPtr ParseCreate();
  StatementPtr ParseCreateTable(bool temporary);
  StatementPtr ParseCreateView(bool or_replace, bool temporary);
  StatementPtr ParseCreateIndex(bool unique);
  StatementPtr ParseCreateSchema();
  ColumnDefinition ParseColumnDefinition();
  bool ParseColumnConstraint(ColumnDefinition& col);
  Constraint ParseTableConstraint();
  void ParseReferences(Constraint& c);
  StatementPtr ParseDrop();
  // parse_trigger.cpp
  StatementPtr ParseCreateTrigger();  // at TRIGGER
  StatementPtr ParseDropTrigger();    // at TRIGGER (after DROP)
  StatementPtr ParseReindex();
  StatementPtr ParseAlter();
  StatementPtr ParseExplain();
  StatementPtr ParseCopy();
  StatementPtr ParseTransaction();
  StatementPtr ParseSet();
  StatementPtr ParseShow();
  StatementPtr ParseReset();
  StatementPtr ParseVacuum();
  StatementPtr ParseTruncate();
  void ParseStorageParameters();  // CREATE TABLE ... WITH (...) (parse_create.cpp)

  [[noreturn]] static void ThrowStackDepth();  // 54001
  // Depth guard for recursion.
  struct DepthGuard {
    explicit DepthGuard(SqlParser& p);
    ~DepthGuard() { p.depth_--; }
    SqlParser& p;
  };

 private:
  static constexpr int kMaxDepth = 1000;

  std::string_view input_;
  const std::vector<Token>& tokens_;
  size_t index_;
  size_t end_;
  int base_char_;
  int depth_ = 0;
  Token end_token_;  // returned by Peek() past end_
  // Outcome of TryParseParenthesisedQuery per start token: the parsed query (null when it was not
  // a query) and the index after it. Speculative parsing of nested '(' would otherwise retry the
  // same positions exponentially often (`((((select ...` took minutes under the fuzzer).
  struct QueryAttempt {
    QueryNodePtr query;
    size_t end = 0;
  };
  std::unordered_map<size_t, QueryAttempt> query_attempts_;
};

}  // namespace kadedb
