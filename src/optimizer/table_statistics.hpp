// Table statistics for the optimizer's cardinality estimates: per table its row count (the
// larger of the rows in committed column row groups and the row ids handed out) and per column
// the value range and null count merged from the row groups' zone maps (read outside any
// transaction, so planning never adds reads to one). A table with no row groups (all rows in
// the row store: small tables) gets its integer columns' ranges from one scan in a throwaway
// read transaction, cached until the table hands out new row ids. Approximate: deletes and
// updates are not reflected. A table that never held a row has no statistics (the estimator
// then falls back to its rules of thumb).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace kadedb {

class StorageEngine;
struct TableEntry;

struct ColumnStatistics {
  bool has_int_range = false;  // integer-like columns (ints, dates, booleans)
  int64_t int_min = 0, int_max = 0;
  uint64_t null_count = 0;
};

struct TableStatistics {
  bool known = false;  // false: no row groups (or no storage), nothing below is meaningful
  double rows = 0;
  std::vector<ColumnStatistics> columns;  // by table column
};

// Reads each table's statistics once per optimizer run.
class StatisticsCache {
 public:
  explicit StatisticsCache(StorageEngine* storage) : storage_(storage) {}
  // Statistics of table (known = false when there is no storage to read).
  const TableStatistics& Get(const TableEntry& table);

 private:
  StorageEngine* storage_;
  std::map<const TableEntry*, TableStatistics> tables_;
};

}  // namespace kadedb
