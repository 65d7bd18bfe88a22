// Statements that are not relational plans: DDL, EXPLAIN, COPY, SET/SHOW, transaction control,
// CHECK DATABASE. They carry the bound information the executor needs to run them.
#pragma once

#include "catalog/catalog.hpp"
#include "planner/logical_operator.hpp"

namespace kadedb {

class LogicalCreateSchema : public LogicalOperator {
 public:
  LogicalCreateSchema() : LogicalOperator(LogicalOperatorKind::kCreateSchema) {}
  std::string name;
  bool if_not_exists = false;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

// CREATE TABLE, and CREATE TABLE AS when children[0] exists (its output fills the table).
class LogicalCreateTable : public LogicalOperator {
 public:
  LogicalCreateTable() : LogicalOperator(LogicalOperatorKind::kCreateTable) {}
  TableEntry entry;  // columns, checks, uniques filled; storage created by the catalog
  bool if_not_exists = false;
  // Sequences of SERIAL / identity columns, created with the table and owned by it
  // (owned_table_oid is filled in then).
  std::vector<SequenceEntry> sequences;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

class LogicalCreateView : public LogicalOperator {
 public:
  LogicalCreateView() : LogicalOperator(LogicalOperatorKind::kCreateView) {}
  ViewEntry entry;  // sql, names and types already derived by binding the query
  bool or_replace = false;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

class LogicalCreateIndex : public LogicalOperator {
 public:
  LogicalCreateIndex() : LogicalOperator(LogicalOperatorKind::kCreateIndex) {}
  TableEntry* table = nullptr;
  std::string name;  // empty: generated
  std::vector<column_t> columns;
  bool unique = false;
  bool if_not_exists = false;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

enum class DropKind : uint8_t { kTable, kView, kIndex, kSchema };

class LogicalDrop : public LogicalOperator {
 public:
  LogicalDrop() : LogicalOperator(LogicalOperatorKind::kDrop) {}
  DropKind drop_kind = DropKind::kTable;
  std::string schema;  // may be empty (search path)
  std::string name;
  bool if_exists = false;
  bool cascade = false;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

enum class AlterKind : uint8_t {
  kAddColumn,
  kDropColumn,
  kRenameColumn,
  kRenameTable,
  kSetDefault,
  kDropDefault,
  kSetNotNull,
  kDropNotNull,
};

class LogicalAlterTable : public LogicalOperator {
 public:
  LogicalAlterTable() : LogicalOperator(LogicalOperatorKind::kAlterTable) {}
  TableEntry* table = nullptr;  // null when IF EXISTS and missing
  AlterKind alter_kind = AlterKind::kAddColumn;
  CatalogColumn column;        // kAddColumn (and default_sql for kSetDefault)
  Value default_for_existing;  // kAddColumn: the evaluated DEFAULT (or NULL)
  // kAddColumn: set instead of default_for_existing when the DEFAULT is not a constant
  // (e.g. now()); the executor evaluates it once for the existing rows. Added by the binder.
  ExprPtr default_for_existing_expression;
  bool if_not_exists = false;  // ADD COLUMN IF NOT EXISTS
  bool if_exists = false;      // DROP COLUMN IF EXISTS
  std::string column_name;     // drop / rename / set default / not null
  std::string new_name;        // rename
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

// EXPLAIN [ANALYZE]: children[0] is the optimized plan to print (and run, for ANALYZE).
// Output: one text column "QUERY PLAN".
class LogicalExplain : public LogicalOperator {
 public:
  LogicalExplain() : LogicalOperator(LogicalOperatorKind::kExplain) {}
  bool analyze = false;
  bool json = false;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {{0, 0}}; }

 protected:
  void ResolveTypes() override { types = {TypeId::kText}; }
};

// COPY table FROM/TO file, or COPY (query) TO file (children[0] then).
class LogicalCopy : public LogicalOperator {
 public:
  LogicalCopy() : LogicalOperator(LogicalOperatorKind::kCopy) {}
  TableEntry* table = nullptr;
  std::vector<column_t> columns;  // target/source columns (all when the list was omitted)
  bool is_from = true;
  std::string path;  // file path; "STDIN"/"STDOUT" handled by the caller
  bool header = false;
  char delimiter = ',';
  std::string null_string;  // CSV default: empty unquoted field
  char quote = '"';
  // COPY FROM only: what INSERT would apply. defaults[c] fills table column c when it is not in
  // `columns` (null entry: NULL); checks are over (new_row_index, c), the full new row.
  std::vector<ExprPtr> defaults;
  idx_t new_row_index = 0;
  std::vector<ExprPtr> checks;
  std::vector<std::string> check_names;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

class LogicalSet : public LogicalOperator {
 public:
  LogicalSet() : LogicalOperator(LogicalOperatorKind::kSet) {}
  std::string name;  // lower case
  Value value;       // NULL for RESET
  bool reset = false;
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

class LogicalShow : public LogicalOperator {
 public:
  LogicalShow() : LogicalOperator(LogicalOperatorKind::kShow) {}
  std::string name;  // lower case; "all" for SHOW ALL
  std::vector<ColumnBinding> GetColumnBindings() const override { return {{0, 0}}; }

 protected:
  void ResolveTypes() override { types = {TypeId::kText}; }
};

enum class TransactionAction : uint8_t {
  kBegin,
  kCommit,
  kRollback,
  kSavepoint,
  kRollbackToSavepoint,
  kRelease
};

class LogicalTransaction : public LogicalOperator {
 public:
  LogicalTransaction() : LogicalOperator(LogicalOperatorKind::kTransaction) {}
  TransactionAction action = TransactionAction::kBegin;
  std::string savepoint;
  std::string isolation;  // lower case, empty = default
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }

 protected:
  void ResolveTypes() override {}
};

// CHECK DATABASE: verifies storage and catalog consistency; outputs one text column "check".
class LogicalCheckDatabase : public LogicalOperator {
 public:
  LogicalCheckDatabase() : LogicalOperator(LogicalOperatorKind::kCheckDatabase) {}
  std::vector<ColumnBinding> GetColumnBindings() const override { return {{0, 0}}; }

 protected:
  void ResolveTypes() override { types = {TypeId::kText}; }
};

}  // namespace kadedb
