// Compiles BoundExpressions into ExprNodes: resolves column bindings to chunk positions and
// plans subqueries.
#include "common/exception.hpp"
#include "execution/physical_plan_generator.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

namespace {

struct BindingMap {
  const std::vector<ColumnBinding>& input;
  idx_t Find(const ColumnBinding& b) const {
    for (size_t i = 0; i < input.size(); i++) {
      if (input[i] == b) return i;
    }
    ThrowInternal("column binding (" + std::to_string(b.table_index) + "." +
                  std::to_string(b.column_index) + ") not found in the operator's input");
  }
};

ExprNodePtr CompileNode(PhysicalPlanGenerator& gen, const BoundExpression& e,
                        const BindingMap& map) {
  auto node = std::make_unique<ExprNode>();
  node->kind = e.kind;
  node->type = e.return_type;
  switch (e.kind) {
    case BoundExpressionKind::kConstant:
      node->value = e.value;
      if (!node->value.IsNull() && e.return_type.id != TypeId::kNull &&
          node->value.type() != e.return_type) {
        node->value = CastValue(node->value, e.return_type);
      }
      if (e.return_type.id == TypeId::kNull) node->type = e.value.type();
      break;
    case BoundExpressionKind::kColumnRef:
      if (e.depth == 0) {
        node->column = map.Find(e.binding);
      } else {
        node->outer = true;
        node->binding = e.binding;
      }
      break;
    case BoundExpressionKind::kParameter:
      node->parameter_index = e.parameter_index;
      break;
    case BoundExpressionKind::kFunction:
      node->function = e.function.function;
      node->function_arg_types = e.function.arg_types;
      if (!node->function) ThrowInternal("function call without a resolved function");
      break;
    case BoundExpressionKind::kSubquery:
      gen.NoteSubquery();
      node->subquery_kind = e.subquery_kind;
      node->function = e.function.function;
      node->function_arg_types = e.function.arg_types;
      if ((e.subquery_kind == BoundSubqueryKind::kAny ||
           e.subquery_kind == BoundSubqueryKind::kAll) &&
          !node->function) {
        ThrowInternal("ANY/ALL subquery without a comparison function");
      }
      node->subquery = gen.Plan(*e.subquery);
      for (auto& c : e.correlated_columns) {
        node->correlated.push_back(CompileNode(gen, *c, map));
        // Inside the subquery the same column is seen one level further out.
        node->correlated_bindings.push_back(c->binding);
      }
      break;
    default:
      break;
  }
  for (auto& c : e.children) node->children.push_back(CompileNode(gen, *c, map));
  return node;
}

}  // namespace

ExprNodePtr PhysicalPlanGenerator::Compile(const BoundExpression& expr,
                                           const std::vector<ColumnBinding>& input) {
  BindingMap map{input};
  auto node = CompileNode(*this, expr, map);
  node->text = expr.ToString();
  return node;
}

std::vector<ExprNodePtr> PhysicalPlanGenerator::Compile(const std::vector<ExprPtr>& exprs,
                                                        const std::vector<ColumnBinding>& input) {
  std::vector<ExprNodePtr> out;
  for (auto& e : exprs) out.push_back(Compile(*e, input));
  return out;
}

}  // namespace kadedb
