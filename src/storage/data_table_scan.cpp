// DataTable scans: morsel-driven (parallel) scans over sealed row groups and the row store,
// and the single-threaded InitScan/Scan built on them.
//
// Morsels are handed out by one atomic counter: first the row groups (in row-id order), then
// row-id ranges of the row store. A row-group morsel prunes itself by zone maps, then is read in
// blocks of 2048 rows (SegmentReader): per block the pushed filters run right after their
// column is decoded (most selective first, later ones only at the surviving positions), and the
// other columns are decoded and gathered at the survivors only; rows with delete markers are
// dropped. Rows of the row store are read through a bounded iterator.
#include <algorithm>
#include <cstring>

#include "common/exception.hpp"
#include "storage/column_segment_reader.hpp"
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
  std::vector<KeyZone> RowGroupKeyZones(size_t scan_column) const override {
    std::vector<KeyZone> zones(groups.size());
    if (scan_column >= column_ids.size()) return zones;
    column_t c = column_ids[scan_column];
    if (PhysicalOf(types[c]) != PhysicalType::kInt64) return zones;
    for (size_t g = 0; g < groups.size(); g++) {
      const RowGroupHeader& h = groups[g];
      KeyZone& z = zones[g];
      if (c >= h.columns.size()) {
        // Sealed before the column was added: every row reads the missing value.
        if (c >= missing.size() || missing[c].IsNull()) z.kind = KeyZone::Kind::kNone;
        continue;
      }
      const ZoneMap& zone = h.columns[c].zone;
      if (zone.has_stats) {
        z.kind = KeyZone::Kind::kRange;
        z.min = zone.int_min;
        z.max = zone.int_max;
      } else if (zone.null_count >= h.row_count) {
        z.kind = KeyZone::Kind::kNone;
      }
    }
    return zones;
  }

  DataTable* table = nullptr;
  StorageTransaction* txn = nullptr;
  std::vector<column_t> column_ids;
  std::vector<TableFilter> filters;
  // What the blocks are filtered by (MergeRangeFilters): eval_covers[i], the filters that
  // eval_filters[i] stands for.
  std::vector<TableFilter> eval_filters;
  std::vector<uint64_t> eval_covers;
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
                const std::vector<Value>& missing_values, const std::vector<TableFilter>& filters)
      : scratch(AcquireScanScratch(column_ids.size())), reader(types, column_ids, missing_values) {
    size_t n = column_ids.size();
    segment_bytes.resize(n);
    missing.resize(n);
    ready.resize(n);
    tag.resize(n);
    for (column_t c : column_ids)
      missing_value.push_back(c < missing_values.size() ? missing_values[c] : Value());
    scratch->dict_caches.assign(filters.size(), DictMatchCache());
    // Filters grouped by column (in first-seen order).
    for (size_t i = 0; i < filters.size(); i++) {
      size_t g = 0;
      while (g < filter_groups.size() &&
             filters[filter_groups[g][0]].scan_column != filters[i].scan_column)
        g++;
      if (g == filter_groups.size()) filter_groups.emplace_back();
      filter_groups[g].push_back(i);
    }
    for (size_t g = 0; g < filter_groups.size(); g++) order.push_back(g);
    seen.assign(filter_groups.size(), 0);
    passed.assign(filter_groups.size(), 0);
  }
  // Current row-group morsel (group != nullptr), read in blocks of kStandardVectorSize rows:
  // the block [block_start, block_start + block_count) is decoded column by column, the pushed
  // filters narrow its selection (sel) as they go, and the survivors are gathered into the
  // output chunk. Several blocks fill one chunk when filters are selective.
  const RowGroupHeader* group = nullptr;
  int64_t group_index = -1;  // of the last row group loaded (in ParallelScanImpl::groups)
  ScanScratchPtr scratch;    // pooled buffers: readers, pass, sel
  std::vector<SegmentReader>& readers = scratch->readers;
  std::vector<std::shared_ptr<const std::string>> segment_bytes;  // backing readers
  std::shared_ptr<const std::string> id_bytes;                    // backing id_reader
  // Per scanned column: added after the group was sealed, so every row reads missing_value.
  std::vector<uint8_t> missing;
  std::vector<Value> missing_value;
  std::vector<uint8_t> ready;  // per column: reader initialised for the current group
  std::vector<uint32_t> tag;   // per column: block_start + 1 of the block in its reader
  bool id_ready = false;
  bool has_deletes = false;  // scratch->ids holds the group's row ids, deleted its deletes
  size_t deleted_pos = 0;
  uint32_t block_start = 0;
  uint32_t block_count = 0;
  bool pending = false;      // sel holds the survivors of the current block, not yet emitted
  uint64_t block_exact = 0;  // filters that ran exactly on the current block (bit per filter)
  // Pushed filters grouped by column; order: the groups, most selective first (reordered by the
  // pass rates seen so far).
  std::vector<std::vector<size_t>> filter_groups;
  std::vector<size_t> order;
  std::vector<uint64_t> seen, passed;
  uint32_t blocks = 0;
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
  std::vector<PhysicalType> physical;
  for (column_t c : st->column_ids) physical.push_back(PhysicalOf(types_[c]));
  for (auto& f : st->filters) {
    if (f.scan_column >= st->column_ids.size()) ThrowInternal("InitParallelScan: bad filter");
  }
  st->eval_filters = MergeRangeFilters(st->filters, physical, &st->eval_covers);
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
  return std::make_unique<LocalScanImpl>(st.types, st.column_ids, st.missing, st.eval_filters);
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
  ScanScratch& scratch = *local.scratch;
  std::unique_lock<std::mutex> txn_lock;
  if (st.single) txn_lock = std::unique_lock(st.txn_mutex);
  bool snapshot_only = !st.single;
  StorageTransaction& txn = *st.txn;
  row_ids.clear();
  size_t ncols = st.column_ids.size();
  size_t out_count = 0;                 // rows gathered into out so far (row-group path)
  uint64_t chunk_exact = ~uint64_t{0};  // filters exact on every block gathered into out
  local.exact_filters = 0;
  local.row_group = -1;

  // Prepares a row group: which scanned columns it lacks and its deleted positions. False when
  // no row can pass (a filter on a column the group lacks that its missing value fails).
  auto load_group = [&](const RowGroupHeader& h) {
    uint32_t n = h.row_count;
    for (size_t k = 0; k < ncols; k++) {
      local.missing[k] = st.column_ids[k] >= h.columns.size();
      local.ready[k] = 0;
      local.tag[k] = 0;
    }
    for (const TableFilter& f : st.filters) {
      size_t k = f.scan_column;
      // Every row reads the missing value (NULL unless ADD COLUMN ... DEFAULT): only IS NULL
      // holds for NULL; a non-NULL value is left to the scan's filter expressions.
      if (local.missing[k] && local.missing_value[k].IsNull() && f.kind != TableFilterKind::kIsNull)
        return false;
    }
    local.id_ready = false;
    local.has_deletes = false;
    local.deleted_pos = 0;
    scratch.deleted.clear();
    std::string lo = RowDeleteMarkerKey(table_oid_, h.row_start);
    std::string hi = RowDeleteMarkerKey(table_oid_, h.row_end);
    auto it = snapshot_only ? txn.NewSnapshotIterator(ColumnFamily::kColSeg, hi)
                            : txn.NewIterator(ColumnFamily::kColSeg, hi);
    for (it->Seek(lo); it->Valid(); it->Next()) {
      std::string_view key = it->key();
      if (key.size() != 17) continue;
      if (!local.has_deletes) {
        auto id_bytes = ReadSegmentBytes(txn, snapshot_only, h, kRowIdSegment);
        DecodeSegmentRaw(*id_bytes, PhysicalType::kInt64, &scratch.ids);
        if (scratch.ids.n != n) {
          throw Exception(sqlstate::kDataCorrupted,
                          "row group " + std::to_string(h.row_start) +
                              " has a row-id segment of the wrong length");
        }
        local.has_deletes = true;
      }
      const int64_t* idv = scratch.ids.ints.data();
      int64_t id = static_cast<int64_t>(GetFixed64BE(key.data() + 9));
      const int64_t* p = std::lower_bound(idv, idv + n, id);
      if (p == idv + n || *p != id) continue;
      scratch.deleted.push_back(static_cast<uint32_t>(p - idv));
    }
    std::sort(scratch.deleted.begin(), scratch.deleted.end());
    local.group = &h;
    local.block_start = 0;
    local.pending = false;
    return true;
  };
  auto ensure_reader = [&](size_t k) {
    if (local.ready[k]) return;
    const RowGroupHeader& h = *local.group;
    column_t c = st.column_ids[k];
    auto bytes = ReadSegmentBytes(txn, snapshot_only, h, c);
    // The reader keeps views into the bytes: the cache entry (or this copy) must outlive them.
    local.segment_bytes[k] = bytes;
    local.readers[k].Init(*bytes, PhysicalOf(st.types[c]));
    if (local.readers[k].size() != h.row_count) {
      throw Exception(sqlstate::kDataCorrupted, "row group " + std::to_string(h.row_start) +
                                                    " has a segment of the wrong length");
    }
    local.ready[k] = 1;
  };
  // Column k of the current block, decoded at least at the positions of sel (all positions
  // when dense).
  auto block_of = [&](size_t k, bool dense) -> const RawSegment& {
    uint32_t tagv = local.block_start + 1;
    if (local.tag[k] == tagv) return local.readers[k].block();
    ensure_reader(k);
    local.tag[k] = tagv;
    if (dense) return local.readers[k].Read(local.block_start, local.block_count);
    return local.readers[k].ReadAt(local.block_start, local.block_count, scratch.sel.data(),
                                   scratch.sel.size());
  };
  // Runs the filters of the current block into scratch.sel; returns its size.
  auto eval_block = [&]() -> size_t {
    uint32_t count = local.block_count;
    uint32_t start = local.block_start;
    auto& sel = scratch.sel;
    auto& pass = scratch.pass;
    bool identity = true;  // every position passes so far (sel not built)
    local.block_exact = 0;
    auto compact_pass = [&]() {
      sel.resize(count);
      size_t m = 0;
      uint32_t i = 0;
      // Eight positions at a time: all-failing words are skipped.
      for (; i + 8 <= count; i += 8) {
        uint64_t word;
        std::memcpy(&word, pass.data() + i, 8);
        if (word == 0) continue;
        for (uint32_t j = 0; j < 8; j++) {
          sel[m] = i + j;
          m += pass[i + j];
        }
      }
      for (; i < count; i++) {
        sel[m] = i;
        m += pass[i];
      }
      sel.resize(m);
      identity = false;
    };
    // Deleted rows.
    auto& deleted = scratch.deleted;
    while (local.deleted_pos < deleted.size() && deleted[local.deleted_pos] < start)
      local.deleted_pos++;
    if (local.deleted_pos < deleted.size() && deleted[local.deleted_pos] < start + count) {
      pass.assign(count, 1);
      for (size_t d = local.deleted_pos; d < deleted.size() && deleted[d] < start + count; d++)
        pass[deleted[d] - start] = 0;
      compact_pass();
    }
    // One filter on column k: filter(raw, sel or nullptr, m, pass) with pass[i] &= ...
    auto apply = [&](size_t k, auto&& filter) {
      if (local.missing[k]) return;
      size_t m = identity ? count : sel.size();
      if (m == 0) return;
      bool dense = identity || m * 4 >= count;
      const RawSegment& raw = block_of(k, dense);
      if (dense) {
        if (identity) pass.assign(count, 1);
        filter(raw, nullptr, count, pass.data());
        compact_pass();
        return;
      }
      scratch.pass_at.assign(m, 1);
      filter(raw, sel.data(), m, scratch.pass_at.data());
      size_t kept = 0;
      for (size_t i = 0; i < m; i++) {
        sel[kept] = sel[i];
        kept += scratch.pass_at[i];
      }
      sel.resize(kept);
    };
    for (size_t gi : local.order) {
      const std::vector<size_t>& group = local.filter_groups[gi];
      size_t before = identity ? count : sel.size();
      if (before == 0) break;
      size_t k = st.eval_filters[group[0]].scan_column;
      const LogicalType& type = st.types[st.column_ids[k]];
      // The filters on one column run on the same decoded block before the selection shrinks.
      apply(k, [&](const RawSegment& raw, const uint32_t* at, size_t m, uint8_t* p) {
        for (size_t fi : group) {
          DictMatchCache* cache = &scratch.dict_caches[fi];
          const TableFilter& f = st.eval_filters[fi];
          bool exact = at ? FilterRawSegmentAt(raw, at, m, f, type, p, cache)
                          : FilterRawSegment(raw, f, type, p, cache);
          if (exact) local.block_exact |= st.eval_covers[fi];
        }
      });
      local.seen[gi] += before;
      local.passed[gi] += identity ? count : sel.size();
    }
    if (st.dynamic && st.dynamic->version() != local.dynamic_version) {
      local.has_dynamic = st.dynamic->Get(&local.dynamic, &local.dynamic_version);
    }
    if (local.has_dynamic && (identity || !sel.empty())) {
      size_t k = local.dynamic.scan_column;
      const LogicalType& type = st.types[st.column_ids[k]];
      // NULLs pass when they sort before the bound.
      apply(k, [&](const RawSegment& raw, const uint32_t* at, size_t m, uint8_t* p) {
        bool keep_nulls = st.dynamic->nulls_pass() && raw.has_nulls;
        uint8_t* o = p;
        if (keep_nulls) {
          local.dynamic_pass.assign(m, 1);
          o = local.dynamic_pass.data();
        }
        if (at) {
          FilterRawSegmentAt(raw, at, m, local.dynamic, type, o);
        } else {
          FilterRawSegment(raw, local.dynamic, type, o);
        }
        if (keep_nulls) {
          const uint8_t* valid = raw.valid.data();
          for (size_t i = 0; i < m; i++) p[i] &= o[i] | (valid[at ? at[i] : i] ^ 1);
        }
      });
    }
    if (identity) {
      sel.resize(count);
      for (uint32_t i = 0; i < count; i++) sel[i] = i;
    }
    // Most selective filter first: decided after 8 blocks, revisited every 64.
    ++local.blocks;
    if ((local.blocks == 8 || local.blocks % 64 == 0) && local.order.size() > 1) {
      auto rate = [&](size_t i) {
        return local.seen[i] == 0 ? 1.0 : static_cast<double>(local.passed[i]) / local.seen[i];
      };
      std::stable_sort(local.order.begin(), local.order.end(),
                       [&](size_t a, size_t b) { return rate(a) < rate(b); });
    }
    return sel.size();
  };
  // Gathers the survivors of the current block into out from row out_count on.
  auto emit_block = [&]() {
    const auto& sel = scratch.sel;
    size_t m = sel.size();
    bool dense = m * 4 >= local.block_count;
    if (out_count == 0) {
      // Blocks append: room for a whole chunk up front, not regrown per block.
      for (size_t k = 0; k < ncols; k++) {
        out.column(k).Resize(0);
        out.column(k).Reserve(kStandardVectorSize);
      }
      row_ids.reserve(kStandardVectorSize);
    }
    for (size_t k = 0; k < ncols; k++) {
      Vector& v = out.column(k);
      if (local.missing[k]) {
        v.Resize(out_count + m);
        for (size_t i = 0; i < m; i++) v.SetValue(out_count + i, local.missing_value[k]);
      } else {
        GatherRawSegment(block_of(k, dense), sel.data(), m, v, out_count);
      }
    }
    row_ids.resize(out_count + m);
    row_t* dst = row_ids.data() + out_count;
    if (local.has_deletes) {
      const int64_t* ids = scratch.ids.ints.data() + local.block_start;
      for (size_t i = 0; i < m; i++) dst[i] = static_cast<row_t>(ids[sel[i]]);
    } else {
      if (!local.id_ready) {
        local.id_bytes = ReadSegmentBytes(txn, snapshot_only, *local.group, kRowIdSegment);
        scratch.id_reader.Init(*local.id_bytes, PhysicalType::kInt64);
        if (scratch.id_reader.size() != local.group->row_count) {
          throw Exception(sqlstate::kDataCorrupted,
                          "row group " + std::to_string(local.group->row_start) +
                              " has a row-id segment of the wrong length");
        }
        local.id_ready = true;
      }
      const RawSegment& ids =
          scratch.id_reader.ReadAt(local.block_start, local.block_count, sel.data(), m);
      const int64_t* idv = ids.ints.data();
      for (size_t i = 0; i < m; i++) dst[i] = static_cast<row_t>(idv[sel[i]]);
    }
    out_count += m;
    chunk_exact &= local.block_exact;
  };
  for (;;) {
    if (local.group != nullptr) {
      uint32_t n = local.group->row_count;
      if (!local.pending) {
        if (local.block_start >= n) {
          local.group = nullptr;
          continue;
        }
        local.block_count = std::min<uint32_t>(kStandardVectorSize, n - local.block_start);
        if (eval_block() == 0) {
          local.block_start += local.block_count;
          continue;
        }
        local.pending = true;
      }
      if (out_count > 0 && out_count + scratch.sel.size() > kStandardVectorSize) break;
      emit_block();
      local.pending = false;
      local.block_start += local.block_count;
      if (out_count == kStandardVectorSize) break;
      continue;
    }
    // The row store and the next morsels start on a fresh chunk.
    if (out_count > 0) break;
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
      if (count > 0) return true;  // row-store rows: no filter ran (exact_filters 0)
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
      if (load_group(h)) local.group_index = static_cast<int64_t>(m);
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
    break;
  }
  out.SetSize(out_count);
  if (out_count > 0) {
    local.exact_filters = chunk_exact;
    local.row_group = local.group_index;
  }
  return out_count > 0;
}

}  // namespace kadedb
