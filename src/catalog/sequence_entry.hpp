// SequenceEntry: one sequence's definition (CREATE SEQUENCE options, the column that owns it)
// and a handle to its non-transactional counter (sequence_counter.hpp).
//
// The definition is a catalog entry like a table's: written through the DDL transaction and
// undone on rollback. The counter is not: nextval / setval change it at once for every session
// and no rollback takes a value back (PostgreSQL's rule).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "kadedb/types.hpp"

namespace kadedb {

class SequenceCounter;

struct SequenceEntry {
  uint64_t oid = 0;
  uint64_t schema_oid = 0;
  std::string schema_name;
  std::string name;
  TypeId type = TypeId::kBigInt;  // smallint, integer or bigint (AS ...)
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = INT64_MAX;
  int64_t start = 1;
  int64_t cache = 1;
  bool cycle = false;
  // OWNED BY table.column (dropped with the table); 0 = none. The column is named by its attnum
  // (1 + physical id), which survives renames and other columns' drops.
  uint64_t owned_table_oid = 0;
  int owned_attnum = 0;
  // 'a' (GENERATED ALWAYS AS IDENTITY), 'd' (BY DEFAULT) or 0: the identity sequence of the
  // owning column.
  char identity = 0;
  // Shared by the copies an ALTER SEQUENCE keeps for undo: the counter outlives definitions.
  std::shared_ptr<SequenceCounter> counter;
};

// Smallest and largest value of a sequence's type (AS smallint / integer / bigint).
int64_t SequenceTypeMin(TypeId type);
int64_t SequenceTypeMax(TypeId type);

}  // namespace kadedb
