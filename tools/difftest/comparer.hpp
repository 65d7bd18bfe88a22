// Comparer: decides whether two normalised answers agree. Floats compare with a relative
// tolerance, numerics as exact decimals (a differing scale alone is its own kind), everything
// else as PostgreSQL's text output; rows in order or as multisets.
#pragma once

#include <string>

#include "result_set.hpp"

namespace kadedb::difftest {

struct Comparison {
  bool equal = true;
  // When !equal: "column-count", "row-count", "value", "order", "result-type", "numeric-scale",
  // "numeric-precision" (equal values, PostgreSQL's wider than KadeDB's 38 digits).
  std::string kind;
  std::string detail;  // the first differing row or column, for the report
};

// REQUIRES: pg.ok && kd.ok.
Comparison CompareResults(const ResultSet& pg, const ResultSet& kd, bool ordered);

// Rows sorted into a canonical order (for multiset comparison and the oracle).
std::vector<Row> CanonicalRows(const ResultSet& r, const std::vector<ValueKind>& kinds);

// Whether two cells hold the same value under kind (see above); *scale_only is set when they
// are equal decimals written with different scales.
bool CellsEqual(const Cell& a, const Cell& b, ValueKind kind, bool* scale_only);

// The exact decimal a numeric text denotes, without trailing zeros ("-0.50" -> "-0.5").
std::string CanonicalDecimal(const std::string& s);

}  // namespace kadedb::difftest
