// QueryNode: a query expression — SELECT core, set operation or VALUES — with the clauses that
// any of them may carry (WITH, ORDER BY, LIMIT/OFFSET).
//
// Set operations keep PostgreSQL precedence (INTERSECT binds tighter than UNION/EXCEPT, both
// left-associative). A parenthesised operand keeps its own ORDER BY/LIMIT on its own node.
// ORDER BY keys are raw expressions (ordinals / output aliases are resolved by the binder).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parser/ast/expressions.hpp"
#include "parser/ast/table_ref.hpp"

namespace kadedb {

class Statement;

enum class QueryNodeKind : uint8_t { kSelect, kSetOperation, kValues };

enum class CteMaterialize : uint8_t { kDefault, kAlways, kNever };

class QueryNode;

struct CommonTableExpression {
  std::string name;
  std::vector<std::string> column_names;  // WITH t(a, b) AS (...)
  std::unique_ptr<QueryNode> query;
  // A data-modifying CTE (INSERT / UPDATE / DELETE [RETURNING]) instead of query; only in the
  // WITH of a top-level statement. shared_ptr: Statement is incomplete here.
  std::shared_ptr<Statement> dml;
  CteMaterialize materialize = CteMaterialize::kDefault;
  int location = 0;

  CommonTableExpression Copy() const;
};

struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpression> ctes;

  std::unique_ptr<WithClause> Copy() const;
  std::string ToString() const;  // "WITH RECURSIVE t(a) AS (...) "
};

class QueryNode {
 public:
  virtual ~QueryNode() = default;
  QueryNode(const QueryNode&) = delete;
  QueryNode& operator=(const QueryNode&) = delete;

  QueryNodeKind kind;
  int location = 0;
  std::unique_ptr<WithClause> with;  // null when no WITH
  std::vector<OrderByItem> order_by;
  ParsedExpressionPtr limit;   // null: no LIMIT (LIMIT ALL and LIMIT NULL also give null)
  ParsedExpressionPtr offset;  // null: no OFFSET

  virtual std::unique_ptr<QueryNode> Copy() const = 0;
  // Re-parsable SQL of the whole query expression (used for EXPLAIN and debugging; views store
  // their original source text instead, see CreateViewStatement).
  virtual std::string ToString() const = 0;

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }

 protected:
  QueryNode(QueryNodeKind k, int loc) : kind(k), location(loc) {}
  void CopyBase(QueryNode& copy) const;
  std::string ModifiersToString() const;  // " ORDER BY ... LIMIT ... OFFSET ..."
};
using QueryNodePtr = std::unique_ptr<QueryNode>;

enum class DistinctKind : uint8_t { kNone, kDistinct, kDistinctOn };

enum class GroupingKind : uint8_t {
  kExpression,  // a plain GROUP BY item (expression may be a RowExpression for (a, b))
  kEmpty,       // ()
  kRollup,      // ROLLUP (children)
  kCube,        // CUBE (children)
  kSets,        // GROUPING SETS (children)
};

// One element of GROUP BY. For ROLLUP/CUBE each child is kExpression (a row for (a, b)) or
// kEmpty; GROUPING SETS children may themselves be any element.
struct GroupingElement {
  GroupingKind kind = GroupingKind::kExpression;
  ParsedExpressionPtr expression;
  std::vector<GroupingElement> children;
  int location = 0;

  GroupingElement Copy() const;
  std::string ToString() const;
};

struct WindowDefinition {
  std::string name;
  std::unique_ptr<WindowSpec> spec;
  int location = 0;
};

class SelectNode : public QueryNode {
 public:
  explicit SelectNode(int loc = 0) : QueryNode(QueryNodeKind::kSelect, loc) {}
  DistinctKind distinct = DistinctKind::kNone;
  ParsedExpressionList distinct_on;
  // Output list; items carry their alias in ParsedExpression::alias. May be empty (SELECT FROM t).
  ParsedExpressionList select_list;
  TableRefPtr from;  // null when no FROM
  ParsedExpressionPtr where;
  std::vector<GroupingElement> group_by;  // empty when no GROUP BY
  bool group_by_distinct = false;         // GROUP BY DISTINCT
  ParsedExpressionPtr having;
  std::vector<WindowDefinition> windows;  // WINDOW w AS (...)

  QueryNodePtr Copy() const override;
  std::string ToString() const override;
};

enum class SetOperationKind : uint8_t { kUnion, kIntersect, kExcept };

class SetOperationNode : public QueryNode {
 public:
  explicit SetOperationNode(int loc = 0) : QueryNode(QueryNodeKind::kSetOperation, loc) {}
  SetOperationKind op = SetOperationKind::kUnion;
  bool all = false;  // UNION ALL; DISTINCT is the default
  QueryNodePtr left;
  QueryNodePtr right;

  QueryNodePtr Copy() const override;
  std::string ToString() const override;
};

// VALUES (1, 'a'), (2, DEFAULT). Rows may contain DefaultExpression (INSERT only).
class ValuesNode : public QueryNode {
 public:
  explicit ValuesNode(int loc = 0) : QueryNode(QueryNodeKind::kValues, loc) {}
  std::vector<ParsedExpressionList> rows;  // all rows have the same length (checked: 42601)

  QueryNodePtr Copy() const override;
  std::string ToString() const override;
};

}  // namespace kadedb
