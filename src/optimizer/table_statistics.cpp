// StatisticsCache: optimizer statistics merged from row-group zone maps (see table_statistics.hpp).
#include "optimizer/table_statistics.hpp"

#include <algorithm>
#include <exception>
#include <mutex>

#include "catalog/catalog.hpp"
#include "storage/data_table.hpp"
#include "storage/key_codec.hpp"
#include "storage/row_group.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {

namespace {

constexpr double kMaxScannedRows = 200000;
void ScanRowStoreRanges(StorageEngine& storage, const TableEntry& table, TableStatistics& stats);

TableStatistics Load(StorageEngine& storage, const TableEntry& table) {
  TableStatistics stats;
  if (!table.storage) return stats;
  const size_t ncols = table.columns.size();
  stats.columns.resize(ncols);
  std::string prefix = RowGroupHeaderPrefix(table.storage->oid());
  auto it = storage.NewIterator(ColumnFamily::kColSeg, PrefixSuccessor(prefix));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (it->key().substr(0, prefix.size()) != prefix) break;
    RowGroupHeader h = RowGroupHeader::Parse(it->value());
    stats.known = true;
    stats.rows += h.row_count;
    // Segments are by physical column id (storage/table_layout.hpp).
    for (size_t c = 0; c < ncols; c++) {
      size_t physical = c < table.layout.live.size() ? table.layout.live[c] : c;
      if (physical >= h.columns.size()) continue;  // added after this group was sealed
      const ZoneMap& z = h.columns[physical].zone;
      ColumnStatistics& col = stats.columns[c];
      col.null_count += z.null_count;
      if (!z.has_stats || PhysicalOf(table.columns[c].type) != PhysicalType::kInt64) continue;
      if (!col.has_int_range) {
        col.int_min = z.int_min;
        col.int_max = z.int_max;
        col.has_int_range = true;
      } else {
        col.int_min = std::min(col.int_min, z.int_min);
        col.int_max = std::max(col.int_max, z.int_max);
      }
    }
  }
  // Rows still in the row store (small tables, recent inserts): row ids tell how many at most.
  double ids = static_cast<double>(table.storage->NextRowId() - 1);
  bool sealed = stats.known;
  if (ids > stats.rows) {
    stats.rows = ids;
    stats.known = true;
  }
  if (!sealed && stats.known && stats.rows <= kMaxScannedRows) {
    ScanRowStoreRanges(storage, table, stats);
  }
  return stats;
}

// A table whose rows are all in the row store (no row groups: small tables) has no zone maps;
// its integer columns' ranges come from one scan in a throwaway read transaction, remembered
// until the table hands out new row ids.

struct ScannedRanges {
  row_t next_row_id = 0;
  std::vector<ColumnStatistics> columns;
};

std::mutex& ScanMutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::pair<const DataTable*, uint64_t>, ScannedRanges>& ScanCache() {
  static std::map<std::pair<const DataTable*, uint64_t>, ScannedRanges> cache;
  return cache;
}

void ScanRowStoreRanges(StorageEngine& storage, const TableEntry& table, TableStatistics& stats) {
  DataTable& data = *table.storage;
  const row_t next = data.NextRowId();
  const std::pair<const DataTable*, uint64_t> key{&data, data.oid()};
  {
    std::lock_guard lock(ScanMutex());
    auto it = ScanCache().find(key);
    if (it != ScanCache().end() && it->second.next_row_id == next &&
        it->second.columns.size() == stats.columns.size()) {
      stats.columns = it->second.columns;
      return;
    }
  }
  std::vector<column_t> ids;
  std::vector<LogicalType> types;
  for (size_t c = 0; c < table.columns.size(); c++) {
    if (PhysicalOf(table.columns[c].type) != PhysicalType::kInt64) continue;
    ids.push_back(static_cast<column_t>(c));
    types.push_back(table.columns[c].type);
  }
  if (ids.empty()) return;
  try {
    auto txn = storage.BeginTransaction();
    auto scan = data.InitScan(*txn, ids);
    DataChunk chunk;
    std::vector<row_t> row_ids;
    while (true) {
      chunk.Initialize(types);
      if (!data.Scan(*scan, chunk, row_ids)) break;
      for (size_t i = 0; i < ids.size(); i++) {
        const Vector& v = chunk.column(i);
        ColumnStatistics& col = stats.columns[ids[i]];
        for (size_t r = 0; r < chunk.size(); r++) {
          if (v.IsNull(r)) {
            col.null_count++;
            continue;
          }
          int64_t x = v.ints()[r];
          if (!col.has_int_range) {
            col.int_min = col.int_max = x;
            col.has_int_range = true;
          } else {
            col.int_min = std::min(col.int_min, x);
            col.int_max = std::max(col.int_max, x);
          }
        }
      }
    }
  } catch (const std::exception&) {
    return;  // statistics are optional (e.g. a table dropped meanwhile)
  }
  std::lock_guard lock(ScanMutex());
  ScanCache()[key] = ScannedRanges{next, stats.columns};
}

}  // namespace

const TableStatistics& StatisticsCache::Get(const TableEntry& table) {
  auto it = tables_.find(&table);
  if (it != tables_.end()) return it->second;
  TableStatistics stats;
  if (storage_) stats = Load(*storage_, table);
  return tables_.emplace(&table, std::move(stats)).first->second;
}

}  // namespace kadedb
