// Row values: ROW(a, b) / (a, b) and a table alias used as a value (SELECT t FROM t, ROW(t.*)),
// and row comparisons (a, b) op (c, d).
//
// KadeDB has no composite type: a row value is its PostgreSQL text form, "(1,abc)" (the hidden
// variadic row$out, function/scalar/string/concat_functions.cpp), which is what SELECT shows;
// comparisons between two row constructors are expanded pairwise as PostgreSQL defines them (= is
// AND of the pairs, <> an OR, < <= > >= compare left to right up to the first unequal or NULL
// pair).
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

ParsedExpressionPtr Op(const std::string& op, ParsedExpressionPtr l, ParsedExpressionPtr r,
                       int location) {
  auto e = std::make_unique<OperatorExpression>(location);
  e->op = op;
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

ParsedExpressionPtr Bool(BooleanOp op, ParsedExpressionPtr l, ParsedExpressionPtr r, int location) {
  auto e = std::make_unique<BooleanExpression>(location);
  e->op = op;
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

}  // namespace

// Columns of a visible FROM item named `alias`, as qualified references; empty when none.
ParsedExpressionList Binder::WholeRowColumns(const std::string& alias, int location) {
  bool skip = false;  // a FROM subquery does not see its own query level (unless LATERAL)
  for (Binder* b = this; b; b = b->parent_) {
    int t = skip ? -1 : b->context_.FindTable(alias);
    skip = b->kind_ == BinderKind::kDerived && !b->lateral_;
    if (t >= 0 && static_cast<size_t>(t) >= b->context_.visible_from) {
      ParsedExpressionList out;
      for (auto& name : b->context_.tables[t].names) {
        auto ref = std::make_unique<ColumnRefExpression>(location);
        ref->names = {alias, name};
        out.push_back(std::move(ref));
      }
      return out;
    }
    if (b->kind_ == BinderKind::kIsolated) break;
  }
  return {};
}

ExprPtr Binder::BindRowValue(const RowExpression& row) {
  auto call = std::make_unique<FunctionExpression>(row.location);
  call->name = {"row$out"};
  for (auto& c : row.children) {
    if (c->kind == ExpressionKind::kStar) {
      auto& star = c->Cast<StarExpression>();
      if (star.qualifier.empty()) {
        throw Exception(sqlstate::kFeatureNotSupported, "ROW(*) is not supported", c->location);
      }
      auto columns = WholeRowColumns(star.qualifier.back(), c->location);
      if (columns.empty()) {
        throw Exception(sqlstate::kUndefinedTable,
                        "missing FROM-clause entry for table \"" + star.qualifier.back() + "\"",
                        c->location);
      }
      for (auto& col : columns) call->args.push_back(std::move(col));
      continue;
    }
    call->args.push_back(c->Copy());
  }
  ExprPtr e = BindExpr(*call);
  e->alias = "row";
  return e;
}

ExprPtr Binder::TryBindWholeRow(const std::string& alias, int location) {
  auto columns = WholeRowColumns(alias, location);
  if (columns.empty()) return nullptr;
  auto call = std::make_unique<FunctionExpression>(location);
  call->name = {"row$out"};
  call->args = std::move(columns);
  ExprPtr e = BindExpr(*call);
  e->alias = alias;
  return e;
}

ExprPtr Binder::TryBindRowComparison(const OperatorExpression& expr) {
  if (expr.children.size() != 2 || expr.children[0]->kind != ExpressionKind::kRow ||
      expr.children[1]->kind != ExpressionKind::kRow) {
    return nullptr;
  }
  std::string op = expr.op == "!=" ? "<>" : expr.op;
  if (op != "=" && op != "<>" && op != "<" && op != "<=" && op != ">" && op != ">=") {
    return nullptr;
  }
  // t.* inside either row stands for t's columns.
  auto expand = [&](const RowExpression& row) {
    ParsedExpressionList out;
    for (auto& c : row.children) {
      if (c->kind == ExpressionKind::kStar && !c->Cast<StarExpression>().qualifier.empty()) {
        for (auto& col : WholeRowColumns(c->Cast<StarExpression>().qualifier.back(), c->location)) {
          out.push_back(std::move(col));
        }
        continue;
      }
      out.push_back(c->Copy());
    }
    return out;
  };
  ParsedExpressionList l = expand(expr.children[0]->Cast<RowExpression>());
  ParsedExpressionList r = expand(expr.children[1]->Cast<RowExpression>());
  if (l.size() != r.size()) {
    throw Exception(sqlstate::kSyntaxError, "unequal number of entries in row expressions",
                    expr.location);
  }
  if (l.empty()) {
    throw Exception(sqlstate::kFeatureNotSupported, "cannot compare rows of zero length",
                    expr.location);
  }
  int loc = expr.location;
  ParsedExpressionPtr out;
  if (op == "=" || op == "<>") {
    for (size_t i = 0; i < l.size(); i++) {
      auto pair = Op(op, l[i]->Copy(), r[i]->Copy(), loc);
      out = out ? Bool(op == "=" ? BooleanOp::kAnd : BooleanOp::kOr, std::move(out),
                       std::move(pair), loc)
                : std::move(pair);
    }
  } else {
    // From the last pair backwards: l_n op r_n, then (l_i strict r_i) OR (l_i = r_i AND rest).
    std::string strict = op.substr(0, 1);
    out = Op(op, l.back()->Copy(), r.back()->Copy(), loc);
    for (size_t i = l.size() - 1; i-- > 0;) {
      auto eq = Op("=", l[i]->Copy(), r[i]->Copy(), loc);
      auto rest = Bool(BooleanOp::kAnd, std::move(eq), std::move(out), loc);
      out = Bool(BooleanOp::kOr, Op(strict, l[i]->Copy(), r[i]->Copy(), loc), std::move(rest), loc);
    }
  }
  return BindExpr(*out);
}

}  // namespace kadedb
