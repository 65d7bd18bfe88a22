// CHECK DATABASE: compares every index with its table. For each index it checks that the index
// holds as many entries as the table has rows and that every row (whose key has no NULL) is found
// under its key. Returns one text column "check": one row per problem ("schema.table index name:
// problem"), or a single "ok" row when the database is consistent. Memory: one chunk of the table
// at a time plus the index's row ids.
#include <algorithm>

#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/executor_internal.hpp"

namespace kadedb {

// Rows without an index entry reported one by one (with their key); beyond that, a count.
constexpr uint64_t kMaxListed = 20;

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
    for (const std::string& p : storage.VerifyRowGroups(txn)) {
      out.AppendRow({Value::Text(table->schema_name + "." + table->name + " " + p)});
    }
    for (const IndexInfo& index : storage.indexes()) {
      state.CheckInterrupt();
      std::vector<row_t> indexed = storage.IndexScan(txn, index, IndexRange{});
      std::sort(indexed.begin(), indexed.end());
      std::vector<LogicalType> key_types;
      for (column_t c : index.columns) key_types.push_back(table->columns[c].type);
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
              problem(*table, index.name,
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
            problem(*table, index.name,
                    "row " + std::to_string(ids[i]) + " is not found under its key");
          }
        }
      }
      if (missing > kMaxListed) {
        problem(*table, index.name, std::to_string(missing) + " rows have no index entry");
      }
      if (indexed.size() != rows) {
        problem(*table, index.name,
                "index has " + std::to_string(indexed.size()) + " entries, table has " +
                    std::to_string(rows) + " rows");
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
