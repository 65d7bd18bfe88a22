// PhysicalJoin: build (sink) over the right child, probe (streaming) over the left child.
#include "execution/operator/physical_join.hpp"

#include "execution/operator/join_runtime_filter.hpp"
#include "execution/operator/physical_join_build.hpp"

#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"

namespace kadedb {

namespace {

// The build side of one run, shared read-only by the probing threads (except `matched`, written
// only by serial right/full joins).
struct JoinGlobalState : OperatorState {
  ExecState* state = nullptr;  // the statement's state the build bytes were counted in
  JoinBuildSide build;
  std::vector<LogicalType> key_types;
  ~JoinGlobalState() override { state->Free(build.bytes); }
};

struct JoinLocalState : OperatorState {
  JoinGlobalState* global = nullptr;
};

// The column of build.rows that holds right child column j (all) or output column j (the right
// child's column right_out[j]): build.rows holds every right column or only the output ones.
size_t StoredColumn(const PhysicalJoin& op, const JoinBuildSide& build, size_t j, bool all) {
  if (all) return j;
  if (build.stored.size() == op.right_types.size()) return op.right_out[j];
  return j;
}

}  // namespace

std::string PhysicalJoin::Name() const {
  if (!left_keys.empty()) return "HASH_JOIN";
  if (residual.empty() && join_type == LogicalJoinType::kInner) return "CROSS_PRODUCT";
  return "NESTED_LOOP_JOIN";
}

static const char* JoinTypeName(LogicalJoinType t) {
  switch (t) {
    case LogicalJoinType::kInner:
      return "inner";
    case LogicalJoinType::kLeft:
      return "left";
    case LogicalJoinType::kRight:
      return "right";
    case LogicalJoinType::kFull:
      return "full";
    case LogicalJoinType::kSemi:
      return "semi";
    case LogicalJoinType::kAnti:
      return "anti";
    case LogicalJoinType::kMark:
      return "mark";
  }
  return "?";
}

std::string PhysicalJoin::Params() const {
  if (Name() == "CROSS_PRODUCT") return {};
  std::string s = std::string("(") + JoinTypeName(join_type) + ")";
  for (size_t k = 0; k < left_keys.size(); k++) {
    s += k ? " AND " : " ";
    s += left_keys[k]->text + (null_equal[k] ? " IS NOT DISTINCT FROM " : " = ") +
         right_keys[k]->text;
  }
  for (size_t k = 0; k < residual.size(); k++) {
    s += (k || !left_keys.empty()) ? " AND " : " ";
    s += residual[k]->text;
  }
  return s;
}

bool PhysicalJoin::ParallelExecute() const {
  return join_type != LogicalJoinType::kRight && join_type != LogicalJoinType::kFull;
}

std::unique_ptr<OperatorState> PhysicalJoin::InitGlobalOperator(ExecState& state) {
  if (!outputs_planned) {
    left_out.clear();
    right_out.clear();
    for (size_t c = 0; c < left_types.size(); c++) left_out.push_back(c);
    if (join_type != LogicalJoinType::kSemi && join_type != LogicalJoinType::kAnti &&
        join_type != LogicalJoinType::kMark) {
      for (size_t c = 0; c < right_types.size(); c++) right_out.push_back(c);
    }
    outputs_planned = true;
  }
  auto global = std::make_unique<JoinGlobalState>();
  global->state = &state;
  std::vector<LogicalType>& key_types = global->key_types;
  for (auto& k : left_keys) key_types.push_back(k->type);

  BuildJoinSide(*this, state, key_types, global->build);
  PublishJoinFilters(*this, global->build, state);
  return global;
}

std::unique_ptr<OperatorState> PhysicalJoin::InitLocalOperator(ExecState& state,
                                                               OperatorState* global) {
  auto local = std::make_unique<JoinLocalState>();
  local->global = static_cast<JoinGlobalState*>(global);
  return local;
}

bool PhysicalJoin::Execute(ExecState& state, OperatorState* op_state, DataChunk& left,
                           const ChunkConsumer& emit) {
  JoinGlobalState& global = *static_cast<JoinLocalState&>(*op_state).global;
  JoinBuildSide& build = global.build;
  const std::vector<LogicalType>& key_types = global.key_types;
  const size_t nkeys = left_keys.size();
  const size_t nbuild = build.rows.size();
  const bool track_build =
      join_type == LogicalJoinType::kRight || join_type == LogicalJoinType::kFull;
  const size_t nleft = left_types.size();
  bool output_pairs = join_type == LogicalJoinType::kInner || join_type == LogicalJoinType::kLeft ||
                      join_type == LogicalJoinType::kRight || join_type == LogicalJoinType::kFull;
  // Pairs with every column (the residual reads any of them) or only the output columns.
  auto make_pairs = [&](DataChunk& left, const std::vector<uint32_t>& li,
                        const std::vector<uint64_t>& ri, DataChunk& out, bool all) {
    out = DataChunk();
    // Every left row once, in order (a key join whose runtime filter let only partners
    // through): the output takes the left columns as they are. Only for the output pairs of a
    // join without residual, the chunk's last use.
    bool whole = !all && output_pairs && li.size() == left.size();
    for (size_t k = 0; whole && k < li.size(); k++) whole = li[k] == k;
    for (size_t j = 0, n = all ? nleft : left_out.size(); j < n; j++) {
      const size_t c = all ? j : left_out[j];
      if (whole) {
        out.AddColumn(std::move(left.column(c)));
        continue;
      }
      Vector v(left_types[c]);
      AppendVectorSel(v, left.column(c), li.data(), li.size());
      out.AddColumn(std::move(v));
    }
    for (size_t j = 0, n = all ? right_types.size() : right_out.size(); j < n; j++) {
      const size_t c = all ? j : right_out[j];
      Vector v(right_types[c]);
      AppendVectorIdx(v, build.rows.column(StoredColumn(*this, build, j, all)), ri.data(),
                      ri.size());
      out.AddColumn(std::move(v));
    }
    out.SetSize(li.size());
  };
  // Full pairs -> the output columns (moved).
  auto project_pairs = [&](DataChunk& pairs) {
    if (left_out.size() == nleft && right_out.size() == right_types.size()) return;
    DataChunk out;
    const size_t n = pairs.size();
    for (size_t c : left_out) out.AddColumn(std::move(pairs.column(c)));
    for (size_t c : right_out) out.AddColumn(std::move(pairs.column(nleft + c)));
    out.SetSize(n);
    pairs = std::move(out);
  };
  auto null_extend_left = [&](DataChunk& left, const std::vector<uint32_t>& li, DataChunk& out) {
    for (size_t c : left_out) {
      Vector v(left_types[c]);
      AppendVectorSel(v, left.column(c), li.data(), li.size());
      out.AddColumn(std::move(v));
    }
    for (size_t c : right_out) {
      Vector v(right_types[c]);
      AppendNulls(v, li.size());
      out.AddColumn(std::move(v));
    }
    out.SetSize(li.size());
  };
  // The left chunk's output columns (moved).
  auto left_output = [&](DataChunk& left, DataChunk& out) {
    const size_t n = left.size();
    for (size_t c : left_out) out.AddColumn(std::move(left.column(c)));
    out.SetSize(n);
  };

  size_t count = left.size();
  if (nbuild == 0 &&
      (join_type == LogicalJoinType::kInner || join_type == LogicalJoinType::kRight ||
       join_type == LogicalJoinType::kSemi)) {
    return false;  // nothing can match
  }
  std::vector<Vector> keys(nkeys);
  std::vector<uint64_t> hashes(count);
  std::vector<uint8_t> probe_null(count, 0);
  for (size_t k = 0; k < nkeys; k++) {
    ExpressionExecutor::Execute(state, *left_keys[k], left, keys[k]);
  }
  CastJoinKeys(keys, key_types, count);
  // Packed keys (several integer keys in one): rows outside the build's ranges cannot match.
  std::vector<uint8_t> out_of_range;
  if (build.packing.active()) {
    std::vector<const Vector*> cols;
    for (auto& k : keys) cols.push_back(&k);
    Vector packed;
    build.packing.Pack(cols, count, packed, out_of_range);
    for (size_t i = 0; i < count; i++) probe_null[i] = packed.IsNull(i) ? 1 : 0;
    HashVector(packed, count, hashes.data(), false);
    keys.assign(1, std::move(packed));
  } else {
    for (size_t k = 0; k < nkeys; k++) {
      HashVector(keys[k], count, hashes.data(), k > 0);
      if (!null_equal[k]) {
        for (size_t i = 0; i < count; i++) probe_null[i] |= keys[k].IsNull(i) ? 1 : 0;
      }
    }
  }
  std::vector<uint8_t> matched(count, 0), residual_null(count, 0);
  std::vector<uint32_t> li;
  std::vector<uint64_t> ri;
  li.reserve(kStandardVectorSize);
  ri.reserve(kStandardVectorSize);
  DataChunk pairs;
  // Checks the pending pairs, marks matches, emits them for joins that output pairs.
  auto flush = [&]() -> bool {
    if (li.empty()) return true;
    // Semi/anti/mark joins without residual only mark the matched rows.
    if (output_pairs || !residual.empty()) make_pairs(left, li, ri, pairs, !residual.empty());
    if (!residual.empty()) {
      std::vector<uint8_t> ok(li.size(), 1), null(li.size(), 0);
      Vector r;
      for (auto& p : residual) {
        ExpressionExecutor::Execute(state, *p, pairs, r);
        for (size_t k = 0; k < li.size(); k++) {
          if (!r.validity()[k]) {
            null[k] = 1;
          } else if (!r.ints()[k]) {
            ok[k] = 0;
          }
        }
      }
      std::vector<uint32_t> sel;
      for (size_t k = 0; k < li.size(); k++) {
        if (ok[k] && !null[k]) {
          sel.push_back(static_cast<uint32_t>(k));
        } else if (ok[k] && null[k]) {
          residual_null[li[k]] = 1;
        }
      }
      if (sel.size() != li.size()) {
        pairs.Slice(sel);
        std::vector<uint32_t> li2;
        std::vector<uint64_t> ri2;
        for (uint32_t k : sel) {
          li2.push_back(li[k]);
          ri2.push_back(ri[k]);
        }
        li.swap(li2);
        ri.swap(ri2);
      }
    }
    for (uint32_t l : li) matched[l] = 1;
    if (track_build) {
      for (uint64_t r : ri) build.matched[r] = 1;
    }
    bool go = true;
    if (output_pairs && pairs.size() > 0) {
      if (!residual.empty()) project_pairs(pairs);
      go = emit(pairs);
    }
    li.clear();
    ri.clear();
    return go;
  };
  // Semi/anti/mark only need one match per left row when there is no residual.
  bool first_match_only = !output_pairs && residual.empty();
  // Lookups prefetch the slot of the row kAhead rows further on.
  constexpr size_t kAhead = 8;
  const JoinHashTable& table = build.table;
  if (nkeys > 0 && table.int_mode()) {
    const int64_t* probe = keys[0].ints().data();
    for (size_t i = 0; i < count; i++) {
      if (i + kAhead < count) table.Prefetch(hashes[i + kAhead]);
      if (probe_null[i] || (!out_of_range.empty() && out_of_range[i])) continue;
      for (uint64_t e = table.FindInt(probe[i], hashes[i]); e != 0; e = table.Next(e - 1)) {
        li.push_back(static_cast<uint32_t>(i));
        ri.push_back(e - 1);
        if (li.size() >= kStandardVectorSize && !flush()) return false;
        if (first_match_only) break;
      }
    }
  } else if (nkeys > 0) {
    for (size_t i = 0; i < count; i++) {
      if (i + kAhead < count) table.Prefetch(hashes[i + kAhead]);
      if (probe_null[i]) continue;
      for (uint64_t e = table.Find(keys, i, hashes[i]); e != 0; e = table.Next(e - 1)) {
        li.push_back(static_cast<uint32_t>(i));
        ri.push_back(e - 1);
        if (li.size() >= kStandardVectorSize && !flush()) return false;
        if (first_match_only) break;
      }
    }
  } else {
    for (size_t i = 0; i < count; i++) {
      for (size_t r = 0; r < nbuild; r++) {
        li.push_back(static_cast<uint32_t>(i));
        ri.push_back(r);
        if (li.size() >= kStandardVectorSize && !flush()) return false;
        if (first_match_only) break;
      }
    }
  }
  if (!flush()) return false;

  std::vector<uint32_t> sel;
  switch (join_type) {
    case LogicalJoinType::kLeft:
    case LogicalJoinType::kFull: {
      for (size_t i = 0; i < count; i++) {
        if (!matched[i]) sel.push_back(static_cast<uint32_t>(i));
      }
      if (sel.empty()) return true;
      DataChunk out;
      null_extend_left(left, sel, out);
      return emit(out);
    }
    case LogicalJoinType::kSemi:
    case LogicalJoinType::kAnti: {
      bool want = join_type == LogicalJoinType::kSemi;
      for (size_t i = 0; i < count; i++) {
        if ((matched[i] != 0) == want) sel.push_back(static_cast<uint32_t>(i));
      }
      if (sel.empty()) return true;
      if (sel.size() != count) left.Slice(sel);
      if (left_out.size() == nleft) return emit(left);
      DataChunk out;
      left_output(left, out);
      return emit(out);
    }
    case LogicalJoinType::kMark: {
      Vector mark{LogicalType(TypeId::kBoolean)};
      mark.Resize(count);
      for (size_t i = 0; i < count; i++) {
        if (matched[i]) {
          mark.ints()[i] = 1;
        } else if (nbuild > 0 && (probe_null[i] || build.has_null_key || residual_null[i])) {
          mark.SetNull(i, true);
        } else {
          mark.ints()[i] = 0;
        }
      }
      DataChunk out;
      left_output(left, out);
      out.AddColumn(std::move(mark));
      out.SetSize(count);
      return emit(out);
    }
    default:
      return true;
  }
}

bool PhysicalJoin::FinishExecute(ExecState& state, OperatorState* op_state,
                                 const ChunkConsumer& emit) {
  JoinGlobalState& global = *static_cast<JoinLocalState&>(*op_state).global;
  JoinBuildSide& build = global.build;
  const size_t nbuild = build.rows.size();
  const bool track_build =
      join_type == LogicalJoinType::kRight || join_type == LogicalJoinType::kFull;
  if (track_build) {
    std::vector<uint64_t> unmatched;
    auto flush_unmatched = [&]() {
      DataChunk out;
      for (size_t c : left_out) {
        Vector v(left_types[c]);
        AppendNulls(v, unmatched.size());
        out.AddColumn(std::move(v));
      }
      for (size_t j = 0; j < right_out.size(); j++) {
        Vector v(right_types[right_out[j]]);
        AppendVectorIdx(v, build.rows.column(StoredColumn(*this, build, j, false)),
                        unmatched.data(), unmatched.size());
        out.AddColumn(std::move(v));
      }
      out.SetSize(unmatched.size());
      unmatched.clear();
      return emit(out);
    };
    for (size_t r = 0; r < nbuild; r++) {
      if (build.matched[r]) continue;
      unmatched.push_back(r);
      if (unmatched.size() >= kStandardVectorSize && !flush_unmatched()) return false;
    }
    if (!unmatched.empty() && !flush_unmatched()) return false;
  }
  return true;
}

}  // namespace kadedb
