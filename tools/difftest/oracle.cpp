// The TLP oracle (see oracle.hpp).
#include "oracle.hpp"

#include <cmath>
#include <cstdlib>
#include <set>
#include <string>

#include "comparer.hpp"

namespace kadedb::difftest {

namespace {

std::vector<std::string> Partitions(const SelectCore& core, const std::string& p) {
  return {core.Sql("(" + p + ")"), core.Sql("(NOT (" + p + "))"),
          core.Sql("((" + p + ") IS NULL)")};
}

std::string Show(const ResultSet& r) {
  return r.Render(6);
}

bool IsNumberKind(ValueKind k) {
  return k == ValueKind::kInteger || k == ValueKind::kNumeric || k == ValueKind::kFloat;
}

// Orders two non-null values of one kind (NaN above every number, as PostgreSQL sorts it).
int CompareValues(const std::string& a, const std::string& b, ValueKind kind) {
  if (kind == ValueKind::kDate || kind == ValueKind::kTimestamp) {
    // ISO text sorts like the value only for 4-digit years: 10000-02-04 is after 2024-02-06.
    bool bc_a = a.find(" BC") != std::string::npos, bc_b = b.find(" BC") != std::string::npos;
    if (bc_a != bc_b) return bc_a ? -1 : 1;
    size_t ya = a.find('-'), yb = b.find('-');
    if (ya != yb) return (ya < yb) != bc_a ? -1 : 1;
    int c = a < b ? -1 : a > b ? 1 : 0;
    return bc_a ? -c : c;
  }
  if (!IsNumberKind(kind)) return a < b ? -1 : a > b ? 1 : 0;
  long double x = std::strtold(a.c_str(), nullptr), y = std::strtold(b.c_str(), nullptr);
  bool xn = std::isnan(x), yn = std::isnan(y);
  if (xn || yn) return xn == yn ? 0 : xn ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

std::string FormatNumber(long double v, ValueKind kind) {
  char buf[96];
  if (kind == ValueKind::kInteger) {
    std::snprintf(buf, sizeof buf, "%.0Lf", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.17Lg", v);
  }
  return buf;
}

}  // namespace

OracleOutcome TlpOracle::CheckRows(const SelectCore& core, const std::string& predicate) {
  OracleOutcome out;
  out.kind = "tlp-rows";
  out.sql = core.Sql();
  ResultSet whole = kadedb_.Run(out.sql);
  if (!whole.ok) {
    out.status = OracleOutcome::Status::kSkipped;
    out.detail = "query fails: " + Show(whole);
    return out;
  }
  ResultSet united;
  united.columns = whole.columns;
  std::vector<std::string> parts = Partitions(core, predicate);
  for (const std::string& sql : parts) {
    ResultSet part = kadedb_.Run(sql);
    if (!part.ok) {
      out.status = OracleOutcome::Status::kSkipped;
      out.detail = "partition fails: " + sql + "\n    " + Show(part);
      return out;
    }
    united.rows.insert(united.rows.end(), part.rows.begin(), part.rows.end());
  }
  if (core.distinct) {  // deduplicate the union; rows are cells of text, so exact duplicates
    std::set<Row> seen;
    std::vector<Row> unique;
    for (Row& r : united.rows) {
      if (seen.insert(r).second) unique.push_back(std::move(r));
    }
    united.rows = std::move(unique);
  }
  Comparison c = CompareResults(whole, united, false);
  if (!c.equal && c.kind != "numeric-scale") {
    out.status = OracleOutcome::Status::kFail;
    out.detail = "predicate P: " + predicate + "\n  whole: " + Show(whole) +
                 "\n  P / NOT P / P IS NULL union: " + Show(united) + "\n  (" + c.kind + ": " +
                 c.detail + ")";
  }
  return out;
}

OracleOutcome TlpOracle::CheckAggregate(const SelectCore& core, const std::string& aggregate,
                                        const std::string& argument, const std::string& predicate) {
  OracleOutcome out;
  out.kind = "tlp-aggregate";
  SelectCore agg = core;
  agg.distinct = false;
  agg.items = {aggregate + "(" + argument + ")"};
  out.sql = agg.Sql();
  ResultSet whole = kadedb_.Run(out.sql);
  if (!whole.ok || whole.rows.size() != 1) {
    out.status = OracleOutcome::Status::kSkipped;
    out.detail = "query fails: " + Show(whole);
    return out;
  }
  ValueKind kind = whole.columns[0].kind;
  Cell combined;
  long double sum = 0;
  bool any = false;
  std::string parts_shown;
  for (const std::string& sql : Partitions(agg, predicate)) {
    ResultSet part = kadedb_.Run(sql);
    if (!part.ok || part.rows.size() != 1) {
      out.status = OracleOutcome::Status::kSkipped;
      out.detail = "partition fails: " + sql + "\n    " + Show(part);
      return out;
    }
    const Cell& v = part.rows[0][0];
    parts_shown += " " + (v ? *v : "NULL");
    if (!v) continue;
    if (aggregate == "count" || aggregate == "sum") {
      sum += std::strtold(v->c_str(), nullptr);
      any = true;
    } else if (!combined || (aggregate == "min" ? CompareValues(*v, *combined, kind) < 0
                                                : CompareValues(*v, *combined, kind) > 0)) {
      combined = v;
    }
  }
  if (aggregate == "count" || aggregate == "sum") {
    if (any || aggregate == "count") combined = FormatNumber(sum, kind);
  }
  const Cell& w = whole.rows[0][0];
  bool equal;
  if (!w || !combined) {
    equal = !w && !combined;
  } else if (IsNumberKind(kind)) {
    long double a = std::strtold(w->c_str(), nullptr), b = std::strtold(combined->c_str(), nullptr);
    equal = (std::isnan(a) && std::isnan(b)) || a == b ||
            std::fabs(a - b) <= 1e-9L * std::max(std::fabs(a), std::fabs(b));
  } else {
    equal = *w == *combined;
  }
  if (!equal) {
    out.status = OracleOutcome::Status::kFail;
    out.detail = "predicate P: " + predicate + "\n  whole: " + (w ? *w : "NULL") +
                 "\n  partitions:" + parts_shown + " -> combined " +
                 (combined ? *combined : "NULL");
  }
  return out;
}

}  // namespace kadedb::difftest
