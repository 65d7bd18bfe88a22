// CHECK DATABASE: compares every index with its table. For each index it checks that the index
// holds as many entries as the table has rows and that every row (whose key has no NULL) is found
// under its key. Returns one text column "check": one row per problem ("schema.table index name:
// problem"), or a single "ok" row when the database is consistent. Memory: one chunk of the table
// at a time plus the index's row ids. A table whose data cannot be read (a damaged row or row
// group) is reported as such and the check goes on with the next table; when the table has an
// index, its rows are then read one by one to name the row ids that cannot be read.
#include <algorithm>
#include <functional>

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/executor_internal.hpp"

namespace kadedb {

// Rows without an index entry reported one by one (with their key); beyond that, a count.
constexpr uint64_t kMaxListed = 20;

// After reading table failed with what: the rows (found through any of its indexes) that cannot
// be read, listed by row id (up to kMaxListed), or the failure itself when none can be named.
std::vector<std::string> UnreadableRows(DataTable& storage, StorageTransaction& txn,
                                        const std::string& what) {
  std::vector<std::string> out;
  std::vector<row_t> ids;
  for (const IndexInfo& index : storage.indexes()) {
    try {
      ids = storage.IndexScan(txn, index, IndexRange{});
      break;
    } catch (const Exception&) {
      continue;  // a damaged index: try the next one
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<column_t> columns(storage.types().size());
  for (column_t c = 0; c < columns.size(); c++) columns[c] = c;
  uint64_t bad = 0;
  for (row_t id : ids) {
    DataChunk row(storage.types(), 0);
    try {
      storage.Fetch(txn, {id}, columns, row);
    } catch (const Exception& e) {
      if (++bad <= kMaxListed) {
        out.push_back("row " + std::to_string(id) + " cannot be read: " + e.what());
      }
    }
  }
  if (bad > kMaxListed) out.push_back(std::to_string(bad) + " rows cannot be read");
  if (bad == 0) out.push_back("cannot be read: " + what);
  return out;
}

// Checks one table's row groups and indexes, appending problems to out.
void CheckTable(
    DataTable& storage, StorageTransaction& txn, const TableEntry& table, ExecState& state,
    const std::function<void(const TableEntry&, const std::string&, const std::string&)>& problem,
    DataChunk& out) {
  for (const std::string& p : storage.VerifyRowGroups(txn)) {
    out.AppendRow({Value::Text(table.schema_name + "." + table.name + " " + p)});
  }
  // Every value of every row decodes (the index pass below reads only the key columns).
  std::vector<column_t> all(storage.types().size());
  for (column_t c = 0; c < all.size(); c++) all[c] = c;
  auto full = storage.InitScan(txn, all);
  while (true) {
    state.CheckInterrupt();
    DataChunk chunk(storage.types(), 0);
    std::vector<row_t> ids;
    if (!storage.Scan(*full, chunk, ids)) break;
  }
  for (const IndexInfo& index : storage.indexes()) {
    state.CheckInterrupt();
    std::vector<row_t> indexed = storage.IndexScan(txn, index, IndexRange{});
    std::sort(indexed.begin(), indexed.end());
    std::vector<LogicalType> key_types;
    for (column_t c : index.columns) key_types.push_back(table.columns[c].type);
    auto scan = storage.InitScan(txn, index.columns);
    uint64_t rows = 0, missing = 0;
    while (true) {
      state.CheckInterrupt();
      DataChunk chunk(key_types, 0);
      std::vector<row_t> ids;
      if (!storage.Scan(*scan, chunk, ids)) break;
      rows += ids.size();
      for (size_t i = 0; i < ids.size(); i++) {
        if (!std::binary_search(indexed.begin(), indexed.end(), ids[i])) {
          if (++missing <= kMaxListed) {
            std::string key;
            for (size_t k = 0; k < index.columns.size(); k++) {
              key += (k ? ", " : "") + chunk.GetValue(k, i).ToString();
            }
            problem(table, index.name,
                    "row " + std::to_string(ids[i]) + " (key (" + key + ")) has no index entry");
          }
          continue;
        }
        IndexRange range;
        bool has_null = false;
        for (size_t k = 0; k < index.columns.size(); k++) {
          Value v = chunk.GetValue(k, i);
          has_null |= v.IsNull();
          range.equal.push_back(v);
        }
        if (has_null) continue;
        auto found = storage.IndexScan(txn, index, range);
        if (std::find(found.begin(), found.end(), ids[i]) == found.end()) {
          problem(table, index.name,
                  "row " + std::to_string(ids[i]) + " is not found under its key");
        }
      }
    }
    if (missing > kMaxListed) {
      problem(table, index.name, std::to_string(missing) + " rows have no index entry");
    }
    if (indexed.size() != rows) {
      problem(table, index.name,
              "index has " + std::to_string(indexed.size()) + " entries, table has " +
                  std::to_string(rows) + " rows");
    }
  }
}

void ExecuteCheckDatabase(ExecutionContext& context, Result& result) {
  if (!context.catalog || !context.transaction) ThrowInternal("CHECK DATABASE without a catalog");
  Catalog& catalog = *context.catalog;
  StorageTransaction& txn = *context.transaction;
  std::vector<LogicalType> types = {TypeId::kText};
  DataChunk out(types, 0);
  auto problem = [&](const TableEntry& t, const std::string& index, const std::string& text) {
    out.AppendRow({Value::Text(t.schema_name + "." + t.name + " index " + index + ": " + text)});
  };
  ExecState state(context);
  for (TableEntry* table : catalog.Tables()) {
    if (!table->storage) continue;
    DataTable& storage = *table->storage;
    try {
      CheckTable(storage, txn, *table, state, problem, out);
    } catch (const Exception& e) {
      if (e.sqlstate() != sqlstate::kDataCorrupted && e.sqlstate() != sqlstate::kIoError) throw;
      for (const std::string& p : UnreadableRows(storage, txn, e.what())) {
        out.AppendRow({Value::Text(table->schema_name + "." + table->name + ": " + p)});
      }
    }
  }
  size_t problems = out.size();
  if (problems == 0) out.AppendRow({Value::Text("ok")});
  std::vector<std::string> names = {"check"};
  if (result.ColumnCount() == 1) names = result.names();
  result.SetColumns(names, types);
  result.SetRowsAffected(out.size());
  result.AddChunk(std::move(out));
  result.SetHasRows(true);
}

}  // namespace kadedb
