// PhysicalJoin's build side (see physical_join_build.hpp).
#include "execution/operator/physical_join_build.hpp"

#include <iterator>
#include <mutex>

#include "execution/expression/expression_executor.hpp"
#include "execution/parallel/pipeline_executor.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

namespace {

// One thread's part of the build side.
struct BuildPart : OperatorState {
  RowCollection rows;
  RowCollection keys;
  std::vector<uint64_t> hashes;
};

// Appends src's rows to dst, moving strings instead of copying them; src is left empty.
void MoveAppend(Vector& dst, Vector& src) {
  auto& dv = dst.validity();
  auto& sv = src.validity();
  dv.insert(dv.end(), sv.begin(), sv.end());
  switch (dst.physical()) {
    case PhysicalType::kInt64:
      dst.ints().insert(dst.ints().end(), src.ints().begin(), src.ints().end());
      break;
    case PhysicalType::kDouble:
      dst.doubles().insert(dst.doubles().end(), src.doubles().begin(), src.doubles().end());
      break;
    case PhysicalType::kDecimal:
      dst.decimals().insert(dst.decimals().end(), src.decimals().begin(), src.decimals().end());
      break;
    case PhysicalType::kString:
      dst.strings().insert(dst.strings().end(), std::make_move_iterator(src.strings().begin()),
                           std::make_move_iterator(src.strings().end()));
      break;
    case PhysicalType::kInterval:
      dst.intervals().insert(dst.intervals().end(), src.intervals().begin(), src.intervals().end());
      break;
  }
  src = Vector(src.type());
}

void MoveAppend(RowCollection& dst, RowCollection& src) {
  if (dst.size() == 0) {
    std::swap(dst, src);
    return;
  }
  for (size_t c = 0; c < dst.ColumnCount(); c++) MoveAppend(dst.column(c), src.column(c));
  dst.SetCount(dst.size() + src.size());
  src.SetCount(0);
}

// Adds chunk (rows of the right child) to part: its keys, their hashes and the rows. Returns
// the bytes added.
uint64_t AddChunk(PhysicalJoin& op, ExecState& state, const std::vector<LogicalType>& key_types,
                  const std::vector<size_t>& stored, DataChunk& chunk, BuildPart& part) {
  const size_t nkeys = op.right_keys.size();
  const size_t n = chunk.size();
  uint64_t bytes = 0;
  if (nkeys > 0) {
    std::vector<Vector> keys(nkeys);
    for (size_t k = 0; k < nkeys; k++) {
      ExpressionExecutor::Execute(state, *op.right_keys[k], chunk, keys[k]);
    }
    CastJoinKeys(keys, key_types, n);
    size_t base = part.hashes.size();
    part.hashes.resize(base + n);
    for (size_t k = 0; k < nkeys; k++) HashVector(keys[k], n, part.hashes.data() + base, k > 0);
    DataChunk key_chunk;
    for (auto& v : keys) key_chunk.AddColumn(std::move(v));
    key_chunk.SetSize(n);
    bytes += part.keys.Append(key_chunk);
  }
  if (stored.size() == chunk.ColumnCount()) {
    bytes += part.rows.Append(chunk);
  } else {
    // Only the stored columns: lend them to a chunk of their own and take them back.
    DataChunk view;
    for (size_t c : stored) view.AddColumn(std::move(chunk.column(c)));
    view.SetSize(n);
    bytes += part.rows.Append(view);
    for (size_t j = 0; j < stored.size(); j++) chunk.column(stored[j]) = std::move(view.column(j));
  }
  return bytes + n * 24;
}

}  // namespace

void CastJoinKeys(std::vector<Vector>& keys, const std::vector<LogicalType>& target, size_t count) {
  for (size_t k = 0; k < keys.size(); k++) {
    if (keys[k].type() == target[k]) continue;
    if (keys[k].physical() == PhysicalOf(target[k])) {
      keys[k].Retype(target[k]);
      continue;
    }
    Vector cast(target[k]);
    CastVector(keys[k], count, target[k], cast);
    keys[k] = std::move(cast);
  }
}

void BuildJoinSide(PhysicalJoin& op, ExecState& state, const std::vector<LogicalType>& key_types,
                   JoinBuildSide& build) {
  const size_t nkeys = op.right_keys.size();
  build.stored.clear();
  std::vector<LogicalType> stored_types;
  for (size_t c = 0; c < op.right_types.size(); c++) {
    bool out = false;
    for (size_t o : op.right_out) out = out || o == c;
    if (out || !op.residual.empty()) {
      build.stored.push_back(c);
      stored_types.push_back(op.right_types[c]);
    }
  }
  const std::vector<size_t>& stored = build.stored;
  build.rows.Initialize(stored_types);
  build.keys.Initialize(key_types);
  std::vector<std::unique_ptr<BuildPart>> parts;
  std::mutex mutex;
  auto new_part = [&]() {
    auto part = std::make_unique<BuildPart>();
    part->rows.Initialize(stored_types);
    part->keys.Initialize(key_types);
    return part;
  };
  size_t threads = PipelineThreads(state);
  Pipeline pipeline;
  if (threads > 1 && ExpressionsParallelSafe(op) &&
      FindParallelPipeline(*op.children[1], pipeline)) {
    PipelineSinkFunctions sink;
    sink.sink_operator = &op;
    sink.init_local = [&](ExecState&) -> std::unique_ptr<OperatorState> { return new_part(); };
    sink.sink = [&](ExecState& ls, OperatorState* local, DataChunk& chunk) {
      uint64_t bytes = AddChunk(op, ls, key_types, stored, chunk, static_cast<BuildPart&>(*local));
      ls.Allocate(bytes, "HASH_JOIN build");
      std::lock_guard lock(mutex);
      build.bytes += bytes;
      return true;
    };
    sink.finish_local = [&](ExecState&, OperatorState* local) {
      auto part = std::make_unique<BuildPart>();
      auto& mine = static_cast<BuildPart&>(*local);
      std::swap(part->rows, mine.rows);
      std::swap(part->keys, mine.keys);
      std::swap(part->hashes, mine.hashes);
      std::lock_guard lock(mutex);
      parts.push_back(std::move(part));
    };
    RunPipelineParallel(state, pipeline, threads, sink);
  } else {
    parts.push_back(new_part());
    op.children[1]->Run(state, [&](DataChunk& chunk) {
      ProfileScope inner(state, &op);
      uint64_t bytes = AddChunk(op, state, key_types, stored, chunk, *parts[0]);
      state.Allocate(bytes, "HASH_JOIN build");
      build.bytes += bytes;
      return true;
    });
  }
  ProfileScope scope(state, &op);
  for (auto& part : parts) {
    MoveAppend(build.rows, part->rows);
    if (nkeys == 0) continue;
    MoveAppend(build.keys, part->keys);
    if (build.hashes.empty()) {
      build.hashes = std::move(part->hashes);
    } else {
      build.hashes.insert(build.hashes.end(), part->hashes.begin(), part->hashes.end());
    }
  }
  const size_t nbuild = build.rows.size();
  if (nkeys > 0) {
    std::vector<bool> check(nkeys);
    for (size_t k = 0; k < nkeys; k++) check[k] = !op.null_equal[k];
    build.packing.Plan(build.keys, check);
    if (build.packing.active()) {
      std::vector<const Vector*> cols;
      for (size_t k = 0; k < nkeys; k++) cols.push_back(&build.keys.column(k));
      Vector packed;
      std::vector<uint8_t> out_of_range;
      build.packing.Pack(cols, nbuild, packed, out_of_range);
      build.packed_hashes.assign(nbuild, 0);
      HashVector(packed, nbuild, build.packed_hashes.data(), false);
      build.packed.Initialize({packed.type()});
      build.packed.column(0) = std::move(packed);
      build.packed.SetCount(nbuild);
      build.table.Build(build.packed, build.packed_hashes, {true}, threads);
      state.Allocate(nbuild * 17, "HASH_JOIN build");
      build.bytes += nbuild * 17;
    } else {
      build.table.Build(build.keys, build.hashes, check, threads);
    }
    build.has_null_key = build.table.has_null_key();
    // AddChunk counted 24 bytes a row for the table; charge what it holds beyond that.
    uint64_t table_bytes = build.table.bytes();
    if (table_bytes > nbuild * 24) {
      state.Allocate(table_bytes - nbuild * 24, "HASH_JOIN build");
      build.bytes += table_bytes - nbuild * 24;
    }
  }
  if (op.join_type == LogicalJoinType::kRight || op.join_type == LogicalJoinType::kFull) {
    build.matched.assign(nbuild, 0);
  }
}

}  // namespace kadedb
