// PhysicalInsert.
#include "execution/operator/physical_insert.hpp"

#include <unordered_set>

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/table_constraints.hpp"

namespace kadedb {

namespace {
// Emits RETURNING rows computed over new_rows.
bool EmitReturning(ExecState& state, std::vector<ExprNodePtr>& returning, DataChunk& new_rows,
                   const std::function<bool(DataChunk&)>& emit) {
  if (returning.empty() || new_rows.size() == 0) return true;
  DataChunk out;
  for (auto& e : returning) {
    Vector v;
    ExpressionExecutor::Execute(state, *e, new_rows, v);
    out.AddColumn(std::move(v));
  }
  out.SetSize(new_rows.size());
  return emit(out);
}
}  // namespace

std::string PhysicalInsert::Params() const {
  std::string s = table->name;
  if (on_conflict == ConflictAction::kNothing) s += " on conflict do nothing";
  if (on_conflict == ConflictAction::kUpdate) s += " on conflict do update";
  return s;
}

bool PhysicalInsert::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  RowCollection input;
  CollectAll(*children[0], state, input);
  StorageTransaction& txn = *state.context.transaction;
  DataTable& storage = *table->storage;
  const size_t ncols = table->columns.size();
  uint64_t affected = 0;
  bool stopped = false;
  auto emit = [&](DataChunk& chunk) {
    if (!Emit(state, chunk, consume)) stopped = true;
    return !stopped;
  };
  std::unordered_set<row_t> touched;  // rows inserted or updated (ON CONFLICT DO UPDATE)
  std::vector<column_t> all_columns(ncols);
  for (size_t c = 0; c < ncols; c++) all_columns[c] = static_cast<column_t>(c);

  DataChunk in;
  for (size_t offset = 0; offset < input.size(); offset += in.size()) {
    state.CheckInterrupt();
    input.Scan(offset, in);
    size_t n = in.size();
    DataChunk rows;
    for (size_t c = 0; c < ncols; c++) {
      Vector v;
      if (column_map[c] >= 0) {
        v = in.column(column_map[c]);
      } else {
        ExpressionExecutor::Execute(state, *defaults[c], in, v);
      }
      rows.AddColumn(std::move(v));
    }
    rows.SetSize(n);
    ConformToTable(*table, rows);
    VerifyRows(state, *table, rows, checks, check_names);
    if (on_conflict == ConflictAction::kNone) {
      storage.Append(txn, rows, nullptr);
      affected += n;
      if (!EmitReturning(state, returning, rows, emit)) break;
      continue;
    }
    const IndexInfo* index = conflict_index ? &conflict_index->info : nullptr;
    DataChunk one;
    std::vector<uint32_t> sel(1);
    for (size_t i = 0; i < n && !stopped; i++) {
      auto conflict = storage.FindConflict(txn, rows, i, index);
      if (!conflict) {
        sel[0] = static_cast<uint32_t>(i);
        SliceChunk(rows, sel, one);
        std::vector<row_t> ids;
        storage.Append(txn, one, &ids);
        for (row_t id : ids) touched.insert(id);
        affected++;
        EmitReturning(state, returning, one, emit);
        continue;
      }
      if (on_conflict == ConflictAction::kNothing) continue;
      if (touched.count(*conflict)) {
        throw Exception(sqlstate::kCardinalityViolation,
                        "ON CONFLICT DO UPDATE command cannot affect row a second time", 0, {},
                        "Ensure that no rows proposed for insertion within the same command "
                        "have duplicate constrained values.");
      }
      // existing ++ excluded
      DataChunk existing(table->ColumnTypes(), 0);
      storage.Fetch(txn, {*conflict}, all_columns, existing);
      existing.SetSize(1);
      DataChunk pair;
      for (size_t c = 0; c < ncols; c++) pair.AddColumn(existing.column(c));
      sel[0] = static_cast<uint32_t>(i);
      DataChunk excluded;
      SliceChunk(rows, sel, excluded);
      for (size_t c = 0; c < ncols; c++) pair.AddColumn(excluded.column(c));
      pair.SetSize(1);
      if (update_condition) {
        Vector cond;
        ExpressionExecutor::Execute(state, *update_condition, pair, cond);
        if (cond.IsNull(0) || cond.ints()[0] == 0) continue;
      }
      DataChunk updated;
      for (size_t c = 0; c < ncols; c++) updated.AddColumn(existing.column(c));
      updated.SetSize(1);
      for (size_t u = 0; u < update_columns.size(); u++) {
        Vector v;
        ExpressionExecutor::Execute(state, *update_expressions[u], pair, v);
        updated.column(update_columns[u]) = std::move(v);
      }
      ConformToTable(*table, updated);
      VerifyRows(state, *table, updated, checks, check_names);
      storage.Update(txn, {*conflict}, updated);
      touched.insert(*conflict);
      affected++;
      EmitReturning(state, returning, updated, emit);
    }
    if (stopped) break;
  }
  state.rows_affected += affected;
  return !stopped;
}

}  // namespace kadedb
