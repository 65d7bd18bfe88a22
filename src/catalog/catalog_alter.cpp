// Catalog ALTER TABLE: add/drop/rename column, rename table, and persisting a modified table
// definition. Each snapshots the definition first so a rollback restores it in memory. ADD and
// DROP COLUMN change only the physical layout (storage/table_layout.hpp): no row is rewritten.
#include "catalog/catalog.hpp"
#include "catalog/catalog_serializer.hpp"
#include "catalog/catalog_state.hpp"
#include "common/exception.hpp"

namespace kadedb {

void Catalog::State::SyncIndexColumnNames(TableEntry& table) {
  for (auto& [oid, x] : indexes) {
    if (x->table_oid != table.oid) continue;
    x->info.column_names.clear();
    for (column_t c : x->info.columns) {
      x->info.column_names.push_back(c < table.columns.size() ? table.columns[c].name
                                                              : std::string("?"));
    }
    table.storage->SetIndexColumnNames(oid, x->info.column_names);
  }
}

void Catalog::State::SaveTableForUndo(StorageTransaction& txn, TableEntry& table) {
  struct Saved {
    std::string name;
    std::vector<CatalogColumn> columns;
    std::vector<CheckConstraint> checks;
    std::vector<UniqueConstraint> uniques;
    TableLayout layout;
    std::vector<std::pair<uint64_t, std::vector<column_t>>> index_columns;
  };
  auto saved = std::make_shared<Saved>();
  saved->name = table.name;
  saved->columns = table.columns;
  saved->checks = table.checks;
  saved->uniques = table.uniques;
  saved->layout = table.layout;
  for (auto& [oid, x] : indexes) {
    if (x->table_oid == table.oid) saved->index_columns.emplace_back(oid, x->info.columns);
  }
  uint64_t table_oid = table.oid;
  txn.OnRollback([this, saved, table_oid] {
    std::unique_lock lock(mutex);
    auto it = tables.find(table_oid);
    if (it == tables.end()) return;
    TableEntry& t = *it->second;
    if (t.name != saved->name) {
      relations.erase({t.schema_oid, t.name});
      relations[{t.schema_oid, saved->name}] = {CatalogType::kTable, t.oid};
      t.name = saved->name;
    }
    t.columns = saved->columns;
    t.checks = saved->checks;
    t.uniques = saved->uniques;
    t.layout = saved->layout;
    for (auto& [oid, cols] : saved->index_columns) {
      auto x = indexes.find(oid);
      if (x != indexes.end()) x->second->info.columns = cols;
    }
    SyncIndexColumnNames(t);
    Bump();
  });
}

void Catalog::AddColumn(StorageTransaction& txn, TableEntry& table, CatalogColumn column,
                        const Value& default_for_existing_rows) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  if (table.FindColumn(column.name)) {
    throw Exception(sqlstate::kDuplicateColumn, "column \"" + column.name + "\" of relation \"" +
                                                    table.name + "\" already exists");
  }
  s.SaveTableForUndo(txn, table);
  table.storage->AddColumn(txn, column.type, default_for_existing_rows);
  table.columns.push_back(std::move(column));
  table.layout = table.storage->layout();
  s.PutTable(txn, table);
  s.Bump();
}

void Catalog::DropColumn(StorageTransaction& txn, TableEntry& table, const std::string& column) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  auto col = table.FindColumn(column);
  if (!col) {
    throw Exception(sqlstate::kUndefinedColumn,
                    "column \"" + column + "\" of relation \"" + table.name + "\" does not exist");
  }
  for (ViewEntry* v : s.DependentViews(table.oid)) {
    // Without the binder we cannot tell which columns a view reads; be safe like PostgreSQL is
    // when the view does read the column.
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    "cannot drop column " + column + " of table " + table.name +
                        " because other objects depend on it",
                    0,
                    "view " + v->name + " depends on column " + column + " of table " + table.name,
                    "Use DROP ... CASCADE to drop the dependent objects too.");
  }
  column_t c = *col;
  s.SaveTableForUndo(txn, table);
  // Sequences owned by the column (SERIAL, identity, OWNED BY) go with it.
  std::vector<uint64_t> owned;
  for (auto& [oid, q] : s.sequences) {
    if (q->owned_table_oid == table.oid && q->owned_attnum == table.AttNum(c)) owned.push_back(oid);
  }
  for (uint64_t oid : owned) s.DropSequenceInternal(txn, oid);
  // Indexes and constraints over the column go with it (PostgreSQL drops them too).
  std::vector<IndexEntry*> doomed;
  for (auto& [oid, x] : s.indexes) {
    if (x->table_oid != table.oid) continue;
    for (column_t k : x->info.columns) {
      if (k == c) {
        doomed.push_back(x.get());
        break;
      }
    }
  }
  for (IndexEntry* x : doomed) {
    std::erase_if(table.uniques, [&](const UniqueConstraint& u) { return u.index_oid == x->oid; });
    s.DropIndexInternal(txn, *x);
  }
  table.storage->DropColumn(txn, c);
  table.columns.erase(table.columns.begin() + c);
  table.layout = table.storage->layout();
  for (auto& u : table.uniques) {
    for (column_t& k : u.columns) {
      if (k > c) k--;
    }
  }
  for (auto& [oid, x] : s.indexes) {
    if (x->table_oid != table.oid) continue;
    bool changed = false;
    for (column_t& k : x->info.columns) {
      if (k > c) {
        k--;
        changed = true;
      }
    }
    if (changed) s.PutIndex(txn, *x);
  }
  s.SyncIndexColumnNames(table);
  s.PutTable(txn, table);
  s.Bump();
}

void Catalog::RenameColumn(StorageTransaction& txn, TableEntry& table, const std::string& from,
                           const std::string& to) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  auto col = table.FindColumn(from);
  if (!col) {
    throw Exception(sqlstate::kUndefinedColumn, "column \"" + from + "\" does not exist");
  }
  if (table.FindColumn(to)) {
    throw Exception(sqlstate::kDuplicateColumn,
                    "column \"" + to + "\" of relation \"" + table.name + "\" already exists");
  }
  s.SaveTableForUndo(txn, table);
  table.columns[*col].name = to;
  s.SyncIndexColumnNames(table);
  s.PutTable(txn, table);
  s.Bump();
}

void Catalog::RenameTable(StorageTransaction& txn, TableEntry& table, const std::string& new_name) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  if (new_name == table.name) return;
  s.CheckRelationFree(table.schema_oid, new_name);
  s.SaveTableForUndo(txn, table);
  s.relations.erase({table.schema_oid, table.name});
  s.relations[{table.schema_oid, new_name}] = {CatalogType::kTable, table.oid};
  table.name = new_name;
  s.PutTable(txn, table);
  s.Bump();
}

void Catalog::UpdateTable(StorageTransaction& txn, TableEntry& table) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  // The caller already changed the entry; the persisted version is the one to go back to.
  auto old = txn.Get(ColumnFamily::kCatalog, CatalogKey(CatalogType::kTable, table.oid));
  if (old) {
    auto saved = std::make_shared<TableEntry>();
    DeserializeTable(*old, saved.get());
    uint64_t table_oid = table.oid;
    txn.OnRollback([&s, saved, table_oid] {
      std::unique_lock lock(s.mutex);
      auto it = s.tables.find(table_oid);
      if (it == s.tables.end()) return;
      it->second->columns = saved->columns;
      it->second->checks = saved->checks;
      it->second->uniques = saved->uniques;
      s.Bump();
    });
  }
  s.PutTable(txn, table);
  s.Bump();
}

}  // namespace kadedb
