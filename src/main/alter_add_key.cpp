// ALTER TABLE t ADD [CONSTRAINT name] PRIMARY KEY (cols) / UNIQUE (cols), run by the client
// context (pgbench -i sends ADD PRIMARY KEY after loading its tables).
//
// PRIMARY KEY first makes each key column NOT NULL through the ordinary ALTER COLUMN ... SET NOT
// NULL path (which fails with 23502 when a row holds a NULL), then builds the unique index over
// the existing rows (23505 on a duplicate) and records the constraint on the table, as CREATE
// TABLE's inline constraints are: pg_constraint, pg_index.indisprimary, \d and ON CONFLICT see it.
// Everything happens in the statement's transaction: a failure or ROLLBACK leaves the table as
// it was.
#include "common/exception.hpp"
#include "main/client_context.hpp"
#include "parser/parser.hpp"

namespace kadedb {

bool IsAlterAddKey(const Statement& statement) {
  if (statement.kind != StatementKind::kAlterTable) return false;
  auto& s = statement.Cast<AlterTableStatement>();
  if (s.commands.size() != 1) return false;
  const AlterTableCommand& cmd = s.commands[0];
  return cmd.action == AlterTableAction::kAddConstraint && cmd.constraint &&
         (cmd.constraint->kind == ConstraintKind::kPrimaryKey ||
          cmd.constraint->kind == ConstraintKind::kUnique) &&
         !cmd.constraint->columns.empty();
}

void ClientContext::ExecuteAlterAddKey(const Statement& statement, Result& result) {
  auto& s = statement.Cast<AlterTableStatement>();
  const AlterTableCommand& cmd = s.commands[0];
  const Constraint& constraint = *cmd.constraint;
  bool primary = constraint.kind == ConstraintKind::kPrimaryKey;
  if (db_.options().read_only) {
    throw Exception(sqlstate::kReadOnly, "cannot execute ALTER TABLE in a read-only database");
  }
  Catalog& catalog = db_.catalog();
  RefreshDerivedSettings();
  TableEntry* table = nullptr;
  if (s.table.size() >= 2) {
    table = catalog.GetTable(s.table[s.table.size() - 2], s.table.back());
  } else {
    for (auto& schema : search_path_) {
      if ((table = catalog.GetTable(schema, s.table.back())) != nullptr) break;
    }
  }
  if (!table) {
    if (s.if_exists) {
      result.SetCommandTag("ALTER TABLE");
      return;
    }
    throw Exception(sqlstate::kUndefinedTable,
                    "relation \"" + s.table.back() + "\" does not exist");
  }
  std::vector<column_t> columns;
  for (auto& name : constraint.columns) {
    auto c = table->FindColumn(name);
    if (!c) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" named in key does not exist", constraint.location);
    }
    columns.push_back(*c);
  }
  std::string name = constraint.name;
  if (primary) {
    for (auto& u : table->uniques) {
      if (u.primary) {
        throw Exception("42P16",
                        "multiple primary keys for table \"" + table->name + "\" are not allowed",
                        constraint.location);
      }
    }
    if (name.empty()) name = table->name + "_pkey";
    // NOT NULL on the key columns, validated against the rows by the ALTER COLUMN path.
    for (column_t c : columns) {
      if (table->columns[c].not_null) continue;
      AlterTableStatement set_not_null;
      set_not_null.text = statement.text;
      set_not_null.table = s.table;
      AlterTableCommand sub;
      sub.action = AlterTableAction::kSetNotNull;
      sub.column = table->columns[c].name;
      sub.location = cmd.location;
      set_not_null.commands.push_back(std::move(sub));
      Result ignored;
      ExecutePlain(set_not_null, nullptr, ignored);
      // The ALTER may have replaced the entry: look it up again.
      table = catalog.GetTableByOid(table->oid);
      if (!table) ThrowInternal("ALTER TABLE ADD PRIMARY KEY lost its table");
    }
  } else if (name.empty()) {
    name = table->name;
    for (column_t c : columns) name += "_" + table->columns[c].name;
    name += "_key";
  }
  StorageTransaction& txn = EnsureTransaction();
  IndexEntry* index = catalog.CreateIndex(txn, *table, name, columns, true, false);
  UniqueConstraint u;
  u.name = name;
  u.columns = columns;
  u.primary = primary;
  u.index_oid = index->oid;
  table->uniques.push_back(std::move(u));
  catalog.UpdateTable(txn, *table);
  result.SetCommandTag("ALTER TABLE");
}

}  // namespace kadedb
