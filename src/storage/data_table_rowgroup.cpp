// DataTable column row groups: listing and reading sealed row groups, bulk appends that write
// row groups directly, and sealing rows from the row store (docs/formats/row_groups.md).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>

#include "common/exception.hpp"
#include "storage/data_table.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_codec.hpp"
#include "storage/segment_cache.hpp"

namespace kadedb {

namespace {

uint64_t NextSealId() {
  static std::atomic<uint64_t> next{[] {
    std::random_device rd;
    uint64_t seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
    return seed ^
           static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }()};
  return next.fetch_add(1);
}

[[noreturn]] void ThrowMissingSegment(uint64_t oid, uint64_t start) {
  throw Exception(sqlstate::kDataCorrupted, "row group " + std::to_string(start) + " of table " +
                                                std::to_string(oid) + " is missing a segment");
}

}  // namespace

namespace {
std::atomic<uint32_t>& GroupSizeSetting() {
  static std::atomic<uint32_t> size{[] {
    const char* env = std::getenv("KADEDB_ROW_GROUP_SIZE");
    if (env != nullptr) {
      long v = std::atol(env);
      if (v >= 1 && v <= static_cast<long>(kRowGroupSize)) return static_cast<uint32_t>(v);
    }
    return kRowGroupSize;
  }()};
  return size;
}
}  // namespace

uint32_t DataTable::RowGroupSize() {
  return GroupSizeSetting().load(std::memory_order_relaxed);
}

void DataTable::SetRowGroupSizeForTesting(uint32_t rows) {
  GroupSizeSetting() = rows;
}

std::vector<RowGroupHeader> DataTable::ListRowGroups(StorageTransaction& txn) {
  return ListRowGroupsImpl(txn, false);
}

std::vector<RowGroupHeader> DataTable::ListRowGroupsImpl(StorageTransaction& txn,
                                                         bool snapshot_only) {
  std::vector<RowGroupHeader> out;
  std::string prefix = RowGroupHeaderPrefix(table_oid_);
  auto it = snapshot_only ? txn.NewSnapshotIterator(ColumnFamily::kColSeg, PrefixSuccessor(prefix))
                          : txn.NewIterator(ColumnFamily::kColSeg, PrefixSuccessor(prefix));
  for (it->Seek(prefix); it->Valid(); it->Next()) out.push_back(RowGroupHeader::Parse(it->value()));
  return out;
}

std::shared_ptr<const std::string> DataTable::ReadSegmentBytes(StorageTransaction& txn,
                                                               bool snapshot_only,
                                                               const RowGroupHeader& h,
                                                               uint32_t column) {
  std::string cache_key = SegmentCache::Key(table_oid_, h.row_start, column, h.seal_id);
  if (auto hit = SegmentCache::Encoded().Lookup(cache_key)) return hit;
  std::string key = RowGroupSegmentKey(table_oid_, h.row_start, column);
  auto value = snapshot_only ? txn.SnapshotGet(ColumnFamily::kColSeg, key)
                             : txn.Get(ColumnFamily::kColSeg, key);
  if (!value) ThrowMissingSegment(table_oid_, h.row_start);
  auto bytes = std::make_shared<const std::string>(std::move(*value));
  SegmentCache::Encoded().Insert(cache_key, bytes, bytes->size());
  return bytes;
}

std::shared_ptr<const Vector> DataTable::ReadSegmentVector(StorageTransaction& txn,
                                                           const RowGroupHeader& h, uint32_t column,
                                                           bool verify) {
  LogicalType type = column == kRowIdSegment ? LogicalType(TypeId::kBigInt) : types_[column];
  if (column != kRowIdSegment && column >= h.columns.size()) {
    // Added after the group was sealed: every row reads the column's missing value.
    auto v = std::make_shared<Vector>(type);
    v->Resize(h.row_count);
    for (uint32_t i = 0; i < h.row_count; i++) v->SetValue(i, missing_[column]);
    return v;
  }
  std::string cache_key = SegmentCache::Key(table_oid_, h.row_start, column, h.seal_id);
  if (!verify) {
    if (auto hit = SegmentCache::Decoded().Lookup(cache_key)) return hit;
  }
  std::shared_ptr<const std::string> bytes;
  if (verify) {
    auto value =
        txn.Get(ColumnFamily::kColSeg, RowGroupSegmentKey(table_oid_, h.row_start, column));
    if (!value) ThrowMissingSegment(table_oid_, h.row_start);
    bytes = std::make_shared<const std::string>(std::move(*value));
    const SegmentInfo& info = column == kRowIdSegment ? h.row_ids : h.columns[column];
    if (bytes->size() != info.size || SegmentChecksum(*bytes) != info.checksum) {
      throw Exception(sqlstate::kDataCorrupted,
                      "row group " + std::to_string(h.row_start) + " of table " +
                          std::to_string(table_oid_) + ": checksum mismatch in segment " +
                          (column == kRowIdSegment ? "row_id" : std::to_string(column)));
    }
  } else {
    bytes = ReadSegmentBytes(txn, false, h, column);
  }
  auto v = std::make_shared<Vector>(type);
  DecodeSegment(*bytes, *v);
  if (v->size() != h.row_count) {
    throw Exception(sqlstate::kDataCorrupted, "row group " + std::to_string(h.row_start) +
                                                  " has a segment of the wrong length");
  }
  if (!verify) SegmentCache::Decoded().Insert(cache_key, v, h.row_count * 16);
  return v;
}

std::optional<RowGroupHeader> DataTable::FindRowGroup(StorageTransaction& txn, row_t row_id,
                                                      bool snapshot_only) {
  std::string prefix = RowGroupHeaderPrefix(table_oid_);
  std::string bound = RowGroupHeaderKey(table_oid_, row_id + 1);
  auto it = snapshot_only ? txn.NewSnapshotIterator(ColumnFamily::kColSeg, bound)
                          : txn.NewIterator(ColumnFamily::kColSeg, bound);
  it->SeekToLast();
  if (!it->Valid() || it->key().substr(0, prefix.size()) != prefix) return std::nullopt;
  RowGroupHeader h = RowGroupHeader::Parse(it->value());
  if (row_id < h.row_start || row_id >= h.row_end) return std::nullopt;
  return h;
}

bool DataTable::SealedRowDeleted(StorageTransaction& txn, row_t row_id) {
  return txn.Get(ColumnFamily::kColSeg, RowDeleteMarkerKey(table_oid_, row_id)).has_value();
}

std::shared_ptr<const CachedRowGroup> DataTable::FindGroup(StorageTransaction& txn, row_t row_id) {
  uint64_t seq = txn.SnapshotSequence();
  if (auto g = group_cache_.Lookup(row_id, seq)) return g;
  auto h = FindRowGroup(txn, row_id, false);
  if (!h) return nullptr;
  // Without pending writes the transaction's view is its snapshot: the header is committed.
  if (seq != 0 && !txn.HasPendingWrites()) {
    group_cache_.Add(*h, seq);
    if (auto g = group_cache_.Lookup(row_id, seq)) return g;
  }
  auto g = std::make_shared<CachedRowGroup>();
  g->dense = h->row_end - h->row_start == h->row_count;
  g->header = std::move(*h);
  return g;
}

std::optional<std::vector<Value>> DataTable::ReadSealedRow(StorageTransaction& txn, row_t row_id) {
  auto g = FindGroup(txn, row_id);
  if (!g) return std::nullopt;
  std::shared_ptr<const Vector> ids;
  if (!g->dense) {
    ids =
        g->Segment(kRowIdSegment, [&] { return ReadSegmentVector(txn, g->header, kRowIdSegment); });
  }
  int64_t p = g->Position(row_id, ids.get());
  if (p < 0) return std::nullopt;
  if (SealedRowDeleted(txn, row_id)) return std::nullopt;
  std::vector<Value> row;
  row.reserve(types_.size());
  for (uint32_t c = 0; c < types_.size(); c++) {
    row.push_back(g->Segment(c, [&] { return ReadSegmentVector(txn, g->header, c); })->GetValue(p));
  }
  return row;
}

void DataTable::WriteRowGroup(StorageTransaction& txn, const DataChunk& rows,
                              const std::vector<row_t>& ids, size_t offset, size_t n,
                              row_t row_start, row_t row_end) {
  RowGroupHeader h;
  h.row_start = row_start;
  h.row_end = row_end;
  h.row_count = static_cast<uint32_t>(n);
  h.seal_id = NextSealId();
  std::string buf;
  auto put_segment = [&](const Vector& v, const LogicalType& type, uint32_t column) {
    buf.clear();
    SegmentInfo info;
    info.encoding = EncodeSegment(v, offset, n, type, &buf, &info.zone);
    info.size = static_cast<uint32_t>(buf.size());
    info.checksum = SegmentChecksum(buf);
    // Fresh keys (the range is this transaction's alone); the header Put below is the tracked
    // write that makes two sealings of one range conflict.
    txn.PutUntracked(ColumnFamily::kColSeg, RowGroupSegmentKey(table_oid_, row_start, column), buf);
    return info;
  };
  for (uint32_t c = 0; c < types_.size(); c++) {
    h.columns.push_back(put_segment(rows.column(c), types_[c], c));
  }
  Vector id_vec{LogicalType(TypeId::kBigInt)};
  id_vec.Resize(offset + n);
  for (size_t i = 0; i < n; i++) id_vec.ints()[offset + i] = static_cast<int64_t>(ids[offset + i]);
  h.row_ids = put_segment(id_vec, LogicalType(TypeId::kBigInt), kRowIdSegment);
  txn.Put(ColumnFamily::kColSeg, RowGroupHeaderKey(table_oid_, row_start), h.Serialize());
}

void DataTable::AppendRowGroup(StorageTransaction& txn, const DataChunk& rows,
                               std::vector<row_t>* row_ids) {
  size_t n = rows.size();
  if (n == 0) return;
  std::shared_lock lock(schema_mutex_);
  if (rows.ColumnCount() != logical_types_.size()) {
    ThrowInternal("DataTable::AppendRowGroup: chunk has " + std::to_string(rows.ColumnCount()) +
                  " columns, table has " + std::to_string(logical_types_.size()));
  }
  for (size_t c = 0; c < logical_types_.size(); c++) {
    const LogicalType& t = rows.column(c).type();
    if (PhysicalOf(t) != PhysicalOf(logical_types_[c])) {
      ThrowInternal("DataTable::AppendRowGroup: column " + std::to_string(c) + " is " +
                    t.ToString() + ", table column is " + logical_types_[c].ToString());
    }
  }
  row_t base;
  {
    std::lock_guard bulk(bulk_mutex_);
    base = next_row_id_.fetch_add(n);
    bulk_high_water_ = std::max(bulk_high_water_, base + n);
  }
  std::vector<row_t> ids(n);
  for (size_t r = 0; r < n; r++) ids[r] = base + r;
  for (const IndexInfo& index : indexes_) InsertIndexEntries(txn, index, rows, ids);
  // Row groups hold physical columns: a dropped column is written as NULLs.
  DataChunk physical;
  const DataChunk* stored = &rows;
  if (!identity_layout_) {
    for (size_t p = 0; p < types_.size(); p++) {
      if (encode_source_[p] >= 0) {
        physical.AddColumn(rows.column(encode_source_[p]));
      } else {
        Vector nulls(types_[p]);
        nulls.Resize(n);
        for (size_t i = 0; i < n; i++) nulls.SetNull(i, true);
        physical.AddColumn(std::move(nulls));
      }
    }
    physical.SetSize(n);
    stored = &physical;
  }
  uint32_t group = RowGroupSize();
  for (size_t off = 0; off < n; off += group) {
    size_t k = std::min<size_t>(group, n - off);
    WriteRowGroup(txn, *stored, ids, off, k, ids[off], ids[off + k - 1] + 1);
  }
  if (row_ids) row_ids->insert(row_ids->end(), ids.begin(), ids.end());
}

size_t DataTable::SealFullRowGroups() {
  if (engine_.read_only()) return 0;
  size_t sealed = 0;
  while (SealOneRowGroup()) sealed++;
  return sealed;
}

bool DataTable::SealOneRowGroup() {
  std::lock_guard seal(seal_mutex_);
  std::shared_lock lock(schema_mutex_);
  // An uncommitted ALTER changed the layout: seal once it has committed or rolled back.
  if (pending_layout_changes_.load() > 0) return false;
  uint32_t group = RowGroupSize();
  auto txn = engine_.BeginTransaction();
  row_t from = 0;
  for (auto& h : ListRowGroupsImpl(*txn, false)) from = std::max<row_t>(from, h.row_end);
  {
    std::lock_guard bulk(bulk_mutex_);
    from = std::max(from, bulk_high_water_);
  }
  std::vector<row_t> ids;
  std::vector<std::string> keys;
  DataChunk rows(types_, group);
  std::vector<column_t> all(types_.size());
  for (column_t c = 0; c < all.size(); c++) all[c] = c;
  RowReader reader(types_, all, missing_);
  {
    std::string prefix = KeyPrefix(table_oid_);
    auto it = txn->NewIterator(ColumnFamily::kRows, PrefixSuccessor(prefix));
    rows.SetSize(group);
    for (it->Seek(RowKey(table_oid_, from)); it->Valid() && ids.size() < group; it->Next()) {
      std::string_view key = it->key();
      if (key.size() != 16) {
        throw Exception(sqlstate::kDataCorrupted,
                        "invalid row key in table " + std::to_string(table_oid_));
      }
      reader.Read(it->value(), rows.columns(), ids.size());
      ids.push_back(GetFixed64BE(key.data() + 8));
      keys.emplace_back(key);
    }
  }
  if (ids.size() < group) {
    unsealed_hint_ = ids.size();
    return false;
  }
  // Dropped columns are sealed as NULLs (their space is reclaimed here).
  for (size_t p = 0; p < types_.size(); p++) {
    if (!layout_.columns[p].dropped) continue;
    for (size_t i = 0; i < ids.size(); i++) rows.column(p).SetNull(i, true);
  }
  try {
    WriteRowGroup(*txn, rows, ids, 0, ids.size(), ids.front(), ids.back() + 1);
    // Tracked deletes: a concurrent UPDATE or DELETE of one of these rows conflicts (40001 for
    // whichever commits second), so no change is ever lost to sealing.
    for (auto& k : keys) txn->Delete(ColumnFamily::kRows, k);
    txn->Commit();
  } catch (const Exception& e) {
    if (e.sqlstate() == "40001" || e.sqlstate() == "40P01") return false;
    throw;
  }
  unsealed_hint_ = unsealed_hint_ > group ? unsealed_hint_ - group : 0;
  return true;
}

}  // namespace kadedb
