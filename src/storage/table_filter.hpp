// TableFilter: a simple predicate on one scanned column that a table scan uses to skip whole
// column segments by their zone maps (min, max, null count) and, inside the row groups it
// reads, to drop rows before building their values (storage/segment_filter.hpp).
//
// Filters are hints: a scan may return rows that fail them (the row store is not filtered;
// constants that cannot be compared exactly keep every row), so the caller still evaluates its
// own filter expressions on the rows it gets. A filter may therefore be conservative (e.g.
// only the first conjunct of an AND), never wrong.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "kadedb/value.hpp"
#include "storage/join_key_filter.hpp"

namespace kadedb {

enum class TableFilterKind : uint8_t {
  kEqual,         // column = constant
  kNotEqual,      // column <> constant
  kLess,          // column < constant
  kLessEqual,     // column <= constant
  kGreater,       // column > constant
  kGreaterEqual,  // column >= constant
  kBetween,       // constant <= column <= upper
  kIn,            // column IN (values...)
  kIsNull,        // column IS NULL
  kIsNotNull,     // column IS NOT NULL
  kJoinKeys,      // column is a key of a finished hash-join build (join_keys; integers only)
};

struct TableFilter {
  // Position of the filtered column in the scan's column_ids (not the table column index).
  uint32_t scan_column = 0;
  TableFilterKind kind = TableFilterKind::kEqual;
  // REQUIRES: constant, upper and values have the column's physical class (cast first) and are
  // not NULL (a comparison with NULL matches nothing: the caller drops the scan instead).
  Value constant;
  Value upper;                                     // kBetween only
  std::vector<Value> values;                       // kIn only
  std::shared_ptr<const JoinKeyFilter> join_keys;  // kJoinKeys only
};

}  // namespace kadedb
