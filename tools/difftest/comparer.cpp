// Result comparison (see comparer.hpp).
#include "comparer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace kadedb::difftest {

namespace {

constexpr double kRelativeTolerance = 1e-9;

double ParseFloat(const std::string& s) {
  return std::strtod(s.c_str(), nullptr);
}

bool FloatsEqual(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  double diff = std::fabs(a - b);
  return diff <= 1e-12 || diff <= kRelativeTolerance * std::max(std::fabs(a), std::fabs(b));
}

// The kind a pair of columns compares under: the loosest of the two.
ValueKind PairKind(ValueKind a, ValueKind b) {
  if (a == b) return a;
  if (a == ValueKind::kFloat || b == ValueKind::kFloat) return ValueKind::kFloat;
  auto numeric = [](ValueKind k) { return k == ValueKind::kNumeric || k == ValueKind::kInteger; };
  if (numeric(a) && numeric(b)) return ValueKind::kNumeric;
  return ValueKind::kText;
}

// `fine`: floats with all their digits, to order rows whose coarse (tolerance-proof) keys tie.
std::string SortKey(const Cell& c, ValueKind kind, bool fine = false) {
  if (!c) return std::string("\x01", 1);
  if (kind == ValueKind::kFloat) {
    double d = ParseFloat(*c);
    if (std::isnan(d)) return "~nan";
    if (d == 0) d = 0;  // -0 equals 0 (FloatsEqual): sort them alike so the rows line up
    char buf[64];
    std::snprintf(buf, sizeof buf, fine ? "%.17e" : "%.8e", d);
    return buf;
  }
  if (kind == ValueKind::kNumeric || kind == ValueKind::kInteger) return CanonicalDecimal(*c);
  return *c;
}

std::string RenderRow(const Row& row) {
  std::string s = "(";
  for (size_t i = 0; i < row.size(); ++i) s += (i ? ", " : "") + (row[i] ? *row[i] : "NULL");
  return s + ")";
}

}  // namespace

std::string CanonicalDecimal(const std::string& in) {
  std::string s = in;
  bool neg = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s = s.substr(1);
  size_t dot = s.find('.');
  if (dot != std::string::npos && s.find_first_of("eE") == std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  size_t lead = 0;
  while (lead + 1 < s.size() && s[lead] == '0' && s[lead + 1] != '.') ++lead;
  s = s.substr(lead);
  if (s.empty() || s == "0") return "0";
  return neg ? "-" + s : s;
}

namespace {

size_t DigitCount(const std::string& s) {
  size_t n = 0;
  for (char ch : s) n += ch >= '0' && ch <= '9';
  return n;
}

// A plain decimal (no exponent) rounded half away from zero to `scale` fraction digits.
std::string RoundDecimal(const std::string& in, size_t scale) {
  std::string s = in;
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s = s.substr(1);
  size_t dot = s.find('.');
  if (dot == std::string::npos || s.size() - dot - 1 <= scale) return in;
  bool up = s[dot + 1 + scale] >= '5';
  s = s.substr(0, scale ? dot + 1 + scale : dot);
  for (size_t i = s.size(); up && i-- > 0;) {
    if (s[i] == '.') continue;
    if (s[i] == '9') {
      s[i] = '0';
    } else {
      ++s[i];
      up = false;
    }
  }
  if (up) s = "1" + s;
  return neg ? "-" + s : s;
}

}  // namespace

bool CellsEqual(const Cell& a, const Cell& b, ValueKind kind, bool* scale_only) {
  if (!a || !b) return !a && !b;
  if (*a == *b) return true;
  switch (kind) {
    case ValueKind::kFloat:
      return FloatsEqual(ParseFloat(*a), ParseFloat(*b));
    case ValueKind::kNumeric:
    case ValueKind::kInteger:
      if (CanonicalDecimal(*a) == CanonicalDecimal(*b)) {
        *scale_only = true;
        return true;
      }
      // A PostgreSQL value (a) wider than KadeDB's 38 digits that KadeDB holds rounded to its
      // own (smaller) scale: the numeric-precision kind, checked again by the caller.
      if (DigitCount(*a) > 38 && a->find_first_of("eE") == std::string::npos) {
        size_t dot = b->find('.');
        size_t scale = dot == std::string::npos ? 0 : b->size() - dot - 1;
        if (CanonicalDecimal(RoundDecimal(*a, scale)) == CanonicalDecimal(*b)) {
          *scale_only = true;
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

std::vector<Row> CanonicalRows(const ResultSet& r, const std::vector<ValueKind>& kinds) {
  std::vector<std::pair<std::string, size_t>> keys;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    std::string k;
    for (size_t c = 0; c < r.rows[i].size(); ++c) k += SortKey(r.rows[i][c], kinds[c]) + '\x02';
    // Rows equal to 8 digits (2147483612.5 and 2147483609.5) still need one order in both
    // results, or they pair up wrongly: break ties on the full values.
    k += '\x03';
    for (size_t c = 0; c < r.rows[i].size(); ++c) {
      k += SortKey(r.rows[i][c], kinds[c], true) + '\x02';
    }
    keys.push_back({k, i});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Row> out;
  for (auto& [k, i] : keys) out.push_back(r.rows[i]);
  return out;
}

Comparison CompareResults(const ResultSet& pg, const ResultSet& kd, bool ordered) {
  Comparison c;
  if (pg.columns.size() != kd.columns.size()) {
    c = {false, "column-count",
         std::to_string(pg.columns.size()) + " vs " + std::to_string(kd.columns.size()) +
             " columns"};
    return c;
  }
  if (pg.rows.size() != kd.rows.size()) {
    c = {false, "row-count",
         std::to_string(pg.rows.size()) + " vs " + std::to_string(kd.rows.size()) + " rows"};
    return c;
  }
  std::vector<ValueKind> kinds;
  for (size_t i = 0; i < pg.columns.size(); ++i) {
    kinds.push_back(PairKind(pg.columns[i].kind, kd.columns[i].kind));
  }
  std::vector<Row> a = ordered ? pg.rows : CanonicalRows(pg, kinds);
  std::vector<Row> b = ordered ? kd.rows : CanonicalRows(kd, kinds);
  bool scale_only = false;
  for (size_t r = 0; r < a.size(); ++r) {
    for (size_t col = 0; col < kinds.size(); ++col) {
      if (!CellsEqual(a[r][col], b[r][col], kinds[col], &scale_only)) {
        std::string where =
            ordered ? "row " + std::to_string(r + 1) : "sorted row " + std::to_string(r + 1);
        // An ordered mismatch of equal multisets is an ordering bug, not a value bug.
        if (ordered && CompareResults(pg, kd, false).equal) {
          return {false, "order", where + ": " + RenderRow(a[r]) + " vs " + RenderRow(b[r])};
        }
        return {false, "value",
                where + ", column " + std::to_string(col + 1) + ": " + RenderRow(a[r]) + " vs " +
                    RenderRow(b[r])};
      }
    }
  }
  for (size_t i = 0; i < pg.columns.size(); ++i) {
    if (pg.columns[i].type != kd.columns[i].type) {
      return {false, "result-type",
              "column " + std::to_string(i + 1) + ": " + pg.columns[i].type + " vs " +
                  kd.columns[i].type};
    }
  }
  if (scale_only) {
    // KadeDB's decimals hold 38 digits by design (kadedb/value.hpp): a PostgreSQL result wider
    // than that loses trailing zeros of its scale there, or digits past its 38-digit scale
    // (rounded). That is its own, documented kind.
    for (const Row& row : pg.rows) {
      for (size_t col = 0; col < kinds.size(); ++col) {
        if (kinds[col] != ValueKind::kNumeric || !row[col]) continue;
        size_t digits = 0;
        for (char ch : *row[col]) digits += ch >= '0' && ch <= '9';
        if (digits > 38) {
          return {false, "numeric-precision", "a result wider than 38 digits: " + *row[col]};
        }
      }
    }
    return {false, "numeric-scale", "same decimal values written with another scale"};
  }
  return c;
}

std::string ResultSet::Render(size_t max_rows) const {
  if (!ok) return "ERROR " + sqlstate + ": " + message;
  if (columns.empty()) return "OK (" + std::to_string(rows_affected) + " rows affected)";
  std::string s = "[";
  for (size_t i = 0; i < columns.size(); ++i) s += (i ? ", " : "") + columns[i].type;
  s += "] " + std::to_string(rows.size()) + " rows";
  for (size_t r = 0; r < rows.size() && r < max_rows; ++r) s += "\n      " + RenderRow(rows[r]);
  if (rows.size() > max_rows)
    s += "\n      ... " + std::to_string(rows.size() - max_rows) + " more";
  return s;
}

}  // namespace kadedb::difftest
