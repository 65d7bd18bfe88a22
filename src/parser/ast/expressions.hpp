// The concrete expression nodes of the AST (see parsed_expression.hpp for the shared contract).
//
// Special SQL syntax is normalised into FunctionExpression calls, as PostgreSQL does:
//   EXTRACT(f FROM x)           -> extract('f', x)          (field as a lower-case string constant)
//   POSITION(a IN b)            -> position(b, a)           (string first, like strpos)
//   SUBSTRING(x FROM a FOR b)   -> substring(x, a, b); SUBSTRING(x FOR b) -> substring(x, 1, b)
//   TRIM([BOTH] [c] FROM x)     -> btrim(x[, c]); LEADING -> ltrim; TRAILING -> rtrim
//   OVERLAY(x PLACING y FROM a [FOR b]) -> overlay(x, y, a[, b])
//   x AT TIME ZONE z            -> timezone(z, x)
//   COALESCE/NULLIF/GREATEST/LEAST(...) -> plain calls of those names
//   CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP, CURRENT_USER, ...
//                               -> call with no args and is_keyword = true (printed bare)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parser/ast/parsed_expression.hpp"
#include "parser/ast/type_name.hpp"

namespace kadedb {

class QueryNode;

enum class ConstantKind : uint8_t {
  kNull,
  kBoolean,  // boolean_value
  kInteger,  // integer_value; type is INTEGER when it fits int32, else BIGINT
  kNumeric,  // text holds the exact literal ("1.50", "1e10", "99999999999999999999")
  kString,   // text holds the decoded string; unknown-typed (the binder coerces it)
};

class ConstantExpression : public ParsedExpression {
 public:
  explicit ConstantExpression(int loc = 0) : ParsedExpression(ExpressionKind::kConstant, loc) {}
  ConstantKind value_kind = ConstantKind::kNull;
  bool boolean_value = false;
  int64_t integer_value = 0;
  bool is_bigint = false;  // kInteger: does not fit int32
  std::string text;        // kNumeric / kString

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class ColumnRefExpression : public ParsedExpression {
 public:
  explicit ColumnRefExpression(int loc = 0) : ParsedExpression(ExpressionKind::kColumnRef, loc) {}
  std::vector<std::string> names;  // [column], [table, column], [schema, table, column]
  const std::string& column_name() const { return names.back(); }

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class StarExpression : public ParsedExpression {
 public:
  explicit StarExpression(int loc = 0) : ParsedExpression(ExpressionKind::kStar, loc) {}
  std::vector<std::string> qualifier;  // empty for *, [t] for t.*, [s, t] for s.t.*

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class ParameterExpression : public ParsedExpression {
 public:
  explicit ParameterExpression(int loc = 0) : ParsedExpression(ExpressionKind::kParameter, loc) {}
  int index = 0;  // $1 -> 1

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

// Any operator kept as its text. One child = prefix unary (-x, +x, ~x, @x); two = binary.
// Comparison ops are spelled as written except "!=" which is normalised to "<>" (as PostgreSQL).
class OperatorExpression : public ParsedExpression {
 public:
  explicit OperatorExpression(int loc = 0) : ParsedExpression(ExpressionKind::kOperator, loc) {}
  std::string op;
  ParsedExpressionList children;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

enum class BooleanOp : uint8_t { kAnd, kOr, kNot };

// AND / OR with two or more children (chains are flattened); NOT with exactly one.
class BooleanExpression : public ParsedExpression {
 public:
  explicit BooleanExpression(int loc = 0) : ParsedExpression(ExpressionKind::kBoolean, loc) {}
  BooleanOp op = BooleanOp::kAnd;
  ParsedExpressionList children;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class NullTestExpression : public ParsedExpression {
 public:
  explicit NullTestExpression(int loc = 0) : ParsedExpression(ExpressionKind::kNullTest, loc) {}
  ParsedExpressionPtr child;
  bool negated = false;  // IS NOT NULL / NOTNULL

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

enum class BooleanTestKind : uint8_t { kTrue, kFalse, kUnknown };

class BooleanTestExpression : public ParsedExpression {
 public:
  explicit BooleanTestExpression(int loc = 0)
      : ParsedExpression(ExpressionKind::kBooleanTest, loc) {}
  ParsedExpressionPtr child;
  BooleanTestKind test = BooleanTestKind::kTrue;
  bool negated = false;  // IS NOT TRUE ...

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class DistinctFromExpression : public ParsedExpression {
 public:
  explicit DistinctFromExpression(int loc = 0)
      : ParsedExpression(ExpressionKind::kDistinctFrom, loc) {}
  ParsedExpressionPtr left;
  ParsedExpressionPtr right;
  bool negated = false;  // IS NOT DISTINCT FROM

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class BetweenExpression : public ParsedExpression {
 public:
  explicit BetweenExpression(int loc = 0) : ParsedExpression(ExpressionKind::kBetween, loc) {}
  ParsedExpressionPtr input;
  ParsedExpressionPtr lower;
  ParsedExpressionPtr upper;
  bool negated = false;
  bool symmetric = false;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class InListExpression : public ParsedExpression {
 public:
  explicit InListExpression(int loc = 0) : ParsedExpression(ExpressionKind::kInList, loc) {}
  ParsedExpressionPtr input;
  ParsedExpressionList list;  // never empty (PostgreSQL rejects IN ())
  bool negated = false;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

enum class LikeKind : uint8_t { kLike, kILike, kSimilarTo };

class LikeExpression : public ParsedExpression {
 public:
  explicit LikeExpression(int loc = 0) : ParsedExpression(ExpressionKind::kLike, loc) {}
  LikeKind like_kind = LikeKind::kLike;
  ParsedExpressionPtr input;
  ParsedExpressionPtr pattern;
  ParsedExpressionPtr escape;  // null when no ESCAPE clause
  bool negated = false;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

struct CaseCheck {
  ParsedExpressionPtr when;
  ParsedExpressionPtr then;
};

// Simple CASE keeps `operand`; searched CASE has operand == nullptr.
class CaseExpression : public ParsedExpression {
 public:
  explicit CaseExpression(int loc = 0) : ParsedExpression(ExpressionKind::kCase, loc) {}
  ParsedExpressionPtr operand;
  std::vector<CaseCheck> checks;  // at least one
  ParsedExpressionPtr else_expr;  // null when no ELSE

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

enum class CastSyntax : uint8_t {
  kCast,          // CAST(x AS t)
  kDoubleColon,   // x::t
  kTypedLiteral,  // DATE '2020-01-01', INTERVAL '1' DAY (child is a kString constant)
};

class CastExpression : public ParsedExpression {
 public:
  explicit CastExpression(int loc = 0) : ParsedExpression(ExpressionKind::kCast, loc) {}
  ParsedExpressionPtr child;
  TypeName type;
  CastSyntax syntax = CastSyntax::kCast;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class FunctionExpression : public ParsedExpression {
 public:
  explicit FunctionExpression(int loc = 0) : ParsedExpression(ExpressionKind::kFunction, loc) {}
  std::vector<std::string> name;  // qualified: [schema, function]; function_name() is the last
  ParsedExpressionList args;
  bool distinct = false;                  // f(DISTINCT x)
  bool star = false;                      // count(*): args empty
  bool is_keyword = false;                // CURRENT_DATE etc.: written without parentheses
  std::vector<OrderByItem> order_by;      // string_agg(x, ',' ORDER BY y)
  std::vector<OrderByItem> within_group;  // percentile_cont(0.5) WITHIN GROUP (ORDER BY x)
  ParsedExpressionPtr filter;             // FILTER (WHERE ...)
  std::unique_ptr<WindowSpec> over;       // OVER ...; null for plain calls and aggregates

  const std::string& function_name() const { return name.back(); }
  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

enum class SubqueryKind : uint8_t {
  kScalar,  // (SELECT ...)
  kExists,  // EXISTS (SELECT ...)
  kIn,      // x [NOT] IN (SELECT ...)
  kAny,     // x op ANY|SOME (SELECT ...)
  kAll,     // x op ALL (SELECT ...)
  kArray,   // ARRAY(SELECT ...)
};

class SubqueryExpression : public ParsedExpression {
 public:
  explicit SubqueryExpression(int loc = 0) : ParsedExpression(ExpressionKind::kSubquery, loc) {}
  ~SubqueryExpression() override;
  SubqueryKind subquery_kind = SubqueryKind::kScalar;
  std::unique_ptr<QueryNode> subquery;
  ParsedExpressionPtr left;  // kIn / kAny / kAll
  std::string op;            // kAny / kAll: comparison operator text ("=", "<", ...)
  bool negated = false;      // kIn: NOT IN

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

// x op ANY|SOME|ALL (array-valued expression), e.g. x = ANY(ARRAY[1,2]).
class ArrayComparisonExpression : public ParsedExpression {
 public:
  explicit ArrayComparisonExpression(int loc = 0)
      : ParsedExpression(ExpressionKind::kArrayComparison, loc) {}
  ParsedExpressionPtr left;
  ParsedExpressionPtr right;
  std::string op;
  bool all = false;  // false: ANY/SOME

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class ArrayExpression : public ParsedExpression {
 public:
  explicit ArrayExpression(int loc = 0) : ParsedExpression(ExpressionKind::kArray, loc) {}
  ParsedExpressionList elements;  // may be empty: ARRAY[]

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class SubscriptExpression : public ParsedExpression {
 public:
  explicit SubscriptExpression(int loc = 0) : ParsedExpression(ExpressionKind::kSubscript, loc) {}
  ParsedExpressionPtr child;
  ParsedExpressionPtr index;  // a[i]; for slices a[i:j] the lower bound (may be null)
  ParsedExpressionPtr upper;  // slices only (may be null: a[i:])
  bool is_slice = false;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class RowExpression : public ParsedExpression {
 public:
  explicit RowExpression(int loc = 0) : ParsedExpression(ExpressionKind::kRow, loc) {}
  ParsedExpressionList children;
  bool explicit_row = false;  // written ROW(...)

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class CollateExpression : public ParsedExpression {
 public:
  explicit CollateExpression(int loc = 0) : ParsedExpression(ExpressionKind::kCollate, loc) {}
  ParsedExpressionPtr child;
  std::vector<std::string> collation;

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

class DefaultExpression : public ParsedExpression {
 public:
  explicit DefaultExpression(int loc = 0) : ParsedExpression(ExpressionKind::kDefault, loc) {}

  ParsedExpressionPtr Copy() const override;
  std::string ToString() const override;
};

}  // namespace kadedb
