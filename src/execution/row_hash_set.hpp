// RowHashSet: a set of distinct rows (NULLs equal), built per chunk with vectorised hashing and
// typed equality; used by DISTINCT, UNION's duplicate removal in recursive CTEs and DISTINCT
// aggregates. Open addressing over row indices; the rows themselves are kept in a RowCollection.
// Not thread-safe.
#pragma once

#include <vector>

#include "execution/vector_ops.hpp"

namespace kadedb {

class RowHashSet {
 public:
  explicit RowHashSet(const std::vector<LogicalType>& types) : rows_(types) {}
  // For each row i < count of columns, sets is_new[i] when the row was not in the set yet (and
  // adds it). Rows repeated within the same call are new only the first time. Returns bytes added.
  uint64_t Insert(const std::vector<const Vector*>& columns, size_t count,
                  std::vector<uint8_t>& is_new);
  size_t size() const { return rows_.size(); }

 private:
  void Grow();
  RowCollection rows_;
  std::vector<uint64_t> hashes_;
  std::vector<uint64_t> slots_;  // row + 1, 0 = empty
};

}  // namespace kadedb
