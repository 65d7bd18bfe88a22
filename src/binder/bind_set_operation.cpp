// Set operations (UNION / INTERSECT / EXCEPT [ALL]), VALUES lists, and the ORDER BY / LIMIT that
// apply to their whole result (only the output columns are visible there).
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {
const char* SetOpName(SetOperationKind k) {
  return k == SetOperationKind::kUnion       ? "UNION"
         : k == SetOperationKind::kIntersect ? "INTERSECT"
                                             : "EXCEPT";
}
}  // namespace

BoundQuery Binder::BindSetOperation(const SetOperationNode& node) {
  Binder left_binder(shared_, this, BinderKind::kDerived);
  Binder right_binder(shared_, this, BinderKind::kDerived);
  BoundQuery left = left_binder.BindQuery(*node.left);
  BoundQuery right = right_binder.BindQuery(*node.right);
  const char* name = SetOpName(node.op);
  if (left.types.size() != right.types.size()) {
    throw Exception(sqlstate::kSyntaxError,
                    std::string("each ") + name + " query must have the same number of columns",
                    node.right->location);
  }
  std::vector<LogicalType> types;
  for (size_t i = 0; i < left.types.size(); i++) {
    const auto& l = left.types[i];
    const auto& r = right.types[i];
    if (left.IsUnknown(i) && right.IsUnknown(i)) {
      types.push_back(TypeId::kText);
      continue;
    }
    if (left.IsUnknown(i) || right.IsUnknown(i)) {
      // Without the typmod, as PostgreSQL: the literal is not length-checked or truncated.
      types.push_back((left.IsUnknown(i) ? r : l).WithoutModifiers());
      continue;
    }
    if (l == r) {
      types.push_back(l);
      continue;
    }
    try {
      types.push_back(CommonType(l, r));
    } catch (const Exception&) {
      throw Exception(sqlstate::kDatatypeMismatch,
                      std::string(name) + " types " + l.ToString() + " and " + r.ToString() +
                          " cannot be matched",
                      node.location);
    }
  }
  left = CastOutputs(std::move(left), types, NewTableIndex(), CastStrength::kImplicit);
  right = CastOutputs(std::move(right), types, NewTableIndex(), CastStrength::kImplicit);
  SetOperationType type = node.op == SetOperationKind::kUnion       ? SetOperationType::kUnion
                          : node.op == SetOperationKind::kIntersect ? SetOperationType::kIntersect
                                                                    : SetOperationType::kExcept;
  auto op = std::make_unique<LogicalSetOperation>(NewTableIndex(), type, node.all, types.size());
  op->children.push_back(std::move(left.plan));
  op->children.push_back(std::move(right.plan));
  BoundQuery out;
  out.bindings = op->GetColumnBindings();
  out.plan = std::move(op);
  out.names = std::move(left.names);
  for (size_t i = 0; i < types.size(); i++) {
    out.unknown.push_back(left.IsUnknown(i) && right.IsUnknown(i));
  }
  out.types = std::move(types);
  return out;
}

BoundQuery Binder::BindValues(const ValuesNode& node) {
  ExprClause saved = clause_;
  clause_ = ExprClause::kValues;
  std::vector<std::vector<ExprPtr>> rows;
  size_t width = node.rows.empty() ? 0 : node.rows[0].size();
  for (auto& row : node.rows) {
    if (row.size() != width) {
      throw Exception(sqlstate::kSyntaxError, "VALUES lists must all be the same length",
                      node.location);
    }
    std::vector<ExprPtr> bound;
    for (auto& e : row) bound.push_back(BindExpr(*e));
    rows.push_back(std::move(bound));
  }
  clause_ = saved;
  std::vector<LogicalType> types;
  std::vector<bool> unknown;
  for (size_t c = 0; c < width; c++) {
    std::vector<ExprPtr*> column;
    bool all_unknown = true;
    for (auto& row : rows) {
      column.push_back(&row[c]);
      all_unknown =
          all_unknown && row[c]->kind == BoundExpressionKind::kConstant && IsUnknown(*row[c]);
    }
    unknown.push_back(all_unknown);
    types.push_back(UnifyTypes(column, node.location));
  }
  auto get = std::make_unique<LogicalExpressionGet>(NewTableIndex(), types, std::move(rows));
  BoundQuery out;
  out.bindings = get->GetColumnBindings();
  out.plan = std::move(get);
  for (size_t c = 0; c < width; c++) out.names.push_back("column" + std::to_string(c + 1));
  out.types = std::move(types);
  out.unknown = std::move(unknown);
  return out;
}

BoundQuery Binder::BindModifiersOverOutputs(BoundQuery query, const QueryNode& node) {
  if (node.order_by.empty() && !node.limit && !node.offset) return query;
  if (!node.order_by.empty()) {
    Binder scope(shared_, this, BinderKind::kDerived);
    TableBinding outputs;
    outputs.names = query.names;
    outputs.types = query.types;
    outputs.bindings = query.bindings;
    scope.context_.AddTable(std::move(outputs), node.location);
    auto order = std::make_unique<LogicalOrder>();
    for (auto& item : node.order_by) {
      BoundOrderBy o;
      o.type = ToOrderType(item.direction);
      o.nulls = ToNullOrder(item.nulls, o.type);
      int64_t ordinal;
      if (IsIntegerConstant(*item.expression, &ordinal)) {
        if (ordinal < 1 || ordinal > static_cast<int64_t>(query.types.size())) {
          throw Exception(sqlstate::kInvalidColumnReference,
                          "ORDER BY position " + std::to_string(ordinal) + " is not in select list",
                          item.expression->location);
        }
        o.expression = MakeColumnRef(query.bindings[ordinal - 1], query.types[ordinal - 1]);
      } else {
        scope.clause_ = ExprClause::kOrderBy;
        o.expression = scope.BindExpr(*item.expression);
        ResolveUnknown(o.expression);
      }
      order->orders.push_back(std::move(o));
    }
    order->children.push_back(std::move(query.plan));
    query.plan = std::move(order);
  }
  query.plan = BindLimit(std::move(query.plan), node);
  return query;
}

void Binder::BindWith(const WithClause& with) {
  for (auto& cte : with.ctes) {
    if (ctes_.count(cte.name)) {
      throw Exception("42712", "WITH query name \"" + cte.name + "\" specified more than once",
                      cte.location);
    }
    CteEntry entry;
    entry.cte = &cte;
    entry.recursive = with.recursive;
    if (cte.dml) BindDmlCte(cte, entry);
    ctes_[cte.name] = std::move(entry);
  }
}

}  // namespace kadedb
