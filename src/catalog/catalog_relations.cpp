// Catalog relations: CREATE/DROP of tables, views and indexes, with PostgreSQL's errors and the
// view dependency rules (DROP refuses with 2BP01 while a view depends on the object, unless
// CASCADE).
#include "catalog/catalog.hpp"
#include "catalog/catalog_serializer.hpp"
#include "catalog/catalog_state.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {
const char* KindName(CatalogType t) {
  switch (t) {
    case CatalogType::kTable:
      return "table";
    case CatalogType::kView:
      return "view";
    case CatalogType::kIndex:
      return "index";
    case CatalogType::kSequence:
      return "sequence";
    default:
      return "schema";
  }
}
const char* DropHint(CatalogType t) {
  switch (t) {
    case CatalogType::kView:
      return "Use DROP VIEW to remove a view.";
    case CatalogType::kIndex:
      return "Use DROP INDEX to remove an index.";
    case CatalogType::kSequence:
      return "Use DROP SEQUENCE to remove a sequence.";
    default:
      return "Use DROP TABLE to remove a table.";
  }
}

}  // namespace

// The oid of schema.name for DROP when it is a relation of kind want; 0 when it is missing and
// if_exists. Errors as PostgreSQL: 3F000 missing schema, 42P01 / 42704 missing relation,
// 42809 a relation of another kind (with the hint naming the right DROP).
uint64_t Catalog::State::FindForDrop(const std::string& schema, const std::string& name,
                                     CatalogType want, bool if_exists) const {
  SchemaEntry* sch = FindSchema(schema);
  const std::pair<CatalogType, uint64_t>* rel = sch ? FindRelation(sch->oid, name) : nullptr;
  const bool is_index = want == CatalogType::kIndex;
  const std::string word = KindName(want);
  if (rel == nullptr) {
    if (if_exists) return 0;
    if (sch == nullptr) RequireSchema(schema);
    throw Exception(is_index ? sqlstate::kUndefinedObject : sqlstate::kUndefinedTable,
                    word + " \"" + name + "\" does not exist");
  }
  if (rel->first != want) {
    throw Exception(sqlstate::kWrongObjectType,
                    "\"" + name + "\" is not " + (is_index ? "an " : "a ") + word, 0, "",
                    DropHint(rel->first));
  }
  return rel->second;
}

// --- State internals ---

std::vector<ViewEntry*> Catalog::State::DependentViews(uint64_t oid) const {
  std::vector<ViewEntry*> out;
  for (auto& [voids, v] : views) {
    for (uint64_t d : v->depends_on) {
      if (d == oid) {
        out.push_back(v.get());
        break;
      }
    }
  }
  return out;
}

void Catalog::State::DropDependentViews(StorageTransaction& txn, uint64_t oid) {
  for (ViewEntry* v : DependentViews(oid)) {
    uint64_t voids = v->oid;
    if (!views.count(voids)) continue;
    DropDependentViews(txn, voids);
    if (views.count(voids)) DropViewInternal(txn, voids);
  }
}

void Catalog::State::DropViewInternal(StorageTransaction& txn, uint64_t view_oid) {
  DropTableTriggers(txn, view_oid);  // its INSTEAD OF triggers
  txn.Delete(ColumnFamily::kCatalog, CatalogKey(CatalogType::kView, view_oid));
  RemoveView(txn, view_oid);
}

void Catalog::State::DropIndexInternal(StorageTransaction& txn, IndexEntry& index) {
  auto t = tables.find(index.table_oid);
  if (t != tables.end()) t->second->storage->DropIndex(txn, index.oid);
  txn.Delete(ColumnFamily::kCatalog, CatalogKey(CatalogType::kIndex, index.oid));
  RemoveIndex(txn, index.oid);
}

void Catalog::State::DropTableInternal(StorageTransaction& txn, TableEntry& table) {
  table.storage->DropAllData(txn);
  std::vector<IndexEntry*> own;
  for (auto& [oid, x] : indexes) {
    if (x->table_oid == table.oid) own.push_back(x.get());
  }
  for (IndexEntry* x : own) {
    txn.Delete(ColumnFamily::kCatalog, CatalogKey(CatalogType::kIndex, x->oid));
    RemoveIndex(txn, x->oid);
  }
  DropTableTriggers(txn, table.oid);
  DropOwnedSequences(txn, table.oid);
  txn.Delete(ColumnFamily::kCatalog, CatalogKey(CatalogType::kTable, table.oid));
  RemoveTable(txn, table.oid);
}

IndexEntry* Catalog::State::CreateIndexInternal(StorageTransaction& txn, TableEntry& table,
                                                std::string name, std::vector<column_t> columns,
                                                bool unique, bool primary) {
  auto e = std::make_unique<IndexEntry>();
  e->oid = NextOid(txn);
  e->name = std::move(name);
  e->schema_oid = table.schema_oid;
  e->table_oid = table.oid;
  e->info.oid = e->oid;
  e->info.name = e->name;
  e->info.columns = std::move(columns);
  e->info.unique = unique;
  e->info.primary = primary;
  for (column_t c : e->info.columns) e->info.column_names.push_back(table.columns[c].name);
  PutIndex(txn, *e);
  IndexEntry* raw = e.get();
  AddIndex(txn, std::move(e));
  try {
    table.storage->AddIndex(txn, raw->info);
  } catch (const Exception& ex) {
    if (ex.sqlstate() != sqlstate::kUniqueViolation) throw;
    std::string detail = ex.detail();
    const std::string kSuffix = " already exists.";
    if (detail.size() > kSuffix.size() && detail.ends_with(kSuffix)) {
      detail = detail.substr(0, detail.size() - kSuffix.size()) + " is duplicated.";
    }
    throw Exception(sqlstate::kUniqueViolation,
                    "could not create unique index \"" + raw->name + "\"", 0, detail);
  }
  return raw;
}

// --- tables ---

TableEntry* Catalog::CreateTable(StorageTransaction& txn, TableEntry entry, bool if_not_exists) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  SchemaEntry* schema = &s.SchemaOf(entry.schema_oid, entry.schema_name);
  if (auto* rel = s.FindRelation(schema->oid, entry.name)) {
    if (if_not_exists && rel->first == CatalogType::kTable) return nullptr;
    throw Exception(sqlstate::kDuplicateTable, "relation \"" + entry.name + "\" already exists");
  }
  s.CheckCreatable(*schema, entry.name);
  for (size_t i = 0; i < entry.columns.size(); i++) {
    for (size_t j = 0; j < i; j++) {
      if (entry.columns[i].name == entry.columns[j].name) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + entry.columns[i].name + "\" specified more than once");
      }
    }
  }
  auto e = std::make_unique<TableEntry>(std::move(entry));
  e->oid = s.NextOid(txn);
  e->schema_oid = schema->oid;
  e->schema_name = schema->name;
  e->storage = std::make_unique<DataTable>(s.engine, e->oid, e->ColumnTypes());
  e->layout = e->storage->layout();
  // Constraint (= index) names, PostgreSQL style: t_pkey, t_a_key, t_a_b_key.
  for (auto& u : e->uniques) {
    for (column_t c : u.columns) {
      if (c >= e->columns.size()) ThrowInternal("unique constraint column out of range");
    }
    if (u.name.empty()) {
      std::string base = e->name;
      if (u.primary) {
        base += "_pkey";
      } else {
        for (column_t c : u.columns) base += "_" + e->columns[c].name;
        base += "_key";
      }
      u.name = s.UniqueRelationName(e->schema_oid, base);
    }
  }
  TableEntry* raw = e.get();
  s.AddTable(txn, std::move(e));
  for (auto& u : raw->uniques) {
    s.CheckRelationFree(raw->schema_oid, u.name);
    IndexEntry* x = s.CreateIndexInternal(txn, *raw, u.name, u.columns, true, u.primary);
    u.index_oid = x->oid;
  }
  s.PutTable(txn, *raw);
  return raw;
}

void Catalog::DropTable(StorageTransaction& txn, const std::string& schema, const std::string& name,
                        bool if_exists, bool cascade) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  const uint64_t oid = s.FindForDrop(schema, name, CatalogType::kTable, if_exists);
  if (oid == 0) return;
  TableEntry& table = *s.tables.at(oid);
  auto deps = s.DependentViews(table.oid);
  if (!deps.empty() && !cascade) {
    std::string detail;
    for (ViewEntry* v : deps) {
      if (!detail.empty()) detail += "\n";
      detail += "view " + v->name + " depends on table " + table.name;
    }
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    "cannot drop table " + table.name + " because other objects depend on it", 0,
                    detail, "Use DROP ... CASCADE to drop the dependent objects too.");
  }
  s.DropDependentViews(txn, table.oid);
  s.DropTableInternal(txn, table);
}

// --- views ---

void Catalog::CreateView(StorageTransaction& txn, ViewEntry entry, bool or_replace) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  SchemaEntry* schema = &s.SchemaOf(entry.schema_oid, entry.schema_name);
  auto e = std::make_unique<ViewEntry>(std::move(entry));
  e->schema_oid = schema->oid;
  e->schema_name = schema->name;
  if (auto* rel = s.FindRelation(schema->oid, e->name)) {
    if (!or_replace || rel->first != CatalogType::kView) {
      if (or_replace) {
        throw Exception(sqlstate::kWrongObjectType, "\"" + e->name + "\" is not a view");
      }
      throw Exception(sqlstate::kDuplicateTable, "relation \"" + e->name + "\" already exists");
    }
    // CREATE OR REPLACE keeps the oid, so views depending on this one stay attached.
    uint64_t oid = rel->second;
    e->oid = oid;
    for (uint64_t d : e->depends_on) {
      if (d == oid) ThrowInternal("view depends on itself");
    }
    s.PutView(txn, *e);
    s.RemoveView(txn, oid);
    s.AddView(txn, std::move(e));
    return;
  }
  s.CheckCreatable(*schema, e->name);
  e->oid = s.NextOid(txn);
  s.PutView(txn, *e);
  s.AddView(txn, std::move(e));
}

void Catalog::DropView(StorageTransaction& txn, const std::string& schema, const std::string& name,
                       bool if_exists) {
  DropView(txn, schema, name, if_exists, false);
}

void Catalog::DropView(StorageTransaction& txn, const std::string& schema, const std::string& name,
                       bool if_exists, bool cascade) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  const uint64_t oid = s.FindForDrop(schema, name, CatalogType::kView, if_exists);
  if (oid == 0) return;
  auto deps = s.DependentViews(oid);
  if (!deps.empty() && !cascade) {
    std::string detail;
    for (ViewEntry* v : deps) {
      if (!detail.empty()) detail += "\n";
      detail += "view " + v->name + " depends on view " + name;
    }
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    "cannot drop view " + name + " because other objects depend on it", 0, detail,
                    "Use DROP ... CASCADE to drop the dependent objects too.");
  }
  s.DropDependentViews(txn, oid);
  s.DropViewInternal(txn, oid);
}

// --- indexes ---

IndexEntry* Catalog::CreateIndex(StorageTransaction& txn, TableEntry& table, std::string name,
                                 std::vector<column_t> columns, bool unique, bool if_not_exists) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  for (column_t c : columns) {
    if (c >= table.columns.size()) ThrowInternal("CreateIndex: column out of range");
  }
  if (name.empty()) {
    std::string base = table.name;
    for (column_t c : columns) base += "_" + table.columns[c].name;
    name = s.UniqueRelationName(table.schema_oid, base + "_idx");
  } else if (s.FindRelation(table.schema_oid, name) != nullptr) {
    if (if_not_exists) return nullptr;
    throw Exception(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  return s.CreateIndexInternal(txn, table, std::move(name), std::move(columns), unique, false);
}

void Catalog::DropIndex(StorageTransaction& txn, const std::string& schema, const std::string& name,
                        bool if_exists) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  const uint64_t oid = s.FindForDrop(schema, name, CatalogType::kIndex, if_exists);
  if (oid == 0) return;
  IndexEntry& index = *s.indexes.at(oid);
  auto t = s.tables.find(index.table_oid);
  if (t != s.tables.end()) {
    for (auto& u : t->second->uniques) {
      if (u.index_oid == index.oid) {
        throw Exception(
            sqlstate::kDependentObjectsStillExist,
            "cannot drop index " + name + " because constraint " + u.name + " on table " +
                t->second->name + " requires it",
            0, "",
            "You can drop constraint " + u.name + " on table " + t->second->name + " instead.");
      }
    }
  }
  s.DropIndexInternal(txn, index);
}

}  // namespace kadedb
