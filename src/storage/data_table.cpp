// DataTable: scans, point fetches and row writes of one table (rows CF key = oid + row id).
// Index maintenance helpers live in data_table_index.cpp, schema changes in data_table_schema.cpp.
#include "storage/data_table.hpp"

#include "common/exception.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_codec.hpp"

namespace kadedb {

DataTable::DataTable(StorageEngine& engine, uint64_t table_oid, std::vector<LogicalType> types)
    : engine_(engine), table_oid_(table_oid), types_(std::move(types)) {
  // Row ids continue after the largest committed one (ids of rolled-back rows are skipped).
  std::string prefix = KeyPrefix(table_oid_);
  auto it = engine_.NewIterator(ColumnFamily::kRows, PrefixSuccessor(prefix));
  it->SeekToLast();
  if (it->Valid()) {
    std::string_view key = it->key();
    if (key.size() == 16 && key.substr(0, 8) == prefix) {
      next_row_id_ = GetFixed64BE(key.data() + 8) + 1;
    }
  }
}

DataTable::~DataTable() = default;

std::unique_ptr<TableScanState> DataTable::InitScan(StorageTransaction& txn,
                                                    std::vector<column_t> column_ids) {
  std::shared_lock lock(schema_mutex_);
  return InitScanLocked(txn, std::move(column_ids));
}

std::unique_ptr<TableScanState> DataTable::InitScanLocked(StorageTransaction& txn,
                                                          std::vector<column_t> column_ids) {
  for (column_t c : column_ids) {
    if (c >= types_.size())
      ThrowInternal("InitScan: column " + std::to_string(c) + " out of range");
  }
  std::string prefix = KeyPrefix(table_oid_);
  auto it = txn.NewIterator(ColumnFamily::kRows, PrefixSuccessor(prefix));
  it->Seek(prefix);
  size_t n = column_ids.size();
  return std::make_unique<TableScanState>(std::move(it), RowReader(types_, column_ids), n);
}

bool DataTable::Scan(TableScanState& state, DataChunk& out, std::vector<row_t>& row_ids) {
  row_ids.clear();
  if (state.exhausted) {
    out.Reset();
    return false;
  }
  if (out.ColumnCount() != state.column_count) {
    ThrowInternal("DataTable::Scan: output chunk has " + std::to_string(out.ColumnCount()) +
                  " columns, the scan produces " + std::to_string(state.column_count));
  }
  out.SetSize(kStandardVectorSize);
  auto& columns = out.columns();
  StorageIterator& it = *state.iterator;
  size_t count = 0;
  while (count < kStandardVectorSize && it.Valid()) {
    std::string_view key = it.key();
    if (key.size() != 16) {
      throw Exception(sqlstate::kDataCorrupted,
                      "invalid row key in table " + std::to_string(table_oid_));
    }
    state.reader.Read(it.value(), columns, count);
    row_ids.push_back(GetFixed64BE(key.data() + 8));
    count++;
    it.Next();
  }
  if (count < kStandardVectorSize) state.exhausted = true;
  out.SetSize(count);
  return count > 0;
}

void DataTable::Fetch(StorageTransaction& txn, const std::vector<row_t>& row_ids,
                      const std::vector<column_t>& column_ids, DataChunk& out) {
  std::shared_lock lock(schema_mutex_);
  RowReader reader(types_, column_ids);
  size_t base = out.size();
  out.SetSize(base + row_ids.size());
  size_t count = base;
  std::vector<std::string> keys;
  keys.reserve(row_ids.size());
  for (row_t id : row_ids) keys.push_back(RowKey(table_oid_, id));
  auto values = txn.MultiGet(ColumnFamily::kRows, keys);
  for (auto& data : values) {
    if (!data) continue;
    reader.Read(*data, out.columns(), count);
    count++;
  }
  out.SetSize(count);
}

void DataTable::Append(StorageTransaction& txn, const DataChunk& rows,
                       std::vector<row_t>* row_ids) {
  size_t n = rows.size();
  if (n == 0) return;
  std::shared_lock lock(schema_mutex_);
  if (rows.ColumnCount() != types_.size()) {
    ThrowInternal("DataTable::Append: chunk has " + std::to_string(rows.ColumnCount()) +
                  " columns, table has " + std::to_string(types_.size()));
  }
  for (size_t c = 0; c < types_.size(); c++) {
    const LogicalType& t = rows.column(c).type();
    if (t.id != TypeId::kNull && PhysicalOf(t) != PhysicalOf(types_[c])) {
      ThrowInternal("DataTable::Append: column " + std::to_string(c) + " is " + t.ToString() +
                    ", table column is " + types_[c].ToString());
    }
  }
  row_t base = next_row_id_.fetch_add(n);
  std::vector<row_t> ids(n);
  std::string key, value;
  for (size_t r = 0; r < n; r++) {
    ids[r] = base + r;
    key = RowKey(table_oid_, ids[r]);
    value.clear();
    EncodeRow(rows, r, &value);
    // Fresh row ids belong to this transaction alone: no lock or conflict check needed.
    txn.PutUntracked(ColumnFamily::kRows, key, value);
  }
  for (const IndexInfo& index : indexes_) InsertIndexEntries(txn, index, rows, ids);
  if (row_ids) row_ids->insert(row_ids->end(), ids.begin(), ids.end());
}

void DataTable::Delete(StorageTransaction& txn, const std::vector<row_t>& row_ids) {
  std::shared_lock lock(schema_mutex_);
  for (row_t id : row_ids) {
    std::string key = RowKey(table_oid_, id);
    if (!indexes_.empty()) {
      auto data = txn.Get(ColumnFamily::kRows, key);
      if (!data) continue;
      std::vector<Value> old = DecodeRowValues(*data, types_);
      for (const IndexInfo& index : indexes_) {
        bool has_null;
        std::string ikey = IndexKey(index, old, &has_null);
        DeleteIndexEntry(txn, index, std::move(ikey), has_null, id);
      }
    }
    txn.Delete(ColumnFamily::kRows, key);
  }
}

void DataTable::Update(StorageTransaction& txn, const std::vector<row_t>& row_ids,
                       const DataChunk& new_rows) {
  std::shared_lock lock(schema_mutex_);
  size_t n = row_ids.size();
  size_t index_count = indexes_.size();
  // Phase 1: remove the index entries whose key changes, for every row, before adding any new
  // one, so "SET a = a + 1" over a unique column does not trip over its own old keys.
  std::vector<std::vector<std::string>> new_keys(n);
  std::vector<std::vector<uint8_t>> changed(n), new_has_null(n);
  std::vector<uint8_t> exists(n, 1);
  std::string value;
  for (size_t i = 0; i < n; i++) {
    std::string key = RowKey(table_oid_, row_ids[i]);
    if (index_count > 0) {
      auto data = txn.Get(ColumnFamily::kRows, key);
      if (!data) {
        exists[i] = 0;
        continue;
      }
      std::vector<Value> old = DecodeRowValues(*data, types_);
      new_keys[i].resize(index_count);
      changed[i].assign(index_count, 0);
      new_has_null[i].assign(index_count, 0);
      for (size_t x = 0; x < index_count; x++) {
        const IndexInfo& index = indexes_[x];
        bool old_null, new_null;
        std::string old_key = IndexKey(index, old, &old_null);
        new_keys[i][x] = IndexKey(index, new_rows, i, &new_null);
        new_has_null[i][x] = new_null;
        if (old_key == new_keys[i][x] && old_null == new_null) continue;
        changed[i][x] = 1;
        DeleteIndexEntry(txn, index, std::move(old_key), old_null, row_ids[i]);
      }
    }
  }
  // Phase 2: write the rows and the new index entries.
  for (size_t i = 0; i < n; i++) {
    if (!exists[i]) continue;
    value.clear();
    EncodeRow(new_rows, i, &value);
    txn.Put(ColumnFamily::kRows, RowKey(table_oid_, row_ids[i]), value);
    for (size_t x = 0; x < index_count; x++) {
      if (!changed[i][x]) continue;
      const IndexInfo& index = indexes_[x];
      InsertIndexEntry(txn, index, std::move(new_keys[i][x]), new_has_null[i][x], row_ids[i],
                       [&, i] {
                         std::vector<Value> vals;
                         for (column_t c : index.columns) vals.push_back(new_rows.GetValue(c, i));
                         return DescribeKey(index, vals);
                       });
    }
  }
}

}  // namespace kadedb
