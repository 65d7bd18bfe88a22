// Primary expressions: literals, column refs, parameters, parenthesised expressions, rows,
// subqueries, CASE, CAST, EXISTS, ARRAY, typed literals and DEFAULT.
#include <charconv>

#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

namespace {

ParsedExpressionPtr MakeIntegerLiteral(const std::string& digits, int loc) {
  auto c = std::make_unique<ConstantExpression>(loc);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc() && p == digits.data() + digits.size()) {
    c->value_kind = ConstantKind::kInteger;
    c->integer_value = v;
    c->is_bigint = v > INT32_MAX;
  } else {
    c->value_kind = ConstantKind::kNumeric;  // too big for bigint: numeric, as PostgreSQL
    c->text = digits;
  }
  return c;
}

bool IsKeywordFunction(const std::string& w) {
  return w == "current_date" || w == "current_time" || w == "current_timestamp" ||
         w == "localtime" || w == "localtimestamp" || w == "current_user" || w == "session_user" ||
         w == "user" || w == "current_role" || w == "current_catalog" || w == "current_schema" ||
         w == "system_user";
}

}  // namespace

ParsedExpressionPtr SqlParser::ParsePrimary() {
  const Token& t = Peek();
  int loc = Loc(t);
  switch (t.kind) {
    case TokenKind::kInteger:
      Next();
      return MakeIntegerLiteral(t.text, loc);
    case TokenKind::kNumeric: {
      Next();
      auto c = std::make_unique<ConstantExpression>(loc);
      c->value_kind = ConstantKind::kNumeric;
      c->text = t.text;
      return c;
    }
    case TokenKind::kString: {
      Next();
      auto c = std::make_unique<ConstantExpression>(loc);
      c->value_kind = ConstantKind::kString;
      c->text = t.text;
      return c;
    }
    case TokenKind::kParameter: {
      Next();
      auto p = std::make_unique<ParameterExpression>(loc);
      int v = 0;
      auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
      if (ec != std::errc() || v <= 0) {
        throw Exception(sqlstate::kUndefinedParameter, "there is no parameter $" + t.text,
                        t.char_pos);
      }
      p->index = v;
      return p;
    }
    case TokenKind::kPunctuation:
      if (t.IsPunct("(")) return ParseParenthesised();
      SyntaxError(t);
    case TokenKind::kQuotedIdentifier:
      return ParseNameOrCall();
    case TokenKind::kIdentifier:
      break;
    default:
      SyntaxError(t);
  }

  const std::string& w = t.text;
  if (w == "true" || w == "false") {
    Next();
    auto c = std::make_unique<ConstantExpression>(loc);
    c->value_kind = ConstantKind::kBoolean;
    c->boolean_value = w == "true";
    return c;
  }
  if (w == "null") {
    Next();
    return std::make_unique<ConstantExpression>(loc);
  }
  if (w == "default") {
    Next();
    return std::make_unique<DefaultExpression>(loc);
  }
  if (w == "case") return ParseCase();
  if (w == "cast") {
    Next();
    ExpectPunct("(");
    auto c = std::make_unique<CastExpression>(loc);
    c->child = ParseExpr();
    ExpectKeyword("as");
    c->type = ParseType();
    ExpectPunct(")");
    return c;
  }
  if (w == "exists") {
    Next();
    return ParseSubqueryOperand(SubqueryKind::kExists, loc);
  }
  if (w == "array") {
    Next();
    if (Peek().IsPunct("(")) return ParseSubqueryOperand(SubqueryKind::kArray, loc);
    ExpectPunct("[");
    auto a = std::make_unique<ArrayExpression>(loc);
    if (!Peek().IsPunct("]")) a->elements = ParseExprList();
    ExpectPunct("]");
    return a;
  }
  if (w == "row" && Peek(1).IsPunct("(")) {
    Next();
    Next();
    auto r = std::make_unique<RowExpression>(loc);
    r->explicit_row = true;
    if (!Peek().IsPunct(")")) r->children = ParseExprList();
    ExpectPunct(")");
    return r;
  }
  if (IsKeywordFunction(w)) {
    Next();
    auto f = std::make_unique<FunctionExpression>(loc);
    f->name = {w};
    f->is_keyword = true;
    if ((w == "current_time" || w == "current_timestamp" || w == "localtime" ||
         w == "localtimestamp") &&
        AcceptPunct("(")) {
      f->args.push_back(ParseExpr());
      ExpectPunct(")");
      f->is_keyword = false;
    } else if (w == "current_schema" && Peek().IsPunct("(") && Peek(1).IsPunct(")")) {
      Next();  // PostgreSQL also spells it current_schema()
      Next();
      f->is_keyword = false;
    }
    return f;
  }
  if ((w == "extract" || w == "position" || w == "substring" || w == "trim" || w == "overlay") &&
      Peek(1).IsPunct("(")) {
    return ParseSpecialFunction(Next());
  }
  if (ParsedExpressionPtr lit = ParseTypedLiteralOrNull()) return lit;
  if ((w == "coalesce" || w == "nullif" || w == "greatest" || w == "least" || w == "grouping") &&
      Peek(1).IsPunct("(")) {
    Next();
    return ParseFunctionCall({w}, loc);
  }
  if (IsReservedKeyword(w)) SyntaxError(t);
  return ParseNameOrCall();
}

// name, t.name, s.t.name, t.*, f(...), s.f(...)
ParsedExpressionPtr SqlParser::ParseNameOrCall() {
  const Token& first = Peek();
  int loc = Loc(first);
  std::vector<std::string> names;
  // The first part may be a type_func_name keyword only when it is a function call: left(x, 1).
  if (first.kind == TokenKind::kIdentifier && IsTypeFuncNameKeyword(first.text)) {
    if (!Peek(1).IsPunct("(")) SyntaxError(first);
    names.push_back(Next().text);
  } else if (first.kind == TokenKind::kIdentifier && IsColNameKeyword(first.text) &&
             Peek(1).IsPunct("(")) {
    SyntaxError(Peek(1));  // e.g. int(5): col_name keywords are not function names
  } else {
    names.push_back(ParseColId());
  }
  while (Peek().IsPunct(".")) {
    Next();
    if (Peek().IsOp("*")) {
      Next();
      auto s = std::make_unique<StarExpression>(loc);
      s->qualifier = std::move(names);
      return s;
    }
    names.push_back(ParseColLabel());
  }
  if (Peek().IsPunct("(")) return ParseFunctionCall(std::move(names), loc);
  auto c = std::make_unique<ColumnRefExpression>(loc);
  c->names = std::move(names);
  return c;
}

QueryNodePtr SqlParser::TryParseParenthesisedQuery() {
  if (!Peek().IsPunct("(") || !PeekQueryStart()) return nullptr;
  size_t save = index_;
  auto memo = query_attempts_.find(save);
  if (memo != query_attempts_.end()) {
    if (!memo->second.query) return nullptr;
    index_ = memo->second.end;
    return memo->second.query->Copy();
  }
  QueryNodePtr query;
  try {
    query = ParseQueryPrimary();
  } catch (const Exception& e) {
    // Too deep, or a construct recognised as unsupported: no other reading would do better.
    if (e.sqlstate() == "54001" || e.sqlstate() == "0A000") throw;
    index_ = save;
    query_attempts_[save] = QueryAttempt{nullptr, save};
    return nullptr;
  }
  query_attempts_[save] = QueryAttempt{query->Copy(), index_};
  return query;
}

ParsedExpressionPtr SqlParser::ParseSubqueryOperand(SubqueryKind kind, int loc) {
  if (!Peek().IsPunct("(")) SyntaxErrorHere();
  auto s = std::make_unique<SubqueryExpression>(loc);
  s->subquery_kind = kind;
  s->subquery = ParseQueryPrimary();
  return s;
}

ParsedExpressionPtr SqlParser::ParseParenthesised() {
  int loc = LocHere();
  if (QueryNodePtr q = TryParseParenthesisedQuery()) {
    auto s = std::make_unique<SubqueryExpression>(loc);
    s->subquery = std::move(q);
    return s;
  }
  ExpectPunct("(");
  ParsedExpressionPtr e = ParseExpr();
  if (Peek().IsPunct(",")) {
    auto r = std::make_unique<RowExpression>(loc);
    r->children.push_back(std::move(e));
    while (AcceptPunct(",")) r->children.push_back(ParseExpr());
    ExpectPunct(")");
    return r;
  }
  ExpectPunct(")");
  return e;
}

ParsedExpressionPtr SqlParser::ParseCase() {
  auto c = std::make_unique<CaseExpression>(LocHere());
  ExpectKeyword("case");
  if (!Peek().IsKeyword("when")) c->operand = ParseExpr();
  while (AcceptKeyword("when")) {
    CaseCheck check;
    check.when = ParseExpr();
    ExpectKeyword("then");
    check.then = ParseExpr();
    c->checks.push_back(std::move(check));
  }
  if (c->checks.empty()) SyntaxErrorHere();
  if (AcceptKeyword("else")) c->else_expr = ParseExpr();
  ExpectKeyword("end");
  return c;
}

// DATE '2020-01-01', TIMESTAMP WITH TIME ZONE '...', INTERVAL '1' DAY, int4 '5', ...
// Returns null (consuming nothing) when the current tokens are not a typed literal.
ParsedExpressionPtr SqlParser::ParseTypedLiteralOrNull() {
  const Token& t = Peek();
  if (t.kind != TokenKind::kIdentifier || IsReservedKeyword(t.text)) return nullptr;
  bool plausible =
      Peek(1).kind == TokenKind::kString ||
      (PeekTypeStart() && (Peek(1).kind == TokenKind::kIdentifier || Peek(1).IsPunct("(")));
  if (!plausible) return nullptr;
  size_t save = index_;
  int loc = Loc(t);
  TypeName type;
  try {
    type = ParseType();
  } catch (const Exception& e) {
    if (e.sqlstate() == "54001") throw;
    index_ = save;
    if (Peek(1).kind == TokenKind::kString) throw;  // e.g. unknown type "foo" in foo '1'
    return nullptr;
  }
  if (Peek().kind != TokenKind::kString || type.is_array) {
    index_ = save;
    return nullptr;
  }
  auto c = std::make_unique<CastExpression>(loc);
  c->syntax = CastSyntax::kTypedLiteral;
  auto s = std::make_unique<ConstantExpression>(LocHere());
  s->value_kind = ConstantKind::kString;
  s->text = Next().text;
  c->child = std::move(s);
  c->type = std::move(type);
  if (c->type.type.id == TypeId::kInterval && c->type.interval_fields.empty()) {
    // INTERVAL '1' DAY: the qualifier follows the string.
    static const char* kFields[] = {"year", "month", "day", "hour", "minute", "second"};
    auto is_field = [&](const Token& tok) {
      for (const char* f : kFields) {
        if (tok.IsKeyword(f)) return true;
      }
      return false;
    };
    if (is_field(Peek())) {
      std::string fields = Next().text;
      if (fields == "second" && AcceptPunct("(")) {
        fields += "(" + Next().text + ")";
        ExpectPunct(")");
      }
      if (AcceptKeyword("to")) {
        if (!is_field(Peek())) SyntaxErrorHere();
        fields += " to " + Next().text;
        if (fields.ends_with("second") && AcceptPunct("(")) {
          fields += "(" + Next().text + ")";
          ExpectPunct(")");
        }
      }
      c->type.interval_fields = fields;
    }
  }
  return c;
}

}  // namespace kadedb
