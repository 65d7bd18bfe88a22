// BoundExpression helpers: deep copy, structural equality, EXPLAIN text, foldability, and the
// Make* constructors the binder and optimizer use.
#include "planner/bound_expression.hpp"

#include "planner/logical_operator.hpp"

namespace kadedb {

namespace {

std::vector<ExprPtr> CopyList(const std::vector<ExprPtr>& list) {
  std::vector<ExprPtr> out;
  out.reserve(list.size());
  for (auto& e : list) out.push_back(e ? e->Copy() : nullptr);
  return out;
}

// Deep copy of a plan: operators are copied through their own Copy when available; the binder
// never copies subquery plans, so a shallow "not copyable" plan is reported as internal error.
bool ValuesEqual(const Value& a, const Value& b) {
  if (a.IsNull() || b.IsNull()) return a.IsNull() == b.IsNull() && a.type() == b.type();
  if (a.type() != b.type()) return false;
  return a.ToString() == b.ToString();
}

std::string JoinChildren(const std::vector<ExprPtr>& children, size_t from, const char* sep) {
  std::string out;
  for (size_t i = from; i < children.size(); i++) {
    if (i > from) out += sep;
    out += children[i]->ToString();
  }
  return out;
}

}  // namespace

BoundExpression::BoundExpression(BoundExpressionKind k, LogicalType type)
    : kind(k), return_type(type) {}
BoundExpression::~BoundExpression() = default;

ExprPtr BoundExpression::Copy() const {
  auto copy = std::make_unique<BoundExpression>(kind, return_type);
  copy->alias = alias;
  copy->children = CopyList(children);
  copy->value = value;
  copy->binding = binding;
  copy->depth = depth;
  copy->parameter_index = parameter_index;
  copy->function = function;
  copy->subquery_kind = subquery_kind;
  copy->is_unknown_literal = is_unknown_literal;
  if (subquery) copy->subquery = CopyPlan(*subquery);
  copy->correlated_columns = CopyList(correlated_columns);
  return copy;
}

bool BoundExpression::Equals(const BoundExpression& o) const {
  if (kind != o.kind || return_type != o.return_type) return false;
  if (children.size() != o.children.size()) return false;
  for (size_t i = 0; i < children.size(); i++) {
    if (!children[i]->Equals(*o.children[i])) return false;
  }
  switch (kind) {
    case BoundExpressionKind::kConstant:
      return ValuesEqual(value, o.value);
    case BoundExpressionKind::kColumnRef:
      return binding == o.binding && depth == o.depth;
    case BoundExpressionKind::kParameter:
      return parameter_index == o.parameter_index;
    case BoundExpressionKind::kFunction:
      return function.function == o.function.function && !function.function->is_volatile;
    case BoundExpressionKind::kSubquery:
    case BoundExpressionKind::kAggregateCall:
    case BoundExpressionKind::kWindowCall:
      return this == &o;  // plans are not compared
    default:
      return true;
  }
}

bool BoundExpression::IsFoldable() const {
  switch (kind) {
    case BoundExpressionKind::kColumnRef:
    case BoundExpressionKind::kParameter:
    case BoundExpressionKind::kSubquery:
    case BoundExpressionKind::kAggregateCall:
    case BoundExpressionKind::kWindowCall:
      return false;
    case BoundExpressionKind::kFunction:
      if (function.function && function.function->is_volatile) return false;
      break;
    default:
      break;
  }
  for (auto& c : children) {
    if (!c->IsFoldable()) return false;
  }
  return true;
}

std::string BoundExpression::ToString() const {
  switch (kind) {
    case BoundExpressionKind::kConstant:
      if (value.IsNull()) return "NULL";
      if (return_type.IsString() || return_type.IsTemporal() ||
          return_type.id == TypeId::kInterval || return_type.id == TypeId::kUuid) {
        return "'" + value.ToString() + "'::" + return_type.ToString();
      }
      return value.ToString();
    case BoundExpressionKind::kColumnRef: {
      std::string s = alias.empty() ? "#" : alias;
      s += "[" + std::to_string(binding.table_index) + "." + std::to_string(binding.column_index);
      if (depth > 0) s += "^" + std::to_string(depth);
      return s + "]";
    }
    case BoundExpressionKind::kParameter:
      return "$" + std::to_string(parameter_index + 1);
    case BoundExpressionKind::kFunction: {
      const std::string name = function.function ? function.function->name : "?";
      bool is_op = !name.empty() && !isalpha(static_cast<unsigned char>(name[0])) && name[0] != '_';
      if (is_op && children.size() == 2) {
        return "(" + children[0]->ToString() + " " + name + " " + children[1]->ToString() + ")";
      }
      if (is_op && children.size() == 1) return "(" + name + children[0]->ToString() + ")";
      return name + "(" + JoinChildren(children, 0, ", ") + ")";
    }
    case BoundExpressionKind::kCast:
      return "CAST(" + children[0]->ToString() + " AS " + return_type.ToString() + ")";
    case BoundExpressionKind::kAnd:
      return "(" + JoinChildren(children, 0, " AND ") + ")";
    case BoundExpressionKind::kOr:
      return "(" + JoinChildren(children, 0, " OR ") + ")";
    case BoundExpressionKind::kNot:
      return "(NOT " + children[0]->ToString() + ")";
    case BoundExpressionKind::kIsNull:
      return "(" + children[0]->ToString() + " IS NULL)";
    case BoundExpressionKind::kIsNotNull:
      return "(" + children[0]->ToString() + " IS NOT NULL)";
    case BoundExpressionKind::kIsDistinctFrom:
      return "(" + children[0]->ToString() + " IS DISTINCT FROM " + children[1]->ToString() + ")";
    case BoundExpressionKind::kIsNotDistinctFrom:
      return "(" + children[0]->ToString() + " IS NOT DISTINCT FROM " + children[1]->ToString() +
             ")";
    case BoundExpressionKind::kIn:
      return "(" + children[0]->ToString() + " IN (" + JoinChildren(children, 1, ", ") + "))";
    case BoundExpressionKind::kNotIn:
      return "(" + children[0]->ToString() + " NOT IN (" + JoinChildren(children, 1, ", ") + "))";
    case BoundExpressionKind::kCase: {
      std::string s = "CASE";
      for (size_t i = 0; i + 1 < children.size(); i += 2) {
        s += " WHEN " + children[i]->ToString() + " THEN " + children[i + 1]->ToString();
      }
      return s + " ELSE " + children.back()->ToString() + " END";
    }
    case BoundExpressionKind::kSubquery: {
      std::string op = function.function ? function.function->name : "=";
      switch (subquery_kind) {
        case BoundSubqueryKind::kScalar:
          return "(SUBQUERY)";
        case BoundSubqueryKind::kExists:
          return "EXISTS(SUBQUERY)";
        case BoundSubqueryKind::kNotExists:
          return "NOT EXISTS(SUBQUERY)";
        case BoundSubqueryKind::kAny:
          return "(" + children[0]->ToString() + " " + op + " ANY(SUBQUERY))";
        case BoundSubqueryKind::kAll:
          return "(" + children[0]->ToString() + " " + op + " ALL(SUBQUERY))";
      }
      return "(SUBQUERY)";
    }
    case BoundExpressionKind::kAggregateCall:
      return "aggregate(" + JoinChildren(children, 0, ", ") + ")";
    case BoundExpressionKind::kWindowCall:
      return "window(" + JoinChildren(children, 0, ", ") + ")";
  }
  return "?";
}

ExprPtr MakeConstant(Value v) {
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kConstant, v.type());
  e->value = std::move(v);
  return e;
}

ExprPtr MakeColumnRef(ColumnBinding binding, LogicalType type, idx_t depth) {
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kColumnRef, type);
  e->binding = binding;
  e->depth = depth;
  return e;
}

bool IsRelabel(const LogicalType& from, const LogicalType& to) {
  return from.IsString() && to.IsString() && to.length == 0;
}

ExprPtr MakeCast(ExprPtr child, LogicalType target) {
  if (child->return_type == target) return child;
  if (child->kind == BoundExpressionKind::kColumnRef && IsRelabel(child->return_type, target)) {
    child->return_type = target;
    return child;
  }
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kCast, target);
  e->alias = child->alias;
  e->children.push_back(std::move(child));
  return e;
}

BoundOrderBy BoundOrderBy::Copy() const {
  BoundOrderBy out;
  out.type = type;
  out.nulls = nulls;
  out.expression = expression ? expression->Copy() : nullptr;
  return out;
}

std::string BoundAggregate::ToString() const {
  std::string s = function.function ? function.function->name : "?";
  s += "(";
  if (distinct) s += "DISTINCT ";
  if (children.empty() && s.rfind("count_star", 0) == 0) s += "*";
  for (size_t i = 0; i < children.size(); i++) {
    if (i) s += ", ";
    s += children[i]->ToString();
  }
  if (!order_by.empty()) {
    s += " ORDER BY ";
    for (size_t i = 0; i < order_by.size(); i++) {
      if (i) s += ", ";
      s += order_by[i].expression->ToString();
      if (order_by[i].type == OrderType::kDescending) s += " DESC";
    }
  }
  s += ")";
  if (filter) s += " FILTER (WHERE " + filter->ToString() + ")";
  return s;
}

}  // namespace kadedb
