// LogicalLateralJoin: a FROM item whose plan reads columns of the items before it (LATERAL
// subqueries, set-returning functions over earlier columns). children[0] is the left input,
// children[1] the dependent right input, re-run once per left row with the left row's values of
// the columns it reads pushed as an outer frame.
//
// expressions = the correlated column references (depth 0: columns of children[0]), then, when
// has_condition, the ON condition over left + right columns. Output: the left columns, then the
// right ones (NULL for a LEFT join's unmatched left rows).
#pragma once

#include "planner/logical_operator.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

class LogicalLateralJoin : public LogicalOperator {
 public:
  explicit LogicalLateralJoin(LogicalJoinType join_type)
      : LogicalOperator(LogicalOperatorKind::kLateralJoin), join_type(join_type) {}
  LogicalJoinType join_type;  // kInner or kLeft
  size_t correlated_count = 0;
  bool has_condition = false;

  std::vector<ColumnBinding> GetColumnBindings() const override {
    auto out = children[0]->GetColumnBindings();
    auto r = children[1]->GetColumnBindings();
    out.insert(out.end(), r.begin(), r.end());
    return out;
  }
  std::string GetName() const override { return "LATERAL_JOIN"; }
  // Copy of this node without expressions and children (CopyPlan copies those).
  std::unique_ptr<LogicalLateralJoin> CopyNode() const {
    auto c = std::make_unique<LogicalLateralJoin>(join_type);
    c->correlated_count = correlated_count;
    c->has_condition = has_condition;
    return c;
  }

 protected:
  void ResolveTypes() override {
    types = children[0]->types;
    types.insert(types.end(), children[1]->types.begin(), children[1]->types.end());
  }
};

}  // namespace kadedb
