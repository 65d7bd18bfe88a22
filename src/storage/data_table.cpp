// DataTable: scans, point fetches and row writes of one table (rows CF key = oid + row id).
// Index maintenance helpers live in data_table_index.cpp, schema changes in data_table_schema.cpp.
#include "storage/data_table.hpp"

#include <algorithm>

#include "common/exception.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_codec.hpp"
#include "storage/row_group_sealer.hpp"

namespace kadedb {

DataTable::DataTable(StorageEngine& engine, uint64_t table_oid, std::vector<LogicalType> types)
    : engine_(engine), table_oid_(table_oid), layout_(TableLayout::Identity(types)) {
  ApplyLayoutLocked();
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
  // ... and after every sealed row group (whose rows left the row store).
  std::string groups = RowGroupHeaderPrefix(table_oid_);
  auto git = engine_.NewIterator(ColumnFamily::kColSeg, PrefixSuccessor(groups));
  git->SeekToLast();
  if (git->Valid() && git->key().substr(0, groups.size()) == groups) {
    RowGroupHeader h = RowGroupHeader::Parse(git->value());
    if (h.row_end > next_row_id_) next_row_id_ = h.row_end;
  }
  if (!engine_.read_only()) RowGroupSealer::Register(this);
}

DataTable::~DataTable() {
  RowGroupSealer::Unregister(this);
}

void DataTable::Fetch(StorageTransaction& txn, const std::vector<row_t>& row_ids,
                      const std::vector<column_t>& column_ids, DataChunk& out) {
  std::shared_lock lock(schema_mutex_);
  std::vector<column_t> physical_ids = ToPhysical(column_ids);
  RowReader reader(types_, physical_ids, missing_);
  size_t base = out.size();
  std::vector<std::string> keys;
  keys.reserve(row_ids.size());
  for (row_t id : row_ids) keys.push_back(RowKey(table_oid_, id));
  auto values = txn.MultiGet(ColumnFamily::kRows, keys);
  // Rows missing from the row store may be sealed: resolve them group by group (ids in order,
  // so one header lookup and one decoded segment per column serve a whole run of ids).
  struct SealedRef {
    size_t group = 0;
    uint32_t pos = 0;
  };
  std::vector<std::optional<SealedRef>> sealed(row_ids.size());
  struct Group {
    std::vector<std::shared_ptr<const Vector>> cols;
  };
  std::vector<Group> groups;
  std::vector<size_t> missing;
  for (size_t i = 0; i < values.size(); i++)
    if (!values[i]) missing.push_back(i);
  if (!missing.empty()) {
    std::sort(missing.begin(), missing.end(),
              [&](size_t a, size_t b) { return row_ids[a] < row_ids[b]; });
    std::vector<std::string> marker_keys;
    for (size_t i : missing) marker_keys.push_back(RowDeleteMarkerKey(table_oid_, row_ids[i]));
    auto markers = txn.MultiGet(ColumnFamily::kColSeg, marker_keys);
    std::optional<RowGroupHeader> cur;
    std::shared_ptr<const Vector> cur_ids;
    bool searched = false;
    row_t searched_for = 0;
    for (size_t m = 0; m < missing.size(); m++) {
      row_t id = row_ids[missing[m]];
      if (markers[m]) continue;  // deleted (or updated, and its row-store version is gone)
      if (!cur || id < cur->row_start || id >= cur->row_end) {
        if (searched && !cur && id == searched_for) continue;
        cur = FindRowGroup(txn, id, false);
        searched = true;
        searched_for = id;
        if (!cur) continue;
        cur_ids = ReadSegmentVector(txn, *cur, kRowIdSegment);
        Group g;
        for (column_t c : physical_ids) g.cols.push_back(ReadSegmentVector(txn, *cur, c));
        groups.push_back(std::move(g));
      }
      const auto& v = cur_ids->ints();
      auto p = std::lower_bound(v.begin(), v.end(), static_cast<int64_t>(id));
      if (p == v.end() || *p != static_cast<int64_t>(id)) continue;
      sealed[missing[m]] = SealedRef{groups.size() - 1, static_cast<uint32_t>(p - v.begin())};
    }
  }
  out.SetSize(base + row_ids.size());
  size_t count = base;
  for (size_t i = 0; i < values.size(); i++) {
    if (values[i]) {
      reader.Read(*values[i], out.columns(), count++);
      continue;
    }
    if (!sealed[i]) continue;
    const Group& g = groups[sealed[i]->group];
    uint32_t pos = sealed[i]->pos;
    for (size_t k = 0; k < column_ids.size(); k++) {
      const Vector& src = *g.cols[k];
      Vector& dst = out.column(k);
      dst.SetNull(count, src.IsNull(pos));
      switch (src.physical()) {
        case PhysicalType::kInt64:
          dst.ints()[count] = src.ints()[pos];
          break;
        case PhysicalType::kDouble:
          dst.doubles()[count] = src.doubles()[pos];
          break;
        case PhysicalType::kDecimal:
          dst.decimals()[count] = src.decimals()[pos];
          break;
        case PhysicalType::kString:
          dst.strings()[count] = src.strings()[pos];
          break;
        case PhysicalType::kInterval:
          dst.intervals()[count] = src.intervals()[pos];
          break;
      }
    }
    count++;
  }
  out.SetSize(count);
}

void DataTable::Append(StorageTransaction& txn, const DataChunk& rows,
                       std::vector<row_t>* row_ids) {
  size_t n = rows.size();
  if (n == 0) return;
  std::shared_lock lock(schema_mutex_);
  if (rows.ColumnCount() != logical_types_.size()) {
    ThrowInternal("DataTable::Append: chunk has " + std::to_string(rows.ColumnCount()) +
                  " columns, table has " + std::to_string(logical_types_.size()));
  }
  for (size_t c = 0; c < logical_types_.size(); c++) {
    const LogicalType& t = rows.column(c).type();
    if (t.id != TypeId::kNull && PhysicalOf(t) != PhysicalOf(logical_types_[c])) {
      ThrowInternal("DataTable::Append: column " + std::to_string(c) + " is " + t.ToString() +
                    ", table column is " + logical_types_[c].ToString());
    }
  }
  row_t base = next_row_id_.fetch_add(n);
  std::vector<row_t> ids(n);
  std::string key, value;
  for (size_t r = 0; r < n; r++) {
    ids[r] = base + r;
    key = RowKey(table_oid_, ids[r]);
    value.clear();
    EncodeStoredRow(rows, r, &value);
    // Fresh row ids belong to this transaction alone: no lock or conflict check needed.
    txn.PutUntracked(ColumnFamily::kRows, key, value);
  }
  for (const IndexInfo& index : indexes_) InsertIndexEntries(txn, index, rows, ids);
  if (row_ids) row_ids->insert(row_ids->end(), ids.begin(), ids.end());
  uint64_t before = unsealed_hint_.fetch_add(n);
  if (before < RowGroupSize() && before + n >= RowGroupSize()) {
    txn.OnCommit([this] { RowGroupSealer::Notify(this); });
  }
}

void DataTable::Delete(StorageTransaction& txn, const std::vector<row_t>& row_ids) {
  std::shared_lock lock(schema_mutex_);
  for (row_t id : row_ids) {
    std::string key = RowKey(table_oid_, id);
    auto data = txn.Get(ColumnFamily::kRows, key);
    if (!data) {
      // A sealed row: mark it deleted (a tracked write, so concurrent deleters conflict).
      auto sealed = ReadSealedRow(txn, id);
      if (!sealed) continue;
      for (const IndexInfo& index : indexes_) {
        bool has_null;
        std::string ikey = IndexKey(index, *sealed, &has_null);
        DeleteIndexEntry(txn, index, std::move(ikey), has_null, id);
      }
      txn.Put(ColumnFamily::kColSeg, RowDeleteMarkerKey(table_oid_, id), "");
      continue;
    }
    if (!indexes_.empty()) {
      std::vector<Value> old = DecodeRowValues(*data, types_, &missing_);
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
    auto data = txn.Get(ColumnFamily::kRows, key);
    std::vector<Value> old;
    if (data) {
      if (index_count > 0) old = DecodeRowValues(*data, types_, &missing_);
    } else {
      // A sealed row keeps its row id: mark the sealed version deleted; the new version goes to
      // the row store below, which point fetches and scans read as well.
      auto sealed = ReadSealedRow(txn, row_ids[i]);
      if (!sealed) {
        exists[i] = 0;
        continue;
      }
      txn.Put(ColumnFamily::kColSeg, RowDeleteMarkerKey(table_oid_, row_ids[i]), "");
      old = std::move(*sealed);
    }
    if (index_count > 0) {
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
    EncodeStoredRow(new_rows, i, &value);
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
