// LogicalOperator: a node of the logical plan the planner builds from the bound query and the
// optimizer rewrites. The physical planner (execution/physical_plan_generator) turns each kind into
// physical operators.
//
// Output columns are named by ColumnBindings (column_binding.hpp): GetColumnBindings() lists them
// in output order and `types` holds their types (filled by ResolveTypes()).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "planner/bound_expression.hpp"
#include "planner/column_binding.hpp"

namespace kadedb {

enum class LogicalOperatorKind : uint8_t {
  // sources
  kGet,            // LogicalGet: table scan (maybe via index)
  kDummyScan,      // one row, no columns (SELECT without FROM)
  kExpressionGet,  // LogicalExpressionGet: VALUES lists
  kTableFunction,  // LogicalTableFunction: generate_series(...)
  kCTERef,         // LogicalCTERef: reads a materialised CTE or the recursive working table
  // relational
  kFilter,
  kProjection,
  kAggregate,
  kWindow,
  kJoin,  // LogicalJoin: equi-conditions + residual; inner/left/right/full/semi/anti/mark
  kCrossProduct,
  kLateralJoin,  // LogicalLateralJoin: right side re-run per left row (LATERAL)
  kOrder,
  kLimit,  // also top-N after the optimizer merges Order + Limit (kTopN)
  kTopN,
  kDistinct,
  kSetOperation,  // UNION / INTERSECT / EXCEPT [ALL]
  kRecursiveCTE,
  kMaterializedCTE,
  // data changes
  kInsert,
  kUpdate,
  kDelete,
  // everything else
  kCreateSchema,
  kCreateTable,
  kCreateView,
  kCreateIndex,
  kDrop,
  kAlterTable,
  kExplain,
  kCopy,
  kSet,
  kShow,
  kTransaction,
  kCheckDatabase,
};

class LogicalOperator {
 public:
  explicit LogicalOperator(LogicalOperatorKind k) : kind(k) {}
  virtual ~LogicalOperator() = default;

  LogicalOperatorKind kind;
  std::vector<std::unique_ptr<LogicalOperator>> children;
  // Expressions owned by this operator (projection list, filter predicates, ...); their meaning
  // depends on the kind (see each subclass).
  std::vector<ExprPtr> expressions;
  // Output types, one per GetColumnBindings() entry. Filled by ResolveTypes().
  std::vector<LogicalType> types;
  // Estimated output rows (0 = unknown), used by join ordering.
  idx_t estimated_cardinality = 0;

  virtual std::vector<ColumnBinding> GetColumnBindings() const = 0;
  // Recomputes types (children first).
  void ResolveOperatorTypes();
  virtual std::string GetName() const;
  // Extra text for EXPLAIN (e.g. the table name, the predicate).
  virtual std::string ParamsToString() const { return {}; }
  std::string ToString(int indent = 0) const;  // the whole subtree, for debugging

 protected:
  virtual void ResolveTypes() = 0;
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

// Deep copy of a plan (expressions, nested subquery plans and all operator fields); table
// indexes are kept, so the copy must replace the original, not sit beside it in one query.
LogicalOperatorPtr CopyPlan(const LogicalOperator& op);

}  // namespace kadedb
