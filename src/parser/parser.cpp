// Parser entry points and SqlParser's token/identifier helpers.
#include "parser/parser.hpp"

#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

SqlParser::SqlParser(std::string_view input, const std::vector<Token>& tokens, size_t begin,
                     size_t end, int base_char)
    : input_(input), tokens_(tokens), index_(begin), end_(end), base_char_(base_char) {
  const Token& stop = tokens[end];
  end_token_.kind = TokenKind::kEnd;
  end_token_.text = stop.kind == TokenKind::kEnd ? "" : stop.text;
  end_token_.byte_begin = stop.byte_begin;
  end_token_.byte_end = stop.byte_end;
  end_token_.char_pos = stop.char_pos;
}

SqlParser::DepthGuard::DepthGuard(SqlParser& parser) : p(parser) {
  if (++p.depth_ > kMaxDepth) {
    p.depth_--;
    ThrowStackDepth();
  }
}

void SqlParser::ThrowStackDepth() {
  {
    throw Exception("54001", "stack depth limit exceeded", 0, {},
                    "Increase the configuration parameter \"max_stack_depth\", after ensuring the "
                    "platform's stack depth limit is adequate.");
  }
}

const Token& SqlParser::Peek(size_t ahead) const {
  if (index_ + ahead >= end_) return end_token_;
  return tokens_[index_ + ahead];
}

const Token& SqlParser::Next() {
  const Token& t = Peek();
  if (index_ < end_) index_++;
  return t;
}

bool SqlParser::AcceptKeyword(std::string_view kw) {
  if (!Peek().IsKeyword(kw)) return false;
  Next();
  return true;
}

bool SqlParser::AcceptIfExists() {
  if (!Peek().IsKeyword("if") || !Peek(1).IsKeyword("exists")) return false;
  Next();
  Next();
  return true;
}

bool SqlParser::AcceptIfNotExists() {
  if (!Peek().IsKeyword("if") || !Peek(1).IsKeyword("not") || !Peek(2).IsKeyword("exists")) {
    return false;
  }
  Next();
  Next();
  Next();
  return true;
}

bool SqlParser::AcceptDropBehavior() {
  if (AcceptKeyword("cascade")) return true;
  AcceptKeyword("restrict");
  return false;
}

void SqlParser::ExpectKeyword(std::string_view kw) {
  if (!AcceptKeyword(kw)) SyntaxErrorHere();
}

bool SqlParser::AcceptPunct(std::string_view p) {
  if (!Peek().IsPunct(p)) return false;
  Next();
  return true;
}

void SqlParser::ExpectPunct(std::string_view p) {
  if (!AcceptPunct(p)) SyntaxErrorHere();
}

bool SqlParser::AcceptOp(std::string_view op) {
  if (!Peek().IsOp(op)) return false;
  Next();
  return true;
}

void SqlParser::SyntaxError(const Token& at) const {
  if (at.kind == TokenKind::kEnd && at.text.empty()) {
    throw Exception(sqlstate::kSyntaxError, "syntax error at end of input", at.char_pos);
  }
  std::string near(input_.substr(at.byte_begin, at.byte_end - at.byte_begin));
  throw Exception(sqlstate::kSyntaxError, "syntax error at or near \"" + near + "\"", at.char_pos);
}

void SqlParser::NotSupported(const std::string& what, const Token& at) const {
  throw Exception(sqlstate::kFeatureNotSupported, what + " is not supported", at.char_pos);
}

std::string SqlParser::TextFrom(size_t from) const {
  if (index_ <= from) return {};
  size_t b = tokens_[from].byte_begin;
  size_t e = tokens_[index_ - 1].byte_end;
  return std::string(input_.substr(b, e - b));
}

bool SqlParser::PeekColId(size_t ahead) const {
  const Token& t = Peek(ahead);
  if (t.kind == TokenKind::kQuotedIdentifier) return true;
  return t.kind == TokenKind::kIdentifier && !IsReservedKeyword(t.text) &&
         !IsTypeFuncNameKeyword(t.text);
}

bool SqlParser::PeekBareLabel() const {
  const Token& t = Peek();
  if (t.kind == TokenKind::kQuotedIdentifier) return true;
  return PeekColId() && !IsColNameKeyword(t.text) && !IsBareLabelExcluded(t.text);
}

std::string SqlParser::ParseColId() {
  if (!PeekColId()) SyntaxErrorHere();
  return Next().text;
}

std::string SqlParser::ParseColLabel() {
  const Token& t = Peek();
  if (t.kind != TokenKind::kIdentifier && t.kind != TokenKind::kQuotedIdentifier) {
    SyntaxErrorHere();
  }
  return Next().text;
}

std::string SqlParser::ParseFunctionName() {
  const Token& t = Peek();
  if (t.kind == TokenKind::kQuotedIdentifier) return Next().text;
  if (t.kind != TokenKind::kIdentifier || IsReservedKeyword(t.text) || IsColNameKeyword(t.text)) {
    SyntaxErrorHere();
  }
  return Next().text;
}

std::vector<std::string> SqlParser::ParseQualifiedName() {
  std::vector<std::string> parts;
  parts.push_back(ParseColId());
  while (Peek().IsPunct(".")) {
    Next();
    parts.push_back(ParseColLabel());
  }
  return parts;
}

std::vector<std::string> SqlParser::ParseNameList() {
  ExpectPunct("(");
  std::vector<std::string> names;
  do {
    names.push_back(ParseColId());
  } while (AcceptPunct(","));
  ExpectPunct(")");
  return names;
}

StatementPtr SqlParser::ParseStatement() {
  StatementPtr stmt = ParseStatementBody();
  if (!AtEnd()) SyntaxErrorHere();
  return stmt;
}

ParsedExpressionPtr SqlParser::ParseStandaloneExpression() {
  ParsedExpressionPtr e = ParseExpr();
  if (!AtEnd()) SyntaxErrorHere();
  return e;
}

TypeName SqlParser::ParseStandaloneType() {
  TypeName t = ParseType();
  if (!AtEnd()) SyntaxErrorHere();
  return t;
}

// ---- public entry points ----------------------------------------------------------------------

namespace {

// For CREATE [TEMP] TRIGGER ... BEGIN body END: the index of the token after END, so the ';'
// inside the body do not end the statement (CASE ... END pairs are counted). Otherwise begin.
size_t SkipTriggerBody(const std::vector<Token>& tokens, size_t begin) {
  size_t i = begin;
  if (!tokens[i].IsKeyword("create")) return begin;
  i++;
  if (tokens[i].IsKeyword("temp") || tokens[i].IsKeyword("temporary")) i++;
  if (!tokens[i].IsKeyword("trigger")) return begin;
  while (tokens[i].kind != TokenKind::kEnd && !tokens[i].IsPunct(";") &&
         !tokens[i].IsKeyword("begin")) {
    i++;
  }
  if (!tokens[i].IsKeyword("begin")) return begin;
  int depth = 0;
  for (i++; tokens[i].kind != TokenKind::kEnd; i++) {
    if (tokens[i].IsKeyword("case")) {
      depth++;
    } else if (tokens[i].IsKeyword("end")) {
      if (depth == 0) return i + 1;
      depth--;
    }
  }
  return i;
}

}  // namespace

std::vector<std::unique_ptr<Statement>> Parser::ParseStatements(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  std::vector<std::unique_ptr<Statement>> out;
  size_t i = 0;
  while (tokens[i].kind != TokenKind::kEnd) {
    if (tokens[i].IsPunct(";")) {
      i++;
      continue;
    }
    size_t begin = i;
    i = SkipTriggerBody(tokens, begin);
    while (tokens[i].kind != TokenKind::kEnd && !tokens[i].IsPunct(";")) i++;
    const Token& first = tokens[begin];
    SqlParser parser(sql, tokens, begin, i, first.char_pos - 1);
    StatementPtr stmt = parser.ParseStatement();
    size_t text_end = tokens[i - 1].byte_end;
    stmt->text.assign(sql.substr(first.byte_begin, text_end - first.byte_begin));
    stmt->text_offset = first.char_pos - 1;
    stmt->text_byte_offset = first.byte_begin;
    stmt->location = 1;
    out.push_back(std::move(stmt));
  }
  return out;
}

std::unique_ptr<ParsedExpression> Parser::ParseExpression(std::string_view text) {
  std::vector<Token> tokens = Tokenize(text);
  SqlParser parser(text, tokens, 0, tokens.size() - 1, 0);
  return parser.ParseStandaloneExpression();
}

TypeName Parser::ParseTypeName(std::string_view text) {
  std::vector<Token> tokens = Tokenize(text);
  SqlParser parser(text, tokens, 0, tokens.size() - 1, 0);
  return parser.ParseStandaloneType();
}

}  // namespace kadedb
