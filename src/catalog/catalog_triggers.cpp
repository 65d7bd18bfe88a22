// Catalog: triggers (create, drop, lookup, drop-with-table) and REINDEX.
#include "catalog/catalog.hpp"
#include "catalog/catalog_serializer.hpp"
#include "catalog/catalog_state.hpp"
#include "common/exception.hpp"

namespace kadedb {

void Catalog::State::AddTrigger(StorageTransaction& txn, std::unique_ptr<TriggerEntry> entry) {
  uint64_t oid = entry->oid;
  txn.Put(ColumnFamily::kCatalog, CatalogKey(CatalogType::kTrigger, oid), SerializeTrigger(*entry));
  triggers[oid] = std::move(entry);
  Bump();
  txn.OnRollback([this, oid] {
    std::unique_lock lock(mutex);
    triggers.erase(oid);
    Bump();
  });
}

void Catalog::State::DropTriggerInternal(StorageTransaction& txn, uint64_t oid) {
  txn.Delete(ColumnFamily::kCatalog, CatalogKey(CatalogType::kTrigger, oid));
  auto it = triggers.find(oid);
  auto holder = std::make_shared<std::unique_ptr<TriggerEntry>>(std::move(it->second));
  triggers.erase(it);
  Bump();
  txn.OnCommit([holder] { holder->reset(); });
  txn.OnRollback([this, holder] {
    std::unique_lock lock(mutex);
    uint64_t id = (*holder)->oid;
    triggers[id] = std::move(*holder);
    Bump();
  });
}

void Catalog::State::DropTableTriggers(StorageTransaction& txn, uint64_t table_oid) {
  std::vector<uint64_t> own;
  for (auto& [oid, t] : triggers) {
    if (t->table_oid == table_oid) own.push_back(oid);
  }
  for (uint64_t oid : own) DropTriggerInternal(txn, oid);
}

namespace {

TriggerEntry* FindTrigger(const std::map<uint64_t, std::unique_ptr<TriggerEntry>>& triggers,
                          uint64_t schema_oid, const std::string& name) {
  for (auto& [oid, t] : triggers) {
    if (t->schema_oid == schema_oid && t->name == name) return t.get();
  }
  return nullptr;
}

}  // namespace

TriggerEntry* Catalog::CreateTrigger(StorageTransaction& txn, TriggerEntry entry,
                                     bool if_not_exists) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  if (TriggerEntry* old = FindTrigger(s.triggers, entry.schema_oid, entry.name)) {
    if (if_not_exists) return nullptr;
    std::string rel;
    if (auto t = s.tables.find(old->table_oid); t != s.tables.end()) rel = t->second->name;
    if (auto v = s.views.find(old->table_oid); v != s.views.end()) rel = v->second->name;
    throw Exception("42710",
                    "trigger \"" + entry.name + "\" for relation \"" + rel + "\" already exists");
  }
  auto e = std::make_unique<TriggerEntry>(std::move(entry));
  e->oid = s.NextOid(txn);
  TriggerEntry* raw = e.get();
  s.AddTrigger(txn, std::move(e));
  return raw;
}

void Catalog::DropTrigger(StorageTransaction& txn, const std::string& schema,
                          const std::string& name, bool if_exists) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  SchemaEntry* sc = s.FindSchema(schema);
  TriggerEntry* t = sc ? FindTrigger(s.triggers, sc->oid, name) : nullptr;
  if (t == nullptr) {
    if (if_exists) return;
    throw Exception(sqlstate::kUndefinedObject, "trigger \"" + name + "\" does not exist");
  }
  s.DropTriggerInternal(txn, t->oid);
}

TriggerEntry* Catalog::GetTrigger(const std::string& schema, const std::string& name) {
  std::shared_lock lock(state_->mutex);
  SchemaEntry* sc = state_->FindSchema(schema);
  return sc ? FindTrigger(state_->triggers, sc->oid, name) : nullptr;
}

std::vector<TriggerEntry*> Catalog::Triggers(uint64_t table_oid) {
  std::shared_lock lock(state_->mutex);
  std::vector<TriggerEntry*> out;
  for (auto& [oid, t] : state_->triggers) {
    if (t->table_oid == table_oid) out.push_back(t.get());
  }
  return out;
}

void Catalog::Reindex(StorageTransaction& txn, IndexEntry& index) {
  std::unique_lock lock(state_->mutex);
  auto it = state_->tables.find(index.table_oid);
  if (it == state_->tables.end()) ThrowInternal("REINDEX: index without table");
  DataTable& storage = *it->second->storage;
  IndexInfo info;
  for (auto& x : storage.indexes()) {
    if (x.oid == index.oid) info = x;
  }
  if (info.oid != index.oid) ThrowInternal("REINDEX: index not attached to its table");
  storage.DropIndex(txn, index.oid);
  storage.AddIndex(txn, std::move(info));
}

}  // namespace kadedb
