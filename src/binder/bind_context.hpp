// BindContext: the names visible in one query level's FROM clause, mapped to column bindings.
//
// Each FROM item adds a TableBinding (alias -> columns). USING / NATURAL joins add a UsingColumn
// that merges the joined columns under one unqualified name (PostgreSQL semantics): the merged
// table columns stay reachable qualified (t.a) but no longer count for unqualified lookup.
// Not thread-safe; owned by one Binder.
#pragma once

#include <string>
#include <vector>

#include "planner/bound_expression.hpp"

namespace kadedb {

struct TableBinding {
  std::string alias;  // table name or alias; empty for an unaliased subquery
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> bindings;
  std::vector<bool> merged;  // merged by USING/NATURAL: hidden from unqualified lookup
};

struct UsingColumn {
  std::string name;
  ExprPtr expr;  // the left column, the right column (RIGHT JOIN) or a COALESCE (FULL JOIN)
  bool merged = false;
};

// One column of a FROM item as `SELECT *` lists it, with where it came from (so a later
// USING join can mark it merged).
struct StarColumn {
  std::string name;
  ExprPtr expr;
  int table = -1;        // index into BindContext::tables, or -1
  int column = -1;       // column of that table
  int using_index = -1;  // index into BindContext::using_columns, or -1
  StarColumn Copy() const { return {name, expr->Copy(), table, column, using_index}; }
};

class BindContext {
 public:
  // Adds a FROM item; 42712 when the alias is already used at this level.
  int AddTable(TableBinding binding, int location);
  // The star columns of table `index` (all its columns, in order).
  std::vector<StarColumn> TableStar(int index) const;
  int FindTable(const std::string& alias) const;  // -1 when absent
  // Unqualified lookup: nullptr when absent; 42702 when several columns match.
  ExprPtr Resolve(const std::string& name, int location, std::string* qualified_name) const;
  void MarkMerged(const StarColumn& column);

  std::vector<TableBinding> tables;
  std::vector<UsingColumn> using_columns;
  // Columns `SELECT *` expands to, in order (set once the FROM clause is bound).
  std::vector<StarColumn> star;
  // While a JOIN's ON clause is bound, only the tables (USING columns) from these indexes on,
  // the join's own inputs, are visible: earlier comma-separated FROM items are not (PostgreSQL:
  // "invalid reference to FROM-clause entry"). Zero otherwise.
  size_t visible_from = 0;
  size_t using_visible_from = 0;
};

}  // namespace kadedb
