// Catalog: schemas, tables, columns, constraints, indexes and views, persisted in the "catalog"
// column family and reloaded on open.
//
// Lookups return raw pointers owned by the Catalog (valid until the entry is dropped and the
// dropping transaction commits; the executor holds no pointer across statements).
// Changes are made inside a StorageTransaction: the entry is written to storage and applied to
// the in-memory maps at once (so later statements in the transaction see it), and undone from
// memory if the transaction rolls back.
//
// Threading: lookups and changes take an internal shared mutex. Concurrent DDL from two
// connections is serialised by it; transactional isolation of DDL comes with issue 5.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "catalog/sequence_entry.hpp"
#include "kadedb/types.hpp"
#include "storage/data_table.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {

class RoleCatalog;

// kRole / kAcl entries are read and written by RoleCatalog (role_catalog.hpp).
enum class CatalogType : uint8_t {
  kSchema = 1,
  kTable = 2,
  kIndex = 3,
  kView = 4,
  kTrigger = 5,
  kRole = 6,
  kAcl = 7,
  kSequence = 8,       // sequence definitions (catalog_sequences.cpp)
  kSequenceState = 9,  // sequence counters' records, written outside transactions
};

// (Named CatalogColumn, not ColumnDefinition: the parser AST has a ColumnDefinition.)
struct CatalogColumn {
  std::string name;
  LogicalType type;
  bool not_null = false;
  // Source text of the DEFAULT expression (re-parsed by the binder); empty when none.
  std::string default_sql;
  // 'a' / 'd' for GENERATED ALWAYS / BY DEFAULT AS IDENTITY, else 0. Not stored with the table:
  // derived from the identity sequence owning the column (SequenceEntry::identity).
  char identity = 0;
};

struct CheckConstraint {
  std::string name;  // e.g. "t_a_check"
  std::string sql;   // source text of the boolean expression
};

struct UniqueConstraint {
  std::string name;  // "t_pkey", "t_a_key"
  std::vector<column_t> columns;
  bool primary = false;
  uint64_t index_oid = 0;  // the unique index enforcing it
};

struct SchemaEntry {
  uint64_t oid = 0;
  std::string name;
};

struct IndexEntry {
  uint64_t oid = 0;
  std::string name;
  uint64_t schema_oid = 0;
  uint64_t table_oid = 0;
  IndexInfo info;  // columns, unique, primary
};

struct TableEntry {
  uint64_t oid = 0;
  uint64_t schema_oid = 0;
  std::string schema_name;
  std::string name;
  std::vector<CatalogColumn> columns;
  std::vector<CheckConstraint> checks;
  std::vector<UniqueConstraint> uniques;  // includes the primary key
  // The physical columns (dropped ones and missing values included; storage/table_layout.hpp),
  // a copy of storage->layout() kept for persistence and pg_attribute. Empty in a definition
  // not yet created.
  TableLayout layout;
  std::unique_ptr<DataTable> storage;

  // Index of the column named name, or nullopt.
  std::optional<column_t> FindColumn(const std::string& name) const;
  // PostgreSQL's attnum of column c: 1 + its physical id (dropped columns keep their numbers).
  int AttNum(column_t c) const;
  std::vector<LogicalType> ColumnTypes() const;
};

struct ViewEntry {
  uint64_t oid = 0;
  uint64_t schema_oid = 0;
  std::string schema_name;
  std::string name;
  std::string sql;                        // the SELECT as written
  std::vector<std::string> column_names;  // output names (explicit list or derived at creation)
  std::vector<LogicalType> column_types;
  // Additive (storage/catalog engineer): oids of the tables and views the query reads. DROP
  // TABLE / DROP VIEW refuse (2BP01) while a view depends on the object, unless CASCADE.
  std::vector<uint64_t> depends_on;
};

enum class TriggerTiming : uint8_t { kBefore = 0, kAfter = 1, kInsteadOf = 2 };
enum class TriggerEvent : uint8_t { kInsert = 0, kUpdate = 1, kDelete = 2 };

// A row-level trigger (SQLite's BEGIN ... END form). Names are unique per schema (as SQLite);
// dropped with its table. The WHEN condition and the body are source text re-parsed on firing.
struct TriggerEntry {
  uint64_t oid = 0;
  uint64_t schema_oid = 0;
  std::string name;
  uint64_t table_oid = 0;
  TriggerTiming timing = TriggerTiming::kBefore;
  TriggerEvent event = TriggerEvent::kInsert;
  std::vector<std::string> update_columns;  // UPDATE OF ...; empty = any column
  std::string when_sql;                     // empty when no WHEN
  std::vector<std::string> body;            // one statement's text each
};

class Catalog {
 public:
  // Loads every entry from storage (creating "public" on a fresh database, and "pg_catalog" /
  // "information_schema" as reserved names). Throws Exception XX001 on an unreadable catalog.
  explicit Catalog(StorageEngine& engine);
  ~Catalog();

  // --- lookups (nullptr / nullopt when absent; they do not throw) ---
  SchemaEntry* GetSchema(const std::string& name);
  // schema empty: search the search_path ("public").
  TableEntry* GetTable(const std::string& schema, const std::string& name);
  ViewEntry* GetView(const std::string& schema, const std::string& name);
  IndexEntry* GetIndex(const std::string& schema, const std::string& name);
  TableEntry* GetTableByOid(uint64_t oid);
  std::vector<SchemaEntry*> Schemas();
  std::vector<TableEntry*> Tables(const std::string& schema = {});  // all schemas when empty
  std::vector<ViewEntry*> Views(const std::string& schema = {});
  std::vector<IndexEntry*> Indexes(uint64_t table_oid);

  // --- changes (throw Exception with PostgreSQL's SQLSTATE: 42P07 duplicate, 42P01 missing,
  // 3F000 missing schema, 2BP01 dependents exist without CASCADE) ---
  void CreateSchema(StorageTransaction& txn, const std::string& name, bool if_not_exists);
  void DropSchema(StorageTransaction& txn, const std::string& name, bool if_exists, bool cascade);
  // entry.storage is created by the catalog. Returns the new entry, or nullptr when
  // if_not_exists and it exists. Creates the unique indexes for entry.uniques.
  TableEntry* CreateTable(StorageTransaction& txn, TableEntry entry, bool if_not_exists);
  void DropTable(StorageTransaction& txn, const std::string& schema, const std::string& name,
                 bool if_exists, bool cascade);
  void CreateView(StorageTransaction& txn, ViewEntry entry, bool or_replace);
  void DropView(StorageTransaction& txn, const std::string& schema, const std::string& name,
                bool if_exists);
  // Additive: DROP VIEW ... CASCADE also drops the views that depend on it.
  void DropView(StorageTransaction& txn, const std::string& schema, const std::string& name,
                bool if_exists, bool cascade);
  IndexEntry* GetIndexByOid(uint64_t oid);  // additive
  ViewEntry* GetViewByOid(uint64_t oid);    // additive
  // Builds the index over existing rows. name empty: "<table>_<cols>_idx".
  IndexEntry* CreateIndex(StorageTransaction& txn, TableEntry& table, std::string name,
                          std::vector<column_t> columns, bool unique, bool if_not_exists);
  void DropIndex(StorageTransaction& txn, const std::string& schema, const std::string& name,
                 bool if_exists);
  // ALTER TABLE. Each rewrites the persisted entry.
  void AddColumn(StorageTransaction& txn, TableEntry& table, CatalogColumn column,
                 const Value& default_for_existing_rows);
  void DropColumn(StorageTransaction& txn, TableEntry& table, const std::string& column);
  void RenameColumn(StorageTransaction& txn, TableEntry& table, const std::string& from,
                    const std::string& to);
  void RenameTable(StorageTransaction& txn, TableEntry& table, const std::string& new_name);
  // Generic: persist a modified table definition (used by ALTER COLUMN SET DEFAULT etc.).
  void UpdateTable(StorageTransaction& txn, TableEntry& table);

  // --- triggers (catalog_triggers.cpp) ---
  // entry.schema_oid / table_oid must be set; oid is assigned. 42710 when the name is taken in
  // the schema (nullptr when if_not_exists).
  TriggerEntry* CreateTrigger(StorageTransaction& txn, TriggerEntry entry, bool if_not_exists);
  // 42704 when missing (unless if_exists).
  void DropTrigger(StorageTransaction& txn, const std::string& schema, const std::string& name,
                   bool if_exists);
  TriggerEntry* GetTrigger(const std::string& schema, const std::string& name);
  std::vector<TriggerEntry*> Triggers(uint64_t table_oid);  // in creation (oid) order
  // REINDEX: rebuilds the index from the table rows.
  void Reindex(StorageTransaction& txn, IndexEntry& index);

  // Monotonic counter bumped on every change; prepared statements re-bind when it moved.
  uint64_t version() const;

  // --- sequences (catalog_sequences.cpp) ---
  // entry.schema_oid (or schema_name) set; oid and counter are assigned. 42P07 when the name is
  // taken (nullptr when if_not_exists). An identity sequence marks its column (identity).
  SequenceEntry* CreateSequence(StorageTransaction& txn, SequenceEntry entry, bool if_not_exists);
  // 42P01 when missing (unless if_exists), 42809 for another kind of relation. An owned sequence
  // still used by its column's DEFAULT is refused (2BP01) unless cascade (drops the DEFAULT).
  void DropSequence(StorageTransaction& txn, const std::string& schema, const std::string& name,
                    bool if_exists, bool cascade);
  SequenceEntry* GetSequence(const std::string& schema, const std::string& name);
  SequenceEntry* GetSequenceByOid(uint64_t oid);
  std::vector<SequenceEntry*> Sequences(const std::string& schema = {});  // all when empty
  std::vector<SequenceEntry*> OwnedSequences(uint64_t table_oid);
  // The identity sequence of table.column c, or nullptr.
  SequenceEntry* IdentitySequence(const TableEntry& table, column_t c);
  // ALTER SEQUENCE: replaces the definition (name, schema, counter and oid kept) and persists it;
  // restored on rollback. RENAME goes through new_name (42P07 when taken).
  void AlterSequence(StorageTransaction& txn, SequenceEntry& seq, const SequenceEntry& def,
                     const std::string& new_name = {});

  // --- roles and privileges (role_catalog.hpp) ---
  RoleCatalog& roles() { return *roles_; }
  // A fresh oid from the catalog's counter (for roles).
  uint64_t AllocateOid(StorageTransaction& txn);

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::unique_ptr<RoleCatalog> roles_;
};

}  // namespace kadedb
