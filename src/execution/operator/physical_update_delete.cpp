// PhysicalUpdate and PhysicalDelete.
#include "execution/operator/physical_update_delete.hpp"

#include <unordered_set>

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/table_constraints.hpp"

namespace kadedb {

namespace {
// Keeps the rows of chunk whose row id (column 0) was not seen yet; returns their ids.
std::vector<row_t> DedupeRowIds(DataChunk& chunk, std::unordered_set<row_t>& seen) {
  std::vector<uint32_t> sel;
  std::vector<row_t> ids;
  const auto& d = chunk.column(0).ints();
  for (size_t i = 0; i < chunk.size(); i++) {
    row_t id = static_cast<row_t>(d[i]);
    if (seen.insert(id).second) {
      sel.push_back(static_cast<uint32_t>(i));
      ids.push_back(id);
    }
  }
  if (sel.size() != chunk.size()) chunk.Slice(sel);
  return ids;
}

bool EmitRows(ExecState& state, std::vector<ExprNodePtr>& returning, DataChunk& rows,
              const std::function<bool(DataChunk&)>& emit) {
  if (returning.empty() || rows.size() == 0) return true;
  DataChunk out;
  for (auto& e : returning) {
    Vector v;
    ExpressionExecutor::Execute(state, *e, rows, v);
    out.AddColumn(std::move(v));
  }
  out.SetSize(rows.size());
  return emit(out);
}
}  // namespace

std::string PhysicalUpdate::Params() const {
  return table->name;
}
std::string PhysicalDelete::Params() const {
  return table->name;
}

// The loop both operators share: read the whole input first (no Halloween problem), then hand
// each batch of not-yet-seen target rows to change(ids, batch, rows) where rows holds the target's
// current columns (input columns 1..ncols; built only when need_rows). change may rewrite rows
// in place; RETURNING then reads them. Emitting stops when the consumer declines, but the changes
// go on to the end.
template <class Change>
bool ForEachTargetBatch(PhysicalOperator& child, ExecState& state, size_t ncols, bool need_rows,
                        std::vector<ExprNodePtr>& returning,
                        const std::function<bool(DataChunk&)>& downstream, Change change) {
  RowCollection input;
  CollectAll(child, state, input);
  std::unordered_set<row_t> seen;
  bool stopped = false;
  auto emit = [&](DataChunk& chunk) {
    if (!downstream(chunk)) stopped = true;
    return !stopped;
  };
  DataChunk in;
  for (size_t offset = 0; offset < input.size(); offset += kStandardVectorSize) {
    state.CheckInterrupt();
    input.Scan(offset, in);
    std::vector<row_t> ids = DedupeRowIds(in, seen);
    if (ids.empty()) continue;
    DataChunk rows;  // copied only when someone reads it (UPDATE, or RETURNING)
    if (need_rows) {
      for (size_t c = 0; c < ncols && c + 1 < in.ColumnCount(); c++) {
        rows.AddColumn(in.column(c + 1));
      }
      rows.SetSize(in.size());
    }
    change(ids, in, rows);
    state.rows_affected += ids.size();
    if (!stopped) EmitRows(state, returning, rows, emit);
  }
  return !stopped;
}

bool PhysicalUpdate::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  StorageTransaction& txn = *state.context.transaction;
  auto downstream = [&](DataChunk& chunk) { return Emit(state, chunk, consume); };
  auto change = [&](const std::vector<row_t>& ids, DataChunk& in, DataChunk& rows) {
    for (size_t u = 0; u < update_columns.size(); u++) {
      Vector v;
      ExpressionExecutor::Execute(state, *update_expressions[u], in, v);
      rows.column(update_columns[u]) = std::move(v);
    }
    ConformToTable(*table, rows);
    VerifyRows(state, *table, rows, checks, check_names);
    table->storage->Update(txn, ids, rows);
  };
  return ForEachTargetBatch(*children[0], state, table->columns.size(), /*need_rows=*/true,
                            returning, downstream, change);
}

bool PhysicalDelete::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  StorageTransaction& txn = *state.context.transaction;
  auto downstream = [&](DataChunk& chunk) { return Emit(state, chunk, consume); };
  auto change = [&](const std::vector<row_t>& ids, DataChunk&, DataChunk&) {
    table->storage->Delete(txn, ids);
  };
  return ForEachTargetBatch(*children[0], state, table->columns.size(),
                            /*need_rows=*/!returning.empty(), returning, downstream, change);
}

}  // namespace kadedb
