// Data generation: random rows for a schema, as INSERT statements both engines load. Values lean
// on the edges: NULLs, duplicates, integer limits, empty strings, negative zero, the largest
// numerics a column holds, NaN and infinities.
#pragma once

#include <string>
#include <vector>

#include "random_source.hpp"
#include "schema_gen.hpp"

namespace kadedb::difftest {

// A literal of the column's type (SQL text), never NULL.
std::string RandomLiteral(RandomSource& rng, const ColumnDef& column);

// INSERT statements filling every table with 0..max_rows rows (one multi-row INSERT per table).
std::vector<std::string> GenerateData(RandomSource& rng, const Schema& schema, int max_rows);

}  // namespace kadedb::difftest
