// Runtime join filters: after a hash join's build side is complete, the set of its keys is
// summarised (min/max, the sorted keys when few, a Bloom filter; storage/join_key_filter.hpp)
// and handed to the table scan at the bottom of the probe side, which then skips row groups by
// zone map and drops probe rows before their other columns are built.
//
// Planning (PlanJoinFilters) finds, for each `=` key of an inner / semi / right join whose probe
// expression is a plain integer column, the sequential scan producing that column through
// filters, projections and the probe (left) side of inner / left / semi / anti / mark joins —
// operators that never turn a row into one with a different key value, so a row that cannot
// match here would not have matched later either.
//
// Scheduling: the executor initialises every streaming operator of a pipeline (the join builds
// run in PhysicalJoin::InitGlobalOperator) before the pipeline's source (the probe scan), serially
// and in parallel alike, so the filters are published before the scan reads them.
#pragma once

#include "execution/execution_state.hpp"

namespace kadedb {

class PhysicalJoin;
struct JoinBuildSide;

// Fills join.filter_targets (and the target scans' join_filter_sources). Call once the join's
// children are in place.
void PlanJoinFilters(PhysicalJoin& join);

// Publishes the filters of a finished build into state.join_filters (replacing those of an
// earlier run of the same join).
void PublishJoinFilters(const PhysicalJoin& join, const JoinBuildSide& build, ExecState& state);

}  // namespace kadedb
