// Column usage for cost decisions: which bindings a plan reads anywhere, and how wide the rows
// of an operator's output are counting only the columns something reads (join_order weighs a
// hash join's build side by it: the build materialises every column it carries, the probe side
// streams).
#pragma once

#include <set>

#include "planner/logical_operator.hpp"

namespace kadedb {

// Every column binding an expression of plan (any operator, any depth, subquery plans included)
// reads. An over-approximation of what survives column pruning.
std::set<ColumnBinding> ReferencedBindings(const LogicalOperator& plan);

// Relative width of op's output rows: per output binding in used, 4 for a string, 2 for a
// decimal or interval, 1 otherwise.
double RowWidth(const LogicalOperator& op, const std::set<ColumnBinding>& used);

}  // namespace kadedb
