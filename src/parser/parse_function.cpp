// Function calls: arguments, DISTINCT, count(*), ORDER BY inside the call, WITHIN GROUP, FILTER,
// OVER window specifications, and the SQL-standard special forms (EXTRACT, POSITION, SUBSTRING,
// TRIM, OVERLAY) normalised to plain calls (see expressions.hpp).
#include "common/exception.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

namespace {

std::unique_ptr<FunctionExpression> MakeCall(std::string name, int loc) {
  auto f = std::make_unique<FunctionExpression>(loc);
  f->name = {std::move(name)};
  return f;
}

ParsedExpressionPtr MakeString(std::string text, int loc) {
  auto c = std::make_unique<ConstantExpression>(loc);
  c->value_kind = ConstantKind::kString;
  c->text = std::move(text);
  return c;
}

ParsedExpressionPtr MakeOne() {
  auto c = std::make_unique<ConstantExpression>();
  c->value_kind = ConstantKind::kInteger;
  c->integer_value = 1;
  return c;
}

}  // namespace

std::vector<OrderByItem> SqlParser::ParseOrderByList() {
  std::vector<OrderByItem> items;
  do {
    OrderByItem item;
    item.location = LocHere();
    item.expression = ParseExpr();
    if (AcceptKeyword("asc")) {
      item.direction = OrderDirection::kAscending;
    } else if (AcceptKeyword("desc")) {
      item.direction = OrderDirection::kDescending;
    } else if (Peek().IsKeyword("using")) {
      NotSupported("ORDER BY USING", Peek());
    }
    if (AcceptKeyword("nulls")) {
      if (AcceptKeyword("first")) {
        item.nulls = NullsOrder::kFirst;
      } else {
        ExpectKeyword("last");
        item.nulls = NullsOrder::kLast;
      }
    }
    items.push_back(std::move(item));
  } while (AcceptPunct(","));
  return items;
}

ParsedExpressionPtr SqlParser::ParseFunctionCall(std::vector<std::string> name, int loc) {
  auto f = std::make_unique<FunctionExpression>(loc);
  f->name = std::move(name);
  ExpectPunct("(");
  if (Peek().IsOp("*") && Peek(1).IsPunct(")")) {
    Next();
    f->star = true;
  } else if (!Peek().IsPunct(")")) {
    if (AcceptKeyword("distinct")) {
      f->distinct = true;
    } else {
      AcceptKeyword("all");
    }
    if (Peek().IsKeyword("variadic")) NotSupported("VARIADIC", Peek());
    f->args = ParseExprList();
    if (AcceptKeyword("order")) {
      ExpectKeyword("by");
      f->order_by = ParseOrderByList();
    }
  }
  ExpectPunct(")");
  if (Peek().IsKeyword("within") && Peek(1).IsKeyword("group")) {
    Next();
    Next();
    ExpectPunct("(");
    ExpectKeyword("order");
    ExpectKeyword("by");
    f->within_group = ParseOrderByList();
    ExpectPunct(")");
  }
  if (Peek().IsKeyword("filter") && Peek(1).IsPunct("(")) {
    Next();
    Next();
    ExpectKeyword("where");
    f->filter = ParseExpr();
    ExpectPunct(")");
  }
  if (Peek().IsKeyword("over")) {
    int over_loc = Loc(Next());
    if (Peek().IsPunct("(")) {
      f->over = ParseWindowSpec();
    } else {
      f->over = std::make_unique<WindowSpec>();
      f->over->reference_name = ParseColId();
      f->over->is_reference = true;
    }
    f->over->location = over_loc;
  }
  return f;
}

std::unique_ptr<WindowSpec> SqlParser::ParseWindowSpec() {
  auto w = std::make_unique<WindowSpec>();
  w->location = LocHere();
  ExpectPunct("(");
  if (PeekColId() && !Peek().IsKeyword("partition") && !Peek().IsKeyword("order") &&
      !Peek().IsKeyword("rows") && !Peek().IsKeyword("range") && !Peek().IsKeyword("groups")) {
    w->reference_name = Next().text;
  }
  if (AcceptKeyword("partition")) {
    ExpectKeyword("by");
    w->partition_by = ParseExprList();
  }
  if (AcceptKeyword("order")) {
    ExpectKeyword("by");
    w->order_by = ParseOrderByList();
  }
  if (Peek().IsKeyword("rows") || Peek().IsKeyword("range") || Peek().IsKeyword("groups")) {
    std::string mode = Next().text;
    w->frame_mode = mode == "rows"    ? FrameMode::kRows
                    : mode == "range" ? FrameMode::kRange
                                      : FrameMode::kGroups;
    auto parse_bound = [&](FrameBound& b) {
      if (AcceptKeyword("unbounded")) {
        if (AcceptKeyword("preceding")) {
          b.kind = FrameBoundKind::kUnboundedPreceding;
        } else {
          ExpectKeyword("following");
          b.kind = FrameBoundKind::kUnboundedFollowing;
        }
      } else if (Peek().IsKeyword("current") && Peek(1).IsKeyword("row")) {
        Next();
        Next();
        b.kind = FrameBoundKind::kCurrentRow;
      } else {
        b.offset = ParseExpr();
        if (AcceptKeyword("preceding")) {
          b.kind = FrameBoundKind::kPreceding;
        } else {
          ExpectKeyword("following");
          b.kind = FrameBoundKind::kFollowing;
        }
      }
    };
    if (AcceptKeyword("between")) {
      parse_bound(w->start);
      ExpectKeyword("and");
      parse_bound(w->end);
    } else {
      parse_bound(w->start);
    }
    if (AcceptKeyword("exclude")) {
      if (Peek().IsKeyword("current") && Peek(1).IsKeyword("row")) {
        Next();
        Next();
        w->exclude = FrameExclude::kCurrentRow;
      } else if (AcceptKeyword("group")) {
        w->exclude = FrameExclude::kGroup;
      } else if (AcceptKeyword("ties")) {
        w->exclude = FrameExclude::kTies;
      } else {
        ExpectKeyword("no");
        ExpectKeyword("others");
        w->exclude = FrameExclude::kNoOthers;
      }
    }
  }
  ExpectPunct(")");
  return w;
}

ParsedExpressionPtr SqlParser::ParseSpecialFunction(const Token& kw) {
  int loc = Loc(kw);
  const std::string& w = kw.text;
  ExpectPunct("(");
  std::unique_ptr<FunctionExpression> f;
  if (w == "extract") {
    f = MakeCall("extract", loc);
    const Token& field = Peek();
    if (field.kind == TokenKind::kString || field.kind == TokenKind::kIdentifier ||
        field.kind == TokenKind::kQuotedIdentifier) {
      Next();
      f->args.push_back(MakeString(field.text, Loc(field)));
    } else {
      SyntaxError(field);
    }
    ExpectKeyword("from");
    f->args.push_back(ParseExpr());
  } else if (w == "position") {
    f = MakeCall("position", loc);
    ParsedExpressionPtr needle = ParseExpr(7);
    ExpectKeyword("in");
    f->args.push_back(ParseExpr(7));
    f->args.push_back(std::move(needle));
  } else if (w == "substring") {
    f = MakeCall("substring", loc);
    f->args.push_back(ParseExpr());
    if (AcceptPunct(",")) {
      ParsedExpressionList rest = ParseExprList();
      for (auto& a : rest) f->args.push_back(std::move(a));
    } else if (AcceptKeyword("from")) {
      f->args.push_back(ParseExpr());
      if (AcceptKeyword("for")) f->args.push_back(ParseExpr());
    } else if (AcceptKeyword("for")) {
      ParsedExpressionPtr len = ParseExpr();
      if (AcceptKeyword("from")) {
        f->args.push_back(ParseExpr());
      } else {
        f->args.push_back(MakeOne());
      }
      f->args.push_back(std::move(len));
    } else if (Peek().IsKeyword("similar")) {
      NotSupported("SUBSTRING ... SIMILAR", Peek());
    }
  } else if (w == "trim") {
    std::string fname = "btrim";
    if (AcceptKeyword("leading")) {
      fname = "ltrim";
    } else if (AcceptKeyword("trailing")) {
      fname = "rtrim";
    } else {
      AcceptKeyword("both");
    }
    f = MakeCall(fname, loc);
    if (AcceptKeyword("from")) {
      f->args = ParseExprList();
    } else {
      ParsedExpressionPtr first = ParseExpr();
      if (AcceptKeyword("from")) {
        f->args = ParseExprList();
        f->args.push_back(std::move(first));
      } else {
        f->args.push_back(std::move(first));
        while (AcceptPunct(",")) f->args.push_back(ParseExpr());
      }
    }
  } else {  // overlay
    f = MakeCall("overlay", loc);
    f->args.push_back(ParseExpr());
    if (AcceptKeyword("placing")) {
      f->args.push_back(ParseExpr());
      ExpectKeyword("from");
      f->args.push_back(ParseExpr());
      if (AcceptKeyword("for")) f->args.push_back(ParseExpr());
    } else {
      while (AcceptPunct(",")) f->args.push_back(ParseExpr());
    }
  }
  ExpectPunct(")");
  return f;
}

}  // namespace kadedb
