// Schema changes through the Catalog: CREATE SCHEMA / TABLE [AS] / VIEW / INDEX, DROP and
// ALTER TABLE. ADD COLUMN ... DEFAULT and DROP COLUMN are catalog-only (docs/transactions.md,
// "Online schema change"), except ADD COLUMN with a volatile default, which writes every row.
#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/executor_internal.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/table_constraints.hpp"
#include "execution/physical_plan_generator.hpp"
#include "planner/operator/logical_simple.hpp"

namespace kadedb {

namespace {

TableEntry CopyTableDefinition(const TableEntry& e) {
  TableEntry t;
  t.oid = e.oid;
  t.schema_oid = e.schema_oid;
  t.schema_name = e.schema_name;
  t.name = e.name;
  t.columns = e.columns;
  t.checks = e.checks;
  t.uniques = e.uniques;
  return t;
}

std::optional<size_t> FindColumn(const TableEntry& table, const std::string& name) {
  for (size_t c = 0; c < table.columns.size(); c++) {
    if (table.columns[c].name == name) return c;
  }
  return std::nullopt;
}

[[noreturn]] void ThrowMissingColumn(const TableEntry& table, const std::string& name) {
  throw Exception(sqlstate::kUndefinedColumn,
                  "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
}

// CREATE TABLE AS: appends the child's rows to the new table.
uint64_t FillTable(LogicalOperator& query, TableEntry& table, ExecutionContext& context) {
  PhysicalPlanGenerator generator(context);
  auto physical = generator.Plan(query);
  ExecState state(context);
  RowCollection rows;
  CollectAll(*physical, state, rows);
  std::vector<ExprNodePtr> no_checks;
  DataChunk chunk;
  for (size_t offset = 0; offset < rows.size(); offset += kStandardVectorSize) {
    rows.Scan(offset, chunk);
    ConformToTable(table, chunk);
    VerifyRows(state, table, chunk, no_checks, {});
    table.storage->Append(*context.transaction, chunk, nullptr);
  }
  return rows.size();
}

bool IsVolatile(const BoundExpression& e) {
  if (e.kind == BoundExpressionKind::kFunction && e.function.function != nullptr &&
      e.function.function->is_volatile) {
    return true;
  }
  for (auto& c : e.children) {
    if (c && IsVolatile(*c)) return true;
  }
  return false;
}

[[noreturn]] void ThrowColumnHasNulls(const TableEntry& table, const std::string& column) {
  throw Exception(sqlstate::kNotNullViolation, "column \"" + column + "\" of relation \"" +
                                                   table.name + "\" contains null values");
}

bool TableHasRows(TableEntry& table, StorageTransaction& txn) {
  auto scan = table.storage->InitScan(txn, {});
  DataChunk chunk;
  std::vector<row_t> ids;
  return table.storage->Scan(*scan, chunk, ids) && !ids.empty();
}

// ADD COLUMN with a volatile DEFAULT (random(), clock_timestamp(), ...): like PostgreSQL, every
// existing row gets its own value, so the rows are rewritten (the column was just added with a
// NULL missing value, which this replaces row by row).
void FillVolatileDefault(TableEntry& table, ExprNode& expr, bool not_null,
                         ExecutionContext& context) {
  StorageTransaction& txn = *context.transaction;
  DataTable& storage = *table.storage;
  std::vector<column_t> all(storage.types().size());
  for (column_t c = 0; c < all.size(); c++) all[c] = c;
  std::vector<DataChunk> chunks;
  std::vector<std::vector<row_t>> chunk_ids;
  ExecState state(context);
  {
    auto scan = storage.InitScan(txn, all);
    DataChunk chunk(storage.types());
    std::vector<row_t> ids;
    while (storage.Scan(*scan, chunk, ids)) {
      if (ids.empty()) continue;
      Vector values(expr.type);
      ExpressionExecutor::Execute(state, expr, chunk, values);
      for (size_t i = 0; i < chunk.size(); i++) {
        if (not_null && values.IsNull(i)) ThrowColumnHasNulls(table, table.columns.back().name);
        chunk.column(all.size() - 1).SetValue(i, values.GetValue(i));
      }
      chunks.push_back(std::move(chunk));
      chunk_ids.push_back(ids);
      chunk.Initialize(storage.types());
    }
  }
  for (size_t k = 0; k < chunks.size(); k++) storage.Update(txn, chunk_ids[k], chunks[k]);
}

void AlterTable(LogicalAlterTable& alter, ExecutionContext& context) {
  if (!alter.table) return;  // ALTER TABLE IF EXISTS on a missing table
  if (!alter.children.empty()) {  // several actions, in order (the statement is all or nothing)
    for (auto& child : alter.children) AlterTable(static_cast<LogicalAlterTable&>(*child), context);
    return;
  }
  Catalog& catalog = *context.catalog;
  StorageTransaction& txn = *context.transaction;
  TableEntry& table = *alter.table;
  switch (alter.alter_kind) {
    case AlterKind::kAddColumn:
      if (FindColumn(table, alter.column.name)) {
        if (alter.if_not_exists) return;
        throw Exception(sqlstate::kDuplicateColumn, "column \"" + alter.column.name +
                                                        "\" of relation \"" + table.name +
                                                        "\" already exists");
      }
      if (alter.default_for_existing_expression) {
        // A non-constant DEFAULT: evaluated once (PostgreSQL's attmissingval) unless volatile.
        PhysicalPlanGenerator generator(context);
        ExprNodePtr expr = generator.Compile(*alter.default_for_existing_expression, {});
        if (IsVolatile(*alter.default_for_existing_expression)) {
          catalog.AddColumn(txn, table, alter.column, Value::Null(alter.column.type));
          FillVolatileDefault(table, *expr, alter.column.not_null, context);
          return;
        }
        ExecState state(context);
        alter.default_for_existing = ExpressionExecutor::EvaluateScalar(state, *expr);
      }
      if (alter.column.not_null && alter.default_for_existing.IsNull() &&
          TableHasRows(table, txn)) {
        ThrowColumnHasNulls(table, alter.column.name);
      }
      // Catalog-only: existing rows read the column as default_for_existing.
      catalog.AddColumn(txn, table, alter.column, alter.default_for_existing);
      return;
    case AlterKind::kDropColumn:
      if (!FindColumn(table, alter.column_name)) {
        if (alter.if_exists) return;
        ThrowMissingColumn(table, alter.column_name);
      }
      catalog.DropColumn(txn, table, alter.column_name);
      return;
    case AlterKind::kRenameColumn:
      if (!FindColumn(table, alter.column_name)) ThrowMissingColumn(table, alter.column_name);
      if (FindColumn(table, alter.new_name)) {
        throw Exception(
            sqlstate::kDuplicateColumn,
            "column \"" + alter.new_name + "\" of relation \"" + table.name + "\" already exists");
      }
      catalog.RenameColumn(txn, table, alter.column_name, alter.new_name);
      return;
    case AlterKind::kRenameTable:
      catalog.RenameTable(txn, table, alter.new_name);
      return;
    case AlterKind::kSetDefault:
    case AlterKind::kDropDefault:
    case AlterKind::kSetNotNull:
    case AlterKind::kDropNotNull: {
      auto c = FindColumn(table, alter.column_name);
      if (!c) ThrowMissingColumn(table, alter.column_name);
      auto& col = table.columns[*c];
      if (alter.alter_kind == AlterKind::kSetDefault) {
        col.default_sql = alter.column.default_sql;
      } else if (alter.alter_kind == AlterKind::kDropDefault) {
        col.default_sql.clear();
      } else if (alter.alter_kind == AlterKind::kDropNotNull) {
        col.not_null = false;
      } else {
        auto scan = table.storage->InitScan(txn, {static_cast<column_t>(*c)});
        DataChunk chunk(std::vector<LogicalType>{col.type}, 0);
        std::vector<row_t> ids;
        while (table.storage->Scan(*scan, chunk, ids)) {
          for (size_t i = 0; i < chunk.column(0).size(); i++) {
            if (chunk.column(0).IsNull(i)) {
              throw Exception(sqlstate::kNotNullViolation, "column \"" + col.name +
                                                               "\" of relation \"" + table.name +
                                                               "\" contains null values");
            }
          }
          chunk.Initialize(std::vector<LogicalType>{col.type}, 0);
          ids.clear();
        }
        col.not_null = true;
      }
      catalog.UpdateTable(txn, table);
      return;
    }
  }
}

// DROP of several objects (the first LogicalDrop and its children), in the statement's
// transaction so a failure leaves none dropped. An object another listed object depends on
// (2BP01) is retried after the others, so DROP VIEW v1, v2 works when v2 reads v1.
void DropSeveral(LogicalDrop& first, Catalog& catalog, StorageTransaction& txn) {
  std::vector<LogicalDrop*> pending = {&first};
  for (auto& c : first.children) pending.push_back(static_cast<LogicalDrop*>(c.get()));
  while (!pending.empty()) {
    std::vector<LogicalDrop*> retry;
    std::unique_ptr<Exception> last;
    for (LogicalDrop* d : pending) {
      try {
        switch (d->drop_kind) {
          case DropKind::kTable:
            catalog.DropTable(txn, d->schema, d->name, d->if_exists, d->cascade);
            break;
          case DropKind::kView:
            catalog.DropView(txn, d->schema, d->name, d->if_exists);
            break;
          case DropKind::kIndex:
            catalog.DropIndex(txn, d->schema, d->name, d->if_exists);
            break;
          case DropKind::kSchema:
            catalog.DropSchema(txn, d->name, d->if_exists, d->cascade);
            break;
        }
      } catch (const Exception& e) {
        if (e.sqlstate() != "2BP01") throw;
        retry.push_back(d);
        last = std::make_unique<Exception>(e);
      }
    }
    if (retry.size() == pending.size()) throw *last;
    pending = std::move(retry);
  }
}

}  // namespace

void ExecuteSchemaChange(LogicalOperator& plan, ExecutionContext& context, Result& result) {
  if (!context.catalog || !context.transaction) ThrowInternal("DDL without catalog/transaction");
  Catalog& catalog = *context.catalog;
  StorageTransaction& txn = *context.transaction;
  switch (plan.kind) {
    case LogicalOperatorKind::kCreateSchema: {
      auto& op = static_cast<LogicalCreateSchema&>(plan);
      catalog.CreateSchema(txn, op.name, op.if_not_exists);
      return;
    }
    case LogicalOperatorKind::kCreateTable: {
      auto& op = static_cast<LogicalCreateTable&>(plan);
      TableEntry* table = catalog.CreateTable(txn, CopyTableDefinition(op.entry), op.if_not_exists);
      if (table) {
        for (SequenceEntry q : op.sequences) {
          q.owned_table_oid = table->oid;
          catalog.CreateSequence(txn, std::move(q), false);
        }
      }
      if (table && !op.children.empty()) {
        result.SetRowsAffected(FillTable(*op.children[0], *table, context));
      }
      return;
    }
    case LogicalOperatorKind::kCreateView: {
      auto& op = static_cast<LogicalCreateView&>(plan);
      catalog.CreateView(txn, op.entry, op.or_replace);
      return;
    }
    case LogicalOperatorKind::kCreateIndex: {
      auto& op = static_cast<LogicalCreateIndex&>(plan);
      catalog.CreateIndex(txn, *op.table, op.name, op.columns, op.unique, op.if_not_exists);
      return;
    }
    case LogicalOperatorKind::kDrop: {
      auto& op = static_cast<LogicalDrop&>(plan);
      if (!op.children.empty()) {
        DropSeveral(op, catalog, txn);
        return;
      }
      switch (op.drop_kind) {
        case DropKind::kTable:
          catalog.DropTable(txn, op.schema, op.name, op.if_exists, op.cascade);
          return;
        case DropKind::kView:
          catalog.DropView(txn, op.schema, op.name, op.if_exists);
          return;
        case DropKind::kIndex:
          catalog.DropIndex(txn, op.schema, op.name, op.if_exists);
          return;
        case DropKind::kSchema:
          catalog.DropSchema(txn, op.name, op.if_exists, op.cascade);
          return;
      }
      return;
    }
    case LogicalOperatorKind::kAlterTable:
      AlterTable(static_cast<LogicalAlterTable&>(plan), context);
      return;
    default:
      ThrowInternal("ExecuteSchemaChange: unexpected kind");
  }
}

}  // namespace kadedb
