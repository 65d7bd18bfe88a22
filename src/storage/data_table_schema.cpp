// DataTable schema changes: the physical layout (storage/table_layout.hpp), add/drop index (with
// backfill), add/drop column (layout-only: no stored row is touched) and DROP TABLE's data
// removal. Each in-memory change registers its undo with txn.OnRollback, so a rolled-back
// statement or transaction leaves the DataTable as it was.
#include "common/exception.hpp"
#include "storage/data_table.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_codec.hpp"

namespace kadedb {

void DataTable::DeletePrefix(StorageTransaction& txn, ColumnFamily cf, uint64_t oid) {
  std::string prefix = KeyPrefix(oid);
  std::vector<std::string> keys;
  {
    auto it = txn.NewIterator(cf, PrefixSuccessor(prefix));
    for (it->Seek(prefix); it->Valid(); it->Next()) keys.emplace_back(it->key());
  }
  // DDL: nobody else may write a dropped table's keys, so skip per-key locks.
  for (auto& k : keys) txn.DeleteUntracked(cf, k);
}

void DataTable::AddIndex(StorageTransaction& txn, IndexInfo index) {
  std::unique_lock lock(schema_mutex_);
  for (column_t c : index.columns) {
    if (c >= logical_types_.size()) ThrowInternal("AddIndex: column out of range");
  }
  // Backfill in chunks through the normal scan path (decodes straight into vectors).
  std::vector<column_t> all(logical_types_.size());
  for (column_t c = 0; c < all.size(); c++) all[c] = c;
  {
    auto state = InitScanLocked(txn, all);
    DataChunk chunk(logical_types_);
    std::vector<row_t> ids;
    while (Scan(*state, chunk, ids)) InsertIndexEntries(txn, index, chunk, ids);
  }
  uint64_t oid = index.oid;
  indexes_.push_back(std::move(index));
  txn.OnRollback([this, oid] {
    std::unique_lock undo_lock(schema_mutex_);
    for (size_t i = 0; i < indexes_.size(); i++) {
      if (indexes_[i].oid == oid) {
        indexes_.erase(indexes_.begin() + i);
        break;
      }
    }
  });
}

void DataTable::DropIndex(StorageTransaction& txn, uint64_t index_oid) {
  std::unique_lock lock(schema_mutex_);
  DropIndexLocked(txn, index_oid);
}

void DataTable::DropIndexLocked(StorageTransaction& txn, uint64_t index_oid) {
  for (size_t i = 0; i < indexes_.size(); i++) {
    if (indexes_[i].oid != index_oid) continue;
    DeletePrefix(txn, ColumnFamily::kIndex, index_oid);
    IndexInfo saved = indexes_[i];
    indexes_.erase(indexes_.begin() + i);
    {
      // Its key hints go too (their users hold schema_mutex_ shared; a rolled-back drop only
      // costs a rebuild).
      std::lock_guard maps(key_maps_mutex_);
      key_maps_.erase(index_oid);
    }
    txn.OnRollback([this, saved, i] {
      std::unique_lock undo_lock(schema_mutex_);
      indexes_.insert(indexes_.begin() + std::min(i, indexes_.size()), saved);
    });
    return;
  }
}

void DataTable::AddColumn(StorageTransaction& txn, LogicalType type, const Value& default_value) {
  std::unique_lock lock(schema_mutex_);
  TableLayout old_layout = layout_;
  // Rows and row groups stored so far hold fewer physical columns: they read the new one as its
  // missing value. Rows written from now on store it.
  Value missing = default_value.IsNull() ? Value::Null(type) : default_value;
  layout_.columns.push_back(PhysicalColumn{type, false, std::move(missing)});
  layout_.live.push_back(static_cast<column_t>(layout_.columns.size() - 1));
  ApplyLayoutLocked();
  GuardLayoutChange(txn, std::move(old_layout));
}

void DataTable::DropColumn(StorageTransaction& txn, column_t column) {
  std::unique_lock lock(schema_mutex_);
  if (column >= layout_.live.size()) ThrowInternal("DropColumn: column out of range");
  // Indexes over the column go with it (the catalog normally drops them first).
  std::vector<uint64_t> doomed;
  for (auto& index : indexes_) {
    for (column_t c : index.columns) {
      if (c == column) doomed.push_back(index.oid);
    }
  }
  for (uint64_t oid : doomed) DropIndexLocked(txn, oid);

  TableLayout old_layout = layout_;
  // Only the layout changes: readers skip the physical column, writers store NULL in it.
  layout_.columns[layout_.live[column]].dropped = true;
  layout_.live.erase(layout_.live.begin() + column);
  std::vector<IndexInfo> old_indexes = indexes_;
  for (auto& index : indexes_) {
    for (column_t& c : index.columns) {
      if (c > column) c--;
    }
  }
  ApplyLayoutLocked();
  txn.OnRollback([this, old_indexes] {
    std::unique_lock undo_lock(schema_mutex_);
    indexes_ = old_indexes;
  });
  GuardLayoutChange(txn, std::move(old_layout));
}

void DataTable::SetLayout(TableLayout layout) {
  std::unique_lock lock(schema_mutex_);
  if (layout.LogicalTypes().size() != logical_types_.size()) {
    ThrowInternal("DataTable::SetLayout: the layout does not match the table's columns");
  }
  layout_ = std::move(layout);
  ApplyLayoutLocked();
}

void DataTable::ApplyLayoutLocked() {
  types_ = layout_.PhysicalTypes();
  logical_types_ = layout_.LogicalTypes();
  missing_.clear();
  for (auto& c : layout_.columns) missing_.push_back(c.missing);
  encode_source_.assign(layout_.columns.size(), -1);
  for (column_t l = 0; l < layout_.live.size(); l++) {
    encode_source_[layout_.live[l]] = static_cast<int32_t>(l);
  }
  identity_layout_ = layout_.IsIdentity();
}

void DataTable::GuardLayoutChange(StorageTransaction& txn, TableLayout old_layout) {
  pending_layout_changes_++;
  // Exactly one of the two runs (a savepoint rollback runs the rollback action and forgets the
  // commit action).
  txn.OnCommit([this] { pending_layout_changes_--; });
  txn.OnRollback([this, old_layout = std::move(old_layout)] {
    std::unique_lock undo_lock(schema_mutex_);
    layout_ = old_layout;
    ApplyLayoutLocked();
    pending_layout_changes_--;
  });
}

std::vector<column_t> DataTable::ToPhysical(const std::vector<column_t>& column_ids) const {
  std::vector<column_t> out;
  out.reserve(column_ids.size());
  for (column_t c : column_ids) {
    if (c >= layout_.live.size()) {
      ThrowInternal("DataTable: column " + std::to_string(c) + " out of range");
    }
    out.push_back(layout_.live[c]);
  }
  return out;
}

void DataTable::EncodeStoredRow(const DataChunk& rows, size_t row, std::string* out) const {
  if (identity_layout_) {
    EncodeRow(rows, row, out);
  } else {
    EncodeRowMapped(rows, row, encode_source_, out);
  }
}

void DataTable::DropAllData(StorageTransaction& txn) {
  std::shared_lock lock(schema_mutex_);
  group_cache_.Disable();  // the headers go: the cache must never answer again
  for (auto& index : indexes_) DeletePrefix(txn, ColumnFamily::kIndex, index.oid);
  DeletePrefix(txn, ColumnFamily::kRows, table_oid_);
  DeletePrefix(txn, ColumnFamily::kColSeg, table_oid_);
  // A row group sealed after this transaction's snapshot is invisible to it: delete the latest
  // committed keys too, so nothing of the table outlives it.
  std::string prefix = KeyPrefix(table_oid_);
  auto it = engine_.NewIterator(ColumnFamily::kColSeg, PrefixSuccessor(prefix));
  for (it->Seek(prefix); it->Valid(); it->Next())
    txn.DeleteUntracked(ColumnFamily::kColSeg, it->key());
}

}  // namespace kadedb
