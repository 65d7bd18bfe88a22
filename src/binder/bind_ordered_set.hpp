// Ordered-set aggregates (percentile_cont, percentile_disc, mode): f(direct args) WITHIN GROUP
// (ORDER BY x) is bound as the internal aggregate ordered_set$f(x, direct args) ORDER BY x, so
// the executor's ordered-aggregate buffering feeds the kernel its values sorted.
#pragma once

#include "binder/binder.hpp"

namespace kadedb {

// True for calls BindOrderedSetAggregate handles: WITHIN GROUP, or an ordered-set name.
bool IsOrderedSetCall(const FunctionExpression& expr);
// Binds such a call through Binder::BindAggregate; PostgreSQL's errors (42883 for a missing
// WITHIN GROUP or WITHIN GROUP on another function, 42601 for DISTINCT / two ORDER BYs).
ExprPtr BindOrderedSetAggregate(Binder& binder, const FunctionExpression& expr);

}  // namespace kadedb
