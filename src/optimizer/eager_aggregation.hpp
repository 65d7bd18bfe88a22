// eager_aggregation pass: pre-aggregates the side of a join that feeds the aggregates, so the
// wide columns of the other side are joined to one row per join key instead of one per input row
// (late materialisation of GROUP BY columns such as TPC-H Q10's customer strings).
//
//   GROUP BY G: agg(e)  over  C ⋈[c = x] X
//     ->  GROUP BY G: agg'(p)  over  C ⋈[c = k] (GROUP BY x AS k: p = agg(e) over X)
//
// where the inner-join tree under the aggregate splits into X, the connected relations that the
// aggregate arguments read and no GROUP BY key reads, and C, the rest. Valid with any
// multiplicities (no key is needed): every X row of one pre-aggregated group has the same join
// key, so it meets exactly the C rows the whole group meets, and agg' combines partial results:
// sum of sums (decimal sums only: exact, same result type), min of mins, max of maxes. NULL keys
// form a group that `=` never matches either (IS NOT DISTINCT FROM matches it like the rows).
//
// Applied only where it pays: every predicate between C and X is an equality whose C side is a
// GROUP BY key (the join key is the grouping key), and the C relations are plain scans without
// filters, joined by equalities (so they do not discard X rows that pre-aggregation would then
// have summed for nothing). Runs before join_order, which orders both halves; top-level plans
// only (subquery plans share the statement's table indexes, which this pass extends).
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

LogicalOperatorPtr EagerAggregation(LogicalOperatorPtr plan);

}  // namespace kadedb
