// DataTable schema changes: add/drop index (with backfill), add/drop column (row rewrites), and
// DROP TABLE's data removal. Each in-memory change registers its undo with txn.OnRollback, so a
// rolled-back statement or transaction leaves the DataTable as it was.
#include "common/exception.hpp"
#include "storage/data_table.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_codec.hpp"

namespace kadedb {

void DataTable::ForEachStoredRow(StorageTransaction& txn,
                                 const std::function<void(row_t, std::string_view)>& fn) {
  std::string prefix = KeyPrefix(table_oid_);
  auto it = txn.NewIterator(ColumnFamily::kRows, PrefixSuccessor(prefix));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    std::string_view key = it->key();
    if (key.size() != 16) {
      throw Exception(sqlstate::kDataCorrupted,
                      "invalid row key in table " + std::to_string(table_oid_));
    }
    fn(GetFixed64BE(key.data() + 8), it->value());
  }
}

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
    if (c >= types_.size()) ThrowInternal("AddIndex: column out of range");
  }
  // Backfill in chunks through the normal scan path (decodes straight into vectors).
  std::vector<column_t> all(types_.size());
  for (column_t c = 0; c < all.size(); c++) all[c] = c;
  {
    auto state = InitScanLocked(txn, all);
    DataChunk chunk(types_);
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
    txn.OnRollback([this, saved, i] {
      std::unique_lock undo_lock(schema_mutex_);
      indexes_.insert(indexes_.begin() + std::min(i, indexes_.size()), saved);
    });
    return;
  }
}

void DataTable::AddColumn(StorageTransaction& txn, LogicalType type, const Value& default_value) {
  std::unique_lock lock(schema_mutex_);
  std::vector<LogicalType> old_types = types_;
  if (!default_value.IsNull()) {
    // Rows written before the column existed read it as NULL (row_codec.hpp), so only a
    // non-NULL default needs a rewrite. Sealed rows move back to the row store first (row groups
    // sealed before the column existed read it as NULL too).
    UnsealAllLocked(txn);
    std::vector<LogicalType> new_types = old_types;
    new_types.push_back(type);
    std::vector<std::pair<row_t, std::string>> rewritten;
    ForEachStoredRow(txn, [&](row_t id, std::string_view data) {
      std::vector<Value> vals = DecodeRowValues(data, old_types);
      vals.push_back(default_value);
      std::string out;
      EncodeRowValues(vals, new_types, &out);
      rewritten.emplace_back(id, std::move(out));
    });
    // Tracked: a row sealed concurrently (after this transaction's snapshot) conflicts
    // instead of coming back as a second copy.
    for (auto& [id, data] : rewritten) txn.Put(ColumnFamily::kRows, RowKey(table_oid_, id), data);
  }
  types_.push_back(type);
  txn.OnRollback([this, old_types] {
    std::unique_lock undo_lock(schema_mutex_);
    types_ = old_types;
  });
}

void DataTable::DropColumn(StorageTransaction& txn, column_t column) {
  std::unique_lock lock(schema_mutex_);
  if (column >= types_.size()) ThrowInternal("DropColumn: column out of range");
  // Indexes over the column go with it (the catalog normally drops them first).
  std::vector<uint64_t> doomed;
  for (auto& index : indexes_) {
    for (column_t c : index.columns) {
      if (c == column) doomed.push_back(index.oid);
    }
  }
  for (uint64_t oid : doomed) DropIndexLocked(txn, oid);

  UnsealAllLocked(txn);
  std::vector<LogicalType> old_types = types_;
  std::vector<LogicalType> new_types = old_types;
  new_types.erase(new_types.begin() + column);
  std::vector<std::pair<row_t, std::string>> rewritten;
  ForEachStoredRow(txn, [&](row_t id, std::string_view data) {
    std::vector<Value> vals = DecodeRowValues(data, old_types);
    vals.erase(vals.begin() + column);
    std::string out;
    EncodeRowValues(vals, new_types, &out);
    rewritten.emplace_back(id, std::move(out));
  });
  // Tracked, as in AddColumn.
  for (auto& [id, data] : rewritten) txn.Put(ColumnFamily::kRows, RowKey(table_oid_, id), data);
  std::vector<IndexInfo> old_indexes = indexes_;
  for (auto& index : indexes_) {
    for (column_t& c : index.columns) {
      if (c > column) c--;
    }
  }
  types_ = std::move(new_types);
  txn.OnRollback([this, old_types, old_indexes] {
    std::unique_lock undo_lock(schema_mutex_);
    types_ = old_types;
    indexes_ = old_indexes;
  });
}

void DataTable::DropAllData(StorageTransaction& txn) {
  std::shared_lock lock(schema_mutex_);
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
