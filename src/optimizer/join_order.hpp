// join_order pass: reorders each maximal tree of inner joins and cross products.
//
// The tree is flattened into relations (its non-inner-join leaves) and predicates (equi-join
// conditions, residual ON predicates, movable filters between the joins); predicates on one
// relation become a filter on it. Up to kMaxDpRelations relations, an exhaustive search over
// subsets picks the (possibly bushy) tree with the smallest sum of estimated intermediate sizes
// (optimizer/cardinality_estimator.hpp, with table statistics when storage is given), using
// cross products only where the predicates leave no other choice. Larger trees are ordered
// greedily: starting from the relation with the fewest estimated rows, it repeatedly adds the
// relation reachable through an equality condition that gives the smallest estimated result.
// Each predicate is attached to the first join where all the columns it reads are available.
// The hash table is built on the right child: the input cheaper to build goes right, weighing
// rows by the width of the columns read above (optimizer/column_usage.hpp), so a narrow input
// builds rather than a somewhat smaller but wide one.
//
// Output bindings are kept, but their order changes; trees whose parent reads columns by
// position (plan root, set operations, INSERT/UPDATE/DELETE inputs) are left alone.
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

class StorageEngine;

// storage: where table statistics are read from (null: rules of thumb only).
LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan, StorageEngine* storage = nullptr);

}  // namespace kadedb
