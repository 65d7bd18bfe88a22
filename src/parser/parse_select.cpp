// Query expressions: WITH, set operations (INTERSECT binds tighter than UNION/EXCEPT), SELECT
// cores, VALUES, ORDER BY / LIMIT / OFFSET / FETCH, GROUP BY with grouping sets, WINDOW.
#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

bool SqlParser::PeekQueryStart() const {
  size_t k = 0;
  while (Peek(k).IsPunct("(")) k++;
  const Token& t = Peek(k);
  return t.IsKeyword("select") || t.IsKeyword("values") || t.IsKeyword("with") ||
         t.IsKeyword("table");
}

std::unique_ptr<WithClause> SqlParser::ParseWith() {
  // A WITH that does not start the statement (INSERT INTO t WITH ..., a subquery, a set operand)
  // may not hold a data-modifying CTE; PostgreSQL says so even where it supports them.
  const Token* before = index_ > 0 ? &tokens_[index_ - 1] : nullptr;
  bool top_level = before == nullptr || before->IsPunct(";") || before->IsKeyword("explain") ||
                   before->IsKeyword("analyze") || before->IsKeyword("verbose");
  ExpectKeyword("with");
  auto with = std::make_unique<WithClause>();
  with->recursive = AcceptKeyword("recursive");
  do {
    CommonTableExpression cte;
    cte.location = LocHere();
    cte.name = ParseColId();
    if (Peek().IsPunct("(")) cte.column_names = ParseNameList();
    ExpectKeyword("as");
    if (AcceptKeyword("materialized")) {
      cte.materialize = CteMaterialize::kAlways;
    } else if (Peek().IsKeyword("not") && Peek(1).IsKeyword("materialized")) {
      Next();
      Next();
      cte.materialize = CteMaterialize::kNever;
    }
    if (!Peek().IsPunct("(")) SyntaxErrorHere();
    if (!PeekQueryStart()) {
      // Data-modifying CTEs (INSERT/UPDATE/DELETE [RETURNING]): only in a top-level WITH.
      if (Peek(1).IsKeyword("insert") || Peek(1).IsKeyword("update") ||
          Peek(1).IsKeyword("delete")) {
        if (!top_level) {
          throw Exception(sqlstate::kFeatureNotSupported,
                          "WITH clause containing a data-modifying statement must be at the top "
                          "level",
                          cte.location + base_char_);
        }
        Next();  // (
        const Token& verb = Peek();
        if (verb.IsKeyword("insert")) {
          cte.dml = ParseInsert(nullptr);
        } else if (verb.IsKeyword("update")) {
          cte.dml = ParseUpdate(nullptr);
        } else {
          cte.dml = ParseDelete(nullptr);
        }
        ExpectPunct(")");
        with->ctes.push_back(std::move(cte));
        continue;
      }
      Next();
      SyntaxErrorHere();
    }
    Next();  // (
    cte.query = ParseQuery();
    ExpectPunct(")");
    with->ctes.push_back(std::move(cte));
  } while (AcceptPunct(","));
  return with;
}

QueryNodePtr SqlParser::ParseQuery() {
  DepthGuard guard(*this);
  int loc = LocHere();
  std::unique_ptr<WithClause> with;
  if (Peek().IsKeyword("with")) with = ParseWith();
  QueryNodePtr node = ParseSetOperand(0);
  if (with) {
    if (node->with) {
      throw Exception(sqlstate::kSyntaxError, "multiple WITH clauses not allowed",
                      loc + base_char_);
    }
    node->with = std::move(with);
    node->location = loc;
  }
  ParseQueryModifiers(*node);
  return node;
}

void SqlParser::ParseQueryModifiers(QueryNode& node) {
  if (Peek().IsKeyword("order") && Peek(1).IsKeyword("by")) {
    if (!node.order_by.empty()) {
      throw Exception(sqlstate::kSyntaxError, "multiple ORDER BY clauses not allowed",
                      Peek().char_pos);
    }
    Next();
    Next();
    node.order_by = ParseOrderByList();
  }
  bool seen_limit = false, seen_offset = false;
  while (true) {
    const Token& t = Peek();
    if (t.IsKeyword("limit")) {
      Next();
      if (seen_limit || node.limit) {
        throw Exception(sqlstate::kSyntaxError, "multiple LIMIT clauses not allowed", t.char_pos);
      }
      seen_limit = true;
      if (AcceptKeyword("all")) continue;
      node.limit = ParseExpr();
      if (Peek().IsPunct(",")) {
        throw Exception(sqlstate::kSyntaxError, "LIMIT #,# syntax is not supported",
                        Peek().char_pos, {}, "Use separate LIMIT and OFFSET clauses.");
      }
    } else if (t.IsKeyword("offset")) {
      Next();
      if (seen_offset || node.offset) {
        throw Exception(sqlstate::kSyntaxError, "multiple OFFSET clauses not allowed", t.char_pos);
      }
      seen_offset = true;
      node.offset = ParseExpr();
      if (!AcceptKeyword("rows")) AcceptKeyword("row");
    } else if (t.IsKeyword("fetch")) {
      Next();
      if (seen_limit || node.limit) {
        throw Exception(sqlstate::kSyntaxError, "multiple LIMIT clauses not allowed", t.char_pos);
      }
      seen_limit = true;
      if (!AcceptKeyword("first")) ExpectKeyword("next");
      if (!Peek().IsKeyword("row") && !Peek().IsKeyword("rows")) {
        node.limit = ParseExpr(9);  // c_expr-ish: stops before ROWS
      } else {
        auto one = std::make_unique<ConstantExpression>(LocHere());
        one->value_kind = ConstantKind::kInteger;
        one->integer_value = 1;
        node.limit = std::move(one);
      }
      if (!AcceptKeyword("rows")) ExpectKeyword("row");
      if (Peek().IsKeyword("with") && Peek(1).IsKeyword("ties")) {
        NotSupported("FETCH ... WITH TIES", Peek());
      }
      ExpectKeyword("only");
    } else if (t.IsKeyword("for") && (Peek(1).IsKeyword("update") || Peek(1).IsKeyword("share") ||
                                      Peek(1).IsKeyword("no") || Peek(1).IsKeyword("key"))) {
      NotSupported("SELECT ... FOR UPDATE/SHARE", t);
    } else {
      break;
    }
  }
}

// Set operations by precedence: 1 = UNION/EXCEPT (left), 2 = INTERSECT (left).
QueryNodePtr SqlParser::ParseSetOperand(int min_prec) {
  DepthGuard guard(*this);
  QueryNodePtr left = ParseQueryPrimary();
  while (true) {
    const Token& t = Peek();
    int prec;
    SetOperationKind op;
    if (t.IsKeyword("union")) {
      prec = 1, op = SetOperationKind::kUnion;
    } else if (t.IsKeyword("except")) {
      prec = 1, op = SetOperationKind::kExcept;
    } else if (t.IsKeyword("intersect")) {
      prec = 2, op = SetOperationKind::kIntersect;
    } else {
      break;
    }
    if (prec < min_prec) break;
    Next();
    auto node = std::make_unique<SetOperationNode>(Loc(t));
    node->op = op;
    if (AcceptKeyword("all")) {
      node->all = true;
    } else {
      AcceptKeyword("distinct");
    }
    node->left = std::move(left);
    node->right = ParseSetOperand(prec + 1);
    left = std::move(node);
  }
  return left;
}

QueryNodePtr SqlParser::ParseQueryPrimary() {
  const Token& t = Peek();
  if (t.IsPunct("(")) {
    DepthGuard guard(*this);
    Next();
    QueryNodePtr q = ParseQuery();
    ExpectPunct(")");
    return q;
  }
  if (t.IsKeyword("select")) return ParseSelectCore();
  if (t.IsKeyword("values")) return ParseValues();
  if (t.IsKeyword("table")) {
    // TABLE name == SELECT * FROM name
    auto node = std::make_unique<SelectNode>(Loc(Next()));
    auto ref = std::make_unique<BaseTableRef>(LocHere());
    ref->name = ParseQualifiedName();
    node->select_list.push_back(std::make_unique<StarExpression>(node->location));
    node->from = std::move(ref);
    return node;
  }
  SyntaxError(t);
}

QueryNodePtr SqlParser::ParseValues() {
  auto node = std::make_unique<ValuesNode>(LocHere());
  ExpectKeyword("values");
  do {
    const Token& open = Peek();
    ExpectPunct("(");
    ParsedExpressionList row = ParseExprList();
    ExpectPunct(")");
    if (!node->rows.empty() && row.size() != node->rows[0].size()) {
      throw Exception(sqlstate::kSyntaxError, "VALUES lists must all be the same length",
                      open.char_pos);
    }
    node->rows.push_back(std::move(row));
  } while (AcceptPunct(","));
  return node;
}

ParsedExpressionPtr SqlParser::ParseSelectItem() {
  const Token& t = Peek();
  if (t.IsOp("*")) {
    Next();
    return std::make_unique<StarExpression>(Loc(t));
  }
  ParsedExpressionPtr e = ParseExpr();
  if (AcceptKeyword("as")) {
    e->alias = ParseColLabel();
  } else if (PeekBareLabel()) {
    e->alias = Next().text;
  }
  return e;
}

QueryNodePtr SqlParser::ParseSelectCore() {
  auto node = std::make_unique<SelectNode>(LocHere());
  ExpectKeyword("select");
  if (AcceptKeyword("distinct")) {
    node->distinct = DistinctKind::kDistinct;
    if (AcceptKeyword("on")) {
      node->distinct = DistinctKind::kDistinctOn;
      ExpectPunct("(");
      node->distinct_on = ParseExprList();
      ExpectPunct(")");
    }
  } else {
    AcceptKeyword("all");
  }
  // The target list may be empty: SELECT FROM t.
  const Token& t = Peek();
  bool empty_list = t.kind == TokenKind::kEnd || t.IsPunct(")") || t.IsPunct(";") ||
                    t.IsKeyword("from") || t.IsKeyword("where") || t.IsKeyword("group") ||
                    t.IsKeyword("having") || t.IsKeyword("union") || t.IsKeyword("except") ||
                    t.IsKeyword("intersect") || t.IsKeyword("order") || t.IsKeyword("limit") ||
                    t.IsKeyword("window") || t.IsKeyword("offset");
  if (!empty_list) {
    do {
      node->select_list.push_back(ParseSelectItem());
    } while (AcceptPunct(","));
  }
  if (Peek().IsKeyword("into")) NotSupported("SELECT INTO", Peek());
  if (AcceptKeyword("from")) node->from = ParseFromList();
  if (AcceptKeyword("where")) node->where = ParseExpr();
  if (Peek().IsKeyword("group") && Peek(1).IsKeyword("by")) {
    Next();
    Next();
    if (AcceptKeyword("distinct")) {
      node->group_by_distinct = true;
    } else {
      AcceptKeyword("all");
    }
    node->group_by = ParseGroupBy();
  }
  if (AcceptKeyword("having")) node->having = ParseExpr();
  if (AcceptKeyword("window")) {
    do {
      WindowDefinition def;
      def.location = LocHere();
      def.name = ParseColId();
      ExpectKeyword("as");
      def.spec = ParseWindowSpec();
      node->windows.push_back(std::move(def));
    } while (AcceptPunct(","));
  }
  return node;
}

std::vector<GroupingElement> SqlParser::ParseGroupBy() {
  std::vector<GroupingElement> items;
  do {
    items.push_back(ParseGroupingElement());
  } while (AcceptPunct(","));
  return items;
}

GroupingElement SqlParser::ParseGroupingElement() {
  DepthGuard guard(*this);
  GroupingElement g;
  g.location = LocHere();
  if (Peek().IsPunct("(") && Peek(1).IsPunct(")")) {
    Next();
    Next();
    g.kind = GroupingKind::kEmpty;
    return g;
  }
  bool rollup = Peek().IsKeyword("rollup") && Peek(1).IsPunct("(");
  bool cube = Peek().IsKeyword("cube") && Peek(1).IsPunct("(");
  if (rollup || cube) {
    Next();
    Next();
    g.kind = rollup ? GroupingKind::kRollup : GroupingKind::kCube;
    do {
      GroupingElement child;
      child.location = LocHere();
      child.expression = ParseExpr();  // (a, b) parses as a RowExpression
      g.children.push_back(std::move(child));
    } while (AcceptPunct(","));
    ExpectPunct(")");
    return g;
  }
  if (Peek().IsKeyword("grouping") && Peek(1).IsKeyword("sets")) {
    Next();
    Next();
    ExpectPunct("(");
    g.kind = GroupingKind::kSets;
    g.children = ParseGroupBy();
    ExpectPunct(")");
    return g;
  }
  g.expression = ParseExpr();
  return g;
}

}  // namespace kadedb
