// Statement: the top-level AST nodes, one class per statement kind.
//
// Every statement carries its own source text (the slice of the script between the separating
// semicolons, without them or surrounding whitespace/comments) and where that slice starts in
// the script. Node locations inside a statement are 1-based character offsets into `text`.
//
// Source text for catalog persistence: CREATE VIEW records the exact text of its query, and every
// DEFAULT, CHECK, index expression and partial-index WHERE records its source substring (the
// `*_text` fields). The binder re-parses those with Parser::ParseExpression / ParseStatements.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parser/ast/expressions.hpp"
#include "parser/ast/query_node.hpp"
#include "parser/ast/table_ref.hpp"
#include "parser/ast/type_name.hpp"

namespace kadedb {

enum class StatementKind : uint8_t {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateSchema,
  kCreateView,
  kCreateIndex,
  kDrop,
  kAlterTable,
  kExplain,
  kCopy,
  kTransaction,
  kSet,
  kShow,
  kReset,
  kCheckDatabase,
  kVacuum,  // VACUUM and ANALYZE (parsed, executed as no-ops)
  kCreateTrigger,
  kDropTrigger,
  kReindex,
  kBackupDatabase,  // BACKUP DATABASE TO 'dir' (executed by ClientContext)
  kCheckpoint,      // CHECKPOINT (executed by ClientContext: StorageEngine::Checkpoint)
  // Roles and privileges (ast/role_statement.hpp; executed by ClientContext).
  kCreateRole,
  kAlterRole,
  kDropRole,
  kGrant,     // GRANT and REVOKE
  kTruncate,  // TRUNCATE (executed by ClientContext as an unfiltered DELETE of each table)
  // Sequences (ast/sequence_statement.hpp; executed by ClientContext).
  kCreateSequence,
  kAlterSequence,
  kDropSequence,
  kGrantSequence,  // GRANT / REVOKE ... ON SEQUENCE | ON ALL SEQUENCES IN SCHEMA
};

class Statement {
 public:
  virtual ~Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  StatementKind kind;
  int location = 1;          // 1-based offset of the first token in `text` (always 1)
  std::string text;          // this statement's source text
  int text_offset = 0;       // 0-based character offset of `text` inside the parsed script
  int text_byte_offset = 0;  // same, in bytes

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }

 protected:
  explicit Statement(StatementKind k) : kind(k) {}
};
using StatementPtr = std::unique_ptr<Statement>;

// ---- queries and DML -------------------------------------------------------------------------

class SelectStatement : public Statement {
 public:
  SelectStatement() : Statement(StatementKind::kSelect) {}
  QueryNodePtr node;
};

// SET target: one column and its value. `(a, b) = (x, y)` is expanded into one item per column;
// `(a, b) = (SELECT ...)` stays one item with several columns and a SubqueryExpression value.
struct SetItem {
  std::vector<std::string> columns;
  ParsedExpressionPtr value;  // may be a DefaultExpression
  int location = 0;

  SetItem Copy() const;
};

enum class OnConflictAction : uint8_t { kNothing, kUpdate };

struct OnConflictClause {
  std::vector<std::string> target_columns;  // ON CONFLICT (a, b); empty when not given
  std::string constraint_name;              // ON CONFLICT ON CONSTRAINT name
  ParsedExpressionPtr target_where;         // ON CONFLICT (a) WHERE ... (partial index)
  OnConflictAction action = OnConflictAction::kNothing;
  std::vector<SetItem> set_items;  // DO UPDATE SET
  ParsedExpressionPtr where;       // DO UPDATE ... WHERE
  int location = 0;
  // SQLite's REPLACE INTO / INSERT OR REPLACE: on a conflict with any unique constraint, the
  // existing row takes every inserted column's value (the binder expands it; action = kUpdate).
  bool replace_all = false;
};

class InsertStatement : public Statement {
 public:
  InsertStatement() : Statement(StatementKind::kInsert) {}
  std::unique_ptr<WithClause> with;
  std::vector<std::string> table;  // [table] or [schema, table]
  std::string alias;               // INSERT INTO t AS a
  std::vector<std::string> columns;
  QueryNodePtr query;  // VALUES or any query; null for DEFAULT VALUES
  bool default_values = false;
  std::unique_ptr<OnConflictClause> on_conflict;
  ParsedExpressionList returning;  // empty when no RETURNING
  int table_location = 0;
  // OVERRIDING SYSTEM VALUE ('s') / OVERRIDING USER VALUE ('u'); 0 when not written.
  char overriding = 0;
};

class UpdateStatement : public Statement {
 public:
  UpdateStatement() : Statement(StatementKind::kUpdate) {}
  std::unique_ptr<WithClause> with;
  std::unique_ptr<BaseTableRef> table;  // with alias
  std::vector<SetItem> set_items;
  TableRefPtr from;  // UPDATE ... FROM; null when absent
  ParsedExpressionPtr where;
  ParsedExpressionList returning;
};

class DeleteStatement : public Statement {
 public:
  DeleteStatement() : Statement(StatementKind::kDelete) {}
  std::unique_ptr<WithClause> with;
  std::unique_ptr<BaseTableRef> table;  // with alias
  TableRefPtr using_clause;             // DELETE ... USING; null when absent
  ParsedExpressionPtr where;
  ParsedExpressionList returning;
};

// ---- DDL ---------------------------------------------------------------------------------------

enum class ConstraintKind : uint8_t {
  kNotNull,
  kNull,     // explicit NULL (column only)
  kDefault,  // DEFAULT expr (column only)
  kPrimaryKey,
  kUnique,
  kCheck,
  kForeignKey,  // REFERENCES / FOREIGN KEY
  kIdentity,    // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence options)] (column only)
};

struct SequenceOptions;  // ast/sequence_statement.hpp

enum class ForeignKeyAction : uint8_t { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

// A column or table constraint. Column constraints have empty `columns` (they apply to the column
// they are attached to); table constraints list their key columns.
struct Constraint {
  ConstraintKind kind = ConstraintKind::kNotNull;
  std::string name;  // CONSTRAINT name; empty when not given
  std::vector<std::string> columns;
  ParsedExpressionPtr expression;        // kCheck / kDefault
  std::string expression_text;           // source text of `expression` (re-parsable)
  std::vector<std::string> ref_table;    // kForeignKey: [table] or [schema, table]
  std::vector<std::string> ref_columns;  // kForeignKey: may be empty (the referenced PK)
  ForeignKeyAction on_delete = ForeignKeyAction::kNoAction;
  ForeignKeyAction on_update = ForeignKeyAction::kNoAction;
  int location = 0;
  // kIdentity: 'a' (ALWAYS) or 'd' (BY DEFAULT), and the options in parentheses (never null).
  // Shared: the options are immutable once parsed, so copies may share them.
  char identity = 0;
  std::shared_ptr<const SequenceOptions> identity_options;

  Constraint Copy() const;
};

struct ColumnDefinition {
  std::string name;
  TypeName type;
  std::vector<Constraint> constraints;  // in written order
  int location = 0;
  // SERIAL / BIGSERIAL / SMALLSERIAL: `type` holds integer / bigint / smallint.
  bool serial = false;

  ColumnDefinition Copy() const;
  // Convenience lookups over `constraints`.
  bool IsNotNull() const;                          // NOT NULL or PRIMARY KEY
  const Constraint* Find(ConstraintKind k) const;  // first of that kind, or nullptr
};

class CreateTableStatement : public Statement {
 public:
  CreateTableStatement() : Statement(StatementKind::kCreateTable) {}
  std::vector<std::string> name;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<ColumnDefinition> columns;
  std::vector<Constraint> constraints;  // table constraints
  QueryNodePtr as_query;                // CREATE TABLE ... AS query; columns then hold only names
  std::vector<std::string> as_column_names;  // CREATE TABLE t(a, b) AS ...
  bool with_no_data = false;                 // ... WITH NO DATA
};

class CreateSchemaStatement : public Statement {
 public:
  CreateSchemaStatement() : Statement(StatementKind::kCreateSchema) {}
  std::string name;
  bool if_not_exists = false;
};

class CreateViewStatement : public Statement {
 public:
  CreateViewStatement() : Statement(StatementKind::kCreateView) {}
  std::vector<std::string> name;
  bool or_replace = false;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<std::string> column_names;
  QueryNodePtr query;
  std::string query_text;  // exact source text of the query (persisted; re-parse to restore)
};

struct IndexElement {
  std::string column;              // simple column; empty when `expression` is set
  ParsedExpressionPtr expression;  // (expr)
  std::string expression_text;     // source text of `expression`
  OrderDirection direction = OrderDirection::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
  int location = 0;
};

class CreateIndexStatement : public Statement {
 public:
  CreateIndexStatement() : Statement(StatementKind::kCreateIndex) {}
  std::string index_name;  // empty: the binder picks a name
  std::vector<std::string> table;
  bool unique = false;
  bool if_not_exists = false;
  std::string method;  // USING method, lower case; empty = default
  std::vector<IndexElement> elements;
  ParsedExpressionPtr where;  // partial index
  std::string where_text;
};

enum class ObjectKind : uint8_t { kTable, kView, kIndex, kSchema };

class DropStatement : public Statement {
 public:
  DropStatement() : Statement(StatementKind::kDrop) {}
  ObjectKind object_kind = ObjectKind::kTable;
  std::vector<std::vector<std::string>> names;
  bool if_exists = false;
  bool cascade = false;  // RESTRICT is the default
};

enum class AlterTableAction : uint8_t {
  kAddColumn,       // column_def, if_not_exists
  kDropColumn,      // column, if_exists, cascade
  kRenameColumn,    // column -> new_name
  kRenameTable,     // new_name
  kSetDefault,      // column, default_value + default_text
  kDropDefault,     // column
  kSetNotNull,      // column
  kDropNotNull,     // column
  kAlterType,       // column, new_type, using_expr (optional)
  kAddConstraint,   // constraint
  kDropConstraint,  // new_name holds the constraint name; if_exists, cascade
};

struct AlterTableCommand {
  AlterTableAction action = AlterTableAction::kAddColumn;
  std::string column;
  std::string new_name;
  bool if_exists = false;
  bool if_not_exists = false;
  bool cascade = false;
  std::unique_ptr<ColumnDefinition> column_def;
  ParsedExpressionPtr default_value;
  std::string default_text;
  TypeName new_type;
  ParsedExpressionPtr using_expr;
  std::unique_ptr<Constraint> constraint;
  int location = 0;
};

class AlterTableStatement : public Statement {
 public:
  AlterTableStatement() : Statement(StatementKind::kAlterTable) {}
  std::vector<std::string> table;
  bool if_exists = false;
  std::vector<AlterTableCommand> commands;  // RENAME forms always come alone
};

// ---- utility statements ------------------------------------------------------------------------

enum class ExplainFormat : uint8_t { kText, kJson };

class ExplainStatement : public Statement {
 public:
  ExplainStatement() : Statement(StatementKind::kExplain) {}
  StatementPtr statement;
  bool analyze = false;
  bool verbose = false;
  ExplainFormat format = ExplainFormat::kText;
  // Every option of the parenthesised form, lower-case name -> value ("" when given bare).
  std::vector<std::pair<std::string, std::string>> options;
};

enum class CopyFormat : uint8_t { kText, kCsv, kBinary };

class CopyStatement : public Statement {
 public:
  CopyStatement() : Statement(StatementKind::kCopy) {}
  std::vector<std::string> table;  // empty when copying a query
  std::vector<std::string> columns;
  QueryNodePtr query;     // COPY (query) TO ...
  bool is_from = false;   // FROM (import) vs TO (export)
  bool is_stdio = false;  // STDIN / STDOUT instead of a file
  std::string file_name;
  CopyFormat format = CopyFormat::kText;
  bool header = false;
  std::optional<std::string> delimiter;  // default: tab (text) or ',' (csv)
  std::optional<std::string> null_string;
  std::optional<std::string> quote;
  std::optional<std::string> escape;
  // Every option as written, lower-case name -> value ("" when given bare).
  std::vector<std::pair<std::string, std::string>> options;
};

enum class TransactionKind : uint8_t {
  kBegin,
  kCommit,
  kRollback,
  kSavepoint,
  kRelease,
  kRollbackToSavepoint,
};

class TransactionStatement : public Statement {
 public:
  TransactionStatement() : Statement(StatementKind::kTransaction) {}
  TransactionKind transaction_kind = TransactionKind::kBegin;
  std::string savepoint;          // kSavepoint / kRelease / kRollbackToSavepoint
  std::string isolation_level;    // "serializable", "repeatable read", ...; empty when not given
  std::optional<bool> read_only;  // READ ONLY / READ WRITE
};

class SetStatement : public Statement {
 public:
  SetStatement() : Statement(StatementKind::kSet) {}
  std::string name;         // lower case; SET TIME ZONE -> "timezone"
  bool local = false;       // SET LOCAL
  bool is_default = false;  // SET x TO DEFAULT / SET TIME ZONE LOCAL|DEFAULT
  // Values as written: identifiers and keywords become kString constants, numbers stay numeric.
  ParsedExpressionList values;
};

class ShowStatement : public Statement {
 public:
  ShowStatement() : Statement(StatementKind::kShow) {}
  std::string name;  // lower case; "all" for SHOW ALL; SHOW TIME ZONE -> "timezone"
};

class ResetStatement : public Statement {
 public:
  ResetStatement() : Statement(StatementKind::kReset) {}
  std::string name;  // "all" for RESET ALL
};

class CheckDatabaseStatement : public Statement {
 public:
  CheckDatabaseStatement() : Statement(StatementKind::kCheckDatabase) {}
};

// BACKUP DATABASE TO 'dest': an online, incremental backup of the open database into dest.
class BackupDatabaseStatement : public Statement {
 public:
  BackupDatabaseStatement() : Statement(StatementKind::kBackupDatabase) {}
  std::string destination;
};

// CHECKPOINT: writes buffered data out and waits for background reorganisation to settle.
class CheckpointStatement : public Statement {
 public:
  CheckpointStatement() : Statement(StatementKind::kCheckpoint) {}
};

class VacuumStatement : public Statement {
 public:
  VacuumStatement() : Statement(StatementKind::kVacuum) {}
  bool is_analyze = false;  // ANALYZE statement, or VACUUM ANALYZE
  bool is_vacuum = true;    // false for a plain ANALYZE
  std::vector<std::vector<std::string>> tables;
};

// TRUNCATE [TABLE] [ONLY] name [*] [, ...] [RESTART IDENTITY | CONTINUE IDENTITY]
// [CASCADE | RESTRICT].
class TruncateStatement : public Statement {
 public:
  TruncateStatement() : Statement(StatementKind::kTruncate) {}
  std::vector<std::vector<std::string>> tables;
  std::vector<int> locations;     // of each table name
  bool restart_identity = false;  // RESTART IDENTITY: the owned sequences restart
};

// ---- triggers and REINDEX (executed by ClientContext, not planned) ---------------------------

// Values match the catalog's TriggerTiming / TriggerEvent.
enum class TriggerTimingKind : uint8_t { kBefore = 0, kAfter = 1, kInsteadOf = 2 };
enum class TriggerEventKind : uint8_t { kInsert = 0, kUpdate = 1, kDelete = 2 };

// SQLite form: CREATE TRIGGER [IF NOT EXISTS] name [BEFORE|AFTER|INSTEAD OF] event ON table
// [FOR EACH ROW] [WHEN expr] BEGIN stmt; ... END. The body is kept as source text (one string
// per statement, without the ';') and re-parsed when the trigger fires.
class CreateTriggerStatement : public Statement {
 public:
  CreateTriggerStatement() : Statement(StatementKind::kCreateTrigger) {}
  std::vector<std::string> name;  // [trigger] or [schema, trigger]
  bool if_not_exists = false;
  TriggerTimingKind timing = TriggerTimingKind::kBefore;
  TriggerEventKind event = TriggerEventKind::kInsert;
  std::vector<std::string> update_columns;  // UPDATE OF a, b
  std::vector<std::string> table;
  std::string when_text;          // empty when no WHEN
  std::vector<std::string> body;  // statement texts
};

class DropTriggerStatement : public Statement {
 public:
  DropTriggerStatement() : Statement(StatementKind::kDropTrigger) {}
  std::vector<std::string> name;   // [trigger] or [schema, trigger]
  std::vector<std::string> table;  // PostgreSQL's ON table; empty when not given
  bool if_exists = false;
};

enum class ReindexTarget : uint8_t { kAny, kIndex, kTable };

class ReindexStatement : public Statement {
 public:
  ReindexStatement() : Statement(StatementKind::kReindex) {}
  ReindexTarget target = ReindexTarget::kAny;  // kAny: bare SQLite form (index or table)
  std::vector<std::string> name;
};

}  // namespace kadedb
