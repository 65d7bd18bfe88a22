// PhysicalOrder: ORDER BY and top-N.
#include "execution/operator/physical_order.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "execution/expression/expression_executor.hpp"
#include "execution/operator/sort_spill.hpp"

namespace kadedb {

namespace {
struct OrderState : OperatorState {
  RowCollection rows;
  RowCollection key_rows;
  std::vector<uint64_t> order;
  size_t emit_offset = 0;
  size_t emit_end = 0;
  uint64_t bytes = 0;
  // Parallel: the end offsets of the sorted runs the rows were combined from (empty: unsorted).
  std::vector<size_t> run_ends;
  // Over the memory limit (ORDER BY only): sorted runs on disk, merged by GetData.
  std::vector<std::unique_ptr<SpilledRun>> spilled;
  struct MergeInput {
    std::unique_ptr<SpilledRun> run;
    RowCollection rows, keys;  // the run's current block
    size_t position = 0;
  };
  std::vector<MergeInput> merge;
  bool merging = false;
  // Top-N: the key row of the worst row kept by the last compaction (once limit + offset rows
  // are kept): later rows that do not sort before it can never enter the result.
  RowCollection boundary;
  bool has_boundary = false;
};

// Row i of columns a against row j of columns b (key columns), as CompareSortRows.
int CompareKeyColumns(const std::vector<SortKey>& keys, const Vector* a, size_t i, const Vector* b,
                      size_t j) {
  for (size_t k = 0; k < keys.size(); k++) {
    bool in = a[k].IsNull(i), jn = b[k].IsNull(j);
    if (in || jn) {
      if (in && jn) continue;
      return (in == keys[k].nulls_first) ? -1 : 1;
    }
    int c = CompareValues(a[k], i, b[k], j);
    if (c != 0) return keys[k].descending ? -c : c;
  }
  return 0;
}

// Row i of a against row j of b (key columns), as CompareSortRows.
int CompareAcross(const std::vector<SortKey>& keys, const RowCollection& a, size_t i,
                  const RowCollection& b, size_t j) {
  for (size_t k = 0; k < keys.size(); k++) {
    const Vector& va = a.column(k);
    const Vector& vb = b.column(k);
    bool in = va.IsNull(i), jn = vb.IsNull(j);
    if (in || jn) {
      if (in && jn) continue;
      return (in == keys[k].nulls_first) ? -1 : 1;
    }
    int c = CompareValues(va, i, vb, j);
    if (c != 0) return keys[k].descending ? -c : c;
  }
  return 0;
}
}  // namespace

int CompareSortRows(const std::vector<SortKey>& keys, const RowCollection& key_rows, size_t i,
                    size_t j) {
  for (size_t k = 0; k < keys.size(); k++) {
    const Vector& v = key_rows.column(k);
    bool in = v.IsNull(i), jn = v.IsNull(j);
    if (in || jn) {
      if (in && jn) continue;
      return (in == keys[k].nulls_first) ? -1 : 1;
    }
    int c = CompareValues(v, i, v, j);
    if (c != 0) return keys[k].descending ? -c : c;
  }
  return 0;
}

std::unique_ptr<OperatorState> PhysicalOrder::InitSink(ExecState& state) {
  auto st = std::make_unique<OrderState>();
  st->rows.Initialize(types);
  std::vector<LogicalType> key_types;
  for (auto& k : keys) key_types.push_back(k.expression->type);
  st->key_rows.Initialize(key_types);
  st->boundary.Initialize(key_types);
  return st;
}

// An order-preserving 64-bit prefix of the first sort key ("abbreviated key"): a < b whenever
// prefix(a) < prefix(b); equal prefixes fall back to the full comparison.
static uint64_t SortPrefix(const SortKey& key, const Vector& v, size_t i) {
  if (v.IsNull(i)) return key.nulls_first ? 0 : ~uint64_t{0};
  uint64_t p = 0;
  switch (v.physical()) {
    case PhysicalType::kInt64:
      p = static_cast<uint64_t>(v.ints()[i]) ^ (uint64_t{1} << 63);
      break;
    case PhysicalType::kDouble: {
      double d = v.doubles()[i];
      if (d == 0) d = 0;  // -0.0 sorts equal to 0.0
      if (std::isnan(d)) {
        p = ~uint64_t{0};
        break;
      }
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      p = (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
      break;
    }
    case PhysicalType::kString: {
      const std::string& s = v.strings()[i];
      for (size_t k = 0; k < 8; k++) {
        p = (p << 8) | (k < s.size() ? static_cast<unsigned char>(s[k]) : 0);
      }
      break;
    }
    default:
      p = 0;  // decimals and intervals: full comparison only
  }
  if (key.descending) p = ~p;
  return (p >> 1) + 1;  // leaves 0 and ~0 to NULLs
}

static void SortIndices(const ExecState& state, const std::vector<SortKey>& keys, OrderState& st,
                        size_t keep) {
  size_t n = st.rows.size();
  struct Entry {
    uint64_t prefix;
    uint64_t index;
  };
  std::vector<Entry> entries(n);
  if (!keys.empty()) {
    const Vector& first = st.key_rows.column(0);
    for (size_t i = 0; i < n; i++) entries[i] = {SortPrefix(keys[0], first, i), i};
  } else {
    for (size_t i = 0; i < n; i++) entries[i] = {0, i};
  }
  uint64_t compares = 0;
  auto less = [&](const Entry& a, const Entry& b) {
    if ((++compares & 0xFFFF) == 0) state.CheckInterrupt();  // cancel / statement_timeout
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    int c = CompareSortRows(keys, st.key_rows, a.index, b.index);
    return c != 0 ? c < 0 : a.index < b.index;  // index tiebreak keeps the sort stable
  };
  if (keep < n) {
    std::partial_sort(entries.begin(), entries.begin() + keep, entries.end(), less);
    entries.resize(keep);
  } else {
    std::sort(entries.begin(), entries.end(), less);
  }
  st.order.resize(entries.size());
  for (size_t i = 0; i < entries.size(); i++) st.order[i] = entries[i].index;
}

// Keeps the rows of st in the order of st.order (the first n of it).
static void Reorder(OrderState& st, size_t n) {
  DataChunk rows_chunk, key_chunk;
  st.rows.Gather(st.order.data(), n, rows_chunk);
  st.key_rows.Gather(st.order.data(), n, key_chunk);
  st.rows.Clear();
  st.key_rows.Clear();
  st.rows.Append(rows_chunk);
  st.key_rows.Append(key_chunk);
}

// Top-N: compacts once this many rows are kept (bounded work per row). With a scan filter to
// feed, much sooner: every tighter boundary lets the scan skip more row groups and rows.
static size_t CompactAt(const PhysicalOrder& op, size_t keep) {
  if (op.dynamic_filter) return keep + std::max<size_t>(1, keep / 8);
  return 2 * keep + std::min<size_t>(kStandardVectorSize, std::max<size_t>(keep, 64));
}

// Top-N: tightens the scan's dynamic filter with the first key of st's boundary row when it
// sorts before the filter's current bound. Any thread's boundary is a valid bound for the
// whole result: the final top rows all sort at or before it.
static void PublishBoundary(const PhysicalOrder& op, const OrderState& st) {
  if (!op.dynamic_filter || !st.has_boundary) return;
  const Vector& b = st.boundary.column(0);
  if (b.IsNull(0)) return;  // NULL first keys: no comparison filter expresses the bound
  bool descending = op.keys[0].descending;
  op.dynamic_filter->Update([&](Value& bound) {
    if (!bound.IsNull()) {
      Vector current(b.type());
      current.Append(bound);
      int c = CompareValues(b, 0, current, 0);
      if (descending ? c <= 0 : c >= 0) return false;  // not tighter
    }
    bound = b.GetValue(0);
    return true;
  });
}

// Top-N: keeps the best `keep` rows, in input order of arrival (sorted order is fine: the
// index tiebreak of later sorts only needs a consistent order among equal keys).
static void Compact(ExecState& state, const PhysicalOrder& op, OrderState& st, size_t keep) {
  const std::vector<SortKey>& keys = op.keys;
  SortIndices(state, keys, st, keep);
  if (keep > 0 && st.order.size() == keep) {
    uint64_t worst = st.order.back();
    DataChunk row;
    st.key_rows.Gather(&worst, 1, row);
    st.boundary.Clear();
    st.boundary.Append(row);
    st.has_boundary = true;
    PublishBoundary(op, st);
  }
  std::sort(st.order.begin(), st.order.end());  // preserve arrival order for stability
  Reorder(st, st.order.size());
  state.Free(st.bytes);
  st.bytes = 0;
  for (size_t c = 0; c < st.rows.ColumnCount(); c++)
    st.bytes += VectorBytes(st.rows.column(c), st.rows.size());
  state.Allocate(st.bytes, "TOP_N");
}

// Below this many rows in memory a sort does not spill (the limit is simply too small): 53200.
constexpr size_t kMinSpillRows = 4 * kStandardVectorSize;

// Sorts the rows in memory into a new spilled run and frees them.
static void SpillRows(ExecState& state, const std::vector<SortKey>& keys, OrderState& st) {
  if (st.rows.size() == 0) return;
  SortIndices(state, keys, st, st.rows.size());
  st.spilled.push_back(SpilledRun::Write(st.rows, st.key_rows, st.order));
  st.order.clear();
  st.rows.Clear();
  st.key_rows.Clear();
  st.run_ends.clear();
  state.Free(st.bytes);
  st.bytes = 0;
}

// Takes the next row of the merge into out; false when every run is used up.
static bool MergeNextRow(const std::vector<SortKey>& keys, OrderState& st, DataChunk& out) {
  int best = -1;
  for (size_t r = 0; r < st.merge.size(); r++) {
    auto& m = st.merge[r];
    if (m.position >= m.rows.size()) continue;
    if (best < 0 ||
        CompareAcross(keys, m.keys, m.position, st.merge[best].keys, st.merge[best].position) < 0) {
      best = static_cast<int>(r);  // ties keep the earlier run: stable
    }
  }
  if (best < 0) return false;
  auto& m = st.merge[best];
  uint32_t pos = static_cast<uint32_t>(m.position);
  for (size_t c = 0; c < out.ColumnCount(); c++) {
    AppendVectorSel(out.column(c), m.rows.column(c), &pos, 1);
  }
  if (++m.position >= m.rows.size()) {
    m.position = 0;
    m.run->ReadBlock(m.rows, m.keys);
  }
  return true;
}

void PhysicalOrder::Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
                         size_t child_index) {
  auto& st = static_cast<OrderState&>(*sink_state);
  DataChunk key_chunk;
  for (auto& k : keys) {
    Vector v;
    ExpressionExecutor::Execute(state, *k.expression, input, v);
    key_chunk.AddColumn(std::move(v));
  }
  key_chunk.SetSize(input.size());
  if (limit >= 0 && st.has_boundary && !keys.empty()) {
    // Top-N: only rows sorting strictly before the current worst kept row can still enter (a
    // tie arrives later, so it sorts after it).
    std::vector<uint32_t> sel;
    sel.reserve(input.size());
    const Vector* bound = &st.boundary.column(0);
    const Vector* cols = &key_chunk.column(0);
    for (size_t i = 0; i < input.size(); i++) {
      if (CompareKeyColumns(keys, cols, i, bound, 0) < 0) sel.push_back(static_cast<uint32_t>(i));
    }
    if (sel.empty()) return;
    if (sel.size() < input.size()) {
      uint64_t bytes = st.rows.AppendSel(input, sel.data(), sel.size()) +
                       st.key_rows.AppendSel(key_chunk, sel.data(), sel.size());
      st.bytes += bytes;
      state.Allocate(bytes, "TOP_N");
      size_t keep = static_cast<size_t>(limit + offset);
      if (st.rows.size() > CompactAt(*this, keep)) Compact(state, *this, st, keep);
      return;
    }
  }
  uint64_t bytes = st.rows.Append(input) + st.key_rows.Append(key_chunk);
  uint64_t share = state.context.memory_limit / state.memory_sharers;
  bool over = bytes > state.MemoryHeadroom() || st.bytes + bytes > share / 4 * 3;
  if (limit < 0 && state.context.memory_limit != 0 && over && st.rows.size() >= kMinSpillRows) {
    SpillRows(state, keys, st);  // the rows in memory, this chunk included, become a run
    return;
  }
  st.bytes += bytes;
  state.Allocate(bytes, limit >= 0 ? "TOP_N" : "ORDER_BY");
  if (limit >= 0) {
    size_t keep = static_cast<size_t>(limit + offset);
    if (st.rows.size() > CompactAt(*this, keep)) Compact(state, *this, st, keep);
  }
}

void PhysicalOrder::Finalize(ExecState& state, OperatorState* sink_state) {
  auto& st = static_cast<OrderState&>(*sink_state);
  if (!st.spilled.empty()) {
    SpillRows(state, keys, st);
    for (auto& run : st.spilled) {
      OrderState::MergeInput m;
      m.run = std::move(run);
      m.run->ReadBlock(m.rows, m.keys);
      st.merge.push_back(std::move(m));
    }
    st.spilled.clear();
    st.merging = true;
    return;
  }
  size_t n = st.rows.size();
  size_t keep = n;
  if (limit >= 0) keep = std::min<size_t>(n, static_cast<size_t>(limit + offset));
  if (limit < 0 && st.run_ends.size() > 1 && st.run_ends.back() == n) {
    // Sorted runs from several threads: merge them (stable: earlier runs first on ties).
    st.order.resize(n);
    std::iota(st.order.begin(), st.order.end(), 0);
    auto less = [&](uint64_t a, uint64_t b) {
      return CompareSortRows(keys, st.key_rows, a, b) < 0;
    };
    for (size_t r = 1; r < st.run_ends.size(); r++) {
      std::inplace_merge(st.order.begin(), st.order.begin() + st.run_ends[r - 1],
                         st.order.begin() + st.run_ends[r], less);
    }
  } else {
    SortIndices(state, keys, st, keep);
  }
  st.emit_offset = limit >= 0 ? std::min<size_t>(st.order.size(), offset) : 0;
  st.emit_end = st.order.size();
}

void PhysicalOrder::PrepareCombine(ExecState& state, OperatorState* local) {
  auto& st = static_cast<OrderState&>(*local);
  size_t n = st.rows.size();
  size_t keep = n;
  if (limit >= 0) keep = std::min<size_t>(n, static_cast<size_t>(limit + offset));
  SortIndices(state, keys, st, keep);
  Reorder(st, st.order.size());
  st.order.clear();
}

void PhysicalOrder::Combine(ExecState& state, OperatorState* global, OperatorState* local) {
  auto& g = static_cast<OrderState&>(*global);
  auto& l = static_cast<OrderState&>(*local);
  for (auto& run : l.spilled) g.spilled.push_back(std::move(run));
  l.spilled.clear();
  if (l.rows.size() == 0) return;
  for (size_t c = 0; c < g.rows.ColumnCount(); c++) {
    AppendVector(g.rows.column(c), l.rows.column(c), l.rows.size());
  }
  for (size_t c = 0; c < g.key_rows.ColumnCount(); c++) {
    AppendVector(g.key_rows.column(c), l.key_rows.column(c), l.rows.size());
  }
  g.rows.SetCount(g.rows.size() + l.rows.size());
  g.key_rows.SetCount(g.key_rows.size() + l.rows.size());
  g.run_ends.push_back(g.rows.size());
  g.bytes += l.bytes;  // the accounting moves with the rows
  l.bytes = 0;
  l.rows.Clear();
  l.key_rows.Clear();
}

bool PhysicalOrder::GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) {
  auto& st = static_cast<OrderState&>(*sink_state);
  if (st.merging) {
    out.Initialize(types, 0);
    size_t n = 0;
    bool more = true;
    while (n < kStandardVectorSize && (more = MergeNextRow(keys, st, out))) n++;
    out.SetSize(n);
    if (!more) st.merge.clear();
    return more;
  }
  size_t n = std::min(kStandardVectorSize, st.emit_end - st.emit_offset);
  st.rows.Gather(st.order.data() + st.emit_offset, n, out);
  st.emit_offset += n;
  if (st.emit_offset >= st.emit_end) {
    state.Free(st.bytes);
    st.bytes = 0;
    return false;
  }
  return true;
}

std::string PhysicalOrder::Params() const {
  std::string s;
  for (size_t i = 0; i < keys.size(); i++) {
    if (i) s += ", ";
    s += keys[i].expression->text + (keys[i].descending ? " DESC" : "");
    bool default_nulls_first = keys[i].descending;
    if (keys[i].nulls_first != default_nulls_first)
      s += keys[i].nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  if (limit >= 0) s += " limit " + std::to_string(limit);
  if (offset > 0) s += " offset " + std::to_string(offset);
  return s;
}

}  // namespace kadedb
