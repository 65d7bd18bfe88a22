// Expression operators by precedence climbing, with PostgreSQL's precedence and associativity:
//
//   1 OR (left)   2 AND (left)   3 NOT (right, prefix)   4 IS, ISNULL, NOTNULL (nonassoc)
//   5 < > = <= >= <> (nonassoc)   6 BETWEEN IN LIKE ILIKE SIMILAR (nonassoc)
//   8 any other operator (left)   9 + - (left)   10 * / % (left)   11 ^ (left)
//   12 AT TIME ZONE   13 COLLATE   14 unary minus/plus (right)   then [] and :: (postfix)
//
// Operator nodes are located at their operator token, as PostgreSQL reports operator errors.
#include <charconv>

#include "common/exception.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

namespace {

enum Prec : int {
  kPrecOr = 1,
  kPrecAnd = 2,
  kPrecNot = 3,
  kPrecIs = 4,
  kPrecCompare = 5,
  kPrecLike = 6,
  kPrecOp = 8,
  kPrecAdd = 9,
  kPrecMul = 10,
  kPrecPow = 11,
  kPrecAt = 12,
  kPrecCollate = 13,
  kPrecUnary = 14,
};

bool IsComparison(const std::string& op) {
  return op == "=" || op == "<" || op == ">" || op == "<=" || op == ">=" || op == "<>" ||
         op == "!=";
}

int OperatorPrecedence(const std::string& op) {
  if (IsComparison(op)) return kPrecCompare;
  if (op == "+" || op == "-") return kPrecAdd;
  if (op == "*" || op == "/" || op == "%") return kPrecMul;
  if (op == "^") return kPrecPow;
  return kPrecOp;
}

ParsedExpressionPtr MakeBinary(std::string op, ParsedExpressionPtr l, ParsedExpressionPtr r,
                               int loc) {
  auto e = std::make_unique<OperatorExpression>(loc);
  e->op = op == "!=" ? "<>" : std::move(op);
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

ParsedExpressionPtr MakeBoolean(BooleanOp op, ParsedExpressionPtr l, ParsedExpressionPtr r,
                                int loc) {
  if (l->kind == ExpressionKind::kBoolean && l->Cast<BooleanExpression>().op == op &&
      l->alias.empty()) {
    l->Cast<BooleanExpression>().children.push_back(std::move(r));
    return l;
  }
  auto e = std::make_unique<BooleanExpression>(loc);
  e->op = op;
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

// -<numeric literal> folds into the literal, as PostgreSQL's doNegate does, so that
// -2147483648 is an integer and -9223372036854775808 a bigint.
ParsedExpressionPtr Negate(ParsedExpressionPtr child, int loc) {
  if (child->kind == ExpressionKind::kConstant) {
    auto& c = child->Cast<ConstantExpression>();
    if (c.value_kind == ConstantKind::kInteger) {
      c.integer_value = -c.integer_value;
      c.is_bigint = c.integer_value < INT32_MIN || c.integer_value > INT32_MAX;
      c.location = loc;
      return child;
    }
    if (c.value_kind == ConstantKind::kNumeric && c.text[0] != '-') {
      c.text = "-" + c.text;
      c.location = loc;
      int64_t v = 0;
      auto [p, ec] = std::from_chars(c.text.data(), c.text.data() + c.text.size(), v);
      if (ec == std::errc() && p == c.text.data() + c.text.size()) {
        c.value_kind = ConstantKind::kInteger;
        c.integer_value = v;
        c.is_bigint = v < INT32_MIN;
        c.text.clear();
      }
      return child;
    }
  }
  auto e = std::make_unique<OperatorExpression>(loc);
  e->op = "-";
  e->children.push_back(std::move(child));
  return e;
}

}  // namespace

ParsedExpressionList SqlParser::ParseExprList() {
  ParsedExpressionList list;
  do {
    list.push_back(ParseExpr());
  } while (AcceptPunct(","));
  return list;
}

ParsedExpressionPtr SqlParser::ParsePrefix() {
  const Token& t = Peek();
  int loc = Loc(t);
  if (t.IsKeyword("not")) {
    Next();
    auto e = std::make_unique<BooleanExpression>(loc);
    e->op = BooleanOp::kNot;
    e->children.push_back(ParseExpr(kPrecNot));
    return e;
  }
  if (t.kind == TokenKind::kOperator) {
    std::string op = Next().text;
    if (op == "-") return Negate(ParseExpr(kPrecUnary), loc);
    auto e = std::make_unique<OperatorExpression>(loc);
    e->op = op;
    e->children.push_back(ParseExpr(op == "+" ? kPrecUnary : kPrecOp + 1));
    return e;
  }
  return ParsePostfix(ParsePrimary());
}

ParsedExpressionPtr SqlParser::ParseExpr(int min_prec) {
  DepthGuard guard(*this);
  ParsedExpressionPtr left = ParsePrefix();
  int last_nonassoc = -1;
  int chain = 0;
  while (true) {
    const Token& t = Peek();
    int loc = Loc(t);
    int prec;
    bool negated_form = false;  // NOT LIKE / NOT IN / NOT BETWEEN / NOT ILIKE / NOT SIMILAR
    if (t.IsKeyword("or")) {
      prec = kPrecOr;
    } else if (t.IsKeyword("and")) {
      prec = kPrecAnd;
    } else if (t.IsKeyword("is") || t.IsKeyword("isnull") || t.IsKeyword("notnull")) {
      prec = kPrecIs;
    } else if (t.IsKeyword("not") &&
               (PeekKeyword("like", 1) || PeekKeyword("ilike", 1) || PeekKeyword("in", 1) ||
                PeekKeyword("between", 1) || PeekKeyword("similar", 1))) {
      prec = kPrecLike;
      negated_form = true;
    } else if (t.IsKeyword("like") || t.IsKeyword("ilike") || t.IsKeyword("in") ||
               t.IsKeyword("between") || t.IsKeyword("similar")) {
      prec = kPrecLike;
    } else if (t.kind == TokenKind::kOperator) {
      prec = OperatorPrecedence(t.text);
    } else if (t.IsKeyword("at") && PeekKeyword("time", 1) && PeekKeyword("zone", 2)) {
      prec = kPrecAt;
    } else if (t.IsKeyword("collate")) {
      prec = kPrecCollate;
    } else if (t.IsKeyword("operator") && Peek(1).IsPunct("(")) {
      prec = kPrecOp;  // OPERATOR(pg_catalog.~): PostgreSQL's explicit operator syntax
    } else {
      break;
    }
    if (prec < min_prec) break;
    if (prec == last_nonassoc) SyntaxError(t);
    if (++chain + depth_ > kMaxDepth) ThrowStackDepth();
    Next();

    if (prec == kPrecOr || prec == kPrecAnd) {
      ParsedExpressionPtr right = ParseExpr(prec + 1);
      left = MakeBoolean(prec == kPrecOr ? BooleanOp::kOr : BooleanOp::kAnd, std::move(left),
                         std::move(right), loc);
      chain--;  // flattened: does not deepen the tree
      continue;
    }
    if (prec == kPrecIs) {
      last_nonassoc = prec;
      if (t.text == "isnull" || t.text == "notnull") {
        auto e = std::make_unique<NullTestExpression>(loc);
        e->negated = t.text == "notnull";
        e->child = std::move(left);
        left = std::move(e);
        continue;
      }
      bool negated = AcceptKeyword("not");
      if (AcceptKeyword("null")) {
        auto e = std::make_unique<NullTestExpression>(loc);
        e->negated = negated;
        e->child = std::move(left);
        left = std::move(e);
      } else if (Peek().IsKeyword("true") || Peek().IsKeyword("false") ||
                 Peek().IsKeyword("unknown")) {
        std::string word = Next().text;
        auto e = std::make_unique<BooleanTestExpression>(loc);
        e->negated = negated;
        e->test = word == "true"    ? BooleanTestKind::kTrue
                  : word == "false" ? BooleanTestKind::kFalse
                                    : BooleanTestKind::kUnknown;
        e->child = std::move(left);
        left = std::move(e);
      } else if (AcceptKeyword("distinct")) {
        ExpectKeyword("from");
        auto e = std::make_unique<DistinctFromExpression>(loc);
        e->negated = negated;
        e->left = std::move(left);
        e->right = ParseExpr(kPrecIs + 1);
        left = std::move(e);
      } else {
        SyntaxErrorHere();
      }
      continue;
    }
    if (prec == kPrecLike) {
      last_nonassoc = prec;
      const Token& kw = negated_form ? Next() : t;
      if (kw.IsKeyword("between")) {
        auto e = std::make_unique<BetweenExpression>(loc);
        e->negated = negated_form;
        if (AcceptKeyword("symmetric")) {
          e->symmetric = true;
        } else {
          AcceptKeyword("asymmetric");
        }
        e->input = std::move(left);
        e->lower = ParseExpr(kPrecLike + 1);
        ExpectKeyword("and");
        e->upper = ParseExpr(kPrecLike + 1);
        left = std::move(e);
      } else if (kw.IsKeyword("in")) {
        if (!Peek().IsPunct("(")) SyntaxErrorHere();
        if (QueryNodePtr q = TryParseParenthesisedQuery()) {
          auto s = std::make_unique<SubqueryExpression>(loc);
          s->subquery_kind = SubqueryKind::kIn;
          s->subquery = std::move(q);
          s->left = std::move(left);
          s->negated = negated_form;
          left = std::move(s);
        } else {
          Next();
          auto e = std::make_unique<InListExpression>(loc);
          e->negated = negated_form;
          e->input = std::move(left);
          // `x IN ()` is a SQLite extension PostgreSQL rejects; we accept it (an empty set:
          // IN is false and NOT IN true, whatever x is — see docs/dialect.md).
          if (!Peek().IsPunct(")")) e->list = ParseExprList();
          ExpectPunct(")");
          left = std::move(e);
        }
      } else {
        auto e = std::make_unique<LikeExpression>(loc);
        e->negated = negated_form;
        if (kw.IsKeyword("similar")) {
          ExpectKeyword("to");
          e->like_kind = LikeKind::kSimilarTo;
        } else {
          e->like_kind = kw.IsKeyword("ilike") ? LikeKind::kILike : LikeKind::kLike;
        }
        e->input = std::move(left);
        e->pattern = ParseExpr(kPrecLike + 1);
        if (AcceptKeyword("escape")) e->escape = ParseExpr(kPrecLike + 1);
        left = std::move(e);
      }
      continue;
    }
    if (prec == kPrecAt) {
      Next();  // time
      Next();  // zone
      auto e = std::make_unique<FunctionExpression>(loc);
      e->name = {"timezone"};
      ParsedExpressionPtr zone = ParseExpr(kPrecAt + 1);
      e->args.push_back(std::move(zone));
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    if (prec == kPrecCollate) {
      auto e = std::make_unique<CollateExpression>(loc);
      e->child = std::move(left);
      e->collation = ParseQualifiedName();
      left = std::move(e);
      continue;
    }
    // Operator, possibly quantified: x = ANY (subquery | array).
    std::string op = t.text;
    if (t.kind != TokenKind::kOperator) {  // OPERATOR ( [schema .] op )
      ExpectPunct("(");
      if (Peek().kind == TokenKind::kIdentifier && Peek(1).IsPunct(".")) {
        Next();
        Next();
      }
      if (Peek().kind != TokenKind::kOperator) SyntaxErrorHere();
      op = Next().text;
      ExpectPunct(")");
    }
    if ((Peek().IsKeyword("any") || Peek().IsKeyword("some") || Peek().IsKeyword("all")) &&
        Peek(1).IsPunct("(")) {
      bool all = Next().text == "all";
      if (QueryNodePtr q = TryParseParenthesisedQuery()) {
        auto s = std::make_unique<SubqueryExpression>(loc);
        s->subquery_kind = all ? SubqueryKind::kAll : SubqueryKind::kAny;
        s->subquery = std::move(q);
        s->left = std::move(left);
        s->op = op == "!=" ? "<>" : op;
        left = std::move(s);
      } else {
        Next();  // (
        auto e = std::make_unique<ArrayComparisonExpression>(loc);
        e->op = op == "!=" ? "<>" : op;
        e->all = all;
        e->left = std::move(left);
        e->right = ParseExpr();
        ExpectPunct(")");
        left = std::move(e);
      }
    } else {
      left = MakeBinary(op, std::move(left), ParseExpr(prec + 1), loc);
    }
    if (prec == kPrecCompare) last_nonassoc = prec;
  }
  return left;
}

ParsedExpressionPtr SqlParser::ParsePostfix(ParsedExpressionPtr e) {
  while (true) {
    const Token& t = Peek();
    int loc = Loc(t);
    if (t.IsPunct("::")) {
      Next();
      auto c = std::make_unique<CastExpression>(loc);
      c->syntax = CastSyntax::kDoubleColon;
      c->child = std::move(e);
      c->type = ParseType();
      e = std::move(c);
    } else if (t.IsPunct("[")) {
      Next();
      auto s = std::make_unique<SubscriptExpression>(loc);
      s->child = std::move(e);
      if (!Peek().IsPunct(":")) s->index = ParseExpr();
      if (AcceptPunct(":")) {
        s->is_slice = true;
        if (!Peek().IsPunct("]")) s->upper = ParseExpr();
      }
      ExpectPunct("]");
      e = std::move(s);
    } else {
      return e;
    }
  }
}

}  // namespace kadedb
