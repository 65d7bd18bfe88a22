// ParsedExpression: the base of every expression node of the AST, plus ORDER BY items and
// window specifications (which expressions and query nodes both use).
//
// Invariants: a node owns its children through std::unique_ptr; `location` is the 1-based
// character offset inside its statement's text (0 = synthesized) of the token PostgreSQL would
// point at: the node's first token, except for operator-like nodes (OperatorExpression, IS ...,
// BETWEEN, IN, LIKE, AND/OR, ::, [], quantified comparisons) which point at their operator.
// Nodes are plain data: no binding state lives here. Copy() is a deep copy; ToString() prints
// re-parsable SQL (fully parenthesised operators, quoted identifiers where needed), used for
// EXPLAIN and catalog persistence. Not thread-safe to mutate; const access may be shared.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kadedb {

enum class ExpressionKind : uint8_t {
  kConstant,         // ConstantExpression
  kColumnRef,        // ColumnRefExpression: a, t.a, s.t.a
  kStar,             // StarExpression: *, t.*
  kParameter,        // ParameterExpression: $1
  kOperator,         // OperatorExpression: unary/binary operator kept as text (+ - || = ~ ...)
  kBoolean,          // BooleanExpression: AND / OR / NOT
  kNullTest,         // NullTestExpression: IS [NOT] NULL, ISNULL, NOTNULL
  kBooleanTest,      // BooleanTestExpression: IS [NOT] TRUE / FALSE / UNKNOWN
  kDistinctFrom,     // DistinctFromExpression: IS [NOT] DISTINCT FROM
  kBetween,          // BetweenExpression
  kInList,           // InListExpression: x [NOT] IN (a, b, c)
  kLike,             // LikeExpression: [NOT] LIKE / ILIKE / SIMILAR TO [ESCAPE]
  kCase,             // CaseExpression
  kCast,             // CastExpression: CAST(x AS t), x::t, DATE '...'
  kFunction,         // FunctionExpression (aggregates and window functions too)
  kSubquery,         // SubqueryExpression: scalar, EXISTS, IN, op ANY/ALL, ARRAY(subquery)
  kArrayComparison,  // ArrayComparisonExpression: x op ANY/ALL (array expression)
  kArray,            // ArrayExpression: ARRAY[a, b]
  kSubscript,        // SubscriptExpression: a[i], a[i:j]
  kRow,              // RowExpression: ROW(a, b), (a, b)
  kCollate,          // CollateExpression: x COLLATE "C"
  kDefault,          // DefaultExpression: DEFAULT in INSERT VALUES / UPDATE SET
};

class ParsedExpression;
using ParsedExpressionPtr = std::unique_ptr<ParsedExpression>;
using ParsedExpressionList = std::vector<ParsedExpressionPtr>;

class ParsedExpression {
 public:
  virtual ~ParsedExpression() = default;
  ParsedExpression(const ParsedExpression&) = delete;
  ParsedExpression& operator=(const ParsedExpression&) = delete;

  ExpressionKind kind;
  int location = 0;
  // Output name from the select list (`expr AS alias` or a bare label); empty when none.
  // Not printed by ToString().
  std::string alias;

  virtual ParsedExpressionPtr Copy() const = 0;
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
  ParsedExpression(ExpressionKind k, int loc) : kind(k), location(loc) {}
  // Copies location and alias into a freshly made copy.
  template <class T>
  std::unique_ptr<T> Finish(std::unique_ptr<T> copy) const {
    copy->location = location;
    copy->alias = alias;
    return copy;
  }
};

// Deep copies of optional children and lists (null stays null).
ParsedExpressionPtr CopyExpression(const ParsedExpressionPtr& e);
ParsedExpressionList CopyExpressionList(const ParsedExpressionList& list);

enum class OrderDirection : uint8_t { kDefault, kAscending, kDescending };
enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

// One ORDER BY key. The expression may be an integer constant (ordinal) or a bare column ref
// that names an output alias; the binder resolves both.
struct OrderByItem {
  ParsedExpressionPtr expression;
  OrderDirection direction = OrderDirection::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
  int location = 0;

  OrderByItem Copy() const;
  std::string ToString() const;  // "a DESC NULLS LAST"
};
std::vector<OrderByItem> CopyOrderBy(const std::vector<OrderByItem>& items);

enum class FrameMode : uint8_t { kDefault, kRows, kRange, kGroups };
enum class FrameBoundKind : uint8_t {
  kDefault,  // not given (start: UNBOUNDED PRECEDING; end: CURRENT ROW)
  kUnboundedPreceding,
  kPreceding,  // offset PRECEDING
  kCurrentRow,
  kFollowing,  // offset FOLLOWING
  kUnboundedFollowing,
};
enum class FrameExclude : uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kDefault;
  ParsedExpressionPtr offset;  // kPreceding / kFollowing only
};

// OVER (...) or WINDOW w AS (...). `OVER w` (no parentheses) sets only reference_name with
// is_reference = true; `OVER (w ORDER BY x)` sets reference_name and refines it.
struct WindowSpec {
  std::string reference_name;
  bool is_reference = false;
  ParsedExpressionList partition_by;
  std::vector<OrderByItem> order_by;
  FrameMode frame_mode = FrameMode::kDefault;  // kDefault: no frame clause given
  FrameBound start;
  FrameBound end;  // kDefault when the frame had no BETWEEN
  FrameExclude exclude = FrameExclude::kNoOthers;
  int location = 0;

  std::unique_ptr<WindowSpec> Copy() const;
  std::string ToString() const;  // "w" or "(PARTITION BY a ORDER BY b ROWS ...)"
};

// Prints an identifier, double-quoted when it would not re-parse as itself.
std::string QuoteIdentifier(const std::string& name);
// Prints a string literal with quotes doubled: 'it''s'.
std::string QuoteString(const std::string& text);
// "s"."t" style dotted name.
std::string QualifiedNameToString(const std::vector<std::string>& parts);

}  // namespace kadedb
