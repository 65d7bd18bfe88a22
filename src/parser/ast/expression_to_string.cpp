// ToString() of expression nodes: re-parsable SQL with every operator parenthesised, identifiers
// quoted where needed, and the normalised special forms printed back in SQL-standard syntax.
#include "parser/ast/expressions.hpp"
#include "parser/ast/query_node.hpp"
#include "parser/keywords.hpp"

namespace kadedb {

namespace {

bool IsSimpleIdentifier(const std::string& s) {
  if (s.empty()) return false;
  if (!((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return false;
  }
  return true;
}

std::string JoinList(const ParsedExpressionList& list) {
  std::string out;
  for (size_t i = 0; i < list.size(); i++) {
    if (i) out += ", ";
    out += list[i]->ToString();
  }
  return out;
}

std::string JoinOrderBy(const std::vector<OrderByItem>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); i++) {
    if (i) out += ", ";
    out += items[i].ToString();
  }
  return out;
}

std::string FrameBoundToString(const FrameBound& b) {
  switch (b.kind) {
    case FrameBoundKind::kUnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case FrameBoundKind::kPreceding:
      return b.offset->ToString() + " PRECEDING";
    case FrameBoundKind::kCurrentRow:
      return "CURRENT ROW";
    case FrameBoundKind::kFollowing:
      return b.offset->ToString() + " FOLLOWING";
    case FrameBoundKind::kUnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
    case FrameBoundKind::kDefault:
      return "";
  }
  return "";
}

}  // namespace

std::string QuoteIdentifier(const std::string& name) {
  if (IsSimpleIdentifier(name) && !IsReservedKeyword(name) && !IsTypeFuncNameKeyword(name)) {
    return name;
  }
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string QuoteString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string QualifiedNameToString(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) {
    if (i) out += ".";
    out += QuoteIdentifier(parts[i]);
  }
  return out;
}

std::string OrderByItem::ToString() const {
  std::string out = expression->ToString();
  if (direction == OrderDirection::kAscending) out += " ASC";
  if (direction == OrderDirection::kDescending) out += " DESC";
  if (nulls == NullsOrder::kFirst) out += " NULLS FIRST";
  if (nulls == NullsOrder::kLast) out += " NULLS LAST";
  return out;
}

std::string WindowSpec::ToString() const {
  if (is_reference) return QuoteIdentifier(reference_name);
  std::string out = "(";
  auto sep = [&]() {
    if (out.size() > 1) out += " ";
  };
  if (!reference_name.empty()) out += QuoteIdentifier(reference_name);
  if (!partition_by.empty()) {
    sep();
    out += "PARTITION BY " + JoinList(partition_by);
  }
  if (!order_by.empty()) {
    sep();
    out += "ORDER BY " + JoinOrderBy(order_by);
  }
  if (frame_mode != FrameMode::kDefault) {
    sep();
    out += frame_mode == FrameMode::kRows    ? "ROWS "
           : frame_mode == FrameMode::kRange ? "RANGE "
                                             : "GROUPS ";
    if (end.kind != FrameBoundKind::kDefault) {
      out += "BETWEEN " + FrameBoundToString(start) + " AND " + FrameBoundToString(end);
    } else {
      out += FrameBoundToString(start);
    }
    if (exclude == FrameExclude::kCurrentRow) out += " EXCLUDE CURRENT ROW";
    if (exclude == FrameExclude::kGroup) out += " EXCLUDE GROUP";
    if (exclude == FrameExclude::kTies) out += " EXCLUDE TIES";
  }
  return out + ")";
}

std::string ConstantExpression::ToString() const {
  switch (value_kind) {
    case ConstantKind::kNull:
      return "NULL";
    case ConstantKind::kBoolean:
      return boolean_value ? "TRUE" : "FALSE";
    case ConstantKind::kInteger:
      // Parenthesised when negative so that `x - -1` and `(-1)::t` re-parse identically.
      return integer_value < 0 ? "(" + std::to_string(integer_value) + ")"
                               : std::to_string(integer_value);
    case ConstantKind::kNumeric:
      return text[0] == '-' ? "(" + text + ")" : text;
    case ConstantKind::kString:
      return QuoteString(text);
  }
  return "NULL";
}

std::string ColumnRefExpression::ToString() const {
  return QualifiedNameToString(names);
}

std::string StarExpression::ToString() const {
  return qualifier.empty() ? "*" : QualifiedNameToString(qualifier) + ".*";
}

std::string ParameterExpression::ToString() const {
  return "$" + std::to_string(index);
}

std::string OperatorExpression::ToString() const {
  if (children.size() == 1) return "(" + op + " " + children[0]->ToString() + ")";
  return "(" + children[0]->ToString() + " " + op + " " + children[1]->ToString() + ")";
}

std::string BooleanExpression::ToString() const {
  if (op == BooleanOp::kNot) return "(NOT " + children[0]->ToString() + ")";
  std::string out = "(";
  for (size_t i = 0; i < children.size(); i++) {
    if (i) out += op == BooleanOp::kAnd ? " AND " : " OR ";
    out += children[i]->ToString();
  }
  return out + ")";
}

std::string NullTestExpression::ToString() const {
  return "(" + child->ToString() + (negated ? " IS NOT NULL)" : " IS NULL)");
}

std::string BooleanTestExpression::ToString() const {
  const char* what = test == BooleanTestKind::kTrue    ? "TRUE"
                     : test == BooleanTestKind::kFalse ? "FALSE"
                                                       : "UNKNOWN";
  return "(" + child->ToString() + (negated ? " IS NOT " : " IS ") + what + ")";
}

std::string DistinctFromExpression::ToString() const {
  return "(" + left->ToString() + (negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") +
         right->ToString() + ")";
}

std::string BetweenExpression::ToString() const {
  return "(" + input->ToString() + (negated ? " NOT" : "") + " BETWEEN " +
         (symmetric ? "SYMMETRIC " : "") + lower->ToString() + " AND " + upper->ToString() + ")";
}

std::string InListExpression::ToString() const {
  return "(" + input->ToString() + (negated ? " NOT IN (" : " IN (") + JoinList(list) + "))";
}

std::string LikeExpression::ToString() const {
  const char* kw = like_kind == LikeKind::kLike    ? " LIKE "
                   : like_kind == LikeKind::kILike ? " ILIKE "
                                                   : " SIMILAR TO ";
  std::string out = "(" + input->ToString() + (negated ? " NOT" : "") + kw + pattern->ToString();
  if (escape) out += " ESCAPE " + escape->ToString();
  return out + ")";
}

std::string CaseExpression::ToString() const {
  std::string out = "CASE";
  if (operand) out += " " + operand->ToString();
  for (const auto& c : checks) {
    out += " WHEN " + c.when->ToString() + " THEN " + c.then->ToString();
  }
  if (else_expr) out += " ELSE " + else_expr->ToString();
  return out + " END";
}

std::string CastExpression::ToString() const {
  return "CAST(" + child->ToString() + " AS " + type.ToString() + ")";
}

std::string FunctionExpression::ToString() const {
  if (is_keyword) return function_name();
  const std::string& fn = function_name();
  std::string out;
  if (name.size() == 1 && fn == "extract" && args.size() == 2) {
    out = "EXTRACT(" + args[0]->ToString() + " FROM " + args[1]->ToString() + ")";
  } else if (name.size() == 1 && fn == "position" && args.size() == 2) {
    out = "POSITION(" + args[1]->ToString() + " IN " + args[0]->ToString() + ")";
  } else {
    std::string printed_name;
    for (size_t i = 0; i < name.size(); i++) {
      if (i) printed_name += ".";
      bool keyword_call = name.size() == 1 && (fn == "current_time" || fn == "current_timestamp" ||
                                               fn == "localtime" || fn == "localtimestamp");
      if (keyword_call || (IsSimpleIdentifier(name[i]) && !IsReservedKeyword(name[i]))) {
        printed_name += name[i];
      } else {
        std::string quoted = QuoteIdentifier(name[i]);
        printed_name += quoted[0] == '"' ? quoted : "\"" + quoted + "\"";
      }
    }
    out = printed_name + "(";
    if (star) out += "*";
    if (distinct) out += "DISTINCT ";
    out += JoinList(args);
    if (!order_by.empty()) out += " ORDER BY " + JoinOrderBy(order_by);
    out += ")";
  }
  if (!within_group.empty()) out += " WITHIN GROUP (ORDER BY " + JoinOrderBy(within_group) + ")";
  if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
  if (over) out += " OVER " + over->ToString();
  return out;
}

std::string SubqueryExpression::ToString() const {
  std::string sub = "(" + subquery->ToString() + ")";
  switch (subquery_kind) {
    case SubqueryKind::kScalar:
      return sub;
    case SubqueryKind::kExists:
      return "EXISTS " + sub;
    case SubqueryKind::kArray:
      return "ARRAY" + sub;
    case SubqueryKind::kIn:
      return "(" + left->ToString() + (negated ? " NOT IN " : " IN ") + sub + ")";
    case SubqueryKind::kAny:
      return "(" + left->ToString() + " " + op + " ANY " + sub + ")";
    case SubqueryKind::kAll:
      return "(" + left->ToString() + " " + op + " ALL " + sub + ")";
  }
  return sub;
}

std::string ArrayComparisonExpression::ToString() const {
  return "(" + left->ToString() + " " + op + (all ? " ALL (" : " ANY (") + right->ToString() + "))";
}

std::string ArrayExpression::ToString() const {
  return "ARRAY[" + JoinList(elements) + "]";
}

std::string SubscriptExpression::ToString() const {
  std::string out = "(" + child->ToString() + ")[";
  if (index) out += index->ToString();
  if (is_slice) {
    out += ":";
    if (upper) out += upper->ToString();
  }
  return out + "]";
}

std::string RowExpression::ToString() const {
  return "ROW(" + JoinList(children) + ")";
}

std::string CollateExpression::ToString() const {
  return "(" + child->ToString() + " COLLATE " + QualifiedNameToString(collation) + ")";
}

std::string DefaultExpression::ToString() const {
  return "DEFAULT";
}

}  // namespace kadedb
