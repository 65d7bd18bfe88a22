// join_order pass: reorders each maximal tree of inner joins and cross products greedily.
//
// The tree is flattened into relations (its non-inner-join leaves) and predicates (equi-join
// conditions, residual ON predicates, movable filters between the joins). Starting from the
// relation with the fewest estimated rows, it repeatedly adds the relation reachable through an
// equality condition that gives the smallest estimated result, falling back to a cross product
// only when no relation is connected. Each predicate is attached to the first join where all
// the columns it reads are available. The hash table is built on the right child, so the
// smaller input goes right.
//
// Output bindings are kept, but their order changes; trees whose parent reads columns by
// position (plan root, set operations, INSERT/UPDATE/DELETE inputs) are left alone.
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan);

}  // namespace kadedb
