// FROM clause: comma lists, joins (bind tighter than commas), tables, subqueries, LATERAL,
// table functions, parenthesised joins and alias clauses.
#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

TableRefPtr SqlParser::ParseFromList() {
  TableRefPtr left = ParseTableRefWithJoins();
  while (Peek().IsPunct(",")) {
    int loc = Loc(Next());
    auto join = std::make_unique<JoinRef>(loc);
    join->join_type = JoinType::kCross;
    join->is_comma = true;
    join->left = std::move(left);
    join->right = ParseTableRefWithJoins();
    left = std::move(join);
  }
  return left;
}

TableRefPtr SqlParser::ParseTableRefWithJoins() {
  DepthGuard guard(*this);
  TableRefPtr left = ParseTableRefPrimary();
  while (true) {
    const Token& t = Peek();
    int loc = Loc(t);
    bool natural = false;
    JoinType type = JoinType::kInner;
    if (t.IsKeyword("cross") && Peek(1).IsKeyword("join")) {
      Next();
      Next();
      auto join = std::make_unique<JoinRef>(loc);
      join->join_type = JoinType::kCross;
      join->left = std::move(left);
      join->right = ParseTableRefPrimary();
      left = std::move(join);
      continue;
    }
    size_t k = 0;
    if (Peek(k).IsKeyword("natural")) natural = true, k++;
    const Token& kw = Peek(k);
    if (kw.IsKeyword("join")) {
      type = JoinType::kInner;
    } else if (kw.IsKeyword("inner")) {
      type = JoinType::kInner, k++;
    } else if (kw.IsKeyword("left") || kw.IsKeyword("right") || kw.IsKeyword("full")) {
      type = kw.IsKeyword("left")    ? JoinType::kLeft
             : kw.IsKeyword("right") ? JoinType::kRight
                                     : JoinType::kFull;
      k++;
      if (Peek(k).IsKeyword("outer")) k++;
    } else {
      if (natural) SyntaxError(Peek(k));
      break;
    }
    if (!Peek(k).IsKeyword("join")) SyntaxError(Peek(k));
    for (size_t i = 0; i <= k; i++) Next();
    auto join = std::make_unique<JoinRef>(loc);
    join->join_type = type;
    join->natural = natural;
    join->left = std::move(left);
    join->right = ParseTableRefPrimary();  // left-deep; `a JOIN b JOIN c ON x ON y` unsupported
    if (!natural) {
      if (AcceptKeyword("on")) {
        join->condition = ParseExpr();
      } else if (AcceptKeyword("using")) {
        join->using_columns = ParseNameList();
      } else {
        SyntaxErrorHere();
      }
    }
    left = std::move(join);
  }
  return left;
}

void SqlParser::ParseAlias(TableRef& ref, bool allow_columns) {
  if (AcceptKeyword("as")) {
    ref.alias = ParseColId();
  } else if (PeekBareLabel() && !Peek().IsKeyword("natural") && !Peek().IsKeyword("set")) {
    ref.alias = Next().text;
  } else {
    return;
  }
  if (allow_columns && Peek().IsPunct("(")) ref.column_aliases = ParseNameList();
}

TableRefPtr SqlParser::ParseTableRefPrimary() {
  DepthGuard guard(*this);
  const Token& t = Peek();
  int loc = Loc(t);
  bool lateral = AcceptKeyword("lateral");
  if (Peek().IsPunct("(")) {
    if (QueryNodePtr q = TryParseParenthesisedQuery()) {
      auto ref = std::make_unique<SubqueryRef>(loc);
      ref->query = std::move(q);
      ref->lateral = lateral;
      ParseAlias(*ref, true);
      return ref;
    }
    if (lateral) SyntaxErrorHere();
    Next();
    TableRefPtr inner = ParseTableRefWithJoins();
    ExpectPunct(")");
    if (Peek().IsKeyword("as") || PeekBareLabel()) {
      if (inner->kind != TableRefKind::kJoin || !inner->alias.empty()) {
        // (t) AS x: PostgreSQL only allows aliases on parenthesised joins.
        SyntaxErrorHere();
      }
      ParseAlias(*inner, true);
    }
    return inner;
  }
  if (Peek().IsKeyword("rows") && Peek(1).IsKeyword("from")) NotSupported("ROWS FROM", Peek());
  std::vector<std::string> name = ParseQualifiedName();
  if (Peek().IsPunct("(")) {
    auto ref = std::make_unique<TableFunctionRef>(loc);
    ParsedExpressionPtr call = ParseFunctionCall(std::move(name), loc);
    ref->function.reset(&call.release()->Cast<FunctionExpression>());
    ref->lateral = lateral;
    if (Peek().IsKeyword("with") && Peek(1).IsKeyword("ordinality")) {
      Next();
      Next();
      ref->with_ordinality = true;
    }
    ParseAlias(*ref, true);
    return ref;
  }
  if (lateral) SyntaxError(t);
  auto ref = std::make_unique<BaseTableRef>(loc);
  ref->name = std::move(name);
  if (Peek().IsKeyword("tablesample")) NotSupported("TABLESAMPLE", Peek());
  ParseAlias(*ref, true);
  return ref;
}

}  // namespace kadedb
