// Helpers shared by INSERT / UPDATE / DELETE: row bindings over a table's columns, column
// DEFAULTs and CHECK constraints re-parsed from the catalog's SQL text, SET lists, RETURNING.
#include <set>

#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

void Binder::AddRowBinding(const TableEntry& table, const std::string& alias, idx_t row_index,
                           idx_t column_offset) {
  TableBinding b;
  b.alias = alias;
  for (size_t c = 0; c < table.columns.size(); c++) {
    b.names.push_back(table.columns[c].name);
    b.types.push_back(table.columns[c].type);
    b.bindings.push_back({row_index, c + column_offset});
  }
  context_.AddTable(std::move(b), 0);
}

ExprPtr Binder::BindColumnDefault(const TableEntry& table, column_t c) {
  const CatalogColumn& column = table.columns[c];
  // An identity column's default is the next value of its sequence.
  SequenceEntry* identity = column.identity ? catalog().IdentitySequence(table, c) : nullptr;
  if (column.default_sql.empty() && !identity) return MakeConstant(Value::Null(column.type));
  auto parsed = Parser::ParseExpression(identity ? "nextval(" + std::to_string(identity->oid) + ")"
                                                 : column.default_sql);
  Binder scope(shared_, nullptr, BinderKind::kIsolated);
  scope.clause_ = ExprClause::kDefault;
  ExprPtr e = scope.BindExpr(*parsed);
  return Coerce(std::move(e), column.type, CastStrength::kAssignment);
}

void Binder::BindChecks(const TableEntry& table, idx_t row_index, std::vector<ExprPtr>& checks,
                        std::vector<std::string>& names) {
  for (auto& check : table.checks) {
    auto parsed = Parser::ParseExpression(check.sql);
    Binder scope(shared_, nullptr, BinderKind::kIsolated);
    scope.AddRowBinding(table, table.name, row_index);
    scope.clause_ = ExprClause::kCheck;
    checks.push_back(scope.BindCondition(*parsed, "CHECK"));
    names.push_back(check.name);
  }
}

void Binder::BindReturning(const ParsedExpressionList& list, std::vector<ExprPtr>& out,
                           std::vector<std::string>& names, std::vector<LogicalType>& types) {
  clause_ = ExprClause::kReturning;
  for (auto& e : list) {
    if (e->kind == ExpressionKind::kStar) {
      auto& star = e->Cast<StarExpression>();
      for (size_t t = 0; t < context_.tables.size(); t++) {
        if (!star.qualifier.empty() && context_.tables[t].alias != star.qualifier.back()) continue;
        for (auto& c : context_.TableStar(static_cast<int>(t))) {
          names.push_back(c.name);
          types.push_back(c.expr->return_type);
          out.push_back(std::move(c.expr));
        }
        if (star.qualifier.empty()) break;  // only the target table for a bare *
      }
      continue;
    }
    ExprPtr bound = BindExpr(*e);
    ResolveUnknown(bound);
    names.push_back(OutputName(*e));
    types.push_back(bound->return_type);
    bound->alias = names.back();
    out.push_back(std::move(bound));
  }
}

void Binder::BindSetItems(const TableEntry& table, const std::vector<SetItem>& items,
                          std::vector<column_t>& columns, std::vector<ExprPtr>& values) {
  std::set<column_t> seen;
  ExprClause saved = clause_;
  clause_ = ExprClause::kUpdateSet;
  for (auto& item : items) {
    const SubqueryExpression* multi = nullptr;
    if (item.columns.size() != 1) {
      if (item.value->kind != ExpressionKind::kSubquery ||
          item.value->Cast<SubqueryExpression>().subquery_kind != SubqueryKind::kScalar) {
        throw Exception(sqlstate::kSyntaxError,
                        "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() "
                        "expression",
                        item.location);
      }
      multi = &item.value->Cast<SubqueryExpression>();
    }
    for (size_t k = 0; k < item.columns.size(); k++) {
      const std::string& name = item.columns[k];
      auto c = table.FindColumn(name);
      if (!c) {
        throw Exception(sqlstate::kUndefinedColumn,
                        "column \"" + name + "\" of relation \"" + table.name + "\" does not exist",
                        item.location);
      }
      if (!seen.insert(*c).second) {
        throw Exception(sqlstate::kSyntaxError,
                        "multiple assignments to same column \"" + name + "\"", item.location);
      }
      const LogicalType& type = table.columns[*c].type;
      ExprPtr value;
      if (item.value->kind == ExpressionKind::kDefault) {
        value = BindColumnDefault(table, *c);
      } else {
        if (table.columns[*c].identity == 'a') {
          throw Exception(
              "428C9", "column \"" + name + "\" can only be updated to DEFAULT", item.location,
              "Column \"" + name + "\" is an identity column defined as GENERATED ALWAYS.");
        }
        if (multi) {
          // (a, b) = (SELECT x, y ...): one scalar subquery per target column, each projecting
          // its own output column of the sub-SELECT.
          Binder sub(shared_, this, BinderKind::kSubquery);
          BoundQuery q = sub.BindQuery(*multi->subquery);
          if (q.types.size() != item.columns.size()) {
            throw Exception(sqlstate::kSyntaxError,
                            "number of columns does not match number of values", item.location);
          }
          auto proj = std::make_unique<LogicalProjection>(NewTableIndex());
          proj->expressions.push_back(MakeColumnRef(q.bindings[k], q.types[k]));
          proj->children.push_back(std::move(q.plan));
          value = std::make_unique<BoundExpression>(BoundExpressionKind::kSubquery, q.types[k]);
          value->subquery_kind = BoundSubqueryKind::kScalar;
          value->subquery = std::move(proj);
          value->correlated_columns = std::move(sub.correlated_);
        } else {
          value = BindExpr(*item.value);
        }
        if (!IsUnknown(*value) && value->return_type != type &&
            !CanCast(value->return_type, type, CastStrength::kAssignment)) {
          throw Exception(sqlstate::kDatatypeMismatch,
                          "column \"" + name + "\" is of type " + type.ToString() +
                              " but expression is of type " + value->return_type.ToString(),
                          item.value->location);
        }
        value = Coerce(std::move(value), type, CastStrength::kAssignment, item.value->location);
      }
      columns.push_back(*c);
      values.push_back(std::move(value));
    }
  }
  clause_ = saved;
}

}  // namespace kadedb
