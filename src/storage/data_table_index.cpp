// DataTable index maintenance: index keys, unique checks, index range scans and ON CONFLICT
// lookups. Index CF layout (docs/formats/keys.md):
//   unique index, no NULL in the key:  index oid + key columns            -> row id (8 BE)
//   otherwise:                         index oid + key columns + row id   -> row id (8 BE)
#include "common/exception.hpp"
#include "storage/data_table.hpp"
#include "storage/key_codec.hpp"

namespace kadedb {

namespace {
std::string RowIdBytes(row_t id) {
  std::string s;
  PutFixed64BE(&s, id);
  return s;
}
}  // namespace

std::string DataTable::IndexKey(const IndexInfo& index, const DataChunk& rows, size_t row,
                                bool* has_null) const {
  std::string key = KeyPrefix(index.oid);
  *has_null = false;
  for (column_t c : index.columns) {
    const Vector& v = rows.column(c);
    if (v.IsNull(row)) {
      *has_null = true;
      key.push_back(static_cast<char>(kKeyNull));
      continue;
    }
    EncodeKeyVector(&key, v, row);
  }
  return key;
}

std::string DataTable::IndexKey(const IndexInfo& index, const std::vector<Value>& row,
                                bool* has_null) const {
  std::string key = KeyPrefix(index.oid);
  *has_null = false;
  for (column_t c : index.columns) {
    column_t p = layout_.live[c];  // row is a stored row: by physical id
    *has_null |= row[p].IsNull();
    EncodeKeyValue(&key, row[p], types_[p]);
  }
  return key;
}

std::string DataTable::DescribeKey(const IndexInfo& index, const std::vector<Value>& values) {
  std::string names, text;
  for (size_t k = 0; k < values.size(); k++) {
    if (k) {
      names += ", ";
      text += ", ";
    }
    names +=
        k < index.column_names.size() ? index.column_names[k] : "column" + std::to_string(k + 1);
    text += values[k].ToString();
  }
  return "(" + names + ")=(" + text + ")";
}

void DataTable::InsertIndexEntry(StorageTransaction& txn, const IndexInfo& index, std::string key,
                                 bool has_null, row_t row_id,
                                 const std::function<std::string()>& describe) {
  std::string id = RowIdBytes(row_id);
  if (index.unique && !has_null) {
    // GetForUpdate reads this transaction's own writes (earlier rows of this statement and
    // transaction) and locks the key, so a concurrent inserter of the same key conflicts.
    std::optional<std::string> existing;
    try {
      existing = txn.GetForUpdate(ColumnFamily::kIndex, key);
    } catch (const Exception& e) {
      // Another transaction wrote this key after our snapshot (we waited for its lock). If it
      // now holds the key, report what PostgreSQL reports after waiting: a unique violation.
      if (e.sqlstate() != "40001") throw;
      auto latest = txn.GetLatest(ColumnFamily::kIndex, key);
      if (!latest || *latest == id) throw;
      existing = std::move(latest);
    }
    if (existing && *existing != id) {
      throw Exception(sqlstate::kUniqueViolation,
                      "duplicate key value violates unique constraint \"" + index.name + "\"", 0,
                      "Key " + describe() + " already exists.");
    }
    // The key is locked (exclusively) and validated by GetForUpdate: skip a second lock lookup.
    txn.PutUntracked(ColumnFamily::kIndex, key, id);
    return;
  }
  key += id;
  txn.PutUntracked(ColumnFamily::kIndex, key, id);
}

void DataTable::DeleteIndexEntry(StorageTransaction& txn, const IndexInfo& index, std::string key,
                                 bool has_null, row_t row_id) {
  if (!(index.unique && !has_null)) key += RowIdBytes(row_id);
  txn.Delete(ColumnFamily::kIndex, key);
}

void DataTable::InsertIndexEntries(StorageTransaction& txn, const IndexInfo& index,
                                   const DataChunk& rows, const std::vector<row_t>& row_ids) {
  for (size_t r = 0; r < rows.size(); r++) {
    bool has_null;
    std::string key = IndexKey(index, rows, r, &has_null);
    InsertIndexEntry(txn, index, std::move(key), has_null, row_ids[r], [&] {
      std::vector<Value> vals;
      for (column_t c : index.columns) vals.push_back(rows.GetValue(c, r));
      return DescribeKey(index, vals);
    });
  }
}

std::vector<row_t> DataTable::IndexScan(StorageTransaction& txn, const IndexInfo& index,
                                        const IndexRange& range) {
  std::shared_lock lock(schema_mutex_);
  std::vector<row_t> result;
  if (range.equal.size() > index.columns.size() ||
      (range.equal.size() == index.columns.size() && (range.lower || range.upper))) {
    ThrowInternal("IndexScan: range has more columns than index \"" + index.name + "\"");
  }
  // Bounds must already have the key column's physical class (a double bound on an integer
  // column would otherwise be read as its int64 slot, silently scanning the wrong range).
  auto check_class = [&](const Value& v, column_t col) {
    if (v.IsNull() || v.type().id == TypeId::kNull) return;
    if (PhysicalOf(v.type()) != PhysicalOf(logical_types_[col])) {
      ThrowInternal("IndexScan on \"" + index.name + "\": bound of type " + v.type().ToString() +
                    " for a column of type " + logical_types_[col].ToString());
    }
  };
  for (size_t i = 0; i < range.equal.size(); i++) check_class(range.equal[i], index.columns[i]);
  if (range.lower) check_class(*range.lower, index.columns[range.equal.size()]);
  if (range.upper) check_class(*range.upper, index.columns[range.equal.size()]);
  std::string prefix = KeyPrefix(index.oid);
  for (size_t i = 0; i < range.equal.size(); i++) {
    if (range.equal[i].IsNull()) return result;  // "= NULL" matches nothing
    EncodeKeyValue(&prefix, range.equal[i], logical_types_[index.columns[i]]);
  }
  if (index.unique && range.equal.size() == index.columns.size()) {
    // Every key column fixed, none NULL: a unique index holds at most this one key (without a
    // row-id suffix), so one point read replaces an iterator; a sealed row may be found
    // without it.
    if (auto id = SealedKeyHint(txn, index, std::string_view(prefix).substr(8))) {
      result.push_back(*id);
      return result;
    }
    auto v = txn.Get(ColumnFamily::kIndex, prefix);
    if (v) {
      if (v->size() != 8) {
        throw Exception(sqlstate::kDataCorrupted, "invalid entry in index \"" + index.name + "\"");
      }
      result.push_back(GetFixed64BE(v->data()));
    }
    return result;
  }
  std::string start = prefix, end;
  if (range.lower || range.upper) {
    const LogicalType& type = logical_types_[index.columns[range.equal.size()]];
    if ((range.lower && range.lower->IsNull()) || (range.upper && range.upper->IsNull())) {
      return result;
    }
    if (range.lower) {
      EncodeKeyValue(&start, *range.lower, type);
      // Encodings are prefix-free: every key with this value starts with it.
      if (!range.lower_inclusive) start = PrefixSuccessor(std::move(start));
    }
    if (range.upper) {
      end = prefix;
      EncodeKeyValue(&end, *range.upper, type);
      if (range.upper_inclusive) end = PrefixSuccessor(std::move(end));
    } else {
      end = prefix;
      end.push_back(static_cast<char>(kKeyNull));  // a range never matches NULL
    }
  } else {
    end = PrefixSuccessor(prefix);
  }
  if (!end.empty() && start >= end) return result;
  auto it = txn.NewIterator(ColumnFamily::kIndex, end);
  for (it->Seek(start); it->Valid(); it->Next()) {
    std::string_view v = it->value();
    if (v.size() != 8) {
      throw Exception(sqlstate::kDataCorrupted, "invalid entry in index \"" + index.name + "\"");
    }
    result.push_back(GetFixed64BE(v.data()));
  }
  return result;
}

std::optional<row_t> DataTable::SealedKeyHint(StorageTransaction& txn, const IndexInfo& index,
                                              std::string_view encoded_key) {
  // A sealed row with a delete marker may have been deleted or rewritten in the row store
  // (possibly under another key): the index is the only cheap truth for it (marked_rows_), or
  // for the whole table when markers may exist beyond that set.
  if (may_have_markers_.load(std::memory_order_acquire) ||
      txn.isolation_level() == IsolationLevel::kSerializable) {
    return std::nullopt;
  }
  uint64_t seq = txn.SnapshotSequence();
  if (seq == 0) return std::nullopt;
  SealedKeyMap* map;
  {
    std::lock_guard lock(key_maps_mutex_);
    auto& slot = key_maps_[index.oid];
    if (!slot) slot = std::make_unique<SealedKeyMap>();
    map = slot.get();
  }
  uint64_t generation = group_cache_.generation();
  if (map->seen_generation.load(std::memory_order_acquire) != generation) {
    CatchUpKeyMap(txn, index, *map, generation);
  }
  std::string key;
  uint64_t found = map->Find(SealedKeyMap::Hash(encoded_key), [&](uint64_t id) {
    // The candidate is the answer when it has no marker, its group is visible to our snapshot
    // and the row there holds this key: the sealed version is then the row's only version.
    if (RowMarked(id)) return false;
    auto g = group_cache_.Lookup(id, seq);
    if (!g) return false;
    std::shared_ptr<const Vector> ids;
    if (!g->dense) {
      ids = g->Segment(kRowIdSegment,
                       [&] { return ReadSegmentVector(txn, g->header, kRowIdSegment); });
    }
    int64_t pos = g->Position(id, ids.get());
    if (pos < 0) return false;
    key.clear();
    for (column_t c : index.columns) {
      column_t p = layout_.live[c];
      auto v = g->Segment(p, [&] { return ReadSegmentVector(txn, g->header, p); });
      if (v->IsNull(pos)) return false;
      EncodeKeyVector(&key, *v, pos);
    }
    return key == encoded_key;
  });
  // Re-check after the reads: a marker written meanwhile (by a transaction our snapshot may
  // see) could have hidden the sealed version.
  if (found == 0 || may_have_markers_.load(std::memory_order_acquire) || RowMarked(found)) {
    return std::nullopt;
  }
  return found;
}

void DataTable::CatchUpKeyMap(StorageTransaction& txn, const IndexInfo& index, SealedKeyMap& map,
                              uint64_t generation) {
  std::unique_lock builder(map.builder, std::try_to_lock);
  if (!builder.owns_lock()) return;  // another thread is adding groups
  uint64_t seq = txn.SnapshotSequence();
  bool skipped = false;
  std::string key;
  for (auto& g : group_cache_.All()) {
    if (map.Covers(g->header.row_start)) continue;
    if (g->seen_seq > seq) {
      skipped = true;  // not readable at our snapshot: a later lookup adds it
      continue;
    }
    const RowGroupHeader& h = g->header;
    std::shared_ptr<const Vector> ids;
    if (!g->dense) ids = ReadSegmentVector(txn, h, kRowIdSegment);
    std::vector<std::shared_ptr<const Vector>> cols;
    for (column_t c : index.columns) cols.push_back(ReadSegmentVector(txn, h, layout_.live[c]));
    std::vector<std::pair<uint64_t, uint64_t>> entries;
    entries.reserve(h.row_count);
    for (uint32_t pos = 0; pos < h.row_count; pos++) {
      key.clear();
      bool has_null = false;
      for (auto& v : cols) {
        has_null |= v->IsNull(pos);
        EncodeKeyVector(&key, *v, pos);
      }
      if (has_null) continue;
      uint64_t id = ids ? static_cast<uint64_t>(ids->ints()[pos]) : h.row_start + pos;
      entries.emplace_back(SealedKeyMap::Hash(key), id);
    }
    if (!map.AddGroup(h.row_start, entries)) return;
  }
  if (!skipped) map.seen_generation.store(generation, std::memory_order_release);
}

std::optional<row_t> DataTable::FindConflict(StorageTransaction& txn, const DataChunk& rows,
                                             size_t row, const IndexInfo* index) {
  std::shared_lock lock(schema_mutex_);
  auto check = [&](const IndexInfo& idx) -> std::optional<row_t> {
    if (!idx.unique) return std::nullopt;
    bool has_null;
    std::string key = IndexKey(idx, rows, row, &has_null);
    if (has_null) return std::nullopt;
    auto existing = txn.GetForUpdate(ColumnFamily::kIndex, key);
    if (!existing || existing->size() != 8) return std::nullopt;
    return GetFixed64BE(existing->data());
  };
  if (index != nullptr) return check(*index);
  for (const IndexInfo& idx : indexes_) {
    if (auto id = check(idx)) return id;
  }
  return std::nullopt;
}

}  // namespace kadedb
