// PlanStatement: the entry point from a parsed statement to a logical plan.
//
// Design: binding and planning happen in one pass. The Binder (src/binder/) resolves names and
// types and emits LogicalOperators directly (DuckDB-style "bind + plan" per construct, one
// bind_*.cpp file per construct); there is no separate bound-statement tree. This keeps each
// construct's logic in one place. The planner layer holds the plan data structures
// (bound_expression, logical operators and their copy/print code) and this entry point.
#include "planner/planner.hpp"

#include "binder/binder.hpp"

namespace kadedb {

PlannedStatement PlanStatement(Catalog& catalog, const Statement& statement,
                               const BindSettings& settings,
                               const std::vector<LogicalType>& parameter_types) {
  BinderShared shared{catalog, settings};
  shared.parameter_types = parameter_types;
  Binder binder(shared, nullptr, BinderKind::kRoot);
  PlannedStatement planned = binder.BindStatement(statement);
  if (planned.plan) planned.plan->ResolveOperatorTypes();
  planned.parameter_types = shared.parameter_types;
  return planned;
}

}  // namespace kadedb
