// Source operators: table scans, the one-row dummy scan, VALUES lists, table functions and CTE
// references.
#pragma once

#include <limits>

#include "planner/logical_operator.hpp"
#include "storage/data_table.hpp"

namespace kadedb {

struct TableEntry;
struct IndexEntry;

// Pseudo column id for the row id of a scanned table (UPDATE/DELETE read it).
inline constexpr column_t kRowIdColumn = std::numeric_limits<column_t>::max();

// Scans a table. Outputs column_ids (table column indices, or kRowIdColumn) as bindings
// (table_index, i). The optimizer may push filters into it and pick an index.
class LogicalGet : public LogicalOperator {
 public:
  LogicalGet(idx_t table_index, TableEntry* table, std::vector<column_t> column_ids)
      : LogicalOperator(LogicalOperatorKind::kGet),
        table_index(table_index),
        table(table),
        column_ids(std::move(column_ids)) {}
  idx_t table_index;
  TableEntry* table;  // owned by the catalog
  std::vector<column_t> column_ids;
  std::vector<LogicalType> column_types;  // type of each column_ids entry (set by the binder)
  // Predicates over this scan's bindings, applied while scanning (pushed by the optimizer).
  // `expressions` is unused.
  std::vector<ExprPtr> table_filters;
  // Index access chosen by the optimizer: index != nullptr means scan `index` over `range`
  // (the range's bounds are constant expressions, evaluated at run time, so parameters work).
  IndexEntry* index = nullptr;
  std::vector<ExprPtr> index_equal;  // equality values on the leading key columns
  ExprPtr index_lower, index_upper;  // range on the next key column (may be null)
  bool lower_inclusive = true, upper_inclusive = true;

  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < column_ids.size(); i++) out.push_back({table_index, i});
    return out;
  }
  std::string ParamsToString() const override;

 protected:
  void ResolveTypes() override { types = column_types; }
};

class LogicalDummyScan : public LogicalOperator {
 public:
  explicit LogicalDummyScan(idx_t table_index)
      : LogicalOperator(LogicalOperatorKind::kDummyScan), table_index(table_index) {}
  idx_t table_index;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override { types.clear(); }
};

// VALUES (..), (..): rows of expressions (each row has column_types.size() entries, already cast
// to column_types). Bindings (table_index, i).
class LogicalExpressionGet : public LogicalOperator {
 public:
  LogicalExpressionGet(idx_t table_index, std::vector<LogicalType> column_types,
                       std::vector<std::vector<ExprPtr>> rows)
      : LogicalOperator(LogicalOperatorKind::kExpressionGet),
        table_index(table_index),
        column_types(std::move(column_types)),
        rows(std::move(rows)) {}
  idx_t table_index;
  std::vector<LogicalType> column_types;
  std::vector<std::vector<ExprPtr>> rows;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < column_types.size(); i++) out.push_back({table_index, i});
    return out;
  }

 protected:
  void ResolveTypes() override { types = column_types; }
};

// A table-valued function call (generate_series(a, b [, step]), unnest later). The arguments are
// in `expressions` (constant or correlated). Bindings (table_index, i).
class LogicalTableFunction : public LogicalOperator {
 public:
  LogicalTableFunction(idx_t table_index, std::string name, std::vector<LogicalType> column_types)
      : LogicalOperator(LogicalOperatorKind::kTableFunction),
        table_index(table_index),
        function_name(std::move(name)),
        column_types(std::move(column_types)) {}
  idx_t table_index;
  std::string function_name;
  std::vector<LogicalType> column_types;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < column_types.size(); i++) out.push_back({table_index, i});
    return out;
  }

 protected:
  void ResolveTypes() override { types = column_types; }
};

// Reads the rows of CTE `cte_index`: the working table when inside the recursive part of a
// LogicalRecursiveCTE with that index, otherwise a LogicalMaterializedCTE's result.
class LogicalCTERef : public LogicalOperator {
 public:
  LogicalCTERef(idx_t table_index, idx_t cte_index, std::vector<LogicalType> column_types)
      : LogicalOperator(LogicalOperatorKind::kCTERef),
        table_index(table_index),
        cte_index(cte_index),
        column_types(std::move(column_types)) {}
  idx_t table_index;
  idx_t cte_index;
  std::vector<LogicalType> column_types;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < column_types.size(); i++) out.push_back({table_index, i});
    return out;
  }

 protected:
  void ResolveTypes() override { types = column_types; }
};

}  // namespace kadedb
