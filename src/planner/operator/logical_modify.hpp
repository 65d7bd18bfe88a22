// Data-changing operators: INSERT, UPDATE, DELETE. Each outputs either nothing (the row count is
// reported through the Result) or, with RETURNING, the returning expressions as bindings
// (returning_index, i).
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

struct TableEntry;
struct IndexEntry;

enum class ConflictAction : uint8_t { kNone, kNothing, kUpdate };

// INSERT: children[0] produces the inserted values, one output column per entry of
// insert_columns, already cast to the target column types. For each table column,
// column_map[c] is the child output position feeding it, or -1 to use defaults[c] (a constant-
// foldable or volatile expression with no column refs; NULL constant when the column has no
// DEFAULT).
//
// new_row_index names the full new row (all table columns, table order) for checks, the ON
// CONFLICT UPDATE expressions and RETURNING: (new_row_index, c) is table column c. For ON
// CONFLICT DO UPDATE, (existing_row_index, c) is the conflicting stored row and
// (excluded_index, c) the row proposed for insertion.
class LogicalInsert : public LogicalOperator {
 public:
  LogicalInsert() : LogicalOperator(LogicalOperatorKind::kInsert) {}
  TableEntry* table = nullptr;
  std::vector<int64_t> column_map;
  std::vector<ExprPtr> defaults;  // one per table column
  idx_t new_row_index = 0;
  std::vector<ExprPtr> not_null_unused;  // (reserved)
  // CHECK constraints over (new_row_index, c); each must not be false (NULL passes).
  std::vector<ExprPtr> checks;
  std::vector<std::string> check_names;
  // ON CONFLICT
  ConflictAction on_conflict = ConflictAction::kNone;
  IndexEntry* conflict_index = nullptr;  // null: any unique index
  idx_t existing_row_index = 0;
  idx_t excluded_index = 0;
  // DO UPDATE SET: for update_columns[i], update_expressions[i] over existing/excluded rows.
  std::vector<column_t> update_columns;
  std::vector<ExprPtr> update_expressions;
  ExprPtr update_condition;  // DO UPDATE ... WHERE (may be null)
  // RETURNING over (new_row_index, c)
  idx_t returning_index = 0;
  std::vector<ExprPtr> returning;

  std::vector<ColumnBinding> GetColumnBindings() const override;

 protected:
  void ResolveTypes() override;
};

// UPDATE: children[0] produces the rows to change: output 0 is the row id (kRowIdColumn of the
// target scan), outputs 1..n are the target's current columns in table order (as bindings
// (target_index, c) of the target LogicalGet), followed by any FROM columns. For each
// update_columns[i], update_expressions[i] computes the new value over children[0]'s bindings
// (already cast to the column type). checks / returning are over (new_row_index, c), the new
// row. A target row matched twice by the FROM join is updated once (PostgreSQL picks one).
class LogicalUpdate : public LogicalOperator {
 public:
  LogicalUpdate() : LogicalOperator(LogicalOperatorKind::kUpdate) {}
  TableEntry* table = nullptr;
  std::vector<column_t> update_columns;
  std::vector<ExprPtr> update_expressions;
  idx_t new_row_index = 0;
  std::vector<ExprPtr> checks;
  std::vector<std::string> check_names;
  idx_t returning_index = 0;
  std::vector<ExprPtr> returning;

  std::vector<ColumnBinding> GetColumnBindings() const override;

 protected:
  void ResolveTypes() override;
};

// DELETE: children[0] produces the row id as output 0 and the current columns as outputs 1..n
// (as for UPDATE). returning is over (old_row_index, c).
class LogicalDelete : public LogicalOperator {
 public:
  LogicalDelete() : LogicalOperator(LogicalOperatorKind::kDelete) {}
  TableEntry* table = nullptr;
  idx_t old_row_index = 0;
  idx_t returning_index = 0;
  std::vector<ExprPtr> returning;

  std::vector<ColumnBinding> GetColumnBindings() const override;

 protected:
  void ResolveTypes() override;
};

}  // namespace kadedb
