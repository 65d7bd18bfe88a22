// PhysicalTableScan: sequential and index range scans with filters applied in the scan.
#include "execution/operator/physical_table_scan.hpp"

#include <algorithm>

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "function/cast/cast.hpp"
#include "storage/data_table.hpp"

namespace kadedb {

namespace {
struct ScanState : OperatorState {
  std::unique_ptr<ParallelScanState> scan;
  std::unique_ptr<LocalScanState> local;
  bool index_scan = false;
  std::vector<row_t> index_rows;
  size_t index_offset = 0;
  bool done = false;
  std::vector<int64_t> filter_of;          // storage filter -> entry of filters
  std::vector<KeyInterval> key_intervals;  // per row group (key_range_column)
};
}  // namespace

PhysicalTableScan::PhysicalTableScan(std::vector<LogicalType> types, TableEntry* table,
                                     std::vector<column_t> column_ids)
    : PhysicalSource(std::move(types)), table(table), column_ids(std::move(column_ids)) {
  for (column_t c : this->column_ids) {
    if (c == kRowIdColumn) {
      output_from_.push_back(-1);
    } else {
      output_from_.push_back(static_cast<int64_t>(storage_ids_.size()));
      storage_ids_.push_back(c);
    }
  }
}

std::unique_ptr<OperatorState> PhysicalTableScan::InitSource(ExecState& state) {
  auto st = std::make_unique<ScanState>();
  if (!table->storage) ThrowInternal("table without storage: " + table->name);
  if (!state.context.transaction) ThrowInternal("table scan without a transaction");
  if (!index) {
    bool empty = false;
    auto table_filters = MakeTableFilters(state, &empty, &st->filter_of);
    if (empty) {
      st->done = true;
      return st;
    }
    if (dynamic_filter) dynamic_filter->Reset();
    st->scan = table->storage->InitParallelScan(*state.context.transaction, storage_ids_,
                                                std::move(table_filters), dynamic_filter);
    st->local = table->storage->InitLocalScan(*st->scan);
    st->key_intervals = KeyIntervals(*st->scan);
    return st;
  }
  st->index_scan = true;
  const auto& key_cols = index->info.columns;
  auto key_type = [&](size_t k) { return table->columns[key_cols[k]].type; };
  IndexRange range;
  bool empty = false;
  auto bound = [&](ExprNode& e, size_t k) {
    Value v = ExpressionExecutor::EvaluateScalar(state, e);
    if (v.IsNull()) {
      empty = true;  // comparisons with NULL match nothing
      return v;
    }
    if (v.type() != key_type(k)) v = CastValue(v, key_type(k));
    return v;
  };
  for (size_t k = 0; k < index_equal.size(); k++) range.equal.push_back(bound(*index_equal[k], k));
  size_t next = index_equal.size();
  if (index_lower) range.lower = bound(*index_lower, next);
  if (index_upper) range.upper = bound(*index_upper, next);
  range.lower_inclusive = lower_inclusive;
  range.upper_inclusive = upper_inclusive;
  if (!empty) {
    st->index_rows = table->storage->IndexScan(*state.context.transaction, index->info, range);
  }
  return st;
}

bool PhysicalTableScan::GetData(ExecState& state, OperatorState* source_state, DataChunk& out) {
  auto& st = static_cast<ScanState&>(*source_state);
  DataChunk raw(StorageTypes(), 0);
  std::vector<row_t> row_ids;
  bool more;
  if (!st.index_scan) {
    if (st.done) return false;
    more = table->storage->ScanMorsel(*st.scan, *st.local, raw, row_ids);
    if (!more) st.done = true;
    NoteMorsel(state, st.key_intervals, st.local->row_group);
    Produce(state, raw, row_ids, out, st.local->exact_filters, &st.filter_of);
    return more;
  } else {
    size_t n = std::min(kStandardVectorSize, st.index_rows.size() - st.index_offset);
    row_ids.assign(st.index_rows.begin() + st.index_offset,
                   st.index_rows.begin() + st.index_offset + n);
    st.index_offset += n;
    if (n > 0) table->storage->Fetch(*state.context.transaction, row_ids, storage_ids_, raw);
    more = st.index_offset < st.index_rows.size();
    if (n == 0) return false;
  }
  NoteMorsel(state, {}, -1);
  Produce(state, raw, row_ids, out);
  return more;
}

void PhysicalTableScan::NoteMorsel(ExecState& state, const std::vector<KeyInterval>& intervals,
                                   int64_t row_group) const {
  if (key_range_column < 0) return;
  MorselKeys& m = state.morsel_keys;
  m.scan = this;
  bool known = row_group >= 0 && static_cast<size_t>(row_group) < intervals.size();
  m.row_group = known ? row_group : -1;
  m.exclusive = known ? intervals[row_group] : KeyInterval{};
}

std::vector<KeyInterval> PhysicalTableScan::KeyIntervals(const ParallelScanState& scan) const {
  if (key_range_column < 0 || index) return {};
  return ExclusiveKeyIntervals(scan.RowGroupKeyZones(static_cast<size_t>(key_range_column)));
}

std::vector<LogicalType> PhysicalTableScan::StorageTypes() const {
  std::vector<LogicalType> storage_types;
  for (column_t c : storage_ids_) storage_types.push_back(table->columns[c].type);
  return storage_types;
}

void PhysicalTableScan::Produce(ExecState& state, DataChunk& raw, const std::vector<row_t>& row_ids,
                                DataChunk& out, uint64_t exact,
                                const std::vector<int64_t>* filter_of) const {
  size_t count = row_ids.size();
  if (!storage_ids_.empty()) count = raw.column(0).size();
  if (count == 0) {
    out.Initialize(types, 0);
    return;
  }
  out.Initialize(types, 0);
  for (size_t i = 0; i < output_from_.size(); i++) {
    if (output_from_[i] < 0) {
      auto& v = out.column(i);
      v.Resize(count);
      for (size_t r = 0; r < count; r++) v.ints()[r] = static_cast<int64_t>(row_ids[r]);
    } else {
      out.column(i) = std::move(raw.column(output_from_[i]));
      if (out.column(i).type() != types[i]) out.column(i).Retype(types[i]);
    }
  }
  out.SetSize(count);
  uint64_t skip = 0;  // entries of filters that storage applied exactly
  if (exact != 0 && filter_of != nullptr) {
    for (size_t i = 0; i < filter_of->size() && i < 64; i++) {
      int64_t f = (*filter_of)[i];
      if ((exact >> i) & 1 && f >= 0 && f < 64) skip |= uint64_t{1} << f;
    }
  }
  std::vector<uint32_t> sel;
  for (size_t i = 0; i < filters.size(); i++) {
    if (out.size() == 0) break;
    if (i < 64 && (skip >> i) & 1) continue;
    ExpressionExecutor::Select(state, *filters[i], out, sel);
    if (sel.size() != out.size()) out.Slice(sel);
  }
}

// Parallel sequential scans: the storage morsel cursor is the global state, each thread keeps its
// own local scan state; index scans stay serial (ParallelSource is false for them).
namespace {
struct ParallelScanGlobal : OperatorState {
  std::unique_ptr<ParallelScanState> scan;  // null when a zone filter matches nothing
  std::vector<int64_t> filter_of;           // storage filter -> entry of filters
  std::vector<KeyInterval> key_intervals;   // per row group (key_range_column)
};
struct ParallelScanLocal : OperatorState {
  std::unique_ptr<LocalScanState> local;
};
}  // namespace

bool PhysicalTableScan::ParallelSource() const {
  return index == nullptr;
}

std::unique_ptr<OperatorState> PhysicalTableScan::InitGlobalSource(ExecState& state) {
  if (!table->storage) ThrowInternal("table without storage: " + table->name);
  if (!state.context.transaction) ThrowInternal("table scan without a transaction");
  auto global = std::make_unique<ParallelScanGlobal>();
  bool empty = false;
  auto table_filters = MakeTableFilters(state, &empty, &global->filter_of);
  if (!empty) {
    if (dynamic_filter) dynamic_filter->Reset();
    global->scan = table->storage->InitParallelScan(*state.context.transaction, storage_ids_,
                                                    std::move(table_filters), dynamic_filter);
    global->key_intervals = KeyIntervals(*global->scan);
  }
  return global;
}

size_t PhysicalTableScan::MaxThreads(OperatorState* global) const {
  auto& g = static_cast<ParallelScanGlobal&>(*global);
  return g.scan ? std::max<size_t>(1, g.scan->MaxThreads()) : 1;
}

std::unique_ptr<OperatorState> PhysicalTableScan::InitLocalSource(ExecState& state,
                                                                  OperatorState* global) {
  auto& g = static_cast<ParallelScanGlobal&>(*global);
  auto local = std::make_unique<ParallelScanLocal>();
  if (g.scan) local->local = table->storage->InitLocalScan(*g.scan);
  return local;
}

bool PhysicalTableScan::GetDataParallel(ExecState& state, OperatorState* global,
                                        OperatorState* local, DataChunk& out) {
  auto& g = static_cast<ParallelScanGlobal&>(*global);
  auto& l = static_cast<ParallelScanLocal&>(*local);
  if (!g.scan || !l.local) {
    out.Initialize(types, 0);
    return false;
  }
  DataChunk raw(StorageTypes(), 0);
  std::vector<row_t> row_ids;
  bool more = table->storage->ScanMorsel(*g.scan, *l.local, raw, row_ids);
  NoteMorsel(state, g.key_intervals, l.local->row_group);
  Produce(state, raw, row_ids, out, l.local->exact_filters, &g.filter_of);
  return more;
}

std::vector<TableFilter> PhysicalTableScan::MakeTableFilters(
    ExecState& state, bool* empty, std::vector<int64_t>* filter_of) const {
  std::vector<TableFilter> out;
  *empty = false;
  filter_of->clear();
  auto same_class = [](const LogicalType& a, const LogicalType& b) {
    if (a.id == b.id) return true;
    auto is_int = [](TypeId t) {
      return t == TypeId::kSmallInt || t == TypeId::kInteger || t == TypeId::kBigInt;
    };
    auto is_text = [](TypeId t) { return t == TypeId::kText || t == TypeId::kVarchar; };
    auto is_float = [](TypeId t) { return t == TypeId::kReal || t == TypeId::kDouble; };
    return (is_int(a.id) && is_int(b.id)) || (is_text(a.id) && is_text(b.id)) ||
           (is_float(a.id) && is_float(b.id));
  };
  for (const ZoneFilter& z : zone_filters) {
    const LogicalType& type = table->columns[storage_ids_[z.scan_column]].type;
    TableFilter f;
    f.scan_column = z.scan_column;
    f.kind = z.kind;
    bool usable = true;
    for (size_t i = 0; i < z.values.size(); i++) {
      Value v = ExpressionExecutor::EvaluateScalar(state, *z.values[i]);
      if (v.IsNull()) {
        if (f.kind != TableFilterKind::kIn) {
          *empty = true;  // x op NULL is never true
          return out;
        }
        continue;  // x IN (.., NULL, ..) is true only through the other values
      }
      if (!same_class(v.type(), type)) {
        usable = false;
        break;
      }
      if (f.kind == TableFilterKind::kIn) {
        f.values.push_back(std::move(v));
      } else {
        f.constant = std::move(v);
      }
    }
    if (usable && f.kind == TableFilterKind::kIn && f.values.empty() && !z.values.empty()) {
      *empty = true;  // x IN (NULL, ...) with only NULLs is never true
      return out;
    }
    if (usable) {
      out.push_back(std::move(f));
      filter_of->push_back(z.filter_index);
    }
  }
  // Runtime join filters published by the hash joins above (their builds ran first).
  for (const PhysicalOperator* join : join_filter_sources) {
    auto it = state.join_filters.find(join);
    if (it == state.join_filters.end()) continue;
    for (const TableFilter& f : it->second) {
      out.push_back(f);
      filter_of->push_back(-1);
    }
  }
  return out;
}

std::string PhysicalTableScan::Name() const {
  return index ? "INDEX_SCAN" : "SEQ_SCAN";
}

std::string PhysicalTableScan::Params() const {
  std::string s = table->name;
  if (index) s += " using " + index->name;
  if (!filters.empty()) {
    s += " filters: ";
    for (size_t i = 0; i < filters.size(); i++) {
      if (i) s += " AND ";
      s += filters[i]->text;
    }
  }
  return s;
}

}  // namespace kadedb
