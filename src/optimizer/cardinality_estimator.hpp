// Cardinality estimates for join ordering. With table statistics (optimizer/table_statistics.hpp:
// row counts and integer column ranges from the row groups' zone maps) a scan has its table's
// rows, a column's distinct count is bounded by its value range, an equality on a column keeps
// 1/distinct of the rows, range predicates keep the part of the column's range they cover, and
// an equi-join keeps |L| * |R| / max(distinct(left key), distinct(right key)). Without statistics
// the rules of thumb are: a table has kDefaultTableRows rows, an equality on all columns of a
// unique key leaves one row, any other predicate keeps a tenth of the rows.
#pragma once

#include <optional>
#include <vector>

#include "optimizer/table_statistics.hpp"
#include "planner/logical_operator.hpp"
#include "planner/operator/logical_get.hpp"

namespace kadedb {

inline constexpr double kDefaultTableRows = 1000;
inline constexpr double kFilterSelectivity = 0.1;

class CardinalityEstimator {
 public:
  // stats may be null (no statistics: rules of thumb only).
  explicit CardinalityEstimator(StatisticsCache* stats = nullptr) : stats_(stats) {}

  // Estimated output rows of op (at least 1).
  double Rows(const LogicalOperator& op);
  // Estimated distinct values of expr over the rows of the given inputs, whose output rows
  // number `rows` (at most that; `rows` when nothing better is known).
  double Distinct(const std::vector<const LogicalOperator*>& inputs, const BoundExpression& expr,
                  double rows);
  // Estimated fraction of rows for which predicate holds; its columns are looked up in inputs.
  double Selectivity(const std::vector<const LogicalOperator*>& inputs,
                     const BoundExpression& predicate);
  // Selectivity of a conjunction (range predicates on one column are combined).
  double ConjunctionSelectivity(const std::vector<const LogicalOperator*>& inputs,
                                const std::vector<const BoundExpression*>& predicates);
  // Rows of the table a scan reads (statistics, or kDefaultTableRows).
  double TableRows(const LogicalGet& get);

 private:
  struct Source {
    const LogicalGet* get = nullptr;
    column_t column = 0;  // table column
  };
  std::optional<Source> FindSource(const std::vector<const LogicalOperator*>& inputs,
                                   const BoundExpression& expr);
  // Distinct values of a table column when known from a unique key or statistics.
  std::optional<double> KnownDistinct(const Source& source);
  const ColumnStatistics* ColumnStats(const Source& source);
  double PredicateSelectivity(const std::vector<const LogicalOperator*>& inputs,
                              const BoundExpression& predicate);
  double JoinRows(const LogicalOperator& op);

  StatisticsCache* stats_;
};

// Estimated output rows of op without statistics (at least 1).
double EstimateCardinality(const LogicalOperator& op);

// True when expr is a bare column reference to a column of a unique key (single-column UNIQUE /
// PRIMARY KEY) of the table scanned by get, so each value matches at most one row of it.
bool IsUniqueKeyColumn(const LogicalGet& get, const BoundExpression& expr);

}  // namespace kadedb
