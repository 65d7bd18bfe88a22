// BoundExpression: a typed, name-resolved expression. Produced by the binder, rewritten by the
// optimizer, compiled by the executor (execution/expression_executor).
//
// One node type with a kind tag keeps rewriting rules short; the fields used by each kind are
// listed beside the enum. Children are owned. Every node has a result type (return_type).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/function.hpp"
#include "kadedb/types.hpp"
#include "kadedb/value.hpp"
#include "planner/column_binding.hpp"

namespace kadedb {

class LogicalOperator;

enum class BoundExpressionKind : uint8_t {
  kConstant,        // value
  kColumnRef,       // binding (+ depth: 0 = this query level; >0 = correlated outer column)
  kParameter,       // parameter_index ($1 -> 0)
  kFunction,        // scalar call: function, children = arguments (already cast)
  kCast,            // children[0] cast to return_type (try_cast = false)
  kAnd,             // children (n-ary)
  kOr,              // children (n-ary)
  kNot,             // children[0]
  kIsNull,          // children[0]
  kIsNotNull,       // children[0]
  kIsDistinctFrom,  // children[0], children[1] (same type)
  kIsNotDistinctFrom,
  kIn,  // children[0] IN (children[1..]) — all the same type; NULL rules of SQL
  kNotIn,
  kCase,           // children = when0, then0, when1, then1, ..., else (else always present)
  kSubquery,       // subquery_kind, subquery (plan), children[0] = left operand for IN/ANY/ALL
  kAggregateCall,  // only inside LogicalAggregate::aggregates (see BoundAggregate)
  kWindowCall,     // only inside LogicalWindow::windows (later issue)
};

enum class BoundSubqueryKind : uint8_t {
  kScalar,  // (SELECT x ...): NULL when empty, 21000 when more than one row
  kExists,  // EXISTS (...)
  kNotExists,
  kAny,  // children[0] <op> ANY (subquery)   (IN is = ANY)
  kAll,  // children[0] <op> ALL (subquery)   (NOT IN is <> ALL)
};

struct BoundExpression {
  BoundExpressionKind kind;
  LogicalType return_type;
  std::string alias;  // output name when used in a select list
  std::vector<std::unique_ptr<BoundExpression>> children;

  Value value;                // kConstant
  ColumnBinding binding;      // kColumnRef
  idx_t depth = 0;            // kColumnRef: 0 local, n = n subquery levels out
  idx_t parameter_index = 0;  // kParameter
  BoundScalarCall function;   // kFunction, and for kAny/kAll the comparison (e.g. "=")

  // kSubquery
  BoundSubqueryKind subquery_kind = BoundSubqueryKind::kScalar;
  std::unique_ptr<LogicalOperator> subquery;
  // Outer columns (depth >= 1 relative to the subquery) the subquery reads, in the order the
  // executor passes them in; each is a kColumnRef as seen from the enclosing query level
  // (depth decremented by one). Empty for an uncorrelated subquery.
  std::vector<std::unique_ptr<BoundExpression>> correlated_columns;
  // kConstant: an untyped string literal ('5') whose type the context has not fixed yet (the
  // binder coerces it; it is text when nothing else decides). Added by the binder.
  bool is_unknown_literal = false;

  // Constructor and destructor are out of line: LogicalOperator is incomplete here.
  explicit BoundExpression(BoundExpressionKind k, LogicalType type = LogicalType());
  ~BoundExpression();
  std::unique_ptr<BoundExpression> Copy() const;  // deep (the subquery plan too)
  std::string ToString() const;                   // for EXPLAIN
  bool IsFoldable() const;  // no column refs, parameters, subqueries or volatile functions
  bool Equals(const BoundExpression& other) const;
};

using ExprPtr = std::unique_ptr<BoundExpression>;

// Helpers for building nodes (binder, optimizer).
ExprPtr MakeConstant(Value v);
ExprPtr MakeColumnRef(ColumnBinding binding, LogicalType type, idx_t depth = 0);
// Whether a value of type from is, bit for bit, a value of type to and only its label changes
// (PostgreSQL's binary-coercible casts): any string type to text or to unbounded varchar.
bool IsRelabel(const LogicalType& from, const LogicalType& to);
// child as a value of target. No cast node when nothing changes: child itself when it already
// has type target, and a column reference relabelled in place (its return_type set to target)
// when IsRelabel: the reference then yields target-typed values without executor work, and
// consumers that look for a column (scan filters, index and join keys) still find one.
ExprPtr MakeCast(ExprPtr child, LogicalType target);

enum class OrderType : uint8_t { kAscending, kDescending };
enum class NullOrder : uint8_t { kNullsFirst, kNullsLast };

struct BoundOrderBy {
  OrderType type = OrderType::kAscending;
  NullOrder nulls = NullOrder::kNullsLast;  // PostgreSQL: NULLS LAST for ASC, FIRST for DESC
  ExprPtr expression;
  BoundOrderBy Copy() const;
};

// An aggregate in LogicalAggregate.
struct BoundAggregate {
  BoundAggregateCall function;
  std::vector<ExprPtr> children;  // arguments, already cast
  bool distinct = false;
  ExprPtr filter;  // FILTER (WHERE ...), may be null
  // ORDER BY inside the call (string_agg(x, ',' ORDER BY y)); may be empty.
  std::vector<BoundOrderBy> order_by;
  LogicalType return_type;
  std::string ToString() const;
};

}  // namespace kadedb
