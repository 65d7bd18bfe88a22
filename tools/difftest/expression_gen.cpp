// Random expressions and predicates (see expression_gen.hpp).
#include "expression_gen.hpp"

#include <string>

namespace kadedb::difftest {

namespace {

const std::vector<std::string> kLikePatterns = {"a%",  "%b%", "_",     "%",   "A%", "%a",
                                                "a_c", "",    "%\\%%", "_%_", "O%", "a b%"};
const std::vector<std::string> kStringLiterals = {"''",    "'a'",  "'abc'", "'A'", "'zz'",
                                                  "'a%b'", "' a'", "'10'",  "'é'", "'b'"};

}  // namespace

std::vector<Family> ExpressionGen::FamiliesIn(const Scope& scope) const {
  std::vector<Family> out;
  for (const ScopeColumn& c : scope) {
    Family f = FamilyOf(c.type);
    bool seen = false;
    for (Family g : out) seen |= g == f;
    if (!seen) out.push_back(f);
  }
  return out;
}

Expr ExpressionGen::Column(Family f, const Scope& scope) {
  std::vector<const ScopeColumn*> matches;
  for (const ScopeColumn& c : scope) {
    if (FamilyOf(c.type) == f) matches.push_back(&c);
  }
  if (matches.empty()) return Expr{"", DefaultType(f), false};
  const ScopeColumn* c = rng_.Pick(matches);
  return Expr{c->ref, c->type, !c->constant};
}

Expr ExpressionGen::Literal(Family f) {
  switch (f) {
    case Family::kNum: {
      int64_t kind = rng_.Int(0, 9);
      if (kind <= 4) {
        int64_t v = rng_.Int(-10, 10);
        return Expr{v < 0 ? "(" + std::to_string(v) + ")" : std::to_string(v), DType::kInteger};
      }
      if (kind == 5)
        return Expr{rng_.Pick(std::vector<std::string>{"2147483647", "0", "1"}), DType::kInteger};
      if (kind == 6) return Expr{"3000000000", DType::kBigInt};
      if (kind <= 8) {
        return Expr{std::to_string(rng_.Int(0, 20)) + "." + std::to_string(rng_.Int(0, 99)),
                    DType::kNumeric};
      }
      return Expr{"CAST('" + std::to_string(rng_.Int(-50, 50)) + ".5' AS DOUBLE PRECISION)",
                  DType::kDouble};
    }
    case Family::kStr:
      return Expr{rng_.Pick(kStringLiterals), DType::kText};
    case Family::kBool:
      return Expr{rng_.Chance(0.5) ? "TRUE" : "FALSE", DType::kBoolean};
    case Family::kDate:
      return Expr{rng_.Pick(std::vector<std::string>{"DATE '2024-01-02'", "DATE '2000-02-29'",
                                                     "DATE '1970-01-01'"}),
                  DType::kDate};
    case Family::kTs:
      return Expr{rng_.Pick(std::vector<std::string>{"TIMESTAMP '2024-01-02 03:04:05'",
                                                     "TIMESTAMP '2000-02-29 00:00:00'"}),
                  DType::kTimestamp};
  }
  return Expr{"NULL", DType::kInteger};
}

Expr ExpressionGen::Leaf(Family f, const Scope& scope) {
  if (rng_.Chance(0.75)) {
    Expr c = Column(f, scope);
    if (!c.sql.empty()) return c;
  }
  if (rng_.Chance(0.05)) {
    static const std::vector<std::string> kNames = {"INTEGER", "TEXT", "BOOLEAN", "DATE",
                                                    "TIMESTAMP"};
    return Expr{"CAST(NULL AS " + kNames[static_cast<int>(f)] + ")", DefaultType(f)};
  }
  return Literal(f);
}

Expr ExpressionGen::Generate(Family f, const Scope& scope, int depth, bool risky) {
  if (depth <= 0 || rng_.Chance(0.35)) return Leaf(f, scope);
  if (rng_.Chance(0.08)) return Case(f, scope, depth, risky);
  if (scalar_subquery && rng_.Chance(0.04)) {
    std::string sub = scalar_subquery(f, scope);
    if (!sub.empty()) return Expr{sub, DefaultType(f), false};
  }
  switch (f) {
    case Family::kNum:
      return Numeric(scope, depth, risky);
    case Family::kStr:
      return String(scope, depth, risky);
    case Family::kBool:
      return Boolean(scope, depth, risky);
    case Family::kDate:
      return DateExpr(scope, depth, risky);
    case Family::kTs:
      return TimestampExpr(scope, depth, risky);
  }
  return Leaf(f, scope);
}

Expr ExpressionGen::Case(Family f, const Scope& scope, int depth, bool risky) {
  Expr a = Generate(f, scope, depth - 1, risky);
  Expr b = Generate(f, scope, depth - 1, risky);
  DType t = f == Family::kNum ? PromoteNumeric(a.type, b.type) : a.type;
  bool col = a.has_column || b.has_column;
  int64_t kind = rng_.Int(0, 3);
  if (kind == 0) {
    return Expr{
        "CASE WHEN " + Predicate(scope, depth - 1) + " THEN " + a.sql + " ELSE " + b.sql + " END",
        t, col};
  }
  if (kind == 1) {
    return Expr{"CASE WHEN " + Predicate(scope, depth - 1) + " THEN " + a.sql + " END", a.type,
                a.has_column};
  }
  // PostgreSQL folds COALESCE(<constant>, x) to the constant at plan time (seed 7, query 8617:
  // CAST(COALESCE('', c) AS INTEGER) failed with no rows), so only a column first counts.
  if (kind == 2) return Expr{"COALESCE(" + a.sql + ", " + b.sql + ")", t, a.has_column};
  return Expr{"NULLIF(" + a.sql + ", " + b.sql + ")", a.type, col};
}

Expr ExpressionGen::Numeric(const Scope& scope, int depth, bool risky) {
  int64_t kind = rng_.Int(0, risky ? 15 : 8);
  switch (kind) {
    case 0:
    case 1: {  // exact sum or difference: numeric never overflows at these sizes
      Expr a = Generate(Family::kNum, scope, depth - 1, false);
      Expr b = Generate(Family::kNum, scope, depth - 1, false);
      if (a.type == DType::kDouble || b.type == DType::kDouble) {
        Expr d = a.type == DType::kDouble ? a : b;
        return Expr{"abs(" + d.sql + ")", DType::kDouble, d.has_column};
      }
      return Expr{"(CAST(" + a.sql + " AS NUMERIC) " + (rng_.Chance(0.5) ? "+ " : "- ") + "CAST(" +
                      b.sql + " AS NUMERIC))",
                  DType::kNumeric, a.has_column || b.has_column};
    }
    case 2: {
      Expr s = Generate(Family::kStr, scope, depth - 1, false);
      return Expr{"length(" + s.sql + ")", DType::kInteger, s.has_column};
    }
    case 3: {
      Expr d = Leaf(Family::kDate, scope);
      Expr e = Leaf(Family::kDate, scope);
      return Expr{"(" + d.sql + " - " + e.sql + ")", DType::kInteger, d.has_column || e.has_column};
    }
    case 4: {
      Expr d = Leaf(rng_.Chance(0.5) ? Family::kDate : Family::kTs, scope);
      return Expr{"EXTRACT(" + rng_.Pick(std::vector<std::string>{"YEAR", "MONTH", "DAY"}) +
                      " FROM " + d.sql + ")",
                  DType::kNumeric, d.has_column};
    }
    case 5: {
      Expr a = Generate(Family::kNum, scope, depth - 1, false);
      if (a.type == DType::kDouble) return a;
      return Expr{"round(CAST(" + a.sql + " AS NUMERIC), " + std::to_string(rng_.Int(0, 3)) + ")",
                  DType::kNumeric, a.has_column};
    }
    case 6: {
      Expr b = Generate(Family::kBool, scope, depth - 1, false);
      return Expr{"CAST(" + b.sql + " AS INTEGER)", DType::kInteger, b.has_column};
    }
    case 7: {
      Expr a = Generate(Family::kNum, scope, depth - 1, false);
      if (a.type == DType::kInteger || a.type == DType::kBigInt) {
        return Expr{"abs(CAST(" + a.sql + " AS NUMERIC))", DType::kNumeric, a.has_column};
      }
      return Expr{"abs(" + a.sql + ")", a.type, a.has_column};
    }
    case 8:
      return Case(Family::kNum, scope, depth, risky);
    default:
      break;
  }
  // Risky arithmetic: overflow, division by zero, failing casts.
  Expr a = Generate(Family::kNum, scope, depth - 1, true);
  Expr b = Generate(Family::kNum, scope, depth - 1, true);
  if (!a.has_column && !b.has_column) {
    Expr c = Column(Family::kNum, scope);
    if (!c.has_column) return a;  // nothing to anchor a failing operation on
    a = c;
  }
  bool col = a.has_column || b.has_column;
  DType t = PromoteNumeric(a.type, b.type);
  switch (kind) {
    case 9:
      return Expr{"(" + a.sql + " + " + b.sql + ")", t, col};
    case 10:
      return Expr{"(" + a.sql + " - " + b.sql + ")", t, col};
    case 11:
      return Expr{"(" + a.sql + " * " + b.sql + ")", t, col};
    case 12:
      return Expr{"(" + a.sql + " / " + b.sql + ")", t, col};
    case 13:
      if (a.type == DType::kDouble || b.type == DType::kDouble) break;
      return Expr{"(" + a.sql + " % " + b.sql + ")", t, col};
    case 14: {
      static const std::vector<std::string> kTargets = {"INTEGER", "BIGINT", "NUMERIC(6,2)",
                                                        "DOUBLE PRECISION", "SMALLINT"};
      std::string target = rng_.Pick(kTargets);
      DType rt = target == "BIGINT"             ? DType::kBigInt
                 : target == "NUMERIC(6,2)"     ? DType::kNumeric
                 : target == "DOUBLE PRECISION" ? DType::kDouble
                                                : DType::kInteger;
      if (!a.has_column) break;
      return Expr{"CAST(" + a.sql + " AS " + target + ")", rt, true};
    }
    case 15: {
      Expr s = Column(Family::kStr, scope);
      if (!s.has_column) break;
      bool as_int = rng_.Chance(0.5);
      return Expr{"CAST(" + s.sql + (as_int ? " AS INTEGER)" : " AS NUMERIC)"),
                  as_int ? DType::kInteger : DType::kNumeric, true};
    }
  }
  return Expr{"(-" + a.sql + ")", a.type, a.has_column};
}

Expr ExpressionGen::String(const Scope& scope, int depth, bool risky) {
  Expr a = Generate(Family::kStr, scope, depth - 1, risky);
  switch (rng_.Int(0, 9)) {
    case 0:
      return Expr{"upper(" + a.sql + ")", DType::kText, a.has_column};
    case 1:
      return Expr{"lower(" + a.sql + ")", DType::kText, a.has_column};
    case 2: {
      Expr b = Generate(Family::kStr, scope, depth - 1, risky);
      return Expr{"(" + a.sql + " || " + b.sql + ")", DType::kText, a.has_column || b.has_column};
    }
    case 3:
      return Expr{"substr(" + a.sql + ", " + std::to_string(rng_.Int(-1, 4)) + ", " +
                      std::to_string(rng_.Int(0, 3)) + ")",
                  DType::kText, a.has_column};
    case 4:
      return Expr{"trim(" + a.sql + ")", DType::kText, a.has_column};
    case 5:
      return Expr{"replace(" + a.sql + ", 'a', 'xy')", DType::kText, a.has_column};
    case 6: {
      Expr n = Generate(Family::kNum, scope, depth - 1, false);
      return Expr{"CAST(" + n.sql + " AS TEXT)", DType::kText, n.has_column};
    }
    case 7: {
      Expr d = Leaf(rng_.Chance(0.5) ? Family::kDate : Family::kBool, scope);
      return Expr{"CAST(" + d.sql + " AS TEXT)", DType::kText, d.has_column};
    }
    case 8: {
      Expr b = Generate(Family::kStr, scope, depth - 1, risky);
      return Expr{"concat(" + a.sql + ", " + b.sql + ")", DType::kText,
                  a.has_column || b.has_column};
    }
    default:
      return Case(Family::kStr, scope, depth, risky);
  }
}

std::string ExpressionGen::Comparison(const Scope& scope, int depth) {
  std::vector<Family> fams = FamiliesIn(scope);
  fams.push_back(Family::kNum);
  Family f = rng_.Pick(fams);
  if (f == Family::kBool) f = Family::kNum;
  Expr a = Generate(f, scope, depth - 1, false);
  Expr b = Generate(f, scope, depth - 1, false);
  static const std::vector<std::string> kOps = {"=", "<>", "<", "<=", ">", ">="};
  switch (rng_.Int(0, 9)) {
    case 0:
      return "(" + a.sql + " IS " + (rng_.Chance(0.5) ? "" : "NOT ") + "DISTINCT FROM " + b.sql +
             ")";
    case 1: {
      Expr c = Generate(f, scope, depth - 1, false);
      return "(" + a.sql + (rng_.Chance(0.3) ? " NOT" : "") + " BETWEEN " + b.sql + " AND " +
             c.sql + ")";
    }
    case 2: {
      std::string list = Literal(f).sql;
      int n = static_cast<int>(rng_.Int(0, 3));
      for (int i = 0; i < n; ++i) list += ", " + (rng_.Chance(0.15) ? "NULL" : Literal(f).sql);
      if (rng_.Chance(0.3)) list += ", " + b.sql;
      return "(" + a.sql + (rng_.Chance(0.3) ? " NOT" : "") + " IN (" + list + "))";
    }
    default:
      return "(" + a.sql + " " + rng_.Pick(kOps) + " " + b.sql + ")";
  }
}

Expr ExpressionGen::Boolean(const Scope& scope, int depth, bool risky) {
  return Expr{Predicate(scope, depth), DType::kBoolean, true};
}

std::string ExpressionGen::Predicate(const Scope& scope, int depth) {
  if (depth <= 0) {
    Expr c = Column(Family::kBool, scope);
    if (!c.sql.empty() && rng_.Chance(0.3)) return c.sql;
    return Comparison(scope, 1);
  }
  int64_t kind = rng_.Int(0, 14);
  switch (kind) {
    case 0:
    case 1:
    case 2:
    case 3:
      return Comparison(scope, depth);
    case 4:
      return "(" + Predicate(scope, depth - 1) + " AND " + Predicate(scope, depth - 1) + ")";
    case 5:
      return "(" + Predicate(scope, depth - 1) + " OR " + Predicate(scope, depth - 1) + ")";
    case 6:
      return "(NOT " + Predicate(scope, depth - 1) + ")";
    case 7: {
      std::vector<Family> fams = FamiliesIn(scope);
      if (fams.empty()) return Comparison(scope, depth);
      Expr e = Generate(rng_.Pick(fams), scope, depth - 1, false);
      return "(" + e.sql + " IS " + (rng_.Chance(0.5) ? "" : "NOT ") + "NULL)";
    }
    case 8: {
      Expr s = Generate(Family::kStr, scope, depth - 1, false);
      std::string op = rng_.Chance(0.2) ? " NOT LIKE " : rng_.Chance(0.1) ? " ILIKE " : " LIKE ";
      std::string pat = rng_.Pick(kLikePatterns);
      std::string quoted;
      for (char ch : pat) quoted += ch;
      return "(" + s.sql + op + "'" + quoted + "')";
    }
    case 9: {
      std::string p = Predicate(scope, depth - 1);
      return "(" + p + " IS " +
             rng_.Pick(std::vector<std::string>{"TRUE", "NOT TRUE", "FALSE", "UNKNOWN"}) + ")";
    }
    case 10: {
      Expr c = Column(Family::kBool, scope);
      if (!c.sql.empty()) return c.sql;
      return Comparison(scope, depth);
    }
    case 11:
    case 12:
      if (subquery_predicate) {
        std::string s = subquery_predicate(scope);
        if (!s.empty()) return s;
      }
      return Comparison(scope, depth);
    default:
      return Comparison(scope, depth);
  }
}

Expr ExpressionGen::DateExpr(const Scope& scope, int depth, bool risky) {
  switch (rng_.Int(0, 3)) {
    case 0: {
      Expr d = Leaf(Family::kDate, scope);
      return Expr{"(" + d.sql + " + " + std::to_string(rng_.Int(-3, 40)) + ")", DType::kDate,
                  d.has_column};
    }
    case 1: {
      Expr t = Leaf(Family::kTs, scope);
      return Expr{"CAST(" + t.sql + " AS DATE)", DType::kDate, t.has_column};
    }
    case 2:
      return Case(Family::kDate, scope, depth, risky);
    default:
      return Leaf(Family::kDate, scope);
  }
}

Expr ExpressionGen::TimestampExpr(const Scope& scope, int depth, bool risky) {
  switch (rng_.Int(0, 3)) {
    case 0: {
      Expr d = Leaf(Family::kDate, scope);
      return Expr{"CAST(" + d.sql + " AS TIMESTAMP)", DType::kTimestamp, d.has_column};
    }
    case 1: {
      Expr t = Leaf(Family::kTs, scope);
      return Expr{"(" + t.sql + " + INTERVAL '" + std::to_string(rng_.Int(1, 30)) + " hours')",
                  DType::kTimestamp, t.has_column};
    }
    case 2:
      return Case(Family::kTs, scope, depth, risky);
    default:
      return Leaf(Family::kTs, scope);
  }
}

}  // namespace kadedb::difftest
