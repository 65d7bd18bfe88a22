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
    // row-id suffix), so one point read replaces an iterator.
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
