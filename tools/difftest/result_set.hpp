// ResultSet: one engine's answer to one statement, normalised for comparison: an error with its
// SQLSTATE, or columns (with a coarse type) and rows of PostgreSQL-style text values.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kadedb::difftest {

// How a column's values compare: exactly as text, as exact decimals, or as floats with a
// tolerance.
enum class ValueKind : uint8_t {
  kInteger,
  kNumeric,
  kFloat,
  kBoolean,
  kText,
  kDate,
  kTimestamp,
  kOther
};

struct ResultColumn {
  std::string
      type;  // canonical name: "integer", "bigint", "numeric", "double precision", "text"...
  ValueKind kind = ValueKind::kOther;
};

using Cell = std::optional<std::string>;  // nullopt is NULL
using Row = std::vector<Cell>;

struct ResultSet {
  bool ok = true;
  std::string sqlstate;  // when !ok
  std::string message;   // when !ok
  std::vector<ResultColumn> columns;
  std::vector<Row> rows;
  uint64_t rows_affected = 0;  // statements without rows

  static ResultSet Error(std::string state, std::string msg) {
    ResultSet r;
    r.ok = false;
    r.sqlstate = std::move(state);
    r.message = std::move(msg);
    return r;
  }
  // A short human rendering (first max_rows rows) for reports.
  std::string Render(size_t max_rows) const;
};

}  // namespace kadedb::difftest
