// Random SELECT generation by construct (see query_gen.hpp). Failing statements and DML live in
// error_query_gen.cpp.
#include "query_gen.hpp"

#include <string>

namespace kadedb::difftest {

const char* CategoryName(QueryCategory c) {
  switch (c) {
    case QueryCategory::kSelect:
      return "select";
    case QueryCategory::kJoin:
      return "join";
    case QueryCategory::kSubquery:
      return "subquery";
    case QueryCategory::kAggregate:
      return "aggregate";
    case QueryCategory::kWindow:
      return "window";
    case QueryCategory::kSetOp:
      return "setop";
    case QueryCategory::kOrderLimit:
      return "order-limit";
    case QueryCategory::kError:
      return "error";
    case QueryCategory::kDml:
      return "dml";
  }
  return "?";
}

std::string SelectCore::Sql(const std::string& extra) const {
  std::string sql = distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < items.size(); ++i) sql += (i ? ", " : "") + items[i];
  sql += " FROM " + from;
  if (!where.empty() && !extra.empty()) {
    sql += " WHERE (" + where + ") AND " + extra;
  } else if (!where.empty()) {
    sql += " WHERE " + where;
  } else if (!extra.empty()) {
    sql += " WHERE " + extra;
  }
  return sql;
}

QueryGen::QueryGen(RandomSource& rng, const Schema& schema)
    : rng_(rng), schema_(schema), expr_(rng) {
  expr_.subquery_predicate = [this](const Scope& s) { return SubqueryPredicate(s); };
  expr_.scalar_subquery = [this](Family f, const Scope& s) { return ScalarSubquery(f, s); };
}

std::string QueryGen::NewAlias(const std::string& prefix) {
  return prefix + std::to_string(alias_counter_++);
}

std::string QueryGen::TableRef(const TableDef& t, const std::string& alias, Scope* scope) {
  for (const ColumnDef& c : t.columns)
    scope->push_back({alias + "." + c.name, c.type, !c.not_null});
  return t.name + " " + alias;
}

std::string QueryGen::DerivedTable(const std::string& alias, Scope* scope) {
  Scope inner;
  std::string from = TableRef(rng_.Pick(schema_.tables), NewAlias("i"), &inner);
  int n = static_cast<int>(rng_.Int(1, 3));
  std::string sql = rng_.Chance(0.3) ? "(SELECT DISTINCT " : "(SELECT ";
  for (int i = 0; i < n; ++i) {
    std::vector<Family> fams = expr_.FamiliesIn(inner);
    Expr e = expr_.Generate(rng_.Pick(fams), inner, 1, false);
    sql += (i ? ", " : "") + e.sql + " AS x" + std::to_string(i);
    scope->push_back({alias + ".x" + std::to_string(i), e.type, true, !e.has_column});
  }
  sql += " FROM " + from;
  if (rng_.Chance(0.6)) sql += " WHERE " + expr_.Predicate(inner, 1);
  return sql + ") " + alias;
}

std::string QueryGen::JoinCondition(const Scope& left, const Scope& right, bool equi_only) {
  // An equality between columns of one family, one from each side, when there is one.
  std::vector<std::pair<const ScopeColumn*, const ScopeColumn*>> pairs;
  for (const ScopeColumn& l : left) {
    for (const ScopeColumn& r : right) {
      Family f = FamilyOf(l.type);
      if (f == FamilyOf(r.type) && f != Family::kBool) pairs.push_back({&l, &r});
    }
  }
  std::string cond;
  if (!pairs.empty()) {
    auto [l, r] = rng_.Pick(pairs);
    cond = l->ref + " = " + r->ref;
  }
  if (equi_only) return cond;
  Scope both = left;
  both.insert(both.end(), right.begin(), right.end());
  if (cond.empty() || rng_.Chance(0.25)) return expr_.Predicate(both, 2);
  if (rng_.Chance(0.3)) cond += " AND " + expr_.Predicate(both, 1);
  return cond;
}

std::string QueryGen::From(int max_tables, bool allow_derived, Scope* scope) {
  int n = static_cast<int>(rng_.Int(1, max_tables));
  std::string from;
  // In "a, b JOIN c ON ..." the ON sees only b and c: a comma binds looser than JOIN.
  Scope visible;
  for (int i = 0; i < n; ++i) {
    Scope right;
    std::string alias = std::string(1, static_cast<char>('a' + i));
    std::string ref = allow_derived && rng_.Chance(0.12)
                          ? DerivedTable(alias, &right)
                          : TableRef(rng_.Pick(schema_.tables), alias, &right);
    if (i == 0) {
      from = ref;
    } else {
      static const std::vector<std::string> kJoins = {"JOIN",      "LEFT JOIN",  "RIGHT JOIN",
                                                      "FULL JOIN", "CROSS JOIN", "INNER JOIN",
                                                      "LEFT JOIN", ","};
      std::string kind = rng_.Pick(kJoins);
      // PostgreSQL runs FULL JOIN only on hash- or merge-joinable (equality) conditions.
      std::string cond = kind == "FULL JOIN" ? JoinCondition(visible, right, true)
                                             : JoinCondition(visible, right, false);
      if (kind == "FULL JOIN" && cond.empty()) kind = "CROSS JOIN";
      if (kind == ",") visible.clear();
      if (kind == "CROSS JOIN" || kind == ",") {
        from += (kind == "," ? ", " : " CROSS JOIN ") + ref;
      } else {
        from += " " + kind + " " + ref + " ON " + cond;
      }
    }
    scope->insert(scope->end(), right.begin(), right.end());
    visible.insert(visible.end(), right.begin(), right.end());
  }
  return from;
}

std::vector<Expr> QueryGen::Items(const Scope& scope, int n, bool risky) {
  std::vector<Expr> out;
  std::vector<Family> fams = expr_.FamiliesIn(scope);
  fams.push_back(Family::kNum);
  for (int i = 0; i < n; ++i) out.push_back(expr_.Generate(rng_.Pick(fams), scope, 2, risky));
  return out;
}

std::string QueryGen::OrderByAll(size_t ncols, bool* total) {
  // Every output column in a random order and direction: a total order of distinguishable rows.
  std::vector<size_t> cols;
  for (size_t i = 1; i <= ncols; ++i) cols.push_back(i);
  for (size_t i = cols.size(); i > 1; --i) std::swap(cols[i - 1], cols[rng_.Int(0, i - 1)]);
  *total = true;
  if (rng_.Chance(0.2) && ncols > 1) {
    cols.pop_back();  // partial: compare as a multiset, never with LIMIT
    *total = false;
  }
  std::string sql = " ORDER BY ";
  for (size_t i = 0; i < cols.size(); ++i) {
    sql += (i ? ", " : "") + std::to_string(cols[i]);
    if (rng_.Chance(0.4)) sql += " DESC";
    if (rng_.Chance(0.2)) sql += rng_.Chance(0.5) ? " NULLS FIRST" : " NULLS LAST";
  }
  return sql;
}

Query QueryGen::PlainSelect(QueryCategory category, int max_tables) {
  Query q;
  q.category = category;
  Scope scope;
  std::string from = From(max_tables, true, &scope);
  std::vector<Expr> items = Items(scope, static_cast<int>(rng_.Int(1, 4)), true);
  q.sql = rng_.Chance(0.15) ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < items.size(); ++i) q.sql += (i ? ", " : "") + items[i].sql;
  q.sql += " FROM " + from;
  if (rng_.Chance(0.7)) q.sql += " WHERE " + expr_.Predicate(scope, 2);
  if (category == QueryCategory::kOrderLimit || rng_.Chance(0.2)) {
    bool total = false;
    q.sql += OrderByAll(items.size(), &total);
    q.ordered = total;
    if (total && (category == QueryCategory::kOrderLimit || rng_.Chance(0.5))) {
      q.sql +=
          " LIMIT " + std::to_string(rng_.Int(1, 6));  // LIMIT 0 evaluates nothing in PostgreSQL
      if (rng_.Chance(0.3)) q.sql += " OFFSET " + std::to_string(rng_.Int(0, 4));
    }
  }
  return q;
}

std::string QueryGen::SubqueryPredicate(const Scope& outer) {
  if (subquery_depth_ >= 2) return "";
  ++subquery_depth_;
  Scope inner;
  std::string alias = NewAlias("s");
  std::string from = TableRef(rng_.Pick(schema_.tables), alias, &inner);
  Scope both = outer;
  both.insert(both.end(), inner.begin(), inner.end());
  // Correlated half of the time: the inner predicate sees the outer columns.
  std::string where = expr_.Predicate(rng_.Chance(0.5) ? both : inner, 1);
  std::string out;
  int64_t kind = rng_.Int(0, 3);
  if (kind == 0) {
    out = std::string(rng_.Chance(0.3) ? "(NOT " : "(") + "EXISTS (SELECT 1 FROM " + from +
          " WHERE " + where + "))";
  } else {
    std::vector<Family> fams = expr_.FamiliesIn(inner);
    Family f = rng_.Pick(fams);
    if (f == Family::kBool) f = Family::kNum;
    Expr in_item = expr_.Generate(f, inner, 1, false);
    Expr probe = expr_.Generate(f, outer, 1, false);
    std::string sub = "(SELECT " + in_item.sql + " FROM " + from + " WHERE " + where + ")";
    if (kind == 1) {
      out = "(" + probe.sql + " IN " + sub + ")";
    } else if (kind == 2) {
      out = "(" + probe.sql + " NOT IN " + sub + ")";
    } else {
      out = "(" + probe.sql + " " + rng_.Pick(std::vector<std::string>{"=", "<", ">=", "<>"}) +
            " " + (rng_.Chance(0.5) ? "ANY " : "ALL ") + sub + ")";
    }
  }
  --subquery_depth_;
  return out;
}

std::string QueryGen::ScalarSubquery(Family f, const Scope& outer) {
  if (subquery_depth_ >= 2) return "";
  ++subquery_depth_;
  Scope inner;
  std::string from = TableRef(rng_.Pick(schema_.tables), NewAlias("s"), &inner);
  Scope both = outer;
  both.insert(both.end(), inner.begin(), inner.end());
  std::string agg;
  Expr col = expr_.Column(f, inner);
  if (f == Family::kNum && (col.sql.empty() || rng_.Chance(0.3))) {
    agg = "count(*)";
  } else if (!col.sql.empty() && f != Family::kBool) {
    agg = (rng_.Chance(0.5) ? "max(" : "min(") + col.sql + ")";
  }
  std::string out;
  if (!agg.empty()) {
    out = "(SELECT " + agg + " FROM " + from + " WHERE " +
          expr_.Predicate(rng_.Chance(0.6) ? both : inner, 1) + ")";
  }
  --subquery_depth_;
  return out;
}

Query QueryGen::Subquery() {
  Query q;
  q.category = QueryCategory::kSubquery;
  Scope scope;
  std::string from = From(2, true, &scope);
  std::vector<Expr> items = Items(scope, static_cast<int>(rng_.Int(1, 3)), false);
  std::string sub = ScalarSubquery(Family::kNum, scope);
  if (!sub.empty() && rng_.Chance(0.5)) items.push_back(Expr{sub, DType::kBigInt, false});
  q.sql = "SELECT ";
  for (size_t i = 0; i < items.size(); ++i) q.sql += (i ? ", " : "") + items[i].sql;
  q.sql += " FROM " + from;
  std::string pred = SubqueryPredicate(scope);
  if (pred.empty()) pred = expr_.Predicate(scope, 1);
  if (rng_.Chance(0.3)) pred += " AND " + expr_.Predicate(scope, 1);
  q.sql += " WHERE " + pred;
  return q;
}

Query QueryGen::Aggregate() {
  Query q;
  q.category = QueryCategory::kAggregate;
  Scope scope;
  std::string from = From(2, true, &scope);
  std::vector<std::string> keys;
  int nkeys = static_cast<int>(rng_.Int(0, 2));
  for (int i = 0; i < nkeys; ++i) {
    const ScopeColumn& c = rng_.Pick(scope);
    keys.push_back(c.ref);
  }
  std::vector<std::string> items = keys;
  int naggs = static_cast<int>(rng_.Int(1, 3));
  for (int i = 0; i < naggs; ++i) {
    Expr num = expr_.Generate(Family::kNum, scope, 1, false);
    std::vector<Family> fams = expr_.FamiliesIn(scope);
    Family f = rng_.Pick(fams);
    Expr any = expr_.Generate(f, scope, 1, false);
    std::string agg;
    switch (rng_.Int(0, 11)) {
      case 0:
        agg = "count(*)";
        break;
      case 1:
        agg = "count(" + any.sql + ")";
        break;
      case 2:
        agg = "count(DISTINCT " + any.sql + ")";
        break;
      case 3:
        agg = "sum(" + num.sql + ")";
        break;
      case 4:
        agg = "avg(" + num.sql + ")";
        break;
      case 5:
        agg = f == Family::kBool ? "bool_and(" + any.sql + ")" : "min(" + any.sql + ")";
        break;
      case 6:
        agg = f == Family::kBool ? "bool_or(" + any.sql + ")" : "max(" + any.sql + ")";
        break;
      case 7:
        agg = "sum(" + num.sql + ") FILTER (WHERE " + expr_.Predicate(scope, 1) + ")";
        break;
      case 8:
        agg = "count(*) FILTER (WHERE " + expr_.Predicate(scope, 1) + ")";
        break;
      case 9:
        agg = "sum(DISTINCT " + num.sql + ")";
        break;
      case 10: {
        Expr s = expr_.Generate(Family::kStr, scope, 1, false);
        agg = "string_agg(" + s.sql + ", ',' ORDER BY " + s.sql + ")";
        break;
      }
      default:
        agg = "(count(*) + " + std::to_string(rng_.Int(0, 5)) + ")";
        break;
    }
    items.push_back(agg);
  }
  q.sql = "SELECT ";
  for (size_t i = 0; i < items.size(); ++i) q.sql += (i ? ", " : "") + items[i];
  q.sql += " FROM " + from;
  if (rng_.Chance(0.5)) q.sql += " WHERE " + expr_.Predicate(scope, 1);
  if (!keys.empty()) {
    q.sql += " GROUP BY ";
    for (size_t i = 0; i < keys.size(); ++i) q.sql += (i ? ", " : "") + keys[i];
    if (rng_.Chance(0.4)) {
      Expr num = expr_.Generate(Family::kNum, scope, 1, false);
      q.sql += rng_.Chance(0.5) ? " HAVING count(*) > " + std::to_string(rng_.Int(0, 2))
                                : " HAVING max(" + num.sql + ") IS NOT NULL";
    }
  }
  if (rng_.Chance(0.3)) {
    bool total = false;
    q.sql += OrderByAll(items.size(), &total);
    q.ordered = total;
    if (total && rng_.Chance(0.5)) q.sql += " LIMIT " + std::to_string(rng_.Int(1, 5));
  }
  return q;
}

Query QueryGen::Window() {
  Query q;
  q.category = QueryCategory::kWindow;
  const TableDef& t = rng_.Pick(schema_.tables);
  Scope scope;
  std::string from = TableRef(t, "a", &scope);
  const ScopeColumn& part = rng_.Pick(scope);
  Scope orderable;
  for (const ScopeColumn& c : scope) {
    if (c.type != DType::kBoolean) orderable.push_back(c);
  }
  const ScopeColumn& ord = rng_.Pick(orderable.empty() ? scope : orderable);
  Expr num = expr_.Generate(Family::kNum, scope, 1, false);
  std::string pk = t.pk >= 0 ? "a." + t.columns[t.pk].name : "";
  std::string partition = rng_.Chance(0.6) ? "PARTITION BY " + part.ref + " " : "";
  std::vector<std::string> fns = {
      "rank() OVER (" + partition + "ORDER BY " + ord.ref + ")",
      "dense_rank() OVER (" + partition + "ORDER BY " + ord.ref + " DESC)",
      "sum(" + num.sql + ") OVER (" + partition + ")",
      "count(*) OVER (" + partition + ")",
      "max(" + ord.ref + ") OVER (" + partition + "ORDER BY " + ord.ref + ")",
      "avg(" + num.sql + ") OVER ()",
  };
  if (!pk.empty()) {  // functions that depend on the order of peers need a total order
    fns.push_back("row_number() OVER (" + partition + "ORDER BY " + pk + ")");
    fns.push_back("lag(" + ord.ref + ") OVER (ORDER BY " + pk + ")");
    fns.push_back("lead(" + num.sql + ", 2) OVER (" + partition + "ORDER BY " + pk + " DESC)");
    fns.push_back("first_value(" + ord.ref + ") OVER (" + partition + "ORDER BY " + pk + ")");
    fns.push_back("sum(" + num.sql + ") OVER (ORDER BY " + pk +
                  " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)");
    fns.push_back("ntile(3) OVER (ORDER BY " + pk + ")");
  }
  std::vector<Expr> items = Items(scope, static_cast<int>(rng_.Int(1, 2)), false);
  q.sql = "SELECT ";
  for (const Expr& e : items) q.sql += e.sql + ", ";
  q.sql += rng_.Pick(fns);
  if (rng_.Chance(0.3)) q.sql += ", " + rng_.Pick(fns);
  q.sql += " FROM " + from;
  if (rng_.Chance(0.4)) q.sql += " WHERE " + expr_.Predicate(scope, 1);
  return q;
}

Query QueryGen::SetOperation() {
  Query q;
  q.category = QueryCategory::kSetOp;
  int ncols = static_cast<int>(rng_.Int(1, 3));
  std::vector<Family> fams;
  static const std::vector<Family> kAll = {Family::kNum, Family::kNum, Family::kStr, Family::kBool,
                                           Family::kDate};
  for (int i = 0; i < ncols; ++i) fams.push_back(rng_.Pick(kAll));
  auto side = [&]() {
    Scope scope;
    std::string from = From(2, false, &scope);
    std::string sql = "SELECT ";
    for (int i = 0; i < ncols; ++i) {
      sql += (i ? ", " : "") + expr_.Generate(fams[i], scope, 1, false).sql;
    }
    sql += " FROM " + from;
    if (rng_.Chance(0.6)) sql += " WHERE " + expr_.Predicate(scope, 1);
    return sql;
  };
  static const std::vector<std::string> kOps = {"UNION",         "UNION ALL", "INTERSECT",
                                                "INTERSECT ALL", "EXCEPT",    "EXCEPT ALL"};
  q.sql = side() + " " + rng_.Pick(kOps) + " " + side();
  if (rng_.Chance(0.2)) q.sql += " " + rng_.Pick(kOps) + " " + side();
  if (rng_.Chance(0.3)) {
    bool total = false;
    q.sql += OrderByAll(ncols, &total);
    q.ordered = total;
    if (total && rng_.Chance(0.5)) q.sql += " LIMIT " + std::to_string(rng_.Int(1, 5));
  }
  return q;
}

SelectCore QueryGen::GenerateCore() {
  SelectCore core;
  core.from = From(3, true, &core.scope);
  for (const Expr& e : Items(core.scope, static_cast<int>(rng_.Int(1, 3)), false)) {
    core.items.push_back(e.sql);
  }
  if (rng_.Chance(0.4)) core.where = expr_.Predicate(core.scope, 1);
  core.distinct = rng_.Chance(0.15);
  return core;
}

Query QueryGen::Generate() {
  int64_t pick = rng_.Int(0, 99);
  if (pick < 14) return PlainSelect(QueryCategory::kSelect, 1);
  if (pick < 30) return PlainSelect(QueryCategory::kJoin, 3);
  if (pick < 44) return Subquery();
  if (pick < 60) return Aggregate();
  if (pick < 66) return Window();
  if (pick < 76) return SetOperation();
  if (pick < 84) return PlainSelect(QueryCategory::kOrderLimit, 2);
  if (pick < 92) return ErrorQuery();
  return Dml();
}

}  // namespace kadedb::difftest
