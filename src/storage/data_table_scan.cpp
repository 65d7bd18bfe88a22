// DataTable scans: morsel-driven (parallel) scans over sealed row groups and the row store,
// and the single-threaded InitScan/Scan built on them.
//
// Morsels are handed out by one atomic counter: first the row groups (in row-id order), then
// row-id ranges of the row store. A row-group morsel prunes itself by zone maps, decodes the
// needed segments into the worker's vectors once and then copies 2048-row slices out, skipping
// rows with delete markers. Rows of the row store are read through a bounded iterator.
#include <algorithm>
#include <cstring>

#include "common/exception.hpp"
#include "storage/data_table.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_codec.hpp"
#include "storage/scan_scratch.hpp"
#include "storage/segment_filter.hpp"

namespace kadedb {

class ParallelScanImpl final : public ParallelScanState {
 public:
  size_t MaxThreads() const override {
    return single ? 1 : std::max<size_t>(1, groups.size() + tail_ranges.size());
  }

  DataTable* table = nullptr;
  StorageTransaction* txn = nullptr;
  std::vector<column_t> column_ids;
  std::vector<TableFilter> filters;
  std::shared_ptr<const DynamicFilter> dynamic;  // may be null
  std::vector<LogicalType> types;                // all physical columns, as of InitParallelScan
  std::vector<Value> missing;  // by physical id: what older rows and row groups read
  // Reads go through txn (its own writes are visible) and are serialised by txn_mutex.
  bool single = true;
  std::mutex txn_mutex;
  std::vector<RowGroupHeader> groups;
  std::vector<std::pair<row_t, row_t>> tail_ranges;  // [lo, hi); hi == 0: unbounded
  std::atomic<size_t> next_morsel{0};
};

namespace {

class LocalScanImpl final : public LocalScanState {
 public:
  LocalScanImpl(const std::vector<LogicalType>& types, const std::vector<column_t>& column_ids,
                const std::vector<Value>& missing_values)
      : scratch(AcquireScanScratch(column_ids.size())), reader(types, column_ids, missing_values) {
    segment_bytes.resize(column_ids.size());
    missing.resize(column_ids.size());
    for (column_t c : column_ids)
      missing_value.push_back(c < missing_values.size() ? missing_values[c] : Value());
  }
  // Current row-group morsel (group != nullptr): the raw segments of the scanned columns and
  // the positions (sel, ascending) of its rows that are live and pass the filters; each call
  // materialises the next kStandardVectorSize of them.
  const RowGroupHeader* group = nullptr;
  ScanScratchPtr scratch;  // pooled buffers: raws, ids, pass, sel
  std::vector<RawSegment>& raws = scratch->raws;
  std::vector<std::shared_ptr<const std::string>> segment_bytes;  // backing raws
  // Per scanned column: added after the group was sealed, so every row reads missing_value.
  std::vector<uint8_t> missing;
  std::vector<Value> missing_value;
  RawSegment& ids = scratch->ids;
  std::vector<uint8_t>& pass = scratch->pass;
  std::vector<uint32_t>& sel = scratch->sel;
  size_t pos = 0;
  // The dynamic filter as of dynamic_version (has_dynamic: it has a bound).
  uint64_t dynamic_version = ~uint64_t{0};
  bool has_dynamic = false;
  TableFilter dynamic;
  std::vector<uint8_t> dynamic_pass;
  // Current row-store morsel (it != nullptr).
  std::unique_ptr<StorageIterator> it;
  RowReader reader;
};

}  // namespace

std::unique_ptr<TableScanState> DataTable::InitScan(StorageTransaction& txn,
                                                    std::vector<column_t> column_ids) {
  std::shared_lock lock(schema_mutex_);
  return InitScanLocked(txn, std::move(column_ids));
}

std::unique_ptr<TableScanState> DataTable::InitScanLocked(StorageTransaction& txn,
                                                          std::vector<column_t> column_ids) {
  size_t n = column_ids.size();
  auto shared = std::make_unique<ParallelScanImpl>();
  shared->table = this;
  shared->txn = &txn;
  for (column_t c : column_ids) {
    if (c >= logical_types_.size())
      ThrowInternal("InitScan: column " + std::to_string(c) + " out of range");
  }
  shared->column_ids = ToPhysical(column_ids);
  shared->types = types_;
  shared->missing = missing_;
  shared->single = true;  // one worker: read through txn, one row-store morsel
  shared->groups = ListRowGroupsImpl(txn, false);
  shared->tail_ranges.emplace_back(0, 0);
  auto local = InitLocalScan(*shared);
  return std::make_unique<TableScanState>(std::move(shared), std::move(local), n);
}

std::unique_ptr<ParallelScanState> DataTable::InitParallelScan(
    StorageTransaction& txn, std::vector<column_t> column_ids, std::vector<TableFilter> filters,
    std::shared_ptr<const DynamicFilter> dynamic) {
  std::shared_lock lock(schema_mutex_);
  auto st = std::make_unique<ParallelScanImpl>();
  st->table = this;
  st->txn = &txn;
  for (column_t c : column_ids) {
    if (c >= logical_types_.size())
      ThrowInternal("InitParallelScan: column " + std::to_string(c) + " out of range");
  }
  st->column_ids = ToPhysical(column_ids);
  st->filters = std::move(filters);
  st->dynamic = std::move(dynamic);
  if (st->dynamic && st->dynamic->scan_column() >= st->column_ids.size()) {
    ThrowInternal("InitParallelScan: bad dynamic filter");
  }
  st->types = types_;
  st->missing = missing_;
  for (auto& f : st->filters) {
    if (f.scan_column >= st->column_ids.size()) ThrowInternal("InitParallelScan: bad filter");
  }
  st->single = txn.HasPendingWrites();
  st->groups = ListRowGroupsImpl(txn, !st->single);
  row_t end = next_row_id_.load();
  uint32_t step = RowGroupSize();
  if (st->single || end <= step) {
    st->tail_ranges.emplace_back(0, 0);
  } else {
    for (row_t lo = 0; lo < end; lo += step) {
      row_t hi = lo + step;
      st->tail_ranges.emplace_back(lo, hi >= end ? 0 : hi);
    }
  }
  return st;
}

std::unique_ptr<LocalScanState> DataTable::InitLocalScan(ParallelScanState& state) {
  auto& st = static_cast<ParallelScanImpl&>(state);
  return std::make_unique<LocalScanImpl>(st.types, st.column_ids, st.missing);
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
  if (!ScanMorsel(*state.shared, *state.local, out, row_ids)) {
    state.exhausted = true;
    return false;
  }
  return true;
}

bool DataTable::ScanMorsel(ParallelScanState& state, LocalScanState& local_state, DataChunk& out,
                           std::vector<row_t>& row_ids) {
  auto& st = static_cast<ParallelScanImpl&>(state);
  auto& local = static_cast<LocalScanImpl&>(local_state);
  std::unique_lock<std::mutex> txn_lock;
  if (st.single) txn_lock = std::unique_lock(st.txn_mutex);
  bool snapshot_only = !st.single;
  StorageTransaction& txn = *st.txn;
  row_ids.clear();
  size_t ncols = st.column_ids.size();
  // Reads a row group's row ids, folds its delete markers and the pushed filters (evaluated on
  // the raw segment values) into local.sel, and raw-decodes the scanned columns, unless no row
  // survives: the other columns of a group whose rows all fail are never read.
  // pass[i] &= (row i, or row sel[i] when sel is given, may satisfy the dynamic filter), on the
  // raw values of its column (decoded at least at those rows). NULLs pass when they sort before
  // the bound.
  auto apply_dynamic = [&](const uint32_t* sel, size_t m, uint8_t* pass) {
    size_t k = local.dynamic.scan_column;
    const RawSegment& raw = local.raws[k];
    const LogicalType& type = st.types[st.column_ids[k]];
    bool keep_nulls = st.dynamic->nulls_pass() && raw.has_nulls;
    uint8_t* out = pass;
    if (keep_nulls) {
      local.dynamic_pass.assign(m, 1);
      out = local.dynamic_pass.data();
    }
    if (sel) {
      FilterRawSegmentAt(raw, sel, m, local.dynamic, type, out);
    } else {
      FilterRawSegment(raw, local.dynamic, type, out);
    }
    if (keep_nulls) {
      const uint8_t* valid = raw.valid.data();
      for (size_t i = 0; i < m; i++) pass[i] &= out[i] | (valid[sel ? sel[i] : i] ^ 1);
    }
  };
  // Tightens the rest of the current group (sel[pos..]) by a bound published since it was
  // loaded (the first groups start before the operator has one).
  auto refilter_rest = [&]() {
    if (!st.dynamic || st.dynamic->version() == local.dynamic_version) return;
    local.has_dynamic = st.dynamic->Get(&local.dynamic, &local.dynamic_version);
    if (!local.has_dynamic || local.missing[local.dynamic.scan_column]) return;
    size_t rest = local.sel.size() - local.pos;
    uint32_t* sel = local.sel.data() + local.pos;
    local.pass.assign(rest, 1);
    apply_dynamic(sel, rest, local.pass.data());
    size_t kept = 0;
    for (size_t i = 0; i < rest; i++) {
      sel[kept] = sel[i];
      kept += local.pass[i];
    }
    local.sel.resize(local.pos + kept);
  };
  auto load_group = [&](const RowGroupHeader& h) {
    uint32_t n = h.row_count;
    local.sel.clear();
    // Row ids: decoded whole only when delete markers must be matched, else at the surviving
    // positions only (for most groups none survive a selective filter).
    auto id_bytes = ReadSegmentBytes(txn, snapshot_only, h, kRowIdSegment);
    bool ids_decoded = false;
    auto decode_ids = [&](const uint32_t* at, size_t m) {
      DecodeSegmentRaw(*id_bytes, PhysicalType::kInt64, &local.ids, at, m);
      if (local.ids.n != n) {
        throw Exception(sqlstate::kDataCorrupted, "row group " + std::to_string(h.row_start) +
                                                      " has a row-id segment of the wrong length");
      }
      ids_decoded = true;
    };
    local.pass.assign(n, 1);
    uint8_t* pass = local.pass.data();
    std::vector<uint8_t> decoded(ncols, 0);
    auto decode = [&](size_t k, bool selected) {
      column_t c = st.column_ids[k];
      local.missing[k] = c >= h.columns.size();
      decoded[k] = 1;
      if (local.missing[k]) return;
      auto bytes = ReadSegmentBytes(txn, snapshot_only, h, c);
      // The raw form keeps views into the bytes: the cache entry (or this copy) must outlive
      // them, so hold it in the local state.
      local.segment_bytes[k] = bytes;
      if (selected) {
        DecodeSegmentRaw(*bytes, PhysicalOf(st.types[c]), &local.raws[k], local.sel.data(),
                         local.sel.size());
      } else {
        DecodeSegmentRaw(*bytes, PhysicalOf(st.types[c]), &local.raws[k]);
      }
      if (local.raws[k].n != n) {
        throw Exception(sqlstate::kDataCorrupted, "row group " + std::to_string(h.row_start) +
                                                      " has a segment of the wrong length");
      }
    };
    for (const TableFilter& f : st.filters) {
      size_t k = f.scan_column;
      if (!decoded[k]) decode(k, false);
      if (local.missing[k]) {
        // Every row reads the missing value (NULL unless ADD COLUMN ... DEFAULT): only IS NULL
        // holds for NULL; a non-NULL value is left to the scan's filter expressions.
        if (local.missing_value[k].IsNull() && f.kind != TableFilterKind::kIsNull) return;
        continue;
      }
      FilterRawSegment(local.raws[k], f, st.types[st.column_ids[k]], pass);
    }
    if (local.has_dynamic) {
      size_t k = local.dynamic.scan_column;
      if (!decoded[k]) decode(k, false);
      if (!local.missing[k]) apply_dynamic(nullptr, n, pass);
    }
    {
      std::string lo = RowDeleteMarkerKey(table_oid_, h.row_start);
      std::string hi = RowDeleteMarkerKey(table_oid_, h.row_end);
      auto it = snapshot_only ? txn.NewSnapshotIterator(ColumnFamily::kColSeg, hi)
                              : txn.NewIterator(ColumnFamily::kColSeg, hi);
      const int64_t* idv = nullptr;
      for (it->Seek(lo); it->Valid(); it->Next()) {
        std::string_view key = it->key();
        if (key.size() != 17) continue;
        if (!ids_decoded) decode_ids(nullptr, 0);
        idv = local.ids.ints.data();
        int64_t id = static_cast<int64_t>(GetFixed64BE(key.data() + 9));
        const int64_t* p = std::lower_bound(idv, idv + n, id);
        if (p == idv + n || *p != id) continue;
        pass[p - idv] = 0;
      }
    }
    local.sel.reserve(n);
    for (uint32_t i = 0; i < n; i++) {
      if (pass[i]) local.sel.push_back(i);
    }
    if (local.sel.empty()) return;
    // Few survivors: decode the other columns at their positions only.
    bool sparse = local.sel.size() * 8 < n;
    if (!ids_decoded) {
      if (sparse) {
        decode_ids(local.sel.data(), local.sel.size());
      } else {
        decode_ids(nullptr, 0);
      }
    }
    for (size_t k = 0; k < ncols; k++) {
      if (!decoded[k]) decode(k, sparse);
    }
  };
  for (;;) {
    if (local.group != nullptr) {
      if (local.pos > 0 && local.pos < local.sel.size()) refilter_rest();
      if (local.pos >= local.sel.size()) {
        local.group = nullptr;
        continue;
      }
      size_t n = std::min<size_t>(kStandardVectorSize, local.sel.size() - local.pos);
      const uint32_t* sel = local.sel.data() + local.pos;
      local.pos += n;
      for (size_t k = 0; k < ncols; k++) {
        Vector& v = out.column(k);
        if (local.missing[k]) {
          v.Resize(n);
          for (size_t i = 0; i < n; i++) v.SetValue(i, local.missing_value[k]);
        } else {
          GatherRawSegment(local.raws[k], sel, n, v);
        }
      }
      out.SetSize(n);
      const int64_t* ids = local.ids.ints.data();
      row_ids.resize(n);
      for (size_t i = 0; i < n; i++) row_ids[i] = static_cast<row_t>(ids[sel[i]]);
      return true;
    }
    if (local.it != nullptr) {
      StorageIterator& it = *local.it;
      out.SetSize(kStandardVectorSize);
      size_t count = 0;
      while (count < kStandardVectorSize && it.Valid()) {
        std::string_view key = it.key();
        if (key.size() != 16) {
          throw Exception(sqlstate::kDataCorrupted,
                          "invalid row key in table " + std::to_string(table_oid_));
        }
        local.reader.Read(it.value(), out.columns(), count);
        row_ids.push_back(GetFixed64BE(key.data() + 8));
        count++;
        it.Next();
      }
      if (count < kStandardVectorSize) local.it.reset();
      out.SetSize(count);
      if (count > 0) return true;
      continue;
    }
    size_t m = st.next_morsel.fetch_add(1);
    if (m < st.groups.size()) {
      const RowGroupHeader& h = st.groups[m];
      bool skip = false;
      if (st.dynamic && st.dynamic->version() != local.dynamic_version) {
        local.has_dynamic = st.dynamic->Get(&local.dynamic, &local.dynamic_version);
      }
      if (local.has_dynamic) {
        column_t c = st.column_ids[local.dynamic.scan_column];
        if (c < h.columns.size()) {
          const ZoneMap& zone = h.columns[c].zone;
          skip = !zone.MayMatch(local.dynamic, PhysicalOf(st.types[c]), h.row_count) &&
                 !(st.dynamic->nulls_pass() && zone.null_count > 0);
        }
        if (skip) continue;
      }
      for (const TableFilter& f : st.filters) {
        column_t c = st.column_ids[f.scan_column];
        PhysicalType p = PhysicalOf(st.types[c]);
        if (c < h.columns.size()) {
          skip = !h.columns[c].zone.MayMatch(f, p, h.row_count);
        } else if (!st.missing[c].IsNull()) {
          skip = false;  // every row reads the column's missing value: no zone map to use
        } else {
          ZoneMap all_null;
          all_null.null_count = h.row_count;
          skip = !all_null.MayMatch(f, p, h.row_count);
        }
        if (skip) break;
      }
      if (skip) continue;
      load_group(h);
      if (local.sel.empty()) continue;
      local.group = &h;
      local.pos = 0;
      continue;
    }
    m -= st.groups.size();
    if (m < st.tail_ranges.size()) {
      auto [lo, hi] = st.tail_ranges[m];
      std::string bound = hi == 0 ? PrefixSuccessor(KeyPrefix(table_oid_)) : RowKey(table_oid_, hi);
      local.it = snapshot_only ? txn.NewSnapshotIterator(ColumnFamily::kRows, bound)
                               : txn.NewIterator(ColumnFamily::kRows, bound);
      local.it->Seek(RowKey(table_oid_, lo));
      continue;
    }
    out.SetSize(0);
    return false;
  }
}

}  // namespace kadedb
