// LATERAL FROM items: a subquery marked LATERAL, or a function in FROM (always lateral, as in
// PostgreSQL), is bound by a child Binder of kind kSubquery, so its references to the FROM items
// before it become correlated columns. The join that has those items on its left becomes a
// LogicalLateralJoin, which re-runs the item per left row; references to items further out are
// handed up to the enclosing join.
#include <set>

#include "binder/binder.hpp"
#include "common/exception.hpp"
#include "planner/operator/logical_lateral_join.hpp"

namespace kadedb {

std::vector<ExprPtr> Binder::TakeLateralRefs(const Binder& sub) {
  std::vector<ExprPtr> refs;
  for (auto& c : sub.correlated_) {
    if (c->depth == 0) refs.push_back(c->Copy());
  }
  return refs;
}

FromItem Binder::MakeLateralJoin(FromItem left, FromItem right, LogicalJoinType type,
                                 std::vector<ExprPtr> predicates, std::vector<StarColumn> columns,
                                 int location) {
  std::set<idx_t> left_tables;
  for (auto& b : left.plan->GetColumnBindings()) left_tables.insert(b.table_index);
  FromItem out;
  out.columns = std::move(columns);
  out.lateral_refs = std::move(left.lateral_refs);
  std::vector<ExprPtr> consumed;
  for (auto& r : right.lateral_refs) {
    if (left_tables.count(r->binding.table_index)) {
      consumed.push_back(std::move(r));
    } else {
      out.lateral_refs.push_back(std::move(r));
    }
  }
  if (consumed.empty()) ThrowInternal("lateral join without references to its left side");
  if (type != LogicalJoinType::kInner && type != LogicalJoinType::kLeft) {
    std::string table;
    for (auto& t : context_.tables) {
      for (auto& b : t.bindings) {
        if (b == consumed[0]->binding) table = t.alias;
      }
    }
    throw Exception(sqlstate::kInvalidColumnReference,
                    "invalid reference to FROM-clause entry for table \"" + table + "\"", location,
                    "The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
  }
  auto join = std::make_unique<LogicalLateralJoin>(type);
  join->correlated_count = consumed.size();
  join->expressions = std::move(consumed);
  for (auto& p : predicates) {
    if (p->kind == BoundExpressionKind::kAnd) {
      for (auto& c : p->children) join->expressions.push_back(std::move(c));
    } else {
      join->expressions.push_back(std::move(p));
    }
  }
  join->has_condition = join->expressions.size() > join->correlated_count;
  join->children.push_back(std::move(left.plan));
  join->children.push_back(std::move(right.plan));
  out.plan = std::move(join);
  return out;
}

}  // namespace kadedb
