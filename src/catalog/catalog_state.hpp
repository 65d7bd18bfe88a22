// Catalog::State: the in-memory catalog (private to src/catalog).
//
// Invariants: every table/view/index is in `relations` under (schema oid, name) and in its
// oid map; every schema is in `schema_names`. All members are guarded by `mutex` (shared for
// lookups, exclusive for changes and for the undo/commit actions registered on transactions).
// Entries are heap-allocated and never move while present, so lookups may return raw pointers.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <utility>

#include "catalog/catalog.hpp"

namespace kadedb {

// Fixed oids of the built-in schemas (PostgreSQL's, for familiarity). User oids start above.
inline constexpr uint64_t kPgCatalogOid = 11;
inline constexpr uint64_t kPublicSchemaOid = 2200;
inline constexpr uint64_t kInformationSchemaOid = 13000;
inline constexpr uint64_t kFirstUserOid = 16384;

struct Catalog::State {
  explicit State(StorageEngine& e) : engine(e) {}

  StorageEngine& engine;
  mutable std::shared_mutex mutex;
  std::atomic<uint64_t> version{1};
  uint64_t next_oid = kFirstUserOid;

  std::map<uint64_t, std::unique_ptr<SchemaEntry>> schemas;
  std::map<uint64_t, std::unique_ptr<TableEntry>> tables;
  std::map<uint64_t, std::unique_ptr<ViewEntry>> views;
  std::map<uint64_t, std::unique_ptr<IndexEntry>> indexes;
  std::map<uint64_t, std::unique_ptr<TriggerEntry>> triggers;
  std::map<uint64_t, std::unique_ptr<SequenceEntry>> sequences;
  std::map<std::string, uint64_t> schema_names;
  // Tables, views and indexes share one namespace per schema.
  std::map<std::pair<uint64_t, std::string>, std::pair<CatalogType, uint64_t>> relations;

  // --- helpers; REQUIRE: mutex held exclusively (or shared for the const lookups) ---
  SchemaEntry* FindSchema(const std::string& name) const;  // "" = public
  // Throws 3F000 when missing.
  SchemaEntry& RequireSchema(const std::string& name) const;
  // The schema with oid schema_oid when it exists (the binder resolved it), else the one named
  // schema_name; throws 3F000 when neither exists.
  SchemaEntry& SchemaOf(uint64_t schema_oid, const std::string& schema_name) const;
  // Throws 42501 for the built-in read-only schemas.
  void CheckCreatable(const SchemaEntry& schema, const std::string& relname) const;
  const std::pair<CatalogType, uint64_t>* FindRelation(uint64_t schema_oid,
                                                       const std::string& name) const;
  void CheckRelationFree(uint64_t schema_oid, const std::string& name) const;  // 42P07
  // For DROP: the oid of schema.name when it is a `want`; 0 when missing and if_exists; else
  // throws 3F000 / 42P01 / 42704 / 42809 as PostgreSQL.
  uint64_t FindForDrop(const std::string& schema, const std::string& name, CatalogType want,
                       bool if_exists) const;
  uint64_t NextOid(StorageTransaction& txn);
  void Bump() { version.fetch_add(1, std::memory_order_relaxed); }

  // Add an entry to memory and register its removal on rollback (and vice versa for Remove*,
  // which keeps the entry alive until the dropping transaction commits).
  void AddTable(StorageTransaction& txn, std::unique_ptr<TableEntry> entry);
  void AddView(StorageTransaction& txn, std::unique_ptr<ViewEntry> entry);
  void AddIndex(StorageTransaction& txn, std::unique_ptr<IndexEntry> entry);
  void AddSchema(StorageTransaction& txn, std::unique_ptr<SchemaEntry> entry);
  void RemoveTable(StorageTransaction& txn, uint64_t oid);
  void RemoveView(StorageTransaction& txn, uint64_t oid);
  void RemoveIndex(StorageTransaction& txn, uint64_t oid);
  void RemoveSchema(StorageTransaction& txn, uint64_t oid);

  // Persistence (writes through txn; no in-memory change).
  void PutTable(StorageTransaction& txn, const TableEntry& e);
  void PutIndex(StorageTransaction& txn, const IndexEntry& e);
  void PutView(StorageTransaction& txn, const ViewEntry& e);

  // Triggers: persist + add to memory (undone on rollback); remove (storage + memory).
  void AddTrigger(StorageTransaction& txn, std::unique_ptr<TriggerEntry> entry);
  void DropTriggerInternal(StorageTransaction& txn, uint64_t oid);
  void DropTableTriggers(StorageTransaction& txn, uint64_t table_oid);

  // Drop steps (storage + memory), used by the public drops and by CASCADE.
  void DropTableInternal(StorageTransaction& txn, TableEntry& table);
  void DropViewInternal(StorageTransaction& txn, uint64_t view_oid);
  void DropIndexInternal(StorageTransaction& txn, IndexEntry& index);
  // Views depending on oid (directly).
  std::vector<ViewEntry*> DependentViews(uint64_t oid) const;
  // Drops the views depending on oid, recursively, dependents first.
  void DropDependentViews(StorageTransaction& txn, uint64_t oid);
  // Index of a table for a fresh index: persists, adds to memory and builds it.
  IndexEntry* CreateIndexInternal(StorageTransaction& txn, TableEntry& table, std::string name,
                                  std::vector<column_t> columns, bool unique, bool primary);
  // Snapshots the definition of table (name, columns, constraints) and restores it, and the
  // relation map entry and index column names, on rollback.
  void SaveTableForUndo(StorageTransaction& txn, TableEntry& table);
  // Pushes the current column names into the table's index infos (catalog and DataTable).
  void SyncIndexColumnNames(TableEntry& table);
  // Sequences (catalog_sequences.cpp): drop one (storage + memory; its counter record goes
  // when the drop commits), and the sequences a table owns (DROP TABLE).
  void DropSequenceInternal(StorageTransaction& txn, uint64_t oid);
  void DropOwnedSequences(StorageTransaction& txn, uint64_t table_oid);
  // After load: counters from their records, identity marks on the owning columns.
  void AttachSequences(const std::map<uint64_t, std::string>& records);
  // A relation name not yet used in the schema: base, base1, base2, ...
  std::string UniqueRelationName(uint64_t schema_oid, const std::string& base) const;
};

}  // namespace kadedb
