// Expression helpers shared by the optimizer passes (see expression_util.hpp).
#include "optimizer/expression_util.hpp"

#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_modify.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

void CollectTableIndexes(const BoundExpression& e, std::set<idx_t>& out) {
  if (e.kind == BoundExpressionKind::kColumnRef && e.depth == 0) out.insert(e.binding.table_index);
  if (e.kind == BoundExpressionKind::kSubquery) {
    for (auto& c : e.correlated_columns) {
      if (c) CollectTableIndexes(*c, out);
    }
  }
  for (auto& c : e.children) {
    if (c) CollectTableIndexes(*c, out);
  }
}

std::set<idx_t> TableIndexesOf(const BoundExpression& e) {
  std::set<idx_t> out;
  CollectTableIndexes(e, out);
  return out;
}

std::set<idx_t> OutputTableIndexes(const LogicalOperator& op) {
  std::set<idx_t> out;
  for (auto& b : op.GetColumnBindings()) out.insert(b.table_index);
  return out;
}

bool IsMovable(const BoundExpression& e) {
  switch (e.kind) {
    case BoundExpressionKind::kSubquery:
    case BoundExpressionKind::kAggregateCall:
    case BoundExpressionKind::kWindowCall:
      return false;
    case BoundExpressionKind::kFunction:
      if (e.function.function && e.function.function->is_volatile) return false;
      break;
    default:
      break;
  }
  for (auto& c : e.children) {
    if (c && !IsMovable(*c)) return false;
  }
  return true;
}

bool HasVolatile(const BoundExpression& e) {
  if (e.kind == BoundExpressionKind::kFunction && e.function.function &&
      e.function.function->is_volatile) {
    return true;
  }
  for (auto& c : e.children) {
    if (c && HasVolatile(*c)) return true;
  }
  return false;
}

bool IsBoolConstant(const BoundExpression& e, bool value) {
  return e.kind == BoundExpressionKind::kConstant && !e.value.IsNull() &&
         e.value.type().id == TypeId::kBoolean && e.value.GetBool() == value;
}

bool IsNullConstant(const BoundExpression& e) {
  return e.kind == BoundExpressionKind::kConstant && e.value.IsNull();
}

ExprPtr MakeBoolConstant(bool value) {
  return MakeConstant(Value::Boolean(value));
}

void SplitConjunction(ExprPtr e, std::vector<ExprPtr>& out) {
  if (e->kind == BoundExpressionKind::kAnd) {
    for (auto& c : e->children) SplitConjunction(std::move(c), out);
    return;
  }
  out.push_back(std::move(e));
}

ExprPtr ReplaceBindings(ExprPtr e, idx_t table_index, const std::vector<ExprPtr>& replacements) {
  if (e->kind == BoundExpressionKind::kColumnRef && e->depth == 0 &&
      e->binding.table_index == table_index) {
    auto copy = replacements[e->binding.column_index]->Copy();
    // A reference relabelled in place (MakeCast) keeps its label over what replaces it.
    if (IsRelabel(copy->return_type, e->return_type))
      copy = MakeCast(std::move(copy), e->return_type);
    return copy;
  }
  for (auto& c : e->children) {
    if (c) c = ReplaceBindings(std::move(c), table_index, replacements);
  }
  return e;
}

namespace {

void VisitList(std::vector<ExprPtr>& list, const std::function<void(ExprPtr&)>& fn) {
  for (auto& e : list) {
    if (e) fn(e);
  }
}

void VisitOne(ExprPtr& e, const std::function<void(ExprPtr&)>& fn) {
  if (e) fn(e);
}

void VisitOrders(std::vector<BoundOrderBy>& orders, const std::function<void(ExprPtr&)>& fn) {
  for (auto& o : orders) VisitOne(o.expression, fn);
}

}  // namespace

void VisitOperatorExpressions(LogicalOperator& op, const std::function<void(ExprPtr&)>& fn) {
  VisitList(op.expressions, fn);
  switch (op.kind) {
    case LogicalOperatorKind::kGet: {
      auto& get = static_cast<LogicalGet&>(op);
      VisitList(get.table_filters, fn);
      VisitList(get.index_equal, fn);
      VisitOne(get.index_lower, fn);
      VisitOne(get.index_upper, fn);
      break;
    }
    case LogicalOperatorKind::kExpressionGet:
      for (auto& row : static_cast<LogicalExpressionGet&>(op).rows) VisitList(row, fn);
      break;
    case LogicalOperatorKind::kJoin:
      for (auto& c : static_cast<LogicalJoin&>(op).conditions) {
        VisitOne(c.left, fn);
        VisitOne(c.right, fn);
      }
      break;
    case LogicalOperatorKind::kAggregate:
      for (auto& a : static_cast<LogicalAggregate&>(op).aggregates) {
        VisitList(a.children, fn);
        VisitOne(a.filter, fn);
        VisitOrders(a.order_by, fn);
      }
      break;
    case LogicalOperatorKind::kOrder:
      VisitOrders(static_cast<LogicalOrder&>(op).orders, fn);
      break;
    case LogicalOperatorKind::kTopN:
      VisitOrders(static_cast<LogicalTopN&>(op).orders, fn);
      break;
    case LogicalOperatorKind::kLimit: {
      auto& limit = static_cast<LogicalLimit&>(op);
      VisitOne(limit.limit_expression, fn);
      VisitOne(limit.offset_expression, fn);
      break;
    }
    case LogicalOperatorKind::kInsert: {
      auto& insert = static_cast<LogicalInsert&>(op);
      VisitList(insert.defaults, fn);
      VisitList(insert.checks, fn);
      VisitList(insert.update_expressions, fn);
      VisitOne(insert.update_condition, fn);
      VisitList(insert.returning, fn);
      break;
    }
    case LogicalOperatorKind::kUpdate: {
      auto& update = static_cast<LogicalUpdate&>(op);
      VisitList(update.update_expressions, fn);
      VisitList(update.checks, fn);
      VisitList(update.returning, fn);
      break;
    }
    case LogicalOperatorKind::kDelete:
      VisitList(static_cast<LogicalDelete&>(op).returning, fn);
      break;
    default:
      break;
  }
}

void VisitSubqueries(BoundExpression& e, const std::function<void(BoundExpression&)>& fn) {
  if (e.kind == BoundExpressionKind::kSubquery) fn(e);
  for (auto& c : e.children) {
    if (c) VisitSubqueries(*c, fn);
  }
}

bool IsEqualityComparison(BoundExpression& e, ExprPtr*& lhs, ExprPtr*& rhs, bool& null_equal) {
  if (e.children.size() != 2 || !e.children[0] || !e.children[1]) return false;
  if (e.kind == BoundExpressionKind::kIsNotDistinctFrom) {
    null_equal = true;
  } else if (e.kind == BoundExpressionKind::kFunction && e.function.function &&
             e.function.function->name == "=") {
    null_equal = false;
  } else {
    return false;
  }
  if (e.children[0]->return_type != e.children[1]->return_type) return false;
  lhs = &e.children[0];
  rhs = &e.children[1];
  return true;
}

}  // namespace kadedb

namespace kadedb {

bool IsSubset(const std::set<idx_t>& a, const std::set<idx_t>& b) {
  for (auto x : a) {
    if (!b.count(x)) return false;
  }
  return true;
}

bool TryMakeJoinCondition(ExprPtr& e, const std::set<idx_t>& left, const std::set<idx_t>& right,
                          std::vector<JoinCondition>& conditions) {
  ExprPtr* lhs = nullptr;
  ExprPtr* rhs = nullptr;
  bool null_equal = false;
  if (!IsMovable(*e) || !IsEqualityComparison(*e, lhs, rhs, null_equal)) return false;
  auto l = TableIndexesOf(**lhs);
  auto r = TableIndexesOf(**rhs);
  if (l.empty() || r.empty()) return false;
  JoinCondition condition;
  condition.null_equal = null_equal;
  if (IsSubset(l, left) && IsSubset(r, right)) {
    condition.left = std::move(*lhs);
    condition.right = std::move(*rhs);
  } else if (IsSubset(l, right) && IsSubset(r, left)) {
    condition.left = std::move(*rhs);
    condition.right = std::move(*lhs);
  } else {
    return false;
  }
  conditions.push_back(std::move(condition));
  return true;
}

ExprPtr MakeEquality(ExprPtr left, ExprPtr right, bool null_equal) {
  ExprPtr e;
  if (null_equal) {
    e = std::make_unique<BoundExpression>(BoundExpressionKind::kIsNotDistinctFrom,
                                          LogicalType(TypeId::kBoolean));
  } else {
    auto call =
        FunctionRegistry::Builtin().ResolveScalar("=", {left->return_type, right->return_type});
    e = std::make_unique<BoundExpression>(BoundExpressionKind::kFunction, call.return_type);
    e->function = call;
  }
  e->children.push_back(std::move(left));
  e->children.push_back(std::move(right));
  return e;
}

namespace {

// True when e is NULL whenever every column of tables is NULL.
bool NullWhenNull(const BoundExpression& e, const std::set<idx_t>& tables) {
  switch (e.kind) {
    case BoundExpressionKind::kColumnRef:
      return e.depth == 0 && tables.count(e.binding.table_index);
    case BoundExpressionKind::kCast:
    case BoundExpressionKind::kNot:
      return NullWhenNull(*e.children[0], tables);
    case BoundExpressionKind::kFunction:
      if (!e.function.function || !e.function.function->strict) return false;
      for (auto& c : e.children) {
        if (NullWhenNull(*c, tables)) return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace

bool RejectsNulls(const BoundExpression& e, const std::set<idx_t>& tables) {
  switch (e.kind) {
    case BoundExpressionKind::kAnd:
      for (auto& c : e.children) {
        if (RejectsNulls(*c, tables)) return true;
      }
      return false;
    case BoundExpressionKind::kOr:
      for (auto& c : e.children) {
        if (!RejectsNulls(*c, tables)) return false;
      }
      return !e.children.empty();
    case BoundExpressionKind::kIsNotNull:
      return NullWhenNull(*e.children[0], tables);
    case BoundExpressionKind::kIn:
    case BoundExpressionKind::kNotIn:
      return NullWhenNull(*e.children[0], tables);
    default:
      return NullWhenNull(e, tables);
  }
}

}  // namespace kadedb
