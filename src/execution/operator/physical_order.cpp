// PhysicalOrder: ORDER BY and top-N.
#include "execution/operator/physical_order.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "execution/expression/expression_executor.hpp"

namespace kadedb {

namespace {
struct OrderState : OperatorState {
  RowCollection rows;
  RowCollection key_rows;
  std::vector<uint64_t> order;
  size_t emit_offset = 0;
  size_t emit_end = 0;
  uint64_t bytes = 0;
};
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

static void SortIndices(const std::vector<SortKey>& keys, OrderState& st, size_t keep) {
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
  auto less = [&](const Entry& a, const Entry& b) {
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
  uint64_t bytes = st.rows.Append(input) + st.key_rows.Append(key_chunk);
  st.bytes += bytes;
  state.Allocate(bytes, limit >= 0 ? "TOP_N" : "ORDER_BY");
  if (limit >= 0) {
    size_t keep = static_cast<size_t>(limit + offset);
    if (st.rows.size() > 2 * keep + kStandardVectorSize) {
      // Compact: keep the best `keep` rows, in input order of arrival (sorted order is fine:
      // the index tiebreak of later sorts only needs a consistent order among equal keys).
      SortIndices(keys, st, keep);
      std::vector<uint64_t> kept = st.order;
      std::sort(kept.begin(), kept.end());  // preserve arrival order for stability
      DataChunk rows_chunk, key_chunk2;
      st.rows.Gather(kept.data(), kept.size(), rows_chunk);
      st.key_rows.Gather(kept.data(), kept.size(), key_chunk2);
      st.rows.Clear();
      st.key_rows.Clear();
      st.rows.Append(rows_chunk);
      st.key_rows.Append(key_chunk2);
      state.Free(st.bytes);
      st.bytes = 0;
      for (size_t c = 0; c < rows_chunk.ColumnCount(); c++)
        st.bytes += VectorBytes(rows_chunk.column(c), rows_chunk.size());
      state.Allocate(st.bytes, "TOP_N");
    }
  }
}

void PhysicalOrder::Finalize(ExecState& state, OperatorState* sink_state) {
  auto& st = static_cast<OrderState&>(*sink_state);
  size_t n = st.rows.size();
  size_t keep = n;
  if (limit >= 0) keep = std::min<size_t>(n, static_cast<size_t>(limit + offset));
  SortIndices(keys, st, keep);
  st.emit_offset = limit >= 0 ? std::min<size_t>(st.order.size(), offset) : 0;
  st.emit_end = st.order.size();
}

bool PhysicalOrder::GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) {
  auto& st = static_cast<OrderState&>(*sink_state);
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
