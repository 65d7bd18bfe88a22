// Catalog: loading from storage, lookups, schemas, and the in-memory add/remove primitives with
// their rollback actions. Relations (tables, views, indexes) are in catalog_relations.cpp, ALTER
// TABLE in catalog_alter.cpp.
#include "catalog/catalog.hpp"

#include "catalog/catalog_serializer.hpp"
#include "catalog/catalog_state.hpp"
#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"
#include "storage/key_codec.hpp"

namespace kadedb {

// --- TableEntry ---

std::optional<column_t> TableEntry::FindColumn(const std::string& name) const {
  for (column_t i = 0; i < columns.size(); i++) {
    if (columns[i].name == name) return i;
  }
  return std::nullopt;
}

int TableEntry::AttNum(column_t c) const {
  return static_cast<int>(c < layout.live.size() ? layout.live[c] : c) + 1;
}

std::vector<LogicalType> TableEntry::ColumnTypes() const {
  std::vector<LogicalType> types;
  types.reserve(columns.size());
  for (auto& c : columns) types.push_back(c.type);
  return types;
}

// --- State helpers ---

SchemaEntry* Catalog::State::FindSchema(const std::string& name) const {
  auto it = schema_names.find(name.empty() ? "public" : name);
  if (it == schema_names.end()) return nullptr;
  return schemas.at(it->second).get();
}

SchemaEntry& Catalog::State::SchemaOf(uint64_t schema_oid, const std::string& schema_name) const {
  auto it = schema_oid != 0 ? schemas.find(schema_oid) : schemas.end();
  return it != schemas.end() ? *it->second : RequireSchema(schema_name);
}

SchemaEntry& Catalog::State::RequireSchema(const std::string& name) const {
  SchemaEntry* s = FindSchema(name);
  if (s == nullptr) {
    throw Exception(
        sqlstate::kUndefinedSchema,
        "schema \"" + (name.empty() ? std::string("public") : name) + "\" does not exist");
  }
  return *s;
}

void Catalog::State::CheckCreatable(const SchemaEntry& schema, const std::string& relname) const {
  if (schema.oid == kPgCatalogOid || schema.oid == kInformationSchemaOid) {
    throw Exception("42501", "permission denied to create \"" + schema.name + "." + relname + "\"",
                    0, "System catalog modifications are currently disallowed.");
  }
}

const std::pair<CatalogType, uint64_t>* Catalog::State::FindRelation(
    uint64_t schema_oid, const std::string& name) const {
  auto it = relations.find({schema_oid, name});
  return it == relations.end() ? nullptr : &it->second;
}

void Catalog::State::CheckRelationFree(uint64_t schema_oid, const std::string& name) const {
  if (FindRelation(schema_oid, name) != nullptr) {
    throw Exception(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
}

std::string Catalog::State::UniqueRelationName(uint64_t schema_oid, const std::string& base) const {
  if (!FindRelation(schema_oid, base)) return base;
  for (int i = 1;; i++) {
    std::string n = base + std::to_string(i);
    if (!FindRelation(schema_oid, n)) return n;
  }
}

uint64_t Catalog::State::NextOid(StorageTransaction& txn) {
  uint64_t oid = next_oid++;
  std::string v;
  PutFixed64BE(&v, next_oid);
  // Untracked: concurrent DDL must not conflict on the counter. Oids are never reused because
  // the loader also takes max(persisted counter, largest loaded oid + 1).
  txn.PutUntracked(ColumnFamily::kCatalog, kOidCounterKey, v);
  return oid;
}

void Catalog::State::PutTable(StorageTransaction& txn, const TableEntry& e) {
  txn.Put(ColumnFamily::kCatalog, CatalogKey(CatalogType::kTable, e.oid), SerializeTable(e));
}
void Catalog::State::PutIndex(StorageTransaction& txn, const IndexEntry& e) {
  txn.Put(ColumnFamily::kCatalog, CatalogKey(CatalogType::kIndex, e.oid), SerializeIndex(e));
}
void Catalog::State::PutView(StorageTransaction& txn, const ViewEntry& e) {
  txn.Put(ColumnFamily::kCatalog, CatalogKey(CatalogType::kView, e.oid), SerializeView(e));
}

// The add/remove primitives. Undo actions run after the transaction ends (or at a savepoint
// rollback) and take the lock themselves.

void Catalog::State::AddSchema(StorageTransaction& txn, std::unique_ptr<SchemaEntry> entry) {
  uint64_t oid = entry->oid;
  schema_names[entry->name] = oid;
  schemas[oid] = std::move(entry);
  Bump();
  txn.OnRollback([this, oid] {
    std::unique_lock lock(mutex);
    auto it = schemas.find(oid);
    if (it == schemas.end()) return;
    schema_names.erase(it->second->name);
    schemas.erase(it);
    Bump();
  });
}

void Catalog::State::RemoveSchema(StorageTransaction& txn, uint64_t oid) {
  auto it = schemas.find(oid);
  auto holder = std::make_shared<std::unique_ptr<SchemaEntry>>(std::move(it->second));
  schemas.erase(it);
  schema_names.erase((*holder)->name);
  Bump();
  txn.OnCommit([holder] { holder->reset(); });
  txn.OnRollback([this, holder] {
    std::unique_lock lock(mutex);
    schema_names[(*holder)->name] = (*holder)->oid;
    schemas[(*holder)->oid] = std::move(*holder);
    Bump();
  });
}

void Catalog::State::AddTable(StorageTransaction& txn, std::unique_ptr<TableEntry> entry) {
  uint64_t oid = entry->oid;
  relations[{entry->schema_oid, entry->name}] = {CatalogType::kTable, oid};
  tables[oid] = std::move(entry);
  Bump();
  txn.OnRollback([this, oid] {
    std::unique_lock lock(mutex);
    auto it = tables.find(oid);
    if (it == tables.end()) return;
    relations.erase({it->second->schema_oid, it->second->name});
    tables.erase(it);
    Bump();
  });
}

void Catalog::State::RemoveTable(StorageTransaction& txn, uint64_t oid) {
  auto it = tables.find(oid);
  auto holder = std::make_shared<std::unique_ptr<TableEntry>>(std::move(it->second));
  tables.erase(it);
  relations.erase({(*holder)->schema_oid, (*holder)->name});
  Bump();
  txn.OnCommit([holder] { holder->reset(); });
  txn.OnRollback([this, holder] {
    std::unique_lock lock(mutex);
    TableEntry& t = **holder;
    relations[{t.schema_oid, t.name}] = {CatalogType::kTable, t.oid};
    tables[t.oid] = std::move(*holder);
    Bump();
  });
}

void Catalog::State::AddView(StorageTransaction& txn, std::unique_ptr<ViewEntry> entry) {
  uint64_t oid = entry->oid;
  relations[{entry->schema_oid, entry->name}] = {CatalogType::kView, oid};
  views[oid] = std::move(entry);
  Bump();
  txn.OnRollback([this, oid] {
    std::unique_lock lock(mutex);
    auto it = views.find(oid);
    if (it == views.end()) return;
    relations.erase({it->second->schema_oid, it->second->name});
    views.erase(it);
    Bump();
  });
}

void Catalog::State::RemoveView(StorageTransaction& txn, uint64_t oid) {
  auto it = views.find(oid);
  auto holder = std::make_shared<std::unique_ptr<ViewEntry>>(std::move(it->second));
  views.erase(it);
  relations.erase({(*holder)->schema_oid, (*holder)->name});
  Bump();
  txn.OnCommit([holder] { holder->reset(); });
  txn.OnRollback([this, holder] {
    std::unique_lock lock(mutex);
    ViewEntry& v = **holder;
    relations[{v.schema_oid, v.name}] = {CatalogType::kView, v.oid};
    views[v.oid] = std::move(*holder);
    Bump();
  });
}

void Catalog::State::AddIndex(StorageTransaction& txn, std::unique_ptr<IndexEntry> entry) {
  uint64_t oid = entry->oid;
  relations[{entry->schema_oid, entry->name}] = {CatalogType::kIndex, oid};
  indexes[oid] = std::move(entry);
  Bump();
  txn.OnRollback([this, oid] {
    std::unique_lock lock(mutex);
    auto it = indexes.find(oid);
    if (it == indexes.end()) return;
    relations.erase({it->second->schema_oid, it->second->name});
    indexes.erase(it);
    Bump();
  });
}

void Catalog::State::RemoveIndex(StorageTransaction& txn, uint64_t oid) {
  auto it = indexes.find(oid);
  auto holder = std::make_shared<std::unique_ptr<IndexEntry>>(std::move(it->second));
  indexes.erase(it);
  relations.erase({(*holder)->schema_oid, (*holder)->name});
  Bump();
  txn.OnCommit([holder] { holder->reset(); });
  txn.OnRollback([this, holder] {
    std::unique_lock lock(mutex);
    IndexEntry& x = **holder;
    relations[{x.schema_oid, x.name}] = {CatalogType::kIndex, x.oid};
    indexes[x.oid] = std::move(*holder);
    Bump();
  });
}

// --- Catalog: construction and loading ---

Catalog::Catalog(StorageEngine& engine) : state_(std::make_unique<State>(engine)) {
  State& s = *state_;
  uint64_t max_oid = 0, counter = 0;
  bool any_schema = false;
  std::map<uint64_t, std::string> sequence_records;  // sequence oid -> counter record
  auto it = engine.NewIterator(ColumnFamily::kCatalog);
  for (it->Seek(std::string_view()); it->Valid(); it->Next()) {
    std::string_view key = it->key(), value = it->value();
    if (key == kOidCounterKey) {
      if (value.size() != 8)
        throw Exception(sqlstate::kDataCorrupted, "catalog oid counter is corrupted");
      counter = GetFixed64BE(value.data());
      continue;
    }
    if (key.size() != 9) throw Exception(sqlstate::kDataCorrupted, "invalid catalog key");
    uint64_t oid = GetFixed64BE(key.data() + 1);
    max_oid = std::max(max_oid, oid);
    switch (static_cast<CatalogType>(key[0])) {
      case CatalogType::kSchema: {
        auto e = std::make_unique<SchemaEntry>();
        e->oid = oid;
        DeserializeSchema(value, e.get());
        s.schema_names[e->name] = oid;
        s.schemas[oid] = std::move(e);
        any_schema = true;
        break;
      }
      case CatalogType::kTable: {
        auto e = std::make_unique<TableEntry>();
        e->oid = oid;
        DeserializeTable(value, e.get());
        s.tables[oid] = std::move(e);
        break;
      }
      case CatalogType::kIndex: {
        auto e = std::make_unique<IndexEntry>();
        e->oid = oid;
        e->info.oid = oid;
        DeserializeIndex(value, e.get());
        s.indexes[oid] = std::move(e);
        break;
      }
      case CatalogType::kView: {
        auto e = std::make_unique<ViewEntry>();
        e->oid = oid;
        DeserializeView(value, e.get());
        s.views[oid] = std::move(e);
        break;
      }
      case CatalogType::kTrigger: {
        auto e = std::make_unique<TriggerEntry>();
        e->oid = oid;
        DeserializeTrigger(value, e.get());
        s.triggers[oid] = std::move(e);
        break;
      }
      case CatalogType::kSequence: {
        auto e = std::make_unique<SequenceEntry>();
        e->oid = oid;
        DeserializeSequence(value, e.get());
        s.sequences[oid] = std::move(e);
        break;
      }
      case CatalogType::kSequenceState:
        sequence_records[oid] = std::string(value);
        break;
      case CatalogType::kRole:
      case CatalogType::kAcl:
        break;  // loaded by RoleCatalog
      default:
        throw Exception(sqlstate::kDataCorrupted,
                        "unknown catalog entry type " + std::to_string(static_cast<int>(key[0])));
    }
  }
  s.next_oid = std::max({kFirstUserOid, counter, max_oid + 1});

  // Built-in schemas live in memory only.
  for (auto [oid, name] : {std::pair<uint64_t, const char*>{kPgCatalogOid, "pg_catalog"},
                           {kInformationSchemaOid, "information_schema"}}) {
    auto e = std::make_unique<SchemaEntry>();
    e->oid = oid;
    e->name = name;
    s.schema_names[name] = oid;
    s.schemas[oid] = std::move(e);
  }
  if (!any_schema) {
    SchemaEntry pub{kPublicSchemaOid, "public"};
    if (!engine.read_only()) {
      auto txn = engine.BeginTransaction();
      txn->Put(ColumnFamily::kCatalog, CatalogKey(CatalogType::kSchema, pub.oid),
               SerializeSchema(pub));
      txn->Commit();
    }
    s.schema_names[pub.name] = pub.oid;
    s.schemas[pub.oid] = std::make_unique<SchemaEntry>(pub);
  }

  // Resolve names, then build each table's storage with its indexes.
  auto schema_name = [&](uint64_t oid) -> std::string {
    auto it2 = s.schemas.find(oid);
    if (it2 == s.schemas.end()) {
      throw Exception(sqlstate::kDataCorrupted,
                      "catalog entry refers to missing schema " + std::to_string(oid));
    }
    return it2->second->name;
  };
  for (auto& [oid, t] : s.tables) {
    t->schema_name = schema_name(t->schema_oid);
    s.relations[{t->schema_oid, t->name}] = {CatalogType::kTable, oid};
    t->storage = std::make_unique<DataTable>(engine, oid, t->ColumnTypes());
    if (t->layout.columns.empty()) {
      t->layout = t->storage->layout();
    } else {
      t->storage->SetLayout(t->layout);
    }
  }
  for (auto& [oid, v] : s.views) {
    v->schema_name = schema_name(v->schema_oid);
    s.relations[{v->schema_oid, v->name}] = {CatalogType::kView, oid};
  }
  for (auto& [oid, x] : s.indexes) {
    s.relations[{x->schema_oid, x->name}] = {CatalogType::kIndex, oid};
    auto t = s.tables.find(x->table_oid);
    if (t == s.tables.end()) {
      throw Exception(sqlstate::kDataCorrupted,
                      "index \"" + x->name + "\" refers to a missing table");
    }
    x->info.name = x->name;
    for (column_t c : x->info.columns) {
      if (c >= t->second->columns.size()) {
        throw Exception(sqlstate::kDataCorrupted, "index \"" + x->name + "\" is corrupted");
      }
      x->info.column_names.push_back(t->second->columns[c].name);
    }
    t->second->storage->AttachIndex(x->info);
  }
  for (auto& [oid, q] : s.sequences) {
    q->schema_name = schema_name(q->schema_oid);
    s.relations[{q->schema_oid, q->name}] = {CatalogType::kSequence, oid};
  }
  s.AttachSequences(sequence_records);
  roles_ = std::make_unique<RoleCatalog>(engine);
}

Catalog::~Catalog() = default;

uint64_t Catalog::version() const {
  // Grants and role changes also invalidate bound statements (privilege checks happen at bind).
  return state_->version.load(std::memory_order_relaxed) + (roles_ ? roles_->version() : 0);
}

uint64_t Catalog::AllocateOid(StorageTransaction& txn) {
  std::unique_lock lock(state_->mutex);
  return state_->NextOid(txn);
}

// --- lookups ---

SchemaEntry* Catalog::GetSchema(const std::string& name) {
  std::shared_lock lock(state_->mutex);
  auto it = state_->schema_names.find(name);
  return it == state_->schema_names.end() ? nullptr : state_->schemas.at(it->second).get();
}

TableEntry* Catalog::GetTable(const std::string& schema, const std::string& name) {
  std::shared_lock lock(state_->mutex);
  SchemaEntry* s = state_->FindSchema(schema);
  if (!s) return nullptr;
  auto* rel = state_->FindRelation(s->oid, name);
  if (!rel || rel->first != CatalogType::kTable) return nullptr;
  return state_->tables.at(rel->second).get();
}

ViewEntry* Catalog::GetView(const std::string& schema, const std::string& name) {
  std::shared_lock lock(state_->mutex);
  SchemaEntry* s = state_->FindSchema(schema);
  if (!s) return nullptr;
  auto* rel = state_->FindRelation(s->oid, name);
  if (!rel || rel->first != CatalogType::kView) return nullptr;
  return state_->views.at(rel->second).get();
}

IndexEntry* Catalog::GetIndex(const std::string& schema, const std::string& name) {
  std::shared_lock lock(state_->mutex);
  SchemaEntry* s = state_->FindSchema(schema);
  if (!s) return nullptr;
  auto* rel = state_->FindRelation(s->oid, name);
  if (!rel || rel->first != CatalogType::kIndex) return nullptr;
  return state_->indexes.at(rel->second).get();
}

TableEntry* Catalog::GetTableByOid(uint64_t oid) {
  std::shared_lock lock(state_->mutex);
  auto it = state_->tables.find(oid);
  return it == state_->tables.end() ? nullptr : it->second.get();
}

IndexEntry* Catalog::GetIndexByOid(uint64_t oid) {
  std::shared_lock lock(state_->mutex);
  auto it = state_->indexes.find(oid);
  return it == state_->indexes.end() ? nullptr : it->second.get();
}

ViewEntry* Catalog::GetViewByOid(uint64_t oid) {
  std::shared_lock lock(state_->mutex);
  auto it = state_->views.find(oid);
  return it == state_->views.end() ? nullptr : it->second.get();
}

std::vector<SchemaEntry*> Catalog::Schemas() {
  std::shared_lock lock(state_->mutex);
  std::vector<SchemaEntry*> out;
  for (auto& [name, oid] : state_->schema_names) out.push_back(state_->schemas.at(oid).get());
  return out;
}

std::vector<TableEntry*> Catalog::Tables(const std::string& schema) {
  std::shared_lock lock(state_->mutex);
  std::vector<TableEntry*> out;
  for (auto& [key, rel] : state_->relations) {
    if (rel.first != CatalogType::kTable) continue;
    TableEntry* t = state_->tables.at(rel.second).get();
    if (schema.empty() || t->schema_name == schema) out.push_back(t);
  }
  return out;
}

std::vector<ViewEntry*> Catalog::Views(const std::string& schema) {
  std::shared_lock lock(state_->mutex);
  std::vector<ViewEntry*> out;
  for (auto& [key, rel] : state_->relations) {
    if (rel.first != CatalogType::kView) continue;
    ViewEntry* v = state_->views.at(rel.second).get();
    if (schema.empty() || v->schema_name == schema) out.push_back(v);
  }
  return out;
}

std::vector<IndexEntry*> Catalog::Indexes(uint64_t table_oid) {
  std::shared_lock lock(state_->mutex);
  std::vector<IndexEntry*> out;
  for (auto& [oid, x] : state_->indexes) {
    if (x->table_oid == table_oid) out.push_back(x.get());
  }
  return out;
}

// --- schemas ---

void Catalog::CreateSchema(StorageTransaction& txn, const std::string& name, bool if_not_exists) {
  std::unique_lock lock(state_->mutex);
  if (state_->schema_names.count(name)) {
    if (if_not_exists) return;
    throw Exception(sqlstate::kDuplicateSchema, "schema \"" + name + "\" already exists");
  }
  if (name.rfind("pg_", 0) == 0) {
    throw Exception("42939", "unacceptable schema name \"" + name + "\"", 0,
                    "The prefix \"pg_\" is reserved for system schemas.");
  }
  auto e = std::make_unique<SchemaEntry>();
  e->oid = state_->NextOid(txn);
  e->name = name;
  txn.Put(ColumnFamily::kCatalog, CatalogKey(CatalogType::kSchema, e->oid), SerializeSchema(*e));
  state_->AddSchema(txn, std::move(e));
}

void Catalog::DropSchema(StorageTransaction& txn, const std::string& name, bool if_exists,
                         bool cascade) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  SchemaEntry* schema = s.FindSchema(name);
  if (schema == nullptr || name.empty()) {
    if (if_exists) return;
    throw Exception(sqlstate::kUndefinedSchema, "schema \"" + name + "\" does not exist");
  }
  if (schema->oid == kPgCatalogOid || schema->oid == kInformationSchemaOid) {
    throw Exception(
        sqlstate::kDependentObjectsStillExist,
        "cannot drop schema " + name + " because it is required by the database system");
  }
  uint64_t schema_oid = schema->oid;
  std::vector<std::pair<CatalogType, uint64_t>> members;
  std::string detail;
  for (auto& [key, rel] : s.relations) {
    if (key.first != schema_oid) continue;
    members.push_back(rel);
    if (rel.first == CatalogType::kIndex) continue;  // indexes go with their tables
    if (!detail.empty()) detail += "\n";
    detail += std::string(rel.first == CatalogType::kTable      ? "table "
                          : rel.first == CatalogType::kSequence ? "sequence "
                                                                : "view ") +
              name + "." + key.second + " depends on schema " + name;
  }
  if (!members.empty() && !cascade) {
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    "cannot drop schema " + name + " because other objects depend on it", 0, detail,
                    "Use DROP ... CASCADE to drop the dependent objects too.");
  }
  // Views first (and whatever depends on them elsewhere), then tables with their indexes.
  for (auto& [type, oid] : members) {
    if (type == CatalogType::kView && s.views.count(oid)) {
      s.DropDependentViews(txn, oid);
      s.DropViewInternal(txn, oid);
    }
  }
  for (auto& [type, oid] : members) {
    if (type == CatalogType::kTable && s.tables.count(oid)) {
      s.DropDependentViews(txn, oid);
      s.DropTableInternal(txn, *s.tables.at(oid));
    }
  }
  for (auto& [type, oid] : members) {
    if (type == CatalogType::kSequence) s.DropSequenceInternal(txn, oid);
  }
  txn.Delete(ColumnFamily::kCatalog, CatalogKey(CatalogType::kSchema, schema_oid));
  s.RemoveSchema(txn, schema_oid);
}

}  // namespace kadedb
