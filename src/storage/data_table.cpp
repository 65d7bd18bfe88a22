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
  // Delete markers stored so far (the prefix of RowDeleteMarkerKey).
  std::string markers = RowDeleteMarkerKey(table_oid_, 0).substr(0, 9);
  auto mit = engine_.NewIterator(ColumnFamily::kColSeg, PrefixSuccessor(markers));
  bool many = false;
  for (mit->Seek(markers); mit->Valid() && !many; mit->Next()) {
    std::string_view k = mit->key();
    if (k.size() != markers.size() + 8 || marked_rows_.size() >= kMaxMarkedRows) {
      many = true;
      break;
    }
    marked_rows_.insert(GetFixed64BE(k.data() + markers.size()));
  }
  has_marked_rows_ = !marked_rows_.empty();
  may_have_markers_ = engine_.read_only() || many;
  if (!engine_.read_only()) RowGroupSealer::Register(this);
}

DataTable::~DataTable() {
  RowGroupSealer::Unregister(this);
}

void DataTable::NoteMarker(row_t id) {
  std::unique_lock lock(marked_mutex_);
  if (marked_rows_.size() >= kMaxMarkedRows) {
    may_have_markers_.store(true);  // before the marker can be seen (Fetch's fast path)
    return;
  }
  marked_rows_.insert(id);
  has_marked_rows_.store(true);
}

void DataTable::Fetch(StorageTransaction& txn, const std::vector<row_t>& row_ids,
                      const std::vector<column_t>& column_ids, DataChunk& out) {
  std::shared_lock lock(schema_mutex_);
  std::vector<column_t> physical_ids = ToPhysical(column_ids);
  size_t n = row_ids.size();
  size_t base = out.size();
  // Sealed rows: the group (index into groups) and position of each row found in one.
  struct Group {
    std::shared_ptr<const CachedRowGroup> group;
    std::vector<std::shared_ptr<const Vector>> cols;
  };
  std::vector<Group> groups;
  auto group_index = [&](std::shared_ptr<const CachedRowGroup> g) {
    for (size_t k = groups.size(); k-- > 0;) {
      if (groups[k].group == g) return k;
    }
    Group entry;
    for (column_t c : physical_ids) {
      entry.cols.push_back(g->Segment(c, [&] { return ReadSegmentVector(txn, g->header, c); }));
    }
    entry.group = std::move(g);
    groups.push_back(std::move(entry));
    return groups.size() - 1;
  };
  // Position in its group of a row the group holds, or -1.
  auto position = [&](const CachedRowGroup& g, row_t id) -> int64_t {
    if (g.dense) return g.Position(id, nullptr);
    auto ids =
        g.Segment(kRowIdSegment, [&] { return ReadSegmentVector(txn, g.header, kRowIdSegment); });
    return g.Position(id, ids.get());
  };
  struct SealedRef {
    size_t group = 0;
    uint32_t pos = 0;
  };
  // Fast path: a sealed row without a delete marker has no row-store version (updating or
  // deleting one writes a marker), so a row that is not in marked_rows_, of a row group that the
  // header cache knows to be visible to this snapshot, is the row. SERIALIZABLE reads go through
  // the row store, which records the table for commit-time validation.
  uint64_t seq = 0;
  if (!may_have_markers_.load(std::memory_order_acquire) &&
      txn.isolation_level() != IsolationLevel::kSerializable) {
    seq = txn.SnapshotSequence();
  }
  auto copy_cell = [](const Vector& src, uint32_t pos, Vector& dst, size_t row) {
    dst.SetNull(row, src.IsNull(pos));
    switch (src.physical()) {
      case PhysicalType::kInt64:
        dst.ints()[row] = src.ints()[pos];
        break;
      case PhysicalType::kDouble:
        dst.doubles()[row] = src.doubles()[pos];
        break;
      case PhysicalType::kDecimal:
        dst.decimals()[row] = src.decimals()[pos];
        break;
      case PhysicalType::kString:
        dst.strings()[row] = src.strings()[pos];
        break;
      case PhysicalType::kInterval:
        dst.intervals()[row] = src.intervals()[pos];
        break;
    }
  };
  // One sealed row on the fast path (a point lookup): none of the batch bookkeeping below.
  if (seq != 0 && n == 1 && !RowMarked(row_ids[0])) {
    if (auto g = group_cache_.Lookup(row_ids[0], seq)) {
      int64_t pos = position(*g, row_ids[0]);
      if (pos >= 0) {
        out.SetSize(base + 1);
        for (size_t k = 0; k < physical_ids.size(); k++) {
          column_t c = physical_ids[k];
          auto src = g->Segment(c, [&] { return ReadSegmentVector(txn, g->header, c); });
          copy_cell(*src, static_cast<uint32_t>(pos), out.column(k), base);
        }
        return;
      }
    }
  }
  std::vector<std::optional<SealedRef>> sealed(n);
  std::vector<size_t> unresolved;  // rows to look up in the row store
  for (size_t i = 0; i < n; i++) {
    if (seq != 0 && !RowMarked(row_ids[i])) {
      if (auto g = group_cache_.Lookup(row_ids[i], seq)) {
        int64_t pos = position(*g, row_ids[i]);
        if (pos >= 0) {
          sealed[i] = SealedRef{group_index(std::move(g)), static_cast<uint32_t>(pos)};
          continue;
        }
      }
    }
    unresolved.push_back(i);
  }
  std::vector<std::optional<std::string>> values(n);
  if (!unresolved.empty()) {
    std::vector<std::string> keys;
    keys.reserve(unresolved.size());
    for (size_t i : unresolved) keys.push_back(RowKey(table_oid_, row_ids[i]));
    auto got = txn.MultiGet(ColumnFamily::kRows, keys);
    for (size_t k = 0; k < unresolved.size(); k++) values[unresolved[k]] = std::move(got[k]);
  }
  // Rows missing from the row store may be sealed: resolve them in row-id order (one group
  // lookup serves a whole run of ids).
  std::vector<size_t> missing;
  for (size_t i : unresolved)
    if (!values[i]) missing.push_back(i);
  if (!missing.empty()) {
    std::sort(missing.begin(), missing.end(),
              [&](size_t a, size_t b) { return row_ids[a] < row_ids[b]; });
    std::vector<std::string> marker_keys;
    for (size_t i : missing) marker_keys.push_back(RowDeleteMarkerKey(table_oid_, row_ids[i]));
    auto markers = txn.MultiGet(ColumnFamily::kColSeg, marker_keys);
    std::shared_ptr<const CachedRowGroup> cur;
    bool searched = false;
    row_t searched_for = 0;
    for (size_t m = 0; m < missing.size(); m++) {
      row_t id = row_ids[missing[m]];
      if (markers[m]) continue;  // deleted (or updated, and its row-store version is gone)
      if (!cur || id < cur->header.row_start || id >= cur->header.row_end) {
        if (searched && !cur && id == searched_for) continue;
        cur = FindGroup(txn, id);
        searched = true;
        searched_for = id;
        if (!cur) continue;
      }
      int64_t pos = position(*cur, id);
      if (pos < 0) continue;
      sealed[missing[m]] = SealedRef{group_index(cur), static_cast<uint32_t>(pos)};
    }
  }
  out.SetSize(base + n);
  size_t count = base;
  std::optional<RowReader> reader;
  for (size_t i = 0; i < n; i++) {
    if (values[i]) {
      if (!reader) reader.emplace(types_, physical_ids, missing_);
      reader->Read(*values[i], out.columns(), count++);
      continue;
    }
    if (!sealed[i]) continue;
    const Group& g = groups[sealed[i]->group];
    uint32_t pos = sealed[i]->pos;
    for (size_t k = 0; k < column_ids.size(); k++) copy_cell(*g.cols[k], pos, out.column(k), count);
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
      NoteMarker(id);  // before the marker can be seen (Fetch's fast path)
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
      NoteMarker(row_ids[i]);  // before the marker can be seen (Fetch's fast path)
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
