// The build side of PhysicalJoin (internal to physical_join*.cpp): the right child's rows, their
// join keys (cast to the key types) and key hashes, and a flat hash table over them
// (execution/join_hash_table.hpp).
// Built by every thread of the right child's pipeline into thread-local parts that are then
// moved (not copied) into one collection, so key evaluation and hashing run in parallel.
#pragma once

#include <vector>

#include "execution/execution_state.hpp"
#include "execution/join_hash_table.hpp"
#include "execution/join_key_packing.hpp"
#include "execution/operator/physical_join.hpp"
#include "execution/vector_ops.hpp"

namespace kadedb {

struct JoinBuildSide {
  // The right child's columns rows holds (stored[j] for rows.column(j)): all of them when a
  // residual reads the pairs, else only the join's output columns (PhysicalJoin::right_out).
  std::vector<size_t> stored;
  RowCollection rows;
  RowCollection keys;
  std::vector<uint64_t> hashes;
  // Several integer keys packed into one (join_key_packing.hpp): the table is built on packed
  // and packed_hashes instead of keys and hashes.
  JoinKeyPacking packing;
  RowCollection packed;
  std::vector<uint64_t> packed_hashes;
  JoinHashTable table;
  std::vector<uint8_t> matched;
  bool has_null_key = false;  // some build row has a NULL in a `=` key (mark joins)
  uint64_t bytes = 0;
};

// Casts keys[k] to target[k] in place (no-op when equal).
void CastJoinKeys(std::vector<Vector>& keys, const std::vector<LogicalType>& target, size_t count);

// Runs op.children[1] into build (rows, keys, hashes and the hash table), on several threads
// when its pipeline allows. Counts the bytes in state (build.bytes says how many).
void BuildJoinSide(PhysicalJoin& op, ExecState& state, const std::vector<LogicalType>& key_types,
                   JoinBuildSide& build);

}  // namespace kadedb
