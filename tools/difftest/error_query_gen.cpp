// Generation of statements that must fail (each aimed at one SQLSTATE PostgreSQL raises) and of
// DML, which the tester runs between BEGIN and ROLLBACK so the data stays the same for later
// queries (see query_gen.hpp).
#include <string>

#include "query_gen.hpp"

namespace kadedb::difftest {

namespace {

const ColumnDef* FindColumn(const TableDef& t, Family f, bool want_not_null = false) {
  for (const ColumnDef& c : t.columns) {
    if (FamilyOf(c.type) == f && (!want_not_null || c.not_null)) return &c;
  }
  return nullptr;
}

}  // namespace

Query QueryGen::ErrorQuery() {
  Query q;
  q.category = QueryCategory::kError;
  const TableDef& t = rng_.Pick(schema_.tables);
  const TableDef& u = rng_.Pick(schema_.tables);
  const ColumnDef* num = FindColumn(t, Family::kNum);
  const ColumnDef* str = FindColumn(t, Family::kStr);
  switch (rng_.Int(0, 16)) {
    case 0:
      q.sql = "SELECT a.nosuch FROM " + t.name + " a";
      break;  // 42703
    case 1:
      q.sql = "SELECT * FROM nosuch_table";
      break;  // 42P01
    case 2:
      q.sql = "SELECT c0 FROM " + t.name + " a, " + u.name + " b";
      break;  // 42702
    case 3:
      q.sql = "SELECT a.c0 FROM " + t.name + " a WHERE";
      break;  // 42601
    case 4:
      q.sql = "SELEC a.c0 FROM " + t.name + " a";
      break;  // 42601
    case 5:
      q.sql = "SELECT a.c0 FROM " + t.name + " a WHERE 1";
      break;  // 42804
    case 6:   // 42804
      q.sql =
          "SELECT CASE WHEN a.c0 IS NULL THEN 1 ELSE CAST('x' AS TEXT) END FROM " + t.name + " a";
      break;
    case 7:
      q.sql = "SELECT 1 UNION SELECT CAST('a' AS TEXT)";
      break;  // 42804
    case 8:   // 42883
      if (num && str) {
        q.sql = "SELECT a." + num->name + " = a." + str->name + " FROM " + t.name + " a";
      } else {
        q.sql = "SELECT nosuch_function(1)";
      }
      break;
    case 9:
      q.sql = "SELECT CAST('abc' AS INTEGER)";
      break;  // 22P02
    case 10:
      q.sql = "SELECT 1 / 0";
      break;  // 22012
    case 11:
      q.sql = "SELECT 2147483647 + 1";
      break;  // 22003
    case 12:
      q.sql = "SELECT count(*) FROM " + t.name + " a WHERE count(*) > 1";
      break;  // 42803
    case 13:  // 42803
      q.sql = "SELECT a." + t.columns.back().name + ", count(*) FROM " + t.name + " a GROUP BY a." +
              t.columns[t.columns.size() > 2 ? 1 : 0].name;
      if (t.columns.size() <= 2)
        q.sql = "SELECT a.c1, count(*) FROM " + t.name + " a GROUP BY a.c0 + 1";
      break;
    case 14:
      q.sql = "SELECT (SELECT b.c0 FROM " + u.name + " b) FROM " + t.name + " a";
      break;  // 21000
    case 15:
      q.sql = "SELECT a.c0 FROM " + t.name + " a ORDER BY 7";
      break;  // 42P10
    default:  // 42P01: a comma binds looser than JOIN, so the ON cannot see a
      q.sql =
          "SELECT 1 FROM " + t.name + " a, " + u.name + " b JOIN " + t.name + " c ON a.c0 = c.c0";
      break;
  }
  return q;
}

Query QueryGen::Dml() {
  Query q;
  q.category = QueryCategory::kDml;
  q.in_transaction = true;
  const TableDef& t = rng_.Pick(schema_.tables);
  Scope scope;
  TableRef(t, t.name, &scope);  // DML names columns through the table name
  std::string where = rng_.Chance(0.7) ? " WHERE " + expr_.Predicate(scope, 1) : "";
  if (rng_.Chance(0.3)) {
    // Data-modifying CTEs: run once, and the rest of the statement sees the table as it was.
    const std::string& c0 = t.columns[0].name;
    const std::string& last = t.columns.back().name;
    switch (rng_.Int(0, 4)) {
      case 0:
        q.sql = "WITH d AS (DELETE FROM " + t.name + where + " RETURNING *) SELECT * FROM d";
        break;
      case 1:
        q.sql = "WITH d AS (DELETE FROM " + t.name + where + " RETURNING " + c0 +
                ") SELECT (SELECT count(*) FROM " + t.name + "), (SELECT count(*) FROM d)";
        break;
      case 2:
        q.sql = "WITH u AS (UPDATE " + t.name + " SET " + last + " = NULL" + where +
                " RETURNING *) SELECT * FROM " + t.name;
        break;
      case 3:
        q.sql = "WITH d AS (DELETE FROM " + t.name + where + " RETURNING *) INSERT INTO " + t.name +
                " SELECT * FROM d RETURNING *";
        break;
      default:
        q.sql = "WITH i AS (INSERT INTO " + t.name + " SELECT * FROM " + t.name + where +
                " RETURNING *) SELECT count(*) FROM i";
        break;
    }
    return q;
  }
  switch (rng_.Int(0, 7)) {
    case 0:  // 23505 when the table has a key and rows
      q.sql = "INSERT INTO " + t.name + " SELECT * FROM " + t.name;
      break;
    case 1: {  // 23502
      const ColumnDef* nn = nullptr;
      for (const ColumnDef& c : t.columns) {
        if (c.not_null) nn = &c;
      }
      q.sql =
          "INSERT INTO " + t.name + " (" + (nn ? nn->name : t.columns[0].name) + ") VALUES (NULL)";
      break;
    }
    case 2: {  // 22003 on large values, else an update count
      const ColumnDef* n = FindColumn(t, Family::kNum);
      q.sql = "UPDATE " + t.name + " SET " + n->name + " = " + n->name + " * 1000000" + where +
              " RETURNING *";
      break;
    }
    case 3: {  // 22001 for short varchars
      const ColumnDef* s = FindColumn(t, Family::kStr);
      if (!s) s = &t.columns.back();
      q.sql = "UPDATE " + t.name + " SET " + s->name + " = " +
              (FamilyOf(s->type) == Family::kStr ? "'a string too long'" : s->name) + where +
              " RETURNING *";
      break;
    }
    case 4:
      q.sql = "DELETE FROM " + t.name + where + " RETURNING *";
      break;
    case 5: {
      std::string values = "(";
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const ColumnDef& c = t.columns[i];
        values += (i ? ", " : "") + (c.primary_key ? std::to_string(rng_.Int(1000, 2000)) : "NULL");
      }
      q.sql = "INSERT INTO " + t.name + " VALUES " + values + ") RETURNING *";
      break;
    }
    case 6: {  // 22003 numeric field overflow when the column is NUMERIC
      const ColumnDef* n = FindColumn(t, Family::kNum);
      // Row-dependent: PostgreSQL folds a constant assignment's cast at plan time.
      q.sql = "UPDATE " + t.name + " SET " + n->name + " = " + n->name +
              " + 123456789012345678901234567.5" + where;
      break;
    }
    default:
      q.sql = "UPDATE " + t.name + " SET " + t.columns.back().name + " = NULL" + where;
      break;
  }
  return q;
}

}  // namespace kadedb::difftest
