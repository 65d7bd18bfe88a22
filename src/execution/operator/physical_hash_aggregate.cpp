// PhysicalHashAggregate: hash grouping, aggregate state arena, buffered DISTINCT / ORDER BY
// aggregates, grouping sets.
#include "execution/operator/physical_hash_aggregate.hpp"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <unordered_set>

#include "common/exception.hpp"
#include "execution/execution_state.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/parallel/pipeline_executor.hpp"
#include "execution/parallel/task_scheduler.hpp"
#include "execution/row_hash_set.hpp"

namespace kadedb {

namespace {

constexpr size_t kGroupsPerBlock = 1024;
// Parallel merge: thread-local tables are split into kPartitions by hash bits kPartitionShift..
// and every partition is merged on its own (in parallel), so no serial merge of all groups.
constexpr size_t kPartitions = 16;
constexpr int kPartitionShift = 28;
// Below this many groups in a thread-local table it is merged directly in Combine.
constexpr size_t kPartitionMinGroups = 2048;

inline size_t PartitionOf(uint64_t hash) {
  return (hash >> kPartitionShift) & (kPartitions - 1);
}
// A slot holds the group id + 1 in its low 32 bits and the hash's high 32 bits above, so most
// mismatches are rejected without touching the group's hash or keys.
inline uint64_t SlotTag(uint64_t hash) {
  return hash & 0xFFFFFFFF00000000ULL;
}

// The groups of one grouping set.
struct GroupTable {
  std::vector<idx_t> key_indices;  // group expression indices in this set
  RowCollection keys;              // one row per group
  std::vector<uint64_t> hashes;    // per group
  std::vector<uint64_t> slots;     // group id + 1, 0 = empty
  std::vector<std::unique_ptr<__int128[]>> blocks;
  size_t group_count = 0;
  // Buffered aggregate inputs: per aggregate, rows of (arguments..., order keys...) and groups.
  std::vector<RowCollection> buffered;
  std::vector<std::vector<uint64_t>> buffered_groups;
  uint64_t bytes = 0;  // groups and states counted against the memory limit
  // Parallel: group ids of this (thread-local) table per merge partition (PrepareCombine).
  std::vector<std::vector<uint32_t>> partitions;
  // One integer key: group id + 1 by key - direct_base for keys in a small range (0 = none), so
  // low-cardinality GROUP BY finds its groups by one array read per row, without hashing.
  std::vector<uint32_t> direct;
  uint64_t direct_base = 0;
};

struct AggregateState : OperatorState {
  const PhysicalHashAggregate* op = nullptr;
  std::vector<GroupTable> tables;
  size_t table_out = 0;  // GetData position
  size_t group_out = 0;
  // Parallel: thread-local states waiting for the partitioned merge in Finalize.
  std::vector<std::unique_ptr<AggregateState>> pending;
  ~AggregateState() override {
    for (auto& t : tables) {
      for (size_t g = 0; g < t.group_count; g++) {
        uint8_t* base = reinterpret_cast<uint8_t*>(t.blocks[g / kGroupsPerBlock].get()) +
                        (g % kGroupsPerBlock) * op->state_size;
        for (auto& a : op->aggregates) a.kernel->Destroy(base + a.state_offset);
      }
    }
  }
};

inline uint8_t* GroupStates(const PhysicalHashAggregate& op, GroupTable& t, size_t g) {
  return reinterpret_cast<uint8_t*>(t.blocks[g / kGroupsPerBlock].get()) +
         (g % kGroupsPerBlock) * op.state_size;
}

// expr over input: the input's own column for a plain column reference (read in place, no
// copy), else evaluated into owned.
const Vector* EvaluateOrRef(ExecState& state, ExprNode& expr, DataChunk& input, Vector& owned) {
  if (expr.kind == BoundExpressionKind::kColumnRef && !expr.outer &&
      input.column(expr.column).size() == input.size()) {
    return &input.column(expr.column);
  }
  ExpressionExecutor::Execute(state, expr, input, owned);
  return &owned;
}

// True when some row of v[0, count) is NULL (a bulk AND over the validity bytes).
bool HasNull(const Vector& v, size_t count) {
  const uint8_t* vd = v.validity().data();
  uint8_t all = 1;
  for (size_t i = 0; i < count; i++) all &= vd[i];
  return all == 0;
}

size_t NewGroup(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t) {
  size_t g = t.group_count++;
  if (g / kGroupsPerBlock >= t.blocks.size()) {
    size_t bytes = std::max<size_t>(op.state_size, 16) * kGroupsPerBlock;
    // Not zeroed: every state is Initialize()d when its group is created.
    t.blocks.push_back(std::make_unique_for_overwrite<__int128[]>(bytes / 16));
    state.Allocate(bytes, "HASH_GROUP_BY");
    t.bytes += bytes;
  }
  uint8_t* base = GroupStates(op, t, g);
  for (auto& a : op.aggregates) a.kernel->Initialize(base + a.state_offset);
  return g;
}

// Direct index (GroupTable::direct): keys within kDirectSpan of the first group's key.
constexpr uint64_t kDirectSpan = uint64_t{1} << 16;

void AddDirectKey(GroupTable& t, const Vector& keys, size_t row, size_t g) {
  if (keys.IsNull(row) || g + 1 > UINT32_MAX) return;
  uint64_t v = static_cast<uint64_t>(keys.ints()[row]);
  if (t.direct.empty()) t.direct_base = v - 1024;  // room for smaller keys too (wraps safely)
  uint64_t off = v - t.direct_base;
  if (off >= kDirectSpan) return;  // out of range: found through the hash table only
  if (off >= t.direct.size()) {
    t.direct.resize(std::min<uint64_t>(kDirectSpan, std::max<uint64_t>(off + 1, 2048) * 2), 0);
  }
  t.direct[off] = static_cast<uint32_t>(g + 1);
}

void Rehash(GroupTable& t, size_t capacity) {
  t.slots.assign(capacity, 0);
  size_t mask = capacity - 1;
  for (size_t g = 0; g < t.group_count; g++) {
    size_t s = t.hashes[g] & mask;
    while (t.slots[s] != 0) s = (s + 1) & mask;
    t.slots[s] = SlotTag(t.hashes[g]) | (g + 1);
  }
}

// Finds or creates the group of every row of input; fills group_ids. known_hashes: the rows'
// hashes when already computed (the parallel merge), else null.
void FindGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& t,
                const std::vector<const Vector*>& group_values, size_t count,
                std::vector<uint64_t>& group_ids, const uint64_t* known_hashes = nullptr) {
  group_ids.assign(count, 0);
  if (t.key_indices.empty()) return;  // the single group 0
  bool one_int_key = t.key_indices.size() == 1 &&
                     group_values[t.key_indices[0]]->physical() == PhysicalType::kInt64;
  if (one_int_key && !t.direct.empty()) {
    // Every row's group by the direct index; any miss (a new or out-of-range key, a NULL)
    // sends the whole chunk through the hash table below.
    const Vector& in = *group_values[t.key_indices[0]];
    const int64_t* iv = in.ints().data();
    const uint8_t* ivd = in.validity().data();
    const uint32_t* direct = t.direct.data();
    uint64_t base = t.direct_base, span = t.direct.size();
    bool all = true;
    for (size_t i = 0; i < count; i++) {
      uint64_t off = static_cast<uint64_t>(iv[i]) - base;
      uint32_t d = (ivd[i] && off < span) ? direct[off] : 0;
      if (d == 0) {
        all = false;
        break;
      }
      group_ids[i] = d - 1;
    }
    if (all) return;
  }
  std::vector<uint64_t> hashes(count);
  if (known_hashes) {
    std::copy(known_hashes, known_hashes + count, hashes.begin());
  } else {
    for (size_t k = 0; k < t.key_indices.size(); k++) {
      HashVector(*group_values[t.key_indices[k]], count, hashes.data(), k > 0);
    }
  }
  if (t.slots.empty()) Rehash(t, 1024);
  // Integer-class keys (the common case) compare raw values without a type switch.
  bool int_keys = true;
  for (idx_t k : t.key_indices) int_keys &= group_values[k]->physical() == PhysicalType::kInt64;
  // One integer key: a lookup-only pass first (the table does not change, so its arrays are
  // read through plain pointers); only rows without a group yet go through the loop below.
  std::vector<uint32_t> pending;
  bool use_pending = false;
  if (int_keys && t.key_indices.size() == 1 && t.group_count > 0) {
    use_pending = true;
    pending.reserve(count);
    const Vector& in = *group_values[t.key_indices[0]];
    const Vector& gk = t.keys.column(0);
    const int64_t* iv = in.ints().data();
    const uint8_t* ivd = in.validity().data();
    const int64_t* gv = gk.ints().data();
    const uint8_t* gvd = gk.validity().data();
    const uint64_t* slots = t.slots.data();
    size_t mask = t.slots.size() - 1;
    for (size_t i = 0; i < count; i++) {
      size_t s = hashes[i] & mask;
      uint64_t tag = SlotTag(hashes[i]);
      while (true) {
        uint64_t slot = slots[s];
        if (slot == 0) {
          pending.push_back(static_cast<uint32_t>(i));
          break;
        }
        size_t g = (slot & 0xFFFFFFFFULL) - 1;
        if ((slot & 0xFFFFFFFF00000000ULL) == tag) {
          uint8_t a = gvd[g], b = ivd[i];
          if ((a & b) ? gv[g] == iv[i] : a == b) {
            group_ids[i] = g;
            break;
          }
        }
        s = (s + 1) & mask;
      }
    }
  }
  size_t todo = use_pending ? pending.size() : count;
  std::vector<uint32_t> one(1);
  uint64_t new_bytes = 0;  // keys of new groups, counted once per batch
  for (size_t row = 0; row < todo; row++) {
    size_t i = use_pending ? pending[row] : row;
    if ((t.group_count + 1) * 2 > t.slots.size()) Rehash(t, t.slots.size() * 2);
    size_t mask = t.slots.size() - 1;
    size_t s = hashes[i] & mask;
    uint64_t tag = SlotTag(hashes[i]);
    while (true) {
      uint64_t slot = t.slots[s];
      if (slot == 0) {
        // new group
        size_t g = NewGroup(state, op, t);
        t.hashes.push_back(hashes[i]);
        uint64_t bytes = 0;
        for (size_t k = 0; k < t.key_indices.size(); k++) {
          one[0] = static_cast<uint32_t>(i);
          AppendVectorSel(t.keys.column(k), *group_values[t.key_indices[k]], one.data(), 1);
          bytes += VectorBytes(*group_values[t.key_indices[k]], 0) + 24;
        }
        new_bytes += bytes + 16;
        t.slots[s] = tag | (g + 1);
        group_ids[i] = g;
        if (one_int_key) AddDirectKey(t, *group_values[t.key_indices[0]], i, g);
        break;
      }
      size_t g = (slot & 0xFFFFFFFFULL) - 1;
      if ((slot & 0xFFFFFFFF00000000ULL) == tag && t.hashes[g] == hashes[i]) {
        bool eq = true;
        if (int_keys) {
          for (size_t k = 0; k < t.key_indices.size() && eq; k++) {
            const Vector& gk = t.keys.column(k);
            const Vector& in = *group_values[t.key_indices[k]];
            uint8_t a = gk.validity()[g], b = in.validity()[i];
            eq = (a & b) ? gk.ints()[g] == in.ints()[i] : a == b;
          }
        } else {
          for (size_t k = 0; k < t.key_indices.size() && eq; k++) {
            eq = ValuesEqual(t.keys.column(k), g, *group_values[t.key_indices[k]], i);
          }
        }
        if (eq) {
          group_ids[i] = g;
          break;
        }
      }
      s = (s + 1) & mask;
    }
  }
  if (new_bytes > 0) {
    state.Allocate(new_bytes, "HASH_GROUP_BY");
    t.bytes += new_bytes;
  }
}

}  // namespace

void PhysicalHashAggregate::PrepareStates() {
  size_t offset = 0;
  for (auto& a : aggregates) {
    a.state_offset = offset;
    offset += (a.kernel->StateSize() + 15) / 16 * 16;
  }
  state_size = offset;
}

std::unique_ptr<OperatorState> PhysicalHashAggregate::InitSink(ExecState& state) {
  auto st = std::make_unique<AggregateState>();
  st->op = this;
  std::vector<std::vector<idx_t>> sets = grouping_sets;
  if (sets.empty()) {
    sets.emplace_back();
    for (idx_t i = 0; i < groups.size(); i++) sets.back().push_back(i);
  }
  st->tables.resize(sets.size());
  for (size_t s = 0; s < sets.size(); s++) {
    auto& t = st->tables[s];
    t.key_indices = sets[s];
    std::vector<LogicalType> key_types;
    for (idx_t k : t.key_indices) key_types.push_back(groups[k]->type);
    t.keys.Initialize(key_types);
    if (t.key_indices.empty()) {
      NewGroup(state, *this, t);
      t.hashes.push_back(0);
    }
    t.buffered.resize(aggregates.size());
    t.buffered_groups.resize(aggregates.size());
    for (size_t a = 0; a < aggregates.size(); a++) {
      if (!aggregates[a].Buffered()) continue;
      std::vector<LogicalType> bt;
      for (auto& e : aggregates[a].arguments) bt.push_back(e->type);
      for (auto& k : aggregates[a].order_by) bt.push_back(k.expression->type);
      t.buffered[a].Initialize(bt);
    }
  }
  return st;
}

void PhysicalHashAggregate::Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
                                 size_t child_index) {
  auto& st = static_cast<AggregateState&>(*sink_state);
  size_t count = input.size();
  std::vector<Vector> group_owned(groups.size());
  std::vector<const Vector*> group_values(groups.size());
  for (size_t g = 0; g < groups.size(); g++) {
    group_values[g] = EvaluateOrRef(state, *groups[g], input, group_owned[g]);
  }
  // Per aggregate: argument vectors and the selected rows (FILTER, NULL skipping).
  struct AggInput {
    std::vector<Vector> owned;        // computed (or sliced) arguments
    std::vector<const Vector*> args;  // into owned or input
    std::vector<Vector> order_keys;
    std::vector<uint32_t> sel;
    bool all = true;
  };
  std::vector<AggInput> inputs(aggregates.size());
  for (size_t a = 0; a < aggregates.size(); a++) {
    auto& agg = aggregates[a];
    auto& in = inputs[a];
    in.owned.resize(agg.arguments.size());
    in.args.resize(agg.arguments.size());
    for (size_t k = 0; k < agg.arguments.size(); k++) {
      in.args[k] = EvaluateOrRef(state, *agg.arguments[k], input, in.owned[k]);
    }
    // Rows to feed: all of them unless a FILTER or a NULL argument drops some (checked in bulk
    // first, so the common NULL-free case builds no selection at all).
    bool select = agg.filter != nullptr;
    if (!select && agg.function->skip_nulls) {
      for (const Vector* v : in.args) select |= HasNull(*v, count);
    }
    if (!select) {
      in.all = true;
      in.sel.resize(count);
      for (size_t i = 0; i < count; i++) in.sel[i] = static_cast<uint32_t>(i);
      if (agg.Buffered()) {
        in.order_keys.resize(agg.order_by.size());
        for (size_t k = 0; k < agg.order_by.size(); k++) {
          ExpressionExecutor::Execute(state, *agg.order_by[k].expression, input, in.order_keys[k]);
        }
      }
      continue;
    }
    std::vector<uint8_t> keep(count, 1);
    if (agg.filter) {
      Vector f;
      ExpressionExecutor::Execute(state, *agg.filter, input, f);
      const uint8_t* fv = f.validity().data();
      const int64_t* fd = f.ints().data();
      for (size_t i = 0; i < count; i++) keep[i] = fv[i] & (fd[i] != 0);
    }
    if (agg.function->skip_nulls) {
      for (const Vector* v : in.args) {
        const uint8_t* vd = v->validity().data();
        for (size_t i = 0; i < count; i++) keep[i] &= vd[i];
      }
    }
    in.sel.reserve(count);
    for (size_t i = 0; i < count; i++) {
      if (keep[i]) in.sel.push_back(static_cast<uint32_t>(i));
    }
    in.all = in.sel.size() == count;
    if (!in.all && !agg.Buffered()) {
      for (size_t k = 0; k < in.args.size(); k++) {
        Vector sliced(in.args[k]->type());
        AppendVectorSel(sliced, *in.args[k], in.sel.data(), in.sel.size());
        in.owned[k] = std::move(sliced);
        in.args[k] = &in.owned[k];
      }
    }
    if (agg.Buffered()) {
      in.order_keys.resize(agg.order_by.size());
      for (size_t k = 0; k < agg.order_by.size(); k++) {
        ExpressionExecutor::Execute(state, *agg.order_by[k].expression, input, in.order_keys[k]);
      }
    }
  }
  std::vector<uint64_t> group_ids;
  std::vector<uint8_t*> states, bases;
  for (auto& t : st.tables) {
    FindGroups(state, *this, t, group_values, count, group_ids);
    bases.resize(count);
    for (size_t i = 0; i < count; i++) bases[i] = GroupStates(*this, t, group_ids[i]);
    for (size_t a = 0; a < aggregates.size(); a++) {
      auto& agg = aggregates[a];
      auto& in = inputs[a];
      if (in.sel.empty()) continue;
      if (agg.Buffered()) {
        DataChunk rows;
        for (const Vector* v : in.args) rows.AddColumn(*v);
        for (auto& v : in.order_keys) rows.AddColumn(v);
        rows.SetSize(count);
        state.Allocate(t.buffered[a].AppendSel(rows, in.sel.data(), in.sel.size()),
                       "aggregate buffer");
        for (uint32_t i : in.sel) t.buffered_groups[a].push_back(group_ids[i]);
        continue;
      }
      states.resize(in.sel.size());
      size_t offset = agg.state_offset;
      if (in.all) {
        for (size_t k = 0; k < count; k++) states[k] = bases[k] + offset;
      } else {
        for (size_t k = 0; k < in.sel.size(); k++) states[k] = bases[in.sel[k]] + offset;
      }
      agg.kernel->Update(in.args, in.sel.size(), states.data());
    }
  }
}

static void MergePending(const PhysicalHashAggregate& op, ExecState& state, AggregateState& gs);

void PhysicalHashAggregate::Finalize(ExecState& state, OperatorState* sink_state) {
  auto& st = static_cast<AggregateState&>(*sink_state);
  MergePending(*this, state, st);
  for (auto& t : st.tables) {
    for (size_t a = 0; a < aggregates.size(); a++) {
      auto& agg = aggregates[a];
      if (!agg.Buffered()) continue;
      RowCollection& rows = t.buffered[a];
      auto& gids = t.buffered_groups[a];
      size_t nargs = agg.arguments.size();
      std::vector<uint64_t> order;
      if (agg.distinct) {
        // Deduplicate (group, arguments) in arrival order.
        Vector group_column{LogicalType(TypeId::kBigInt)};
        group_column.Resize(rows.size());
        for (size_t r = 0; r < rows.size(); r++) {
          group_column.ints()[r] = static_cast<int64_t>(gids[r]);
        }
        std::vector<const Vector*> cols = {&group_column};
        std::vector<LogicalType> set_types = {TypeId::kBigInt};
        for (size_t k = 0; k < nargs; k++) {
          cols.push_back(&rows.column(k));
          set_types.push_back(rows.column(k).type());
        }
        RowHashSet seen(set_types);
        std::vector<uint8_t> is_new;
        state.Allocate(seen.Insert(cols, rows.size(), is_new), "aggregate DISTINCT");
        for (size_t r = 0; r < rows.size(); r++) {
          if (is_new[r]) order.push_back(r);
        }
        if (agg.order_by.empty()) {
          // PostgreSQL feeds a DISTINCT aggregate its values sorted (it sorts to deduplicate),
          // which fixes float sums (sum(DISTINCT x) over -1e308, 1e308, -1.5 is 0 there) and
          // string_agg's order: do the same (ascending, NULLs last).
          std::stable_sort(order.begin(), order.end(), [&](uint64_t x, uint64_t y) {
            for (size_t k = 0; k < nargs; k++) {
              const Vector& v = rows.column(k);
              bool xn = v.IsNull(x), yn = v.IsNull(y);
              if (xn || yn) {
                if (xn && yn) continue;
                return yn;
              }
              int c = CompareValues(v, x, v, y);
              if (c != 0) return c < 0;
            }
            return false;
          });
        }
      } else {
        order.resize(rows.size());
        std::iota(order.begin(), order.end(), 0);
      }
      if (!agg.order_by.empty()) {
        // Sort keys live in columns nargs.. of rows; compare through a view of them.
        RowCollection key_view;
        std::vector<LogicalType> kt;
        for (auto& k : agg.order_by) kt.push_back(k.expression->type);
        key_view.Initialize(kt);
        for (size_t k = 0; k < agg.order_by.size(); k++)
          key_view.column(k) = rows.column(nargs + k);
        std::stable_sort(order.begin(), order.end(), [&](uint64_t x, uint64_t y) {
          return CompareSortRows(agg.order_by, key_view, x, y) < 0;
        });
      }
      std::vector<uint8_t*> states;
      for (size_t off = 0; off < order.size(); off += kStandardVectorSize) {
        size_t n = std::min(kStandardVectorSize, order.size() - off);
        std::vector<Vector> args(nargs);
        std::vector<const Vector*> ptrs;
        for (size_t k = 0; k < nargs; k++) {
          args[k] = Vector(rows.column(k).type());
          AppendVectorIdx(args[k], rows.column(k), order.data() + off, n);
          ptrs.push_back(&args[k]);
        }
        states.resize(n);
        for (size_t k = 0; k < n; k++) {
          states[k] = GroupStates(*this, t, gids[order[off + k]]) + agg.state_offset;
        }
        agg.kernel->Update(ptrs, n, states.data());
      }
    }
  }
}

bool PhysicalHashAggregate::GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) {
  auto& st = static_cast<AggregateState&>(*sink_state);
  while (st.table_out < st.tables.size() && st.group_out >= st.tables[st.table_out].group_count) {
    st.table_out++;
    st.group_out = 0;
  }
  if (st.table_out >= st.tables.size()) return false;
  auto& t = st.tables[st.table_out];
  size_t n = std::min(kStandardVectorSize, t.group_count - st.group_out);
  std::vector<uint64_t> idx(n);
  std::iota(idx.begin(), idx.end(), st.group_out);
  out.Initialize(types, 0);
  size_t col = 0;
  for (idx_t g = 0; g < groups.size(); g++, col++) {
    auto it = std::find(t.key_indices.begin(), t.key_indices.end(), g);
    if (it == t.key_indices.end()) {
      AppendNulls(out.column(col), n);
    } else {
      AppendVectorIdx(out.column(col), t.keys.column(it - t.key_indices.begin()), idx.data(), n);
    }
  }
  std::vector<uint8_t*> states(n);
  for (auto& agg : aggregates) {
    for (size_t k = 0; k < n; k++) states[k] = GroupStates(*this, t, idx[k]) + agg.state_offset;
    Vector result(agg.return_type);
    result.Resize(n);
    agg.kernel->Finalize(states.data(), n, result);
    if (result.size() != n) result.Resize(n);
    if (result.physical() != out.column(col).physical()) ThrowInternal("aggregate result type");
    out.column(col) = std::move(result);
    out.column(col).Retype(types[col]);
    col++;
  }
  for (auto& gf : grouping_functions) {
    int64_t bits = 0;
    for (idx_t k : gf) {
      bool in_set = std::find(t.key_indices.begin(), t.key_indices.end(), k) != t.key_indices.end();
      bits = (bits << 1) | (in_set ? 0 : 1);
    }
    BroadcastValue(Value::Integer(static_cast<int32_t>(bits)), n, out.column(col));
    col++;
  }
  out.SetSize(n);
  st.group_out += n;
  return true;
}

bool PhysicalHashAggregate::ParallelSink() const {
  for (auto& a : aggregates) {
    if (a.Buffered()) return false;
  }
  return true;
}

namespace {

// Merges groups ids[0, n) of src (all of them when ids is null) into dst: finds or creates each
// group by its keys and stored hash and combines the states.
void MergeGroups(ExecState& state, const PhysicalHashAggregate& op, GroupTable& dst,
                 GroupTable& src, const uint32_t* ids, size_t n) {
  std::vector<Vector> group_owned(op.groups.size());
  std::vector<const Vector*> group_values(op.groups.size());
  for (size_t g = 0; g < group_owned.size(); g++) group_values[g] = &group_owned[g];
  std::vector<uint64_t> found, idx, hashes;
  for (size_t off = 0; off < n; off += kStandardVectorSize) {
    size_t m = std::min(kStandardVectorSize, n - off);
    idx.resize(m);
    hashes.resize(m);
    for (size_t r = 0; r < m; r++) {
      idx[r] = ids ? ids[off + r] : off + r;
      hashes[r] = src.hashes[idx[r]];
    }
    for (size_t k = 0; k < src.key_indices.size(); k++) {
      Vector& v = group_owned[src.key_indices[k]];
      v = Vector(src.keys.column(k).type());
      AppendVectorIdx(v, src.keys.column(k), idx.data(), m);
    }
    FindGroups(state, op, dst, group_values, m, found, hashes.data());
    for (size_t r = 0; r < m; r++) {
      const uint8_t* from = GroupStates(op, src, idx[r]);
      uint8_t* to = GroupStates(op, dst, found[r]);
      for (auto& a : op.aggregates) a.kernel->Combine(from + a.state_offset, to + a.state_offset);
    }
  }
}

// An empty table for the same grouping set as like.
void InitTableLike(GroupTable& t, const GroupTable& like, const PhysicalHashAggregate& op) {
  t.key_indices = like.key_indices;
  std::vector<LogicalType> key_types;
  for (idx_t k : t.key_indices) key_types.push_back(op.groups[k]->type);
  t.keys.Initialize(key_types);
  t.buffered.resize(op.aggregates.size());
  t.buffered_groups.resize(op.aggregates.size());
}

size_t TotalGroups(const AggregateState& st) {
  size_t n = 0;
  for (auto& t : st.tables) n += t.key_indices.empty() ? 0 : t.group_count;
  return n;
}

}  // namespace

void PhysicalHashAggregate::PrepareCombine(ExecState& state, OperatorState* local) {
  auto& ls = static_cast<AggregateState&>(*local);
  if (TotalGroups(ls) < kPartitionMinGroups) return;
  for (auto& t : ls.tables) {
    t.partitions.assign(kPartitions, {});
    for (size_t g = 0; g < t.group_count; g++) {
      t.partitions[PartitionOf(t.hashes[g])].push_back(static_cast<uint32_t>(g));
    }
  }
}

void PhysicalHashAggregate::Combine(ExecState& state, OperatorState* global, OperatorState* local) {
  auto& gs = static_cast<AggregateState&>(*global);
  auto& ls = static_cast<AggregateState&>(*local);
  if (!ls.tables.empty() && !ls.tables[0].partitions.empty()) {
    // Many groups: keep the thread's tables for the partitioned parallel merge in Finalize.
    auto moved = std::make_unique<AggregateState>();
    moved->op = this;
    moved->tables = std::move(ls.tables);
    ls.tables.clear();
    gs.pending.push_back(std::move(moved));
    return;
  }
  for (size_t s = 0; s < gs.tables.size(); s++) {
    GroupTable& lt = ls.tables[s];
    MergeGroups(state, *this, gs.tables[s], lt, nullptr, lt.group_count);
    state.Free(lt.bytes);
    lt.bytes = 0;
  }
}

// The partitioned merge: the global tables and every pending thread-local table are merged
// partition by partition (kPartitions per grouping set, spread over the threads); the partition
// tables become the result tables.
static void MergePending(const PhysicalHashAggregate& op, ExecState& state, AggregateState& gs) {
  if (gs.pending.empty()) return;
  auto own = std::make_unique<AggregateState>();
  own->op = &op;
  own->tables = std::move(gs.tables);
  gs.tables.clear();
  for (auto& t : own->tables) {
    t.partitions.assign(kPartitions, {});
    for (size_t g = 0; g < t.group_count; g++) {
      t.partitions[PartitionOf(t.hashes[g])].push_back(static_cast<uint32_t>(g));
    }
  }
  std::vector<std::unique_ptr<AggregateState>> sources = std::move(gs.pending);
  gs.pending.clear();
  sources.push_back(std::move(own));
  size_t sets = sources[0]->tables.size();
  // Owned by a state from the start, so an error half-way still destroys the kernels' states.
  auto merged = std::make_unique<AggregateState>();
  merged->op = &op;
  std::vector<GroupTable>& result = merged->tables;
  result.resize(sets * kPartitions);
  for (size_t s = 0; s < sets; s++) {
    for (size_t p = 0; p < kPartitions; p++) {
      InitTableLike(result[s * kPartitions + p], sources[0]->tables[s], op);
    }
  }
  std::atomic<size_t> next{0};
  size_t threads = std::max<size_t>(1, PipelineThreads(state));
  auto body = [&](size_t) {
    auto local_state = ExecState::ForThread(state);
    while (true) {
      size_t task = next.fetch_add(1);
      if (task >= result.size()) break;
      size_t s = task / kPartitions, p = task % kPartitions;
      GroupTable& dst = result[task];
      size_t expected = 0;
      for (auto& src : sources) expected += src->tables[s].partitions[p].size();
      if (expected > 0 && !dst.key_indices.empty()) {
        size_t capacity = 1024;
        while (capacity < expected * 2 + 2) capacity *= 2;
        Rehash(dst, capacity);  // sized once: no regrowth while merging
        dst.hashes.reserve(expected);
      }
      for (auto& src : sources) {
        GroupTable& t = src->tables[s];
        auto& ids = t.partitions[p];
        if (ids.empty()) continue;
        if (dst.key_indices.empty() && dst.group_count == 0) {
          NewGroup(*local_state, op, dst);
          dst.hashes.push_back(0);
        }
        MergeGroups(*local_state, op, dst, t, ids.data(), ids.size());
      }
    }
  };
  TaskScheduler::Get().RunOnThreads(threads, body);
  for (auto& src : sources) {
    for (auto& t : src->tables) {
      state.Free(t.bytes);
      t.bytes = 0;
    }
  }
  gs.tables = std::move(result);
  result.clear();
}

std::string PhysicalHashAggregate::Params() const {
  std::string s;
  for (size_t i = 0; i < groups.size(); i++) {
    if (i) s += ", ";
    s += groups[i]->text;
  }
  if (!aggregates.empty()) {
    s += s.empty() ? "" : " ";
    s += "aggregates: ";
    for (size_t i = 0; i < aggregates.size(); i++) {
      if (i) s += ", ";
      s += aggregates[i].text;
    }
  }
  return s;
}

}  // namespace kadedb
