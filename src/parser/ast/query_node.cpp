// Copy() and ToString() of query nodes, WITH clauses, grouping elements and table refs.
#include "parser/ast/query_node.hpp"

#include "parser/ast/statement.hpp"

namespace kadedb {

namespace {

std::string JoinList(const ParsedExpressionList& list) {
  std::string out;
  for (size_t i = 0; i < list.size(); i++) {
    if (i) out += ", ";
    out += list[i]->ToString();
    if (!list[i]->alias.empty()) out += " AS " + QuoteIdentifier(list[i]->alias);
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    if (i) out += ", ";
    out += QuoteIdentifier(names[i]);
  }
  return out;
}

}  // namespace

// ---- table refs -------------------------------------------------------------------------------

void TableRef::CopyBase(TableRef& copy) const {
  copy.location = location;
  copy.alias = alias;
  copy.column_aliases = column_aliases;
}

std::string TableRef::AliasToString() const {
  if (alias.empty()) return "";
  std::string out = " AS " + QuoteIdentifier(alias);
  if (!column_aliases.empty()) out += "(" + JoinNames(column_aliases) + ")";
  return out;
}

TableRefPtr BaseTableRef::Copy() const {
  auto c = std::make_unique<BaseTableRef>();
  CopyBase(*c);
  c->name = name;
  return c;
}

std::string BaseTableRef::ToString() const {
  return QualifiedNameToString(name) + AliasToString();
}

SubqueryRef::~SubqueryRef() = default;

TableRefPtr SubqueryRef::Copy() const {
  auto c = std::make_unique<SubqueryRef>();
  CopyBase(*c);
  c->query = query->Copy();
  c->lateral = lateral;
  return c;
}

std::string SubqueryRef::ToString() const {
  return std::string(lateral ? "LATERAL " : "") + "(" + query->ToString() + ")" + AliasToString();
}

TableRefPtr TableFunctionRef::Copy() const {
  auto c = std::make_unique<TableFunctionRef>();
  CopyBase(*c);
  c->function.reset(&function->Copy().release()->Cast<FunctionExpression>());
  c->lateral = lateral;
  c->with_ordinality = with_ordinality;
  return c;
}

std::string TableFunctionRef::ToString() const {
  return std::string(lateral ? "LATERAL " : "") + function->ToString() +
         (with_ordinality ? " WITH ORDINALITY" : "") + AliasToString();
}

TableRefPtr JoinRef::Copy() const {
  auto c = std::make_unique<JoinRef>();
  CopyBase(*c);
  c->join_type = join_type;
  c->natural = natural;
  c->is_comma = is_comma;
  c->left = left->Copy();
  c->right = right->Copy();
  c->condition = CopyExpression(condition);
  c->using_columns = using_columns;
  return c;
}

std::string JoinRef::ToString() const {
  // Comma lists only occur at the top of FROM (left-deep), so they print without parentheses.
  if (is_comma) return left->ToString() + ", " + right->ToString();
  std::string out = "(" + left->ToString();
  if (is_comma) {
    out += ", ";
  } else {
    out += natural ? " NATURAL" : "";
    switch (join_type) {
      case JoinType::kInner:
        out += " JOIN ";
        break;
      case JoinType::kLeft:
        out += " LEFT JOIN ";
        break;
      case JoinType::kRight:
        out += " RIGHT JOIN ";
        break;
      case JoinType::kFull:
        out += " FULL JOIN ";
        break;
      case JoinType::kCross:
        out += " CROSS JOIN ";
        break;
    }
  }
  out += right->ToString();
  if (condition) out += " ON " + condition->ToString();
  if (!using_columns.empty()) out += " USING (" + JoinNames(using_columns) + ")";
  return out + ")" + AliasToString();
}

// ---- query nodes ------------------------------------------------------------------------------

CommonTableExpression CommonTableExpression::Copy() const {
  CommonTableExpression c;
  c.name = name;
  c.column_names = column_names;
  if (query) c.query = query->Copy();
  c.dml = dml;
  c.materialize = materialize;
  c.location = location;
  return c;
}

std::unique_ptr<WithClause> WithClause::Copy() const {
  auto w = std::make_unique<WithClause>();
  w->recursive = recursive;
  for (const auto& cte : ctes) w->ctes.push_back(cte.Copy());
  return w;
}

std::string WithClause::ToString() const {
  std::string out = recursive ? "WITH RECURSIVE " : "WITH ";
  for (size_t i = 0; i < ctes.size(); i++) {
    if (i) out += ", ";
    out += QuoteIdentifier(ctes[i].name);
    if (!ctes[i].column_names.empty()) out += "(" + JoinNames(ctes[i].column_names) + ")";
    out += " AS ";
    if (ctes[i].materialize == CteMaterialize::kAlways) out += "MATERIALIZED ";
    if (ctes[i].materialize == CteMaterialize::kNever) out += "NOT MATERIALIZED ";
    out += "(" + (ctes[i].query ? ctes[i].query->ToString() : ctes[i].dml->text) + ")";
  }
  return out + " ";
}

void QueryNode::CopyBase(QueryNode& copy) const {
  copy.location = location;
  if (with) copy.with = with->Copy();
  copy.order_by = CopyOrderBy(order_by);
  copy.limit = CopyExpression(limit);
  copy.offset = CopyExpression(offset);
}

std::string QueryNode::ModifiersToString() const {
  std::string out;
  if (!order_by.empty()) {
    out += " ORDER BY ";
    for (size_t i = 0; i < order_by.size(); i++) {
      if (i) out += ", ";
      out += order_by[i].ToString();
    }
  }
  if (limit) out += " LIMIT " + limit->ToString();
  if (offset) out += " OFFSET " + offset->ToString();
  return out;
}

GroupingElement GroupingElement::Copy() const {
  GroupingElement g;
  g.kind = kind;
  g.expression = CopyExpression(expression);
  for (const auto& c : children) g.children.push_back(c.Copy());
  g.location = location;
  return g;
}

std::string GroupingElement::ToString() const {
  auto children_str = [&]() {
    std::string out;
    for (size_t i = 0; i < children.size(); i++) {
      if (i) out += ", ";
      out += children[i].ToString();
    }
    return out;
  };
  switch (kind) {
    case GroupingKind::kExpression:
      return expression->ToString();
    case GroupingKind::kEmpty:
      return "()";
    case GroupingKind::kRollup:
      return "ROLLUP (" + children_str() + ")";
    case GroupingKind::kCube:
      return "CUBE (" + children_str() + ")";
    case GroupingKind::kSets:
      return "GROUPING SETS (" + children_str() + ")";
  }
  return "";
}

QueryNodePtr SelectNode::Copy() const {
  auto c = std::make_unique<SelectNode>();
  CopyBase(*c);
  c->distinct = distinct;
  c->distinct_on = CopyExpressionList(distinct_on);
  c->select_list = CopyExpressionList(select_list);
  if (from) c->from = from->Copy();
  c->where = CopyExpression(where);
  for (const auto& g : group_by) c->group_by.push_back(g.Copy());
  c->group_by_distinct = group_by_distinct;
  c->having = CopyExpression(having);
  for (const auto& w : windows) {
    c->windows.push_back({w.name, w.spec->Copy(), w.location});
  }
  return c;
}

std::string SelectNode::ToString() const {
  std::string out = with ? with->ToString() : "";
  out += "SELECT ";
  if (distinct == DistinctKind::kDistinct) out += "DISTINCT ";
  if (distinct == DistinctKind::kDistinctOn) {
    std::string on;
    for (size_t i = 0; i < distinct_on.size(); i++) {
      if (i) on += ", ";
      on += distinct_on[i]->ToString();
    }
    out += "DISTINCT ON (" + on + ") ";
  }
  out += JoinList(select_list);
  if (from) out += " FROM " + from->ToString();
  if (where) out += " WHERE " + where->ToString();
  if (!group_by.empty()) {
    out += group_by_distinct ? " GROUP BY DISTINCT " : " GROUP BY ";
    for (size_t i = 0; i < group_by.size(); i++) {
      if (i) out += ", ";
      out += group_by[i].ToString();
    }
  }
  if (having) out += " HAVING " + having->ToString();
  if (!windows.empty()) {
    out += " WINDOW ";
    for (size_t i = 0; i < windows.size(); i++) {
      if (i) out += ", ";
      out += QuoteIdentifier(windows[i].name) + " AS " + windows[i].spec->ToString();
    }
  }
  return out + ModifiersToString();
}

QueryNodePtr SetOperationNode::Copy() const {
  auto c = std::make_unique<SetOperationNode>();
  CopyBase(*c);
  c->op = op;
  c->all = all;
  c->left = left->Copy();
  c->right = right->Copy();
  return c;
}

std::string SetOperationNode::ToString() const {
  std::string out = with ? with->ToString() : "";
  const char* kw = op == SetOperationKind::kUnion       ? " UNION "
                   : op == SetOperationKind::kIntersect ? " INTERSECT "
                                                        : " EXCEPT ";
  out += "(" + left->ToString() + ")" + kw + (all ? "ALL " : "") + "(" + right->ToString() + ")";
  return out + ModifiersToString();
}

QueryNodePtr ValuesNode::Copy() const {
  auto c = std::make_unique<ValuesNode>();
  CopyBase(*c);
  for (const auto& row : rows) c->rows.push_back(CopyExpressionList(row));
  return c;
}

std::string ValuesNode::ToString() const {
  std::string out = with ? with->ToString() : "";
  out += "VALUES ";
  for (size_t i = 0; i < rows.size(); i++) {
    if (i) out += ", ";
    out += "(" + JoinList(rows[i]) + ")";
  }
  return out + ModifiersToString();
}

}  // namespace kadedb
