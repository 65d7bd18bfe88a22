// filter_pushdown pass, join rules: which side of a join each predicate may go to, and which
// predicates become equi-join conditions.
#include "optimizer/expression_util.hpp"
#include "optimizer/filter_pushdown_internal.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

enum class Side : uint8_t { kNone, kLeft, kRight, kBoth, kOther };

Side SideOf(const BoundExpression& e, const std::set<idx_t>& left, const std::set<idx_t>& right) {
  auto refs = TableIndexesOf(e);
  if (refs.empty()) return Side::kNone;
  if (IsSubset(refs, left)) return Side::kLeft;
  if (IsSubset(refs, right)) return Side::kRight;
  for (auto x : refs) {
    if (!left.count(x) && !right.count(x)) return Side::kOther;
  }
  return Side::kBoth;
}

// For an OR over both sides whose every branch has conjuncts on `side` alone: the OR of those
// conjuncts, which every row the OR accepts satisfies (so it may filter that side below the
// join while the OR itself stays). E.g. TPC-H Q19's (p_brand = 'x' AND l_quantity <= 11) OR
// (p_brand = 'y' AND ...) implies p_brand = 'x' OR p_brand = 'y' on part. Null when none.
ExprPtr ImpliedSideFilter(const BoundExpression& e, const std::set<idx_t>& side) {
  if (e.kind != BoundExpressionKind::kOr) return nullptr;
  auto out = std::make_unique<BoundExpression>(BoundExpressionKind::kOr, TypeId::kBoolean);
  for (auto& branch : e.children) {
    std::vector<const BoundExpression*> parts;
    if (branch->kind == BoundExpressionKind::kAnd) {
      for (auto& c : branch->children) parts.push_back(c.get());
    } else {
      parts.push_back(branch.get());
    }
    std::vector<ExprPtr> mine;
    for (const BoundExpression* part : parts) {
      if (!IsMovable(*part) || HasVolatile(*part)) continue;
      auto refs = TableIndexesOf(*part);
      if (!refs.empty() && IsSubset(refs, side)) mine.push_back(part->Copy());
    }
    if (mine.empty()) return nullptr;  // this branch says nothing about the side
    if (mine.size() == 1) {
      out->children.push_back(std::move(mine[0]));
    } else {
      auto conj = std::make_unique<BoundExpression>(BoundExpressionKind::kAnd, TypeId::kBoolean);
      conj->children = std::move(mine);
      out->children.push_back(std::move(conj));
    }
  }
  return out;
}

}  // namespace

LogicalOperatorPtr PushIntoInnerJoin(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  auto left_set = OutputTableIndexes(*op->children[0]);
  auto right_set = OutputTableIndexes(*op->children[1]);
  std::vector<JoinCondition> conditions;
  // Predicates from the join's own ON clause, which (for an inner join) mean the same as WHERE;
  // those that cannot move stay in the ON clause so subqueries are evaluated where they were.
  std::vector<ExprPtr> on_predicates;
  if (op->kind == LogicalOperatorKind::kJoin) {
    auto& join = static_cast<LogicalJoin&>(*op);
    conditions = std::move(join.conditions);
    for (auto& e : join.expressions) SplitConjunction(std::move(e), on_predicates);
  }
  std::vector<ExprPtr> left_filters, right_filters, residual, above;
  auto place = [&](ExprPtr e, bool from_above) {
    if (IsBoolConstant(*e, true)) return;
    auto& stay = from_above ? above : residual;
    if (!IsMovable(*e)) return stay.push_back(std::move(e));
    switch (SideOf(*e, left_set, right_set)) {
      case Side::kLeft:
        return left_filters.push_back(std::move(e));
      case Side::kRight:
        return right_filters.push_back(std::move(e));
      case Side::kBoth:
        if (TryMakeJoinCondition(e, left_set, right_set, conditions)) return;
        if (auto l = ImpliedSideFilter(*e, left_set)) {
          left_filters.push_back(std::move(l));
        }
        if (auto r = ImpliedSideFilter(*e, right_set)) {
          right_filters.push_back(std::move(r));
        }
        return residual.push_back(std::move(e));
      default:
        return stay.push_back(std::move(e));
    }
  };
  for (auto& f : filters) place(std::move(f), true);
  for (auto& f : on_predicates) place(std::move(f), false);

  auto left = PushFilters(std::move(op->children[0]), std::move(left_filters));
  auto right = PushFilters(std::move(op->children[1]), std::move(right_filters));
  LogicalOperatorPtr result;
  if (conditions.empty()) {
    // No equality to hash on: a cross product with the other predicates above it.
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(left));
    cross->children.push_back(std::move(right));
    result = WrapInFilter(std::move(cross), std::move(residual));
  } else {
    auto join = std::make_unique<LogicalJoin>(LogicalJoinType::kInner);
    join->conditions = std::move(conditions);
    join->expressions = std::move(residual);
    join->children.push_back(std::move(left));
    join->children.push_back(std::move(right));
    result = std::move(join);
  }
  return WrapInFilter(std::move(result), std::move(above));
}

LogicalOperatorPtr PushIntoOtherJoin(LogicalOperatorPtr op, std::vector<ExprPtr> filters) {
  auto& join = static_cast<LogicalJoin&>(*op);
  auto left_set = OutputTableIndexes(*op->children[0]);
  auto right_set = OutputTableIndexes(*op->children[1]);
  // A filter that is never true on NULL-extended rows of a side makes the join stop producing
  // them: LEFT -> INNER, RIGHT -> INNER, FULL -> LEFT / RIGHT / INNER.
  if (join.join_type == LogicalJoinType::kLeft || join.join_type == LogicalJoinType::kRight ||
      join.join_type == LogicalJoinType::kFull) {
    bool left_rejected = false, right_rejected = false;
    for (auto& f : filters) {
      left_rejected = left_rejected || RejectsNulls(*f, left_set);
      right_rejected = right_rejected || RejectsNulls(*f, right_set);
    }
    // The side a join NULL-extends: right for LEFT, left for RIGHT, both for FULL.
    bool extends_left = join.join_type != LogicalJoinType::kLeft;
    bool extends_right = join.join_type != LogicalJoinType::kRight;
    if (left_rejected) extends_left = false;
    if (right_rejected) extends_right = false;
    if (!extends_left && !extends_right) {
      join.join_type = LogicalJoinType::kInner;
      return PushIntoInnerJoin(std::move(op), std::move(filters));
    }
    join.join_type = extends_left && extends_right ? LogicalJoinType::kFull
                     : extends_right               ? LogicalJoinType::kLeft
                                                   : LogicalJoinType::kRight;
  }
  const auto type = join.join_type;
  // The side whose rows all appear in the output (filters from above may go there) and, for
  // LEFT/RIGHT, the null-supplying side (ON predicates on it alone may go there).
  const bool left_preserved = type == LogicalJoinType::kLeft || type == LogicalJoinType::kSemi ||
                              type == LogicalJoinType::kAnti || type == LogicalJoinType::kMark;
  const bool right_preserved = type == LogicalJoinType::kRight;
  const bool split_on = type != LogicalJoinType::kMark;
  const bool right_filterable_on = type == LogicalJoinType::kLeft ||
                                   type == LogicalJoinType::kSemi || type == LogicalJoinType::kAnti;
  const bool left_filterable_on = type == LogicalJoinType::kRight;

  std::vector<ExprPtr> left_filters, right_filters, above;
  for (auto& f : filters) {
    Side side = IsMovable(*f) ? SideOf(*f, left_set, right_set) : Side::kOther;
    if (side == Side::kLeft && left_preserved) {
      left_filters.push_back(std::move(f));
    } else if (side == Side::kRight && right_preserved) {
      right_filters.push_back(std::move(f));
    } else {
      above.push_back(std::move(f));
    }
  }
  if (split_on) {
    std::vector<ExprPtr> on_predicates, residual;
    for (auto& e : join.expressions) SplitConjunction(std::move(e), on_predicates);
    for (auto& e : on_predicates) {
      if (IsBoolConstant(*e, true)) continue;
      Side side = IsMovable(*e) ? SideOf(*e, left_set, right_set) : Side::kOther;
      if (side == Side::kRight && right_filterable_on) {
        right_filters.push_back(std::move(e));
      } else if (side == Side::kLeft && left_filterable_on) {
        left_filters.push_back(std::move(e));
      } else if (side == Side::kBoth &&
                 TryMakeJoinCondition(e, left_set, right_set, join.conditions)) {
        continue;
      } else {
        residual.push_back(std::move(e));
      }
    }
    join.expressions = std::move(residual);
  }
  op->children[0] = PushFilters(std::move(op->children[0]), std::move(left_filters));
  op->children[1] = PushFilters(std::move(op->children[1]), std::move(right_filters));
  return WrapInFilter(std::move(op), std::move(above));
}

}  // namespace kadedb
