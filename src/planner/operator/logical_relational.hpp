// Relational operators: filter, projection, aggregate, join, order, limit, distinct, set
// operations and CTEs.
#pragma once

#include "planner/logical_operator.hpp"

namespace kadedb {

// Keeps rows where every expression in `expressions` is true (AND of them). Passes the child's
// bindings through.
class LogicalFilter : public LogicalOperator {
 public:
  LogicalFilter() : LogicalOperator(LogicalOperatorKind::kFilter) {}
  std::vector<ColumnBinding> GetColumnBindings() const override {
    return children[0]->GetColumnBindings();
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

// Computes `expressions`; outputs bindings (table_index, i).
class LogicalProjection : public LogicalOperator {
 public:
  explicit LogicalProjection(idx_t table_index)
      : LogicalOperator(LogicalOperatorKind::kProjection), table_index(table_index) {}
  idx_t table_index;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < expressions.size(); i++) out.push_back({table_index, i});
    return out;
  }

 protected:
  void ResolveTypes() override {
    types.clear();
    for (auto& e : expressions) types.push_back(e->return_type);
  }
};

// GROUP BY: `expressions` are the group keys, output as (group_index, i); then the aggregates,
// output as (aggregate_index, j). With grouping_sets non-empty, each set lists the group key
// indices it groups by (the others are NULL in its rows), and GROUPING(...) calls are output as
// (groupings_index, k) computed from grouping_functions[k] (lists of group key indices).
class LogicalAggregate : public LogicalOperator {
 public:
  LogicalAggregate(idx_t group_index, idx_t aggregate_index)
      : LogicalOperator(LogicalOperatorKind::kAggregate),
        group_index(group_index),
        aggregate_index(aggregate_index) {}
  idx_t group_index;
  idx_t aggregate_index;
  idx_t groupings_index = 0;
  std::vector<BoundAggregate> aggregates;
  std::vector<std::vector<idx_t>> grouping_sets;
  std::vector<std::vector<idx_t>> grouping_functions;

  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < expressions.size(); i++) out.push_back({group_index, i});
    for (idx_t i = 0; i < aggregates.size(); i++) out.push_back({aggregate_index, i});
    for (idx_t i = 0; i < grouping_functions.size(); i++) out.push_back({groupings_index, i});
    return out;
  }
  std::string ParamsToString() const override;

 protected:
  void ResolveTypes() override {
    types.clear();
    for (auto& e : expressions) types.push_back(e->return_type);
    for (auto& a : aggregates) types.push_back(a.return_type);
    for (idx_t i = 0; i < grouping_functions.size(); i++) types.push_back(TypeId::kInteger);
  }
};

enum class LogicalJoinType : uint8_t {
  kInner,
  kLeft,
  kRight,
  kFull,
  kSemi,  // left rows with a match (EXISTS / IN); outputs the left columns only
  kAnti,  // left rows without a match (NOT EXISTS); left columns only
  kMark,  // left rows + a boolean "has match" column (binding mark_index, 0) with IN's NULL rules
};

struct JoinCondition {
  ExprPtr left;   // over the left child's bindings
  ExprPtr right;  // over the right child's bindings
  // true: IS NOT DISTINCT FROM (NULLs match); false: = (NULLs never match)
  bool null_equal = false;
};

// children[0] = left, children[1] = right. `conditions` are equi-join keys; `expressions` holds
// residual predicates over both sides (evaluated on matching pairs; for outer joins they decide
// matching, like ON). Output: left bindings then right bindings (semi/anti: left only; mark: left
// + the mark column).
class LogicalJoin : public LogicalOperator {
 public:
  explicit LogicalJoin(LogicalJoinType type)
      : LogicalOperator(LogicalOperatorKind::kJoin), join_type(type) {}
  LogicalJoinType join_type;
  std::vector<JoinCondition> conditions;
  idx_t mark_index = 0;
  // Child bindings left out of the output (remove_unused_columns: nothing above reads them).
  std::vector<ColumnBinding> pruned;
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::string ParamsToString() const override;

 protected:
  void ResolveTypes() override;
};

class LogicalCrossProduct : public LogicalOperator {
 public:
  LogicalCrossProduct() : LogicalOperator(LogicalOperatorKind::kCrossProduct) {}
  std::vector<ColumnBinding> GetColumnBindings() const override {
    auto out = children[0]->GetColumnBindings();
    auto r = children[1]->GetColumnBindings();
    out.insert(out.end(), r.begin(), r.end());
    return out;
  }

 protected:
  void ResolveTypes() override {
    types = children[0]->types;
    types.insert(types.end(), children[1]->types.begin(), children[1]->types.end());
  }
};

class LogicalOrder : public LogicalOperator {
 public:
  LogicalOrder() : LogicalOperator(LogicalOperatorKind::kOrder) {}
  std::vector<BoundOrderBy> orders;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    return children[0]->GetColumnBindings();
  }
  std::string ParamsToString() const override;

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

// LIMIT / OFFSET. Either a constant count or an expression (parameters) evaluated once.
// limit_value < 0 means no limit.
class LogicalLimit : public LogicalOperator {
 public:
  LogicalLimit() : LogicalOperator(LogicalOperatorKind::kLimit) {}
  int64_t limit_value = -1;
  int64_t offset_value = 0;
  ExprPtr limit_expression, offset_expression;  // used when not constant
  std::vector<ColumnBinding> GetColumnBindings() const override {
    return children[0]->GetColumnBindings();
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

// ORDER BY + LIMIT merged by the optimizer.
class LogicalTopN : public LogicalOperator {
 public:
  LogicalTopN() : LogicalOperator(LogicalOperatorKind::kTopN) {}
  std::vector<BoundOrderBy> orders;
  int64_t limit_value = 0;
  int64_t offset_value = 0;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    return children[0]->GetColumnBindings();
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

// DISTINCT (expressions empty: on all columns) or DISTINCT ON (expressions = the ON keys; keeps
// the first row per key in the child's order, so the planner puts the ORDER BY below it).
class LogicalDistinct : public LogicalOperator {
 public:
  LogicalDistinct() : LogicalOperator(LogicalOperatorKind::kDistinct) {}
  std::vector<ColumnBinding> GetColumnBindings() const override {
    return children[0]->GetColumnBindings();
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

enum class SetOperationType : uint8_t { kUnion, kIntersect, kExcept };

// children[0] op children[1]; both children already project to the same types. Bindings
// (table_index, i).
class LogicalSetOperation : public LogicalOperator {
 public:
  LogicalSetOperation(idx_t table_index, SetOperationType type, bool all, idx_t column_count)
      : LogicalOperator(LogicalOperatorKind::kSetOperation),
        table_index(table_index),
        set_type(type),
        all(all),
        column_count(column_count) {}
  idx_t table_index;
  SetOperationType set_type;
  bool all;
  idx_t column_count;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < column_count; i++) out.push_back({table_index, i});
    return out;
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

// WITH RECURSIVE: children[0] = anchor, children[1] = recursive part (reads the working table
// through LogicalCTERef with cte_index). union_all false: UNION semantics (duplicates dropped
// across iterations). Bindings (table_index, i).
class LogicalRecursiveCTE : public LogicalOperator {
 public:
  LogicalRecursiveCTE(idx_t table_index, idx_t cte_index, bool union_all, idx_t column_count)
      : LogicalOperator(LogicalOperatorKind::kRecursiveCTE),
        table_index(table_index),
        cte_index(cte_index),
        union_all(union_all),
        column_count(column_count) {}
  idx_t table_index;
  idx_t cte_index;
  bool union_all;
  idx_t column_count;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    std::vector<ColumnBinding> out;
    for (idx_t i = 0; i < column_count; i++) out.push_back({table_index, i});
    return out;
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

// A CTE computed once: children[0] = the CTE's query (result stored under cte_index),
// children[1] = the query that reads it through LogicalCTERef. Outputs children[1]'s bindings.
class LogicalMaterializedCTE : public LogicalOperator {
 public:
  explicit LogicalMaterializedCTE(idx_t cte_index)
      : LogicalOperator(LogicalOperatorKind::kMaterializedCTE), cte_index(cte_index) {}
  idx_t cte_index;
  std::vector<ColumnBinding> GetColumnBindings() const override {
    return children[1]->GetColumnBindings();
  }

 protected:
  void ResolveTypes() override { types = children[1]->types; }
};

}  // namespace kadedb
