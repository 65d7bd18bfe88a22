// DataTable: the stored rows of one table and the indexes over them.
//
// Rows are addressed by a row id (uint64, assigned on insert, never reused). New rows go to the
// row store (one key per row in the "rows" column family); full row groups of kRowGroupSize rows
// are sealed into column segments in the "colseg" column family (storage/row_group.hpp,
// docs/formats/row_groups.md) by the background RowGroupSealer or directly by bulk loads
// (AppendRowGroup). Sealing is one transaction that writes the segments and deletes the rows, so
// every snapshot sees each row exactly once. Row ids survive sealing, so index entries stay
// right. Callers see DataChunks only, never the physical layout.
//
// Indexes: each IndexInfo is kept in the "index" column family as memcomparable keys
// (docs/formats/keys.md). Unique indexes (PRIMARY KEY, UNIQUE) are checked on Append and Update
// and raise 23505; NULLs never conflict (PostgreSQL's NULLS DISTINCT).
//
// Columns: callers use logical column numbers (the visible columns, in table order); rows and
// row groups are stored by physical column id (storage/table_layout.hpp), so ADD COLUMN ...
// DEFAULT and DROP COLUMN change only the layout, never the stored rows.
//
// Threading: a DataTable is shared by all connections; its methods are thread-safe with respect
// to each other as long as each call uses its own StorageTransaction.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kadedb/data_chunk.hpp"
#include "storage/dynamic_filter.hpp"
#include "storage/parallel_scan.hpp"
#include "storage/row_group.hpp"
#include "storage/row_group_cache.hpp"
#include "storage/sealed_key_map.hpp"
#include "storage/storage_engine.hpp"
#include "storage/table_filter.hpp"
#include "storage/table_layout.hpp"
#include "storage/table_scan_state.hpp"

namespace kadedb {

using row_t = uint64_t;
using column_t = uint32_t;

struct IndexInfo {
  uint64_t oid = 0;
  std::string name;
  std::vector<column_t> columns;  // key columns, in order (indices into the table's columns)
  bool unique = false;
  bool primary = false;
  // Additive (storage engineer): the key columns' names, for the 23505 detail
  // "Key (a, b)=(1, 2) already exists." The catalog keeps them current on RENAME COLUMN.
  std::vector<std::string> column_names;
};

// A range over an index's leading key columns: equality on a prefix, then an optional range on
// the next column. Bounds are Values of the key columns' types (the caller casts them).
struct IndexRange {
  std::vector<Value> equal;           // values for columns[0 .. equal.size())
  std::optional<Value> lower, upper;  // on columns[equal.size()], if set
  bool lower_inclusive = true, upper_inclusive = true;
};

// TableScanState is defined in storage/table_scan_state.hpp (included above) so callers can own
// one through unique_ptr.

class DataTable {
 public:
  // types: the column types in table order. next_row_id is recovered from storage on creation.
  DataTable(StorageEngine& engine, uint64_t table_oid, std::vector<LogicalType> types);
  ~DataTable();

  uint64_t oid() const { return table_oid_; }
  // Row ids handed out so far: an upper bound of the rows ever stored (deleted ones included),
  // cheap to read; the optimizer's row-count estimate for rows not yet in row groups.
  row_t NextRowId() const { return next_row_id_.load(std::memory_order_relaxed); }
  // The visible columns' types, in table order.
  const std::vector<LogicalType>& types() const { return logical_types_; }
  // The physical layout (catalog persistence, pg_attribute).
  TableLayout layout() const {
    std::shared_lock lock(schema_mutex_);
    return layout_;
  }
  // Catalog load: the persisted layout (REQUIRES: its logical types are the constructor's).
  void SetLayout(TableLayout layout);

  // --- scanning ---
  // Scans the columns column_ids (indices into the table's columns) as of txn's snapshot.
  std::unique_ptr<TableScanState> InitScan(StorageTransaction& txn,
                                           std::vector<column_t> column_ids);
  // Fills out (initialised by the caller with the scanned columns' types) with up to
  // kStandardVectorSize rows and row_ids with their ids. Returns false (and an empty chunk) when
  // the scan is exhausted.
  bool Scan(TableScanState& state, DataChunk& out, std::vector<row_t>& row_ids);
  // --- parallel (morsel-driven) scanning: see storage/parallel_scan.hpp ---
  // Starts a scan of column_ids (indices into the table's columns) as of txn's snapshot.
  // filters: zone-map pruning hints over the scanned columns (storage/table_filter.hpp); rows
  // of segments they cannot exclude are all returned. dynamic: a filter whose bound tightens
  // while the scan runs (storage/dynamic_filter.hpp), read at every row group. Call from the
  // thread that owns txn.
  std::unique_ptr<ParallelScanState> InitParallelScan(
      StorageTransaction& txn, std::vector<column_t> column_ids,
      std::vector<TableFilter> filters = {}, std::shared_ptr<const DynamicFilter> dynamic = {});
  // Per-thread cursor of a parallel scan. Thread-safe (any worker may call it).
  std::unique_ptr<LocalScanState> InitLocalScan(ParallelScanState& state);
  // Fills out (initialised by the caller with the scanned columns' types) with up to
  // kStandardVectorSize rows of the current morsel of local, taking the next morsel when it is
  // exhausted, and row_ids with their ids. Returns false (and an empty chunk) when no morsel is
  // left. A true return may come with fewer rows than kStandardVectorSize (even 0 when a whole
  // chunk was deleted). Thread-safe as long as each thread passes its own local.
  bool ScanMorsel(ParallelScanState& state, LocalScanState& local, DataChunk& out,
                  std::vector<row_t>& row_ids);

  // Row ids matching range in index, in index order.
  std::vector<row_t> IndexScan(StorageTransaction& txn, const IndexInfo& index,
                               const IndexRange& range);
  // Reads the given rows' columns into out (appended). Missing ids are skipped.
  void Fetch(StorageTransaction& txn, const std::vector<row_t>& row_ids,
             const std::vector<column_t>& column_ids, DataChunk& out);

  // --- writing (all inside txn; the caller sets a savepoint per statement) ---
  // Appends every row of rows (all columns, table order, already cast to the column types and
  // checked for NOT NULL / CHECK). Maintains indexes; throws 23505 on a unique conflict.
  void Append(StorageTransaction& txn, const DataChunk& rows, std::vector<row_t>* row_ids);
  void Delete(StorageTransaction& txn, const std::vector<row_t>& row_ids);
  // Replaces whole rows: new_rows holds all columns for each id in row_ids.
  void Update(StorageTransaction& txn, const std::vector<row_t>& row_ids,
              const DataChunk& new_rows);
  // For ON CONFLICT: the row id that row `row` of rows collides with on a unique index (the
  // given index, or any unique index when index is null); nullopt when none.
  std::optional<row_t> FindConflict(StorageTransaction& txn, const DataChunk& rows, size_t row,
                                    const IndexInfo* index);

  // --- column row groups (data_table_rowgroup.cpp) ---
  // Bulk load: appends rows (as Append) straight into sealed row groups of at most
  // kRowGroupSize rows each, without a row-store key per row. Same checks and atomicity as
  // Append (an exception leaves the statement's savepoint to undo everything).
  void AppendRowGroup(StorageTransaction& txn, const DataChunk& rows, std::vector<row_t>* row_ids);
  // Seals full row groups from the row store, each in its own transaction, while the row store
  // holds at least RowGroupSize() rows past the last row group. Returns the number sealed.
  // Serialization failures (a concurrent writer touched a row) end it quietly. Thread-safe.
  size_t SealFullRowGroups();
  // Rows per row group: kRowGroupSize, or KADEDB_ROW_GROUP_SIZE from the environment (tests).
  static uint32_t RowGroupSize();
  // Tests: changes RowGroupSize() for the whole process (REQUIRES: 1 <= rows <= kRowGroupSize).
  static void SetRowGroupSizeForTesting(uint32_t rows);
  // The row groups visible to txn, in row-id order.
  std::vector<RowGroupHeader> ListRowGroups(StorageTransaction& txn);
  // Decodes segment `column` (kRowIdSegment for the row ids) of row group h; checks its
  // checksum when verify. Visible-to-txn reads. Throws XX001 on damage.
  std::shared_ptr<const Vector> ReadSegmentVector(StorageTransaction& txn, const RowGroupHeader& h,
                                                  uint32_t column, bool verify = false);
  // Checks every visible row group (data_table_verify.cpp): returns one line per problem.
  std::vector<std::string> VerifyRowGroups(StorageTransaction& txn);
  // Whether the sealed row row_id carries a delete marker visible to txn.
  bool SealedRowDeleted(StorageTransaction& txn, row_t row_id);

  // --- schema changes ---
  // Adds an index and fills it from the existing rows (throws 23505 for a unique index over
  // duplicate data).
  void AddIndex(StorageTransaction& txn, IndexInfo index);
  void DropIndex(StorageTransaction& txn, uint64_t index_oid);
  const std::vector<IndexInfo>& indexes() const { return indexes_; }
  // Additive: registers an index whose entries already exist in storage (catalog load).
  void AttachIndex(IndexInfo index) {
    std::unique_lock lock(schema_mutex_);
    indexes_.push_back(std::move(index));
  }
  // Additive: in-memory only; the names used in 23505 details (after RENAME COLUMN).
  void SetIndexColumnNames(uint64_t index_oid, std::vector<std::string> names) {
    std::unique_lock lock(schema_mutex_);
    for (auto& index : indexes_)
      if (index.oid == index_oid) index.column_names = names;
  }
  // Adds a column at the end; rows and row groups stored before read it as default_value (kept
  // in the layout, nothing rewritten).
  void AddColumn(StorageTransaction& txn, LogicalType type, const Value& default_value);
  // Hides logical column i: its physical column is marked dropped, nothing rewritten (the
  // values go when a row is next written or sealed).
  void DropColumn(StorageTransaction& txn, column_t column);
  // Deletes every row and index entry (DROP TABLE).
  void DropAllData(StorageTransaction& txn);

 private:
  // Index key of row `row` of rows (prefix + key columns; no row id suffix). has_null: whether a
  // key column is NULL (such entries never conflict and get the row id suffix).
  std::string IndexKey(const IndexInfo& index, const DataChunk& rows, size_t row,
                       bool* has_null) const;
  std::string IndexKey(const IndexInfo& index, const std::vector<Value>& row, bool* has_null) const;
  // Writes one index entry; for a unique index with a non-NULL key, first checks (and locks) the
  // key and throws 23505 when another row holds it. describe: the "(a, b)=(1, 2)" detail text.
  void InsertIndexEntry(StorageTransaction& txn, const IndexInfo& index, std::string key,
                        bool has_null, row_t row_id, const std::function<std::string()>& describe);
  void DeleteIndexEntry(StorageTransaction& txn, const IndexInfo& index, std::string key,
                        bool has_null, row_t row_id);
  // "(a, b)=(1, 2)": the key part of the 23505 detail. key_values: the key columns' values.
  static std::string DescribeKey(const IndexInfo& index, const std::vector<Value>& key_values);
  // Adds the entries of every row of rows (row r has id row_ids[r]) to index.
  void InsertIndexEntries(StorageTransaction& txn, const IndexInfo& index, const DataChunk& rows,
                          const std::vector<row_t>& row_ids);
  // Point lookups by a whole unique key (data_table_index.cpp): the sealed row holding
  // encoded_key (the index key without its oid prefix) as txn sees it, found through the index's
  // SealedKeyMap without reading the index column family; nullopt when no hint checks out (then
  // read the index). Never answers with a row that may have a delete marker (Fetch's fast-path
  // rule) nor for SERIALIZABLE (whose index reads must be recorded). REQUIRES: schema_mutex_
  // held shared.
  std::optional<row_t> SealedKeyHint(StorageTransaction& txn, const IndexInfo& index,
                                     std::string_view encoded_key);
  // Adds the cached row groups visible to txn that map does not cover yet (one thread at a time;
  // others skip). generation: the group cache's generation read before listing the groups.
  void CatchUpKeyMap(StorageTransaction& txn, const IndexInfo& index, SealedKeyMap& map,
                     uint64_t generation);
  // Deletes every key of the index/table key prefix oid in cf.
  void DeletePrefix(StorageTransaction& txn, ColumnFamily cf, uint64_t oid);

  // Row groups: the group holding row_id as seen by txn (nullopt when none); the values of a
  // sealed row (nullopt when not sealed or deleted); decoded-or-cached segment bytes.
  std::optional<RowGroupHeader> FindRowGroup(StorageTransaction& txn, row_t row_id,
                                             bool snapshot_only);
  std::optional<std::vector<Value>> ReadSealedRow(StorageTransaction& txn, row_t row_id);
  // The group holding row_id as txn sees it (null when none): from group_cache_ when it can
  // answer, else read (and cached when txn's view is its committed snapshot).
  std::shared_ptr<const CachedRowGroup> FindGroup(StorageTransaction& txn, row_t row_id);
  std::shared_ptr<const std::string> ReadSegmentBytes(StorageTransaction& txn, bool snapshot_only,
                                                      const RowGroupHeader& h, uint32_t column);
  std::vector<RowGroupHeader> ListRowGroupsImpl(StorageTransaction& txn, bool snapshot_only);
  // Writes rows [offset, offset + n) of rows (ids ids[offset..]) as one row group covering ids
  // [row_start, row_end). REQUIRES: ids ascending within [row_start, row_end).
  void WriteRowGroup(StorageTransaction& txn, const DataChunk& rows, const std::vector<row_t>& ids,
                     size_t offset, size_t n, row_t row_start, row_t row_end);
  // Seals one row group if the row store holds enough rows; returns whether it did.
  bool SealOneRowGroup();

  // Recomputes the members derived from layout_ (under the exclusive schema_mutex_).
  void ApplyLayoutLocked();
  // Registers the undo of a layout change and holds sealing back until txn ends.
  void GuardLayoutChange(StorageTransaction& txn, TableLayout old_layout);
  // Logical column ids -> physical ids.
  std::vector<column_t> ToPhysical(const std::vector<column_t>& column_ids) const;
  // Encodes row `row` of a chunk of logical columns into its stored (physical) form.
  void EncodeStoredRow(const DataChunk& rows, size_t row, std::string* out) const;

  // Unlocked bodies of the public methods that other public methods reuse.
  std::unique_ptr<TableScanState> InitScanLocked(StorageTransaction& txn,
                                                 std::vector<column_t> column_ids);
  void DropIndexLocked(StorageTransaction& txn, uint64_t index_oid);

  // Guards the layout, types and indexes_: shared for reads and row writes, exclusive for schema
  // changes and their rollback actions. Storage itself is protected by the transactions.
  mutable std::shared_mutex schema_mutex_;
  StorageEngine& engine_;
  uint64_t table_oid_;
  TableLayout layout_;
  std::vector<LogicalType> types_;          // by physical id (what rows and row groups hold)
  std::vector<LogicalType> logical_types_;  // the visible columns
  std::vector<Value> missing_;              // by physical id
  std::vector<int32_t> encode_source_;      // physical id -> logical column, -1 when dropped
  bool identity_layout_ = true;
  // Uncommitted layout changes: sealing waits for them (a rolled-back DROP COLUMN must find
  // its values still there).
  std::atomic<int> pending_layout_changes_{0};
  std::vector<IndexInfo> indexes_;
  std::atomic<row_t> next_row_id_{1};
  // Rows appended to the row store since the last sealing check (a hint for the sealer).
  std::atomic<uint64_t> unsealed_hint_{0};
  // Serialises sealings of this table (the background sealer and explicit calls).
  std::mutex seal_mutex_;
  // Exclusive end of the largest row-id range any AppendRowGroup of this process reserved
  // (committed or not). The sealer only seals rows at or past it and past every visible row
  // group, so row groups never overlap (docs/formats/row_groups.md, "Sealing").
  std::mutex bulk_mutex_;
  row_t bulk_high_water_ = 0;
  // Committed row-group headers for point fetches (storage/row_group_cache.hpp).
  RowGroupCache group_cache_;
  // Per unique index (by oid): key -> sealed row id hints (storage/sealed_key_map.hpp).
  std::mutex key_maps_mutex_;
  std::unordered_map<uint64_t, std::unique_ptr<SealedKeyMap>> key_maps_;
  // False while no delete marker of this table can exist outside marked_rows_: then a sealed
  // row not in marked_rows_ has no row-store version and Fetch reads it from its group without
  // looking at the row store. Set at open when the markers stored are too many to list (or the
  // engine is a read-only follower), and before a marker is written once marked_rows_ is full;
  // never cleared.
  std::atomic<bool> may_have_markers_{true};
  // Sealed rows that have (or had, or are about to have) a delete marker: the ones stored at
  // open plus every one written since, each recorded before its marker is written. Bounded by
  // kMaxMarkedRows; then may_have_markers_ takes over for the whole table.
  static constexpr size_t kMaxMarkedRows = 65536;
  mutable std::shared_mutex marked_mutex_;
  std::unordered_set<row_t> marked_rows_;
  std::atomic<bool> has_marked_rows_{false};
  // Whether sealed row id is in marked_rows_ (cheap while the set is empty). Callers check
  // may_have_markers_ first, after taking their snapshot.
  bool RowMarked(row_t id) const {
    if (!has_marked_rows_.load(std::memory_order_acquire)) return false;
    std::shared_lock lock(marked_mutex_);
    return marked_rows_.count(id) > 0;
  }
  // Records, before its delete marker is written, that sealed row id gets one.
  void NoteMarker(row_t id);
  friend class ParallelScanImpl;
};

}  // namespace kadedb
