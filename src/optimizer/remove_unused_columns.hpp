// RemoveUnusedColumns: the last optimizer pass. Drops from every table scan (LogicalGet) the
// columns nothing above it reads, so a scan of a wide table decodes only the columns the query
// needs (with column row groups, only those segments are read at all).
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

// Rewrites plan in place: each LogicalGet of the operator tree keeps only the column_ids whose
// bindings some expression of the plan (including subquery plans and correlated references) or a
// positional consumer (set operation, DISTINCT, CTE, the plan's root) reads, and every column
// reference to a pruned scan is renumbered. Plans holding data changes (INSERT, UPDATE, DELETE,
// COPY) or operators the pass does not know are left unchanged. Then each LogicalJoin lists in
// `pruned` the child bindings only its own subtree reads (join keys, residual columns), so its
// output stops carrying them: a hash join builds and gathers only what the operators above need.
void RemoveUnusedColumns(LogicalOperator& plan);

}  // namespace kadedb
