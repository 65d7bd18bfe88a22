// Expression binding for arrays: the ARRAY[...] constructor (elements unified to one type, as
// PostgreSQL's transformArrayExpr), subscripts a[i] / slices a[i:j], x op ANY|SOME|ALL (array)
// and ARRAY(subquery). Each becomes a call of a "$" function from function/scalar/array/.
#include <climits>

#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

[[noreturn]] void ThrowMultidimensional(int location) {
  throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported",
                  location);
}

}  // namespace

ExprPtr Binder::BindArrayConstructor(const ArrayExpression& expr) {
  if (expr.elements.empty()) {
    throw Exception("42P18", "cannot determine type of empty array", expr.location, "",
                    "Explicitly cast to the desired type, for example ARRAY[]::integer[].");
  }
  std::vector<ExprPtr> elements;
  for (auto& e : expr.elements) {
    if (e->kind == ExpressionKind::kArray) ThrowMultidimensional(e->location);
    elements.push_back(BindExpr(*e));
    if (elements.back()->return_type.IsArray()) ThrowMultidimensional(e->location);
  }
  std::vector<ExprPtr*> ptrs;
  for (auto& e : elements) ptrs.push_back(&e);
  try {
    UnifyTypes(ptrs, expr.location);
  } catch (const Exception& ex) {
    if (ex.sqlstate() != sqlstate::kDatatypeMismatch) throw;
    throw Exception(ex.sqlstate(), std::string("ARRAY ") + ex.what(), ex.position());
  }
  return CallScalar("$array", std::move(elements), expr.location);
}

ExprPtr Binder::BindSubscript(const SubscriptExpression& expr) {
  auto base = BindExpr(*expr.child);
  if (!base->return_type.IsArray()) {
    std::string type = IsUnknown(*base) ? "unknown" : base->return_type.ToString();
    throw Exception(sqlstate::kDatatypeMismatch,
                    "cannot subscript type " + type + " because it does not support subscripting",
                    expr.child->location);
  }
  auto bind_index = [&](const ParsedExpressionPtr& index, int32_t omitted) -> ExprPtr {
    if (!index) return MakeConstant(Value::Integer(omitted));
    auto e = BindExpr(*index);
    if (IsUnknown(*e) || e->return_type.id == TypeId::kInteger) {
      return Coerce(std::move(e), TypeId::kInteger, CastStrength::kImplicit, index->location);
    }
    if (!e->return_type.IsNumeric()) {
      throw Exception(sqlstate::kDatatypeMismatch, "array subscript must have type integer",
                      index->location);
    }
    return Coerce(std::move(e), TypeId::kInteger, CastStrength::kAssignment, index->location);
  };
  std::vector<ExprPtr> args;
  args.push_back(std::move(base));
  if (!expr.is_slice) {
    args.push_back(bind_index(expr.index, 0));
    return CallScalar("$subscript", std::move(args), expr.location);
  }
  args.push_back(bind_index(expr.index, 1));
  args.push_back(bind_index(expr.upper, INT32_MAX));
  return CallScalar("$slice", std::move(args), expr.location);
}

ExprPtr Binder::BindArrayComparison(const ArrayComparisonExpression& expr) {
  std::string op = expr.op == "!=" ? "<>" : expr.op;
  if (op != "=" && op != "<>" && op != "<" && op != "<=" && op != ">" && op != ">=") {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "operator " + op + " is not supported with ANY/ALL (array)", expr.location);
  }
  auto left = BindExpr(*expr.left);
  auto right = BindExpr(*expr.right);
  if (IsUnknown(*right)) {
    // x = ANY('{1,2}'): the literal is an array of the left operand's type.
    LogicalType elem = IsUnknown(*left) ? LogicalType(TypeId::kText) : left->return_type;
    right = Coerce(std::move(right), LogicalType::Array(elem), CastStrength::kImplicit,
                   expr.right->location);
  }
  if (!right->return_type.IsArray()) {
    throw Exception(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires array on right side",
                    expr.location);
  }
  // Resolve the element comparison as the operator itself would, then bring both sides to one
  // element type.
  LogicalType elem = right->return_type.ElementType();
  auto probe = Compare(op, std::move(left), MakeConstant(Value::Null(elem)), expr.location);
  left = std::move(probe->children[0]);
  LogicalType common = probe->function.arg_types[0];
  if (probe->function.arg_types[1] != common) {
    common = CommonType(LogicalType(common.id), LogicalType(probe->function.arg_types[1].id));
    left = Coerce(std::move(left), common, CastStrength::kImplicit, expr.location);
  }
  right =
      Coerce(std::move(right), LogicalType::Array(common), CastStrength::kImplicit, expr.location);
  std::vector<ExprPtr> args;
  args.push_back(std::move(left));
  args.push_back(std::move(right));
  return CallScalar((expr.all ? "$all" : "$any") + op, std::move(args), expr.location);
}

ExprPtr Binder::BindArraySubquery(const SubqueryExpression& expr) {
  // ARRAY(SELECT x ...) is (SELECT array_agg(x) FROM (SELECT x ...) s(x)), '{}' when empty;
  // array_agg keeps the subquery's row order.
  auto node = std::make_unique<SelectNode>(expr.location);
  auto agg = std::make_unique<FunctionExpression>(expr.location);
  agg->name = {"array_agg"};
  auto col = std::make_unique<ColumnRefExpression>(expr.location);
  col->names = {"array$subquery", "x"};
  agg->args.push_back(std::move(col));
  node->select_list.push_back(std::move(agg));
  auto from = std::make_unique<SubqueryRef>(expr.location);
  from->query = expr.subquery->Copy();
  from->alias = "array$subquery";
  from->column_aliases = {"x"};
  node->from = std::move(from);
  SubqueryExpression scalar(expr.location);
  scalar.subquery_kind = SubqueryKind::kScalar;
  scalar.subquery = std::move(node);
  auto e = BindSubquery(scalar);
  owned_nodes_.push_back(std::move(scalar.subquery));
  LogicalType type = e->return_type;
  std::vector<ExprPtr> args;
  args.push_back(std::move(e));
  args.push_back(MakeConstant(Value::Array(type, std::string(1, '\0'))));
  return CallScalar("coalesce", std::move(args), expr.location);
}

}  // namespace kadedb
