// Catalog: sequences (create, drop, alter, lookups, the sequences a table owns) and attaching
// their counters at load. The counters themselves are in sequence_counter.cpp.
#include "catalog/catalog.hpp"
#include "catalog/catalog_serializer.hpp"
#include "catalog/catalog_state.hpp"
#include "catalog/sequence_counter.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

void PutSequence(StorageTransaction& txn, const SequenceEntry& e) {
  txn.Put(ColumnFamily::kCatalog, CatalogKey(CatalogType::kSequence, e.oid), SerializeSequence(e));
}

// The column an owned sequence belongs to, or nullptr.
using TableMap = std::map<uint64_t, std::unique_ptr<TableEntry>>;

CatalogColumn* OwningColumn(TableMap& tables, const SequenceEntry& q) {
  if (q.owned_table_oid == 0) return nullptr;
  auto t = tables.find(q.owned_table_oid);
  if (t == tables.end()) return nullptr;
  TableEntry& table = *t->second;
  for (column_t c = 0; c < table.columns.size(); c++) {
    if (table.AttNum(c) == q.owned_attnum) return &table.columns[c];
  }
  return nullptr;
}

}  // namespace

void Catalog::State::AttachSequences(const std::map<uint64_t, std::string>& records) {
  for (auto& [oid, q] : sequences) {
    q->counter = std::make_shared<SequenceCounter>(engine, oid, q->start);
    if (auto r = records.find(oid); r != records.end()) q->counter->Load(r->second);
    if (q->identity) {
      if (CatalogColumn* col = OwningColumn(tables, *q)) col->identity = q->identity;
    }
  }
}

SequenceEntry* Catalog::CreateSequence(StorageTransaction& txn, SequenceEntry entry,
                                       bool if_not_exists) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  SchemaEntry* schema = &s.SchemaOf(entry.schema_oid, entry.schema_name);
  s.CheckCreatable(*schema, entry.name);
  if (s.FindRelation(schema->oid, entry.name)) {
    if (if_not_exists) return nullptr;
    s.CheckRelationFree(schema->oid, entry.name);
  }
  auto e = std::make_unique<SequenceEntry>(std::move(entry));
  e->schema_oid = schema->oid;
  e->schema_name = schema->name;
  e->oid = s.NextOid(txn);
  e->counter = std::make_shared<SequenceCounter>(s.engine, e->oid, e->start);
  PutSequence(txn, *e);
  uint64_t oid = e->oid;
  SequenceEntry* raw = e.get();
  s.relations[{e->schema_oid, e->name}] = {CatalogType::kSequence, oid};
  s.sequences[oid] = std::move(e);
  if (raw->identity) {
    if (CatalogColumn* col = OwningColumn(s.tables, *raw)) col->identity = raw->identity;
  }
  s.Bump();
  txn.OnRollback([&s, oid] {
    std::unique_lock lock(s.mutex);
    auto it = s.sequences.find(oid);
    if (it == s.sequences.end()) return;
    if (it->second->identity) {
      if (CatalogColumn* col = OwningColumn(s.tables, *it->second)) col->identity = 0;
    }
    s.relations.erase({it->second->schema_oid, it->second->name});
    s.sequences.erase(it);
    s.Bump();
  });
  return raw;
}

void Catalog::State::DropSequenceInternal(StorageTransaction& txn, uint64_t oid) {
  auto it = sequences.find(oid);
  if (it == sequences.end()) return;
  txn.Delete(ColumnFamily::kCatalog, CatalogKey(CatalogType::kSequence, oid));
  auto holder = std::make_shared<std::unique_ptr<SequenceEntry>>(std::move(it->second));
  sequences.erase(it);
  relations.erase({(*holder)->schema_oid, (*holder)->name});
  CatalogColumn* col = (*holder)->identity ? OwningColumn(tables, **holder) : nullptr;
  if (col) col->identity = 0;
  Bump();
  txn.OnCommit([holder] {
    (*holder)->counter->Forget();
    holder->reset();
  });
  txn.OnRollback([this, holder] {
    std::unique_lock lock(mutex);
    SequenceEntry& q = **holder;
    relations[{q.schema_oid, q.name}] = {CatalogType::kSequence, q.oid};
    if (q.identity) {
      if (CatalogColumn* c = OwningColumn(tables, q)) c->identity = q.identity;
    }
    sequences[q.oid] = std::move(*holder);
    Bump();
  });
}

void Catalog::State::DropOwnedSequences(StorageTransaction& txn, uint64_t table_oid) {
  std::vector<uint64_t> own;
  for (auto& [oid, q] : sequences) {
    if (q->owned_table_oid == table_oid) own.push_back(oid);
  }
  for (uint64_t oid : own) DropSequenceInternal(txn, oid);
}

void Catalog::DropSequence(StorageTransaction& txn, const std::string& schema,
                           const std::string& name, bool if_exists, bool cascade) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  SchemaEntry* sch = s.FindSchema(schema);
  const std::pair<CatalogType, uint64_t>* rel = sch ? s.FindRelation(sch->oid, name) : nullptr;
  if (rel == nullptr) {
    if (if_exists) return;
    if (sch == nullptr) s.RequireSchema(schema);
    throw Exception(sqlstate::kUndefinedTable, "sequence \"" + name + "\" does not exist");
  }
  if (rel->first != CatalogType::kSequence) {
    throw Exception(sqlstate::kWrongObjectType, "\"" + name + "\" is not a sequence", 0, "",
                    rel->first == CatalogType::kView    ? "Use DROP VIEW to remove a view."
                    : rel->first == CatalogType::kIndex ? "Use DROP INDEX to remove an index."
                                                        : "Use DROP TABLE to remove a table.");
  }
  SequenceEntry& q = *s.sequences.at(rel->second);
  // An owned sequence is what its column's DEFAULT (or identity) draws from.
  if (q.owned_table_oid != 0) {
    auto t = s.tables.find(q.owned_table_oid);
    CatalogColumn* col = OwningColumn(s.tables, q);
    if (col && t != s.tables.end()) {
      TableEntry& table = *t->second;
      if (q.identity) {
        throw Exception(
            sqlstate::kDependentObjectsStillExist,
            "cannot drop sequence " + name + " because column " + col->name + " of table " +
                table.name + " requires it",
            0, "", "You can drop column " + col->name + " of table " + table.name + " instead.");
      }
      if (!col->default_sql.empty() && col->default_sql.find(name) != std::string::npos) {
        if (!cascade) {
          throw Exception(sqlstate::kDependentObjectsStillExist,
                          "cannot drop sequence " + name + " because other objects depend on it", 0,
                          "default value for column " + col->name + " of table " + table.name +
                              " depends on sequence " + name,
                          "Use DROP ... CASCADE to drop the dependent objects too.");
        }
        s.SaveTableForUndo(txn, table);
        col->default_sql.clear();
        s.PutTable(txn, table);
      }
    }
  }
  s.DropSequenceInternal(txn, q.oid);
}

SequenceEntry* Catalog::GetSequence(const std::string& schema, const std::string& name) {
  std::shared_lock lock(state_->mutex);
  SchemaEntry* s = state_->FindSchema(schema);
  if (!s) return nullptr;
  auto* rel = state_->FindRelation(s->oid, name);
  if (!rel || rel->first != CatalogType::kSequence) return nullptr;
  return state_->sequences.at(rel->second).get();
}

SequenceEntry* Catalog::GetSequenceByOid(uint64_t oid) {
  std::shared_lock lock(state_->mutex);
  auto it = state_->sequences.find(oid);
  return it == state_->sequences.end() ? nullptr : it->second.get();
}

std::vector<SequenceEntry*> Catalog::Sequences(const std::string& schema) {
  std::shared_lock lock(state_->mutex);
  std::vector<SequenceEntry*> out;
  for (auto& [key, rel] : state_->relations) {
    if (rel.first != CatalogType::kSequence) continue;
    SequenceEntry* q = state_->sequences.at(rel.second).get();
    if (schema.empty() || q->schema_name == schema) out.push_back(q);
  }
  return out;
}

std::vector<SequenceEntry*> Catalog::OwnedSequences(uint64_t table_oid) {
  std::shared_lock lock(state_->mutex);
  std::vector<SequenceEntry*> out;
  for (auto& [oid, q] : state_->sequences) {
    if (q->owned_table_oid == table_oid) out.push_back(q.get());
  }
  return out;
}

SequenceEntry* Catalog::IdentitySequence(const TableEntry& table, column_t c) {
  std::shared_lock lock(state_->mutex);
  int attnum = table.AttNum(c);
  for (auto& [oid, q] : state_->sequences) {
    if (q->identity && q->owned_table_oid == table.oid && q->owned_attnum == attnum) {
      return q.get();
    }
  }
  return nullptr;
}

void Catalog::AlterSequence(StorageTransaction& txn, SequenceEntry& seq, const SequenceEntry& def,
                            const std::string& new_name) {
  std::unique_lock lock(state_->mutex);
  State& s = *state_;
  if (!new_name.empty() && new_name != seq.name) s.CheckRelationFree(seq.schema_oid, new_name);
  auto saved = std::make_shared<SequenceEntry>(seq);
  CatalogColumn* old_col = seq.identity ? OwningColumn(s.tables, seq) : nullptr;
  if (old_col) old_col->identity = 0;
  uint64_t oid = seq.oid;
  std::string name = new_name.empty() ? seq.name : new_name;
  std::shared_ptr<SequenceCounter> counter = seq.counter;
  std::string schema_name = seq.schema_name;
  uint64_t schema_oid = seq.schema_oid;
  seq = def;
  seq.oid = oid;
  seq.name = name;
  seq.schema_oid = schema_oid;
  seq.schema_name = schema_name;
  seq.counter = counter;
  if (name != saved->name) {
    s.relations.erase({schema_oid, saved->name});
    s.relations[{schema_oid, name}] = {CatalogType::kSequence, oid};
    // A SERIAL column names its sequence in its DEFAULT text ('name'::regclass, which
    // PostgreSQL stores as an oid): follow the rename.
    if (CatalogColumn* col = OwningColumn(s.tables, seq)) {
      std::string from = "'" + saved->name + "'::regclass", to = "'" + name + "'::regclass";
      size_t at = col->default_sql.find(from);
      if (at != std::string::npos) {
        TableEntry& table = *s.tables.at(seq.owned_table_oid);
        s.SaveTableForUndo(txn, table);
        col = OwningColumn(s.tables, seq);
        col->default_sql.replace(at, from.size(), to);
        s.PutTable(txn, table);
      }
    }
  }
  if (seq.identity) {
    if (CatalogColumn* col = OwningColumn(s.tables, seq)) col->identity = seq.identity;
  }
  PutSequence(txn, seq);
  s.Bump();
  txn.OnRollback([&s, saved] {
    std::unique_lock lock2(s.mutex);
    auto it = s.sequences.find(saved->oid);
    if (it == s.sequences.end()) return;
    SequenceEntry& cur = *it->second;
    if (CatalogColumn* col = cur.identity ? OwningColumn(s.tables, cur) : nullptr)
      col->identity = 0;
    s.relations.erase({cur.schema_oid, cur.name});
    cur = *saved;
    s.relations[{cur.schema_oid, cur.name}] = {CatalogType::kSequence, cur.oid};
    if (CatalogColumn* col = cur.identity ? OwningColumn(s.tables, cur) : nullptr) {
      col->identity = cur.identity;
    }
    s.Bump();
  });
}

}  // namespace kadedb
