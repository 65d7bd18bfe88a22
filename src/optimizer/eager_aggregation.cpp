// eager_aggregation pass (see eager_aggregation.hpp).
#include "optimizer/eager_aggregation.hpp"

#include <algorithm>
#include <map>

#include "function/function.hpp"
#include "optimizer/expression_util.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

bool IsInnerTree(const LogicalOperator& op) {
  if (op.kind == LogicalOperatorKind::kCrossProduct) return true;
  return op.kind == LogicalOperatorKind::kJoin &&
         static_cast<const LogicalJoin&>(op).join_type == LogicalJoinType::kInner;
}

void MaxTableIndex(const LogicalOperator& op, idx_t& max);

void MaxTableIndexOf(const BoundExpression& e, idx_t& max) {
  if (e.kind == BoundExpressionKind::kColumnRef) max = std::max(max, e.binding.table_index);
  if (e.subquery) MaxTableIndex(*e.subquery, max);
  for (auto& c : e.correlated_columns) {
    if (c) MaxTableIndexOf(*c, max);
  }
  for (auto& c : e.children) {
    if (c) MaxTableIndexOf(*c, max);
  }
}

// The largest table index op's subtree uses anywhere (outputs, expressions, subquery plans).
void MaxTableIndex(const LogicalOperator& op, idx_t& max) {
  for (auto& b : op.GetColumnBindings()) max = std::max(max, b.table_index);
  if (op.kind == LogicalOperatorKind::kAggregate) {
    auto& agg = static_cast<const LogicalAggregate&>(op);
    max = std::max({max, agg.group_index, agg.aggregate_index, agg.groupings_index});
  }
  if (op.kind == LogicalOperatorKind::kJoin) {
    max = std::max(max, static_cast<const LogicalJoin&>(op).mark_index);
  }
  VisitOperatorExpressions(const_cast<LogicalOperator&>(op), [&](ExprPtr& e) {
    if (e) MaxTableIndexOf(*e, max);
  });
  for (auto& c : op.children) {
    if (c) MaxTableIndex(*c, max);
  }
}

// Splits an inner-join tree (with filters between its joins) into its leaves and predicates
// (join conditions become equalities).
void Flatten(LogicalOperatorPtr op, std::vector<LogicalOperatorPtr>& leaves,
             std::vector<ExprPtr>& predicates) {
  auto add = [&](ExprPtr e) {
    std::vector<ExprPtr> parts;
    SplitConjunction(std::move(e), parts);
    for (auto& p : parts) {
      if (!IsBoolConstant(*p, true)) predicates.push_back(std::move(p));
    }
  };
  if (IsInnerTree(*op)) {
    if (op->kind == LogicalOperatorKind::kJoin) {
      for (auto& c : static_cast<LogicalJoin&>(*op).conditions) {
        predicates.push_back(MakeEquality(std::move(c.left), std::move(c.right), c.null_equal));
      }
    }
    for (auto& e : op->expressions) add(std::move(e));
    Flatten(std::move(op->children[0]), leaves, predicates);
    Flatten(std::move(op->children[1]), leaves, predicates);
    return;
  }
  if (op->kind == LogicalOperatorKind::kFilter && IsInnerTree(*op->children[0])) {
    for (auto& e : op->expressions) add(std::move(e));
    Flatten(std::move(op->children[0]), leaves, predicates);
    return;
  }
  leaves.push_back(std::move(op));
}

// The leaves joined as a chain of cross products under one filter holding the predicates
// (join_order turns it into hash joins).
LogicalOperatorPtr Combine(std::vector<LogicalOperatorPtr> leaves,
                           std::vector<ExprPtr> predicates) {
  LogicalOperatorPtr tree = std::move(leaves[0]);
  for (size_t i = 1; i < leaves.size(); i++) {
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(tree));
    cross->children.push_back(std::move(leaves[i]));
    tree = std::move(cross);
  }
  if (predicates.empty()) return tree;
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions = std::move(predicates);
  filter->children.push_back(std::move(tree));
  return filter;
}

class Rewriter {
 public:
  explicit Rewriter(idx_t next_index) : next_index_(next_index) {}

  void Visit(LogicalOperator& op) {
    for (auto& c : op.children) Visit(*c);
    if (op.kind == LogicalOperatorKind::kAggregate) TryRewrite(static_cast<LogicalAggregate&>(op));
  }

 private:
  struct Crossing {
    ExprPtr c_side, x_side;
    bool null_equal = false;
    size_t key = 0;
  };

  bool TryRewrite(LogicalAggregate& agg) {
    if (!agg.grouping_sets.empty() || !agg.grouping_functions.empty() || agg.expressions.empty() ||
        agg.aggregates.empty() || agg.children.size() != 1) {
      return false;
    }
    const LogicalOperator& child = *agg.children[0];
    if (!IsInnerTree(child) &&
        !(child.kind == LogicalOperatorKind::kFilter && IsInnerTree(*child.children[0]))) {
      return false;
    }
    for (auto& g : agg.expressions) {
      if (!IsMovable(*g)) return false;
    }
    // The aggregates that combine partial results exactly, with the same result type.
    std::vector<BoundAggregateCall> outer;
    for (auto& a : agg.aggregates) {
      if (a.distinct || a.filter || !a.order_by.empty() || a.children.size() != 1 ||
          !a.function.function || !IsMovable(*a.children[0])) {
        return false;
      }
      const std::string& name = a.function.function->name;
      if (name == "sum") {
        if (a.return_type.id != TypeId::kDecimal ||
            a.children[0]->return_type.id != TypeId::kDecimal) {
          return false;
        }
      } else if (name != "min" && name != "max") {
        return false;
      }
      BoundAggregateCall call;
      try {
        call = FunctionRegistry::Builtin().ResolveAggregate(name, {a.return_type});
      } catch (...) {
        return false;
      }
      if (!call.function || call.return_type != a.return_type || call.arg_types.size() != 1 ||
          call.arg_types[0] != a.return_type) {
        return false;
      }
      outer.push_back(call);
    }

    // Work on a copy: the original stays when the plan does not qualify.
    std::vector<LogicalOperatorPtr> leaves;
    std::vector<ExprPtr> predicates;
    Flatten(CopyPlan(child), leaves, predicates);
    for (auto& p : predicates) {
      if (!IsMovable(*p)) return false;
    }
    std::map<idx_t, size_t> owner;
    for (size_t i = 0; i < leaves.size(); i++) {
      for (auto t : OutputTableIndexes(*leaves[i])) owner[t] = i;
    }
    auto leaves_of = [&](const BoundExpression& e, std::set<size_t>& out) {
      for (auto t : TableIndexesOf(e)) {
        auto it = owner.find(t);
        if (it == owner.end()) return false;
        out.insert(it->second);
      }
      return true;
    };
    std::set<size_t> group_leaves, agg_leaves;
    for (auto& g : agg.expressions) {
      if (!leaves_of(*g, group_leaves)) return false;
    }
    for (auto& a : agg.aggregates) {
      if (!leaves_of(*a.children[0], agg_leaves)) return false;
    }
    if (agg_leaves.empty()) return false;
    for (auto l : agg_leaves) {
      if (group_leaves.count(l)) return false;
    }
    std::vector<std::set<size_t>> pred_leaves(predicates.size());
    for (size_t i = 0; i < predicates.size(); i++) {
      if (!leaves_of(*predicates[i], pred_leaves[i])) return false;
    }

    // X: the leaves connected to the aggregated ones through predicates among non-group leaves.
    std::set<size_t> x = {*agg_leaves.begin()};
    for (bool grew = true; grew;) {
      grew = false;
      for (auto& pl : pred_leaves) {
        bool eligible = pl.size() >= 2, touches = false;
        for (auto l : pl) {
          if (group_leaves.count(l)) eligible = false;
          if (x.count(l)) touches = true;
        }
        if (!eligible || !touches) continue;
        for (auto l : pl) grew = x.insert(l).second || grew;
      }
    }
    for (auto l : agg_leaves) {
      if (!x.count(l)) return false;
    }
    if (x.size() == leaves.size()) return false;
    // C: plain scans without filters (they discard no X rows but through the join keys).
    for (size_t i = 0; i < leaves.size(); i++) {
      if (x.count(i)) continue;
      if (leaves[i]->kind != LogicalOperatorKind::kGet) return false;
      auto& get = static_cast<const LogicalGet&>(*leaves[i]);
      if (!get.table_filters.empty() || get.index) return false;
    }

    std::set<idx_t> x_tables, c_tables;
    for (size_t i = 0; i < leaves.size(); i++) {
      auto t = OutputTableIndexes(*leaves[i]);
      (x.count(i) ? x_tables : c_tables).insert(t.begin(), t.end());
    }
    std::vector<ExprPtr> x_predicates, top_predicates;
    std::vector<Crossing> crossing;
    for (size_t i = 0; i < predicates.size(); i++) {
      bool in_x = false, in_c = false;
      for (auto l : pred_leaves[i]) (x.count(l) ? in_x : in_c) = true;
      ExprPtr* lhs = nullptr;
      ExprPtr* rhs = nullptr;
      bool null_equal = false;
      bool equality = IsEqualityComparison(*predicates[i], lhs, rhs, null_equal);
      if (in_x && !in_c) {
        x_predicates.push_back(std::move(predicates[i]));
        continue;
      }
      if (!in_x) {
        // Between C relations: only joins (a filter could drop rows X already summed).
        if (in_c && (!equality || pred_leaves[i].size() < 2)) return false;
        top_predicates.push_back(std::move(predicates[i]));
        continue;
      }
      if (!equality) return false;
      std::set<idx_t> lt = TableIndexesOf(**lhs), rt = TableIndexesOf(**rhs);
      Crossing c;
      c.null_equal = null_equal;
      if (IsSubset(lt, c_tables) && IsSubset(rt, x_tables) && !lt.empty() && !rt.empty()) {
        c.c_side = std::move(*lhs);
        c.x_side = std::move(*rhs);
      } else if (IsSubset(rt, c_tables) && IsSubset(lt, x_tables) && !lt.empty() && !rt.empty()) {
        c.c_side = std::move(*rhs);
        c.x_side = std::move(*lhs);
      } else {
        return false;
      }
      bool grouped = false;
      for (auto& g : agg.expressions) grouped = grouped || g->Equals(*c.c_side);
      if (!grouped) return false;
      crossing.push_back(std::move(c));
    }
    if (crossing.empty()) return false;

    // The pre-aggregation: X grouped by its join keys.
    const idx_t group_index = next_index_++, aggregate_index = next_index_++;
    auto pre = std::make_unique<LogicalAggregate>(group_index, aggregate_index);
    for (auto& c : crossing) {
      size_t k = 0;
      while (k < pre->expressions.size() && !pre->expressions[k]->Equals(*c.x_side)) k++;
      if (k == pre->expressions.size()) pre->expressions.push_back(c.x_side->Copy());
      c.key = k;
    }
    for (auto& a : agg.aggregates) {
      BoundAggregate b;
      b.function = a.function;
      b.children.push_back(a.children[0]->Copy());
      b.return_type = a.return_type;
      pre->aggregates.push_back(std::move(b));
    }
    std::vector<LogicalOperatorPtr> x_leaves, top_leaves;
    for (size_t i = 0; i < leaves.size(); i++) {
      (x.count(i) ? x_leaves : top_leaves).push_back(std::move(leaves[i]));
    }
    pre->children.push_back(Combine(std::move(x_leaves), std::move(x_predicates)));
    pre->ResolveOperatorTypes();
    for (auto& c : crossing) {
      auto key = MakeColumnRef({group_index, c.key}, pre->expressions[c.key]->return_type);
      top_predicates.push_back(MakeEquality(std::move(c.c_side), std::move(key), c.null_equal));
    }
    top_leaves.push_back(std::move(pre));
    agg.children[0] = Combine(std::move(top_leaves), std::move(top_predicates));
    for (size_t j = 0; j < agg.aggregates.size(); j++) {
      BoundAggregate& a = agg.aggregates[j];
      a.function = outer[j];
      a.children.clear();
      a.children.push_back(MakeColumnRef({aggregate_index, j}, a.return_type));
    }
    return true;
  }

  idx_t next_index_;
};

}  // namespace

LogicalOperatorPtr EagerAggregation(LogicalOperatorPtr plan) {
  idx_t max = 0;
  MaxTableIndex(*plan, max);
  Rewriter rewriter(max + 1);
  rewriter.Visit(*plan);
  return plan;
}

}  // namespace kadedb
