// PhysicalHashAggregate: hash grouping, aggregate state arena, buffered DISTINCT / ORDER BY
// aggregates, grouping sets.
#include "execution/operator/physical_hash_aggregate.hpp"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <unordered_set>

#include "common/exception.hpp"
#include "execution/aggregate_hash_table.hpp"
#include "execution/execution_state.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/hash_aggregate_state.hpp"
#include "execution/parallel/pipeline_executor.hpp"
#include "execution/parallel/task_scheduler.hpp"
#include "execution/row_hash_set.hpp"

namespace kadedb {

namespace {

// Parallel merge: thread-local tables are split into kPartitions by hash bits kPartitionShift..
// and every partition is merged on its own (in parallel), so no serial merge of all groups.
constexpr size_t kPartitions = 16;
constexpr int kPartitionShift = 28;
// Below this many groups in a thread-local table it is merged directly in Combine.
constexpr size_t kPartitionMinGroups = 2048;
// Up to this many tables (threads + the global one) are merged by probing (MergeByProbing);
// more go through the partitioned merge (whose cost does not grow with the number of tables).
constexpr size_t kProbeMergeMaxSources = 5;

inline size_t PartitionOf(uint64_t hash) {
  return (hash >> kPartitionShift) & (kPartitions - 1);
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

}  // namespace

void PhysicalHashAggregate::PrepareStates() {
  // A block of kGroupsPerBlock groups holds one array of states per aggregate, every state
  // state_stride bytes: an aggregate's states of neighbouring groups share cache lines.
  state_stride = 16;
  for (auto& a : aggregates) {
    state_stride = std::max<size_t>(state_stride, (a.kernel->StateSize() + 15) / 16 * 16);
  }
  for (size_t i = 0; i < aggregates.size(); i++) {
    aggregates[i].state_offset = i * state_stride * kGroupsPerBlock;
  }
  state_size = state_stride * aggregates.size();
}

std::unique_ptr<OperatorState> PhysicalHashAggregate::InitSink(ExecState& state) {
  auto st = std::make_unique<HashAggregateState>();
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
  auto& st = static_cast<HashAggregateState&>(*sink_state);
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
      if (agg.Buffered()) {  // (unbuffered aggregates feed every row without a selection)
        in.sel.resize(count);
        for (size_t i = 0; i < count; i++) in.sel[i] = static_cast<uint32_t>(i);
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
  auto& group_ids = st.group_ids;
  auto& states = st.states;
  auto& bases = st.bases;
  for (auto& t : st.tables) {
    if (range_scan) {
      ZoneRangeBases(state, *this, st, t, *group_values[0], count);
    } else {
      FindGroups(state, *this, t, group_values, count, group_ids);
      bases.resize(count);
      for (size_t i = 0; i < count; i++) bases[i] = GroupStates(*this, t, group_ids[i]);
    }
    for (size_t a = 0; a < aggregates.size(); a++) {
      auto& agg = aggregates[a];
      auto& in = inputs[a];
      size_t n = in.all ? count : in.sel.size();
      if (n == 0) continue;
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
      size_t offset = agg.state_offset;
      if (in.all) {
        agg.kernel->UpdateAt(in.args, n, bases.data(), offset);
        continue;
      }
      states.resize(n);
      if (in.all) {
        for (size_t k = 0; k < count; k++) states[k] = bases[k] + offset;
      } else {
        for (size_t k = 0; k < n; k++) states[k] = bases[in.sel[k]] + offset;
      }
      agg.kernel->Update(in.args, n, states.data());
    }
  }
}

static void MergePending(const PhysicalHashAggregate& op, ExecState& state, HashAggregateState& gs);

void PhysicalHashAggregate::Finalize(ExecState& state, OperatorState* sink_state) {
  auto& st = static_cast<HashAggregateState&>(*sink_state);
  if (range_scan) ZoneRangeResolve(state, *this, st);
  MergePending(*this, state, st);
  if (range_scan) ZoneRangeAppend(*this, st);
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
  StartOutputProducer(state, *this, st);
}

bool PhysicalHashAggregate::GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) {
  auto& st = static_cast<HashAggregateState&>(*sink_state);
  if (st.producer) return st.producer->Next(out);
  return NextGroupChunk(*this, st, out);
}

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
      if (!src.hashes.empty()) hashes[r] = src.hashes[idx[r]];
    }
    for (size_t k = 0; k < src.key_indices.size(); k++) {
      Vector& v = group_owned[src.key_indices[k]];
      v = Vector(src.keys.column(k).type());
      AppendVectorIdx(v, src.keys.column(k), idx.data(), m);
    }
    FindGroups(state, op, dst, group_values, m, found,
               src.hashes.empty() ? nullptr : hashes.data());
    for (size_t r = 0; r < m; r++) {
      const uint8_t* from = GroupStates(op, src, idx[r]);
      uint8_t* to = GroupStates(op, dst, found[r]);
      for (auto& a : op.aggregates) a.kernel->Combine(from + a.state_offset, to + a.state_offset);
    }
  }
}

void InitTableLike(GroupTable& t, const GroupTable& like, const PhysicalHashAggregate& op) {
  t.key_indices = like.key_indices;
  std::vector<LogicalType> key_types;
  for (idx_t k : t.key_indices) key_types.push_back(op.groups[k]->type);
  t.keys.Initialize(key_types);
  t.buffered.resize(op.aggregates.size());
  t.buffered_groups.resize(op.aggregates.size());
}

bool PhysicalHashAggregate::ParallelSink() const {
  for (auto& a : aggregates) {
    if (a.Buffered()) return false;
  }
  return true;
}

namespace {

// Counts the groups of t per merge partition (t.partition_counts).
void CountPartitions(GroupTable& t) {
  t.partition_counts.assign(kPartitions, 0);
  for (size_t g = 0; g < t.group_count; g++) t.partition_counts[PartitionOf(t.hashes[g])]++;
}

size_t TotalGroups(const HashAggregateState& st) {
  size_t n = 0;
  for (auto& t : st.tables) n += t.key_indices.empty() ? 0 : t.group_count;
  return n;
}

}  // namespace

void PhysicalHashAggregate::PrepareCombine(ExecState& state, OperatorState* local) {
  auto& ls = static_cast<HashAggregateState&>(*local);
  ls.many_groups = TotalGroups(ls) >= kPartitionMinGroups;
}

void PhysicalHashAggregate::Combine(ExecState& state, OperatorState* global, OperatorState* local) {
  auto& gs = static_cast<HashAggregateState&>(*global);
  auto& ls = static_cast<HashAggregateState&>(*local);
  ZoneRangeCombine(gs, ls);
  if (ls.many_groups) {
    // Many groups: keep the thread's tables for the partitioned parallel merge in Finalize.
    auto moved = std::make_unique<HashAggregateState>();
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

// The merge of the global tables and every pending thread-local table. Up to
// kProbeMergeMaxSources tables per grouping set: by probing (MergeByProbing); the tables stay the
// result tables, groups combined into another table's are skipped by GetData. More: the
// partitioned merge, partition by partition (kPartitions per grouping set); the partition tables
// become the result tables. A task owns a run of adjacent partitions and streams over every source
// table in windows of kMergeWindow groups, merging each window's groups of its partitions: the
// sources are read in order (a partition's groups are scattered over the whole source table, so
// gathering one partition at a time would miss the cache on nearly every group).
static void MergePending(const PhysicalHashAggregate& op, ExecState& state,
                         HashAggregateState& gs) {
  if (gs.pending.empty()) return;
  constexpr size_t kMergeWindow = 8192;
  auto own = std::make_unique<HashAggregateState>();
  own->op = &op;
  own->tables = std::move(gs.tables);
  gs.tables.clear();
  std::vector<std::unique_ptr<HashAggregateState>> sources = std::move(gs.pending);
  gs.pending.clear();
  sources.push_back(std::move(own));
  size_t sets = sources[0]->tables.size();
  if (sources.size() <= kProbeMergeMaxSources) {
    // Few sources: merge by probing, largest first (no group is copied; see MergeByProbing).
    std::stable_sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
      return TotalGroups(*a) > TotalGroups(*b);
    });
    for (size_t s = 0; s < sets; s++) {
      std::vector<GroupTable*> tables;
      for (auto& src : sources) tables.push_back(&src->tables[s]);
      MergeByProbing(state, op, tables);
    }
    for (auto& src : sources) {
      for (auto& t : src->tables) gs.tables.push_back(std::move(t));
      src->tables.clear();
    }
    return;
  }
  for (auto& src : sources) {
    for (auto& t : src->tables) CountPartitions(t);
  }
  // Owned by a state from the start, so an error half-way still destroys the kernels' states.
  auto merged = std::make_unique<HashAggregateState>();
  merged->op = &op;
  std::vector<GroupTable>& result = merged->tables;
  result.resize(sets * kPartitions);
  for (size_t s = 0; s < sets; s++) {
    for (size_t p = 0; p < kPartitions; p++) {
      InitTableLike(result[s * kPartitions + p], sources[0]->tables[s], op);
    }
  }
  size_t threads = std::max<size_t>(1, PipelineThreads(state));
  // Runs per set: about two per thread (a power of two dividing kPartitions).
  size_t runs = 1;
  while (runs < kPartitions && runs < threads * 2) runs *= 2;
  size_t per_run = kPartitions / runs;
  std::atomic<size_t> next{0};
  auto body = [&](size_t) {
    auto local_state = ExecState::ForThread(state);
    std::vector<std::vector<uint32_t>> ids(per_run);
    while (true) {
      size_t task = next.fetch_add(1);
      if (task >= sets * runs) break;
      size_t s = task / runs, p0 = (task % runs) * per_run;
      GroupTable* dst = &result[s * kPartitions + p0];
      for (size_t q = 0; q < per_run; q++) {
        size_t expected = 0;
        for (auto& src : sources) expected += src->tables[s].partition_counts[p0 + q];
        if (expected > 0 && !dst[q].key_indices.empty()) {
          size_t capacity = 1024;
          while (capacity < expected * 2 + 2) capacity *= 2;
          Rehash(dst[q], capacity);  // sized once: no regrowth while merging
          dst[q].hashes.reserve(expected);
        }
      }
      for (auto& src : sources) {
        GroupTable& t = src->tables[s];
        for (size_t w = 0; w < t.group_count; w += kMergeWindow) {
          size_t end = std::min(t.group_count, w + kMergeWindow);
          for (auto& v : ids) v.clear();
          for (size_t g = w; g < end; g++) {
            size_t q = PartitionOf(t.hashes[g]) - p0;
            if (q < per_run) ids[q].push_back(static_cast<uint32_t>(g));
          }
          for (size_t q = 0; q < per_run; q++) {
            if (ids[q].empty()) continue;
            if (dst[q].key_indices.empty() && dst[q].group_count == 0) {
              NewGroup(*local_state, op, dst[q]);
              dst[q].hashes.push_back(0);
            }
            MergeGroups(*local_state, op, dst[q], t, ids[q].data(), ids[q].size());
          }
        }
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
  if (range_scan) {
    s += " zone-range partitioned";
    uint64_t n = zone_final_groups.load(std::memory_order_relaxed);
    if (n > 0) s += " (final groups: " + std::to_string(n) + ")";
  }
  return s;
}

}  // namespace kadedb
