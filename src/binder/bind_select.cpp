// SELECT: FROM, WHERE, GROUP BY, aggregates, HAVING, the select list, DISTINCT [ON], ORDER BY,
// LIMIT/OFFSET, planned as
//   source -> Filter(WHERE) -> Aggregate -> Filter(HAVING) -> Projection(select list + hidden
//   ORDER BY columns) -> [Distinct] -> Order -> [Distinct ON] -> Limit -> [Projection dropping
//   hidden columns].
#include <algorithm>
#include <functional>

#include "binder/bind_window.hpp"
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

struct SelectItem {
  const ParsedExpression* parsed = nullptr;
  ExprPtr star;  // expanded * column (already bound)
  std::string name;
};

// Replaces group keys by references to the aggregate's group outputs; any other local column
// reference is a grouping error.
void CheckGrouping(ExprPtr& e, const std::vector<ExprPtr>& groups, const AggregateState& agg,
                   const std::map<ColumnBinding, std::string>& names) {
  for (size_t i = 0; i < groups.size(); i++) {
    if (groups[i]->Equals(*e)) {
      std::string alias = e->alias;
      e = MakeColumnRef({agg.group_index, i}, e->return_type);
      e->alias = alias;
      return;
    }
  }
  switch (e->kind) {
    case BoundExpressionKind::kColumnRef:
      // A grouped column relabelled in place (MakeCast: SELECT v::text ... GROUP BY v) is the
      // group key under its new label.
      for (size_t i = 0; i < groups.size(); i++) {
        const BoundExpression& g = *groups[i];
        if (g.kind == BoundExpressionKind::kColumnRef && g.binding == e->binding &&
            g.depth == e->depth && IsRelabel(g.return_type, e->return_type)) {
          std::string alias = e->alias;
          e = MakeColumnRef({agg.group_index, i}, e->return_type);
          e->alias = alias;
          return;
        }
      }
      if (e->depth == 0 && e->binding.table_index != agg.aggregate_index &&
          e->binding.table_index != agg.group_index &&
          e->binding.table_index != agg.groupings_index) {
        auto it = names.find(e->binding);
        std::string name = it != names.end() ? it->second : e->alias;
        throw Exception(sqlstate::kGroupingError,
                        "column \"" + name +
                            "\" must appear in the GROUP BY clause or be used in an aggregate "
                            "function");
      }
      return;
    case BoundExpressionKind::kSubquery:
      for (auto& c : e->children) CheckGrouping(c, groups, agg, names);
      for (auto& c : e->correlated_columns) {
        if (c->depth != 0) continue;
        ExprPtr probe = c->Copy();
        try {
          CheckGrouping(probe, groups, agg, names);
        } catch (const Exception& ex) {
          auto it = names.find(c->binding);
          std::string name = it != names.end() ? it->second : c->alias;
          throw Exception(sqlstate::kGroupingError,
                          "subquery uses ungrouped column \"" + name + "\" from outer query");
        }
        if (!(probe->binding == c->binding)) {
          RewriteCorrelatedBinding(*e->subquery, c->binding, probe->binding, 1);
          c->binding = probe->binding;
        }
      }
      return;
    default:
      for (auto& c : e->children) CheckGrouping(c, groups, agg, names);
  }
}

}  // namespace

BoundQuery Binder::BindQuery(const QueryNode& node) {
  if (node.with) BindWith(*node.with);
  switch (node.kind) {
    case QueryNodeKind::kSelect:
      return BindSelect(node.Cast<SelectNode>());
    case QueryNodeKind::kSetOperation:
      return BindModifiersOverOutputs(BindSetOperation(node.Cast<SetOperationNode>()), node);
    case QueryNodeKind::kValues:
      return BindModifiersOverOutputs(BindValues(node.Cast<ValuesNode>()), node);
  }
  ThrowInternal("unknown query node");
}

BoundQuery Binder::BindSelect(const SelectNode& node) {
  if (const SelectNode* rewritten = RewriteSelectListUnnest(node)) return BindSelect(*rewritten);
  // FROM
  LogicalOperatorPtr plan;
  if (node.from) {
    clause_ = ExprClause::kOther;
    FromItem from = BindTableRef(*node.from);
    plan = std::move(from.plan);
    context_.star = std::move(from.columns);
  } else {
    plan = std::make_unique<LogicalDummyScan>(NewTableIndex());
  }
  // WHERE
  if (node.where) {
    clause_ = ExprClause::kWhere;
    plan = MakeFilter(std::move(plan), BindCondition(*node.where, "WHERE"));
  }
  // Select list with * expanded.
  std::vector<SelectItem> items;
  for (auto& e : node.select_list) {
    if (e->kind != ExpressionKind::kStar) {
      items.push_back({e.get(), nullptr, OutputName(*e)});
      continue;
    }
    auto& star = e->Cast<StarExpression>();
    std::vector<StarColumn> cols;
    if (star.qualifier.empty()) {
      if (!node.from) {
        throw Exception(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid",
                        e->location);
      }
      for (auto& c : context_.star) cols.push_back(c.Copy());
    } else {
      int t = context_.FindTable(star.qualifier.back());
      if (t < 0) {
        throw Exception(sqlstate::kUndefinedTable,
                        "missing FROM-clause entry for table \"" + star.qualifier.back() + "\"",
                        e->location);
      }
      cols = context_.TableStar(t);
    }
    for (auto& c : cols) {
      if (c.expr->kind == BoundExpressionKind::kColumnRef) {
        binding_names_[c.expr->binding] = c.name;
      }
      items.push_back({nullptr, std::move(c.expr), c.name});
    }
  }
  auto bind_item = [&](const SelectItem& item) {
    ExprPtr e = item.parsed ? BindExpr(*item.parsed) : item.star->Copy();
    ResolveUnknown(e);
    return e;
  };

  AggregateState agg;
  WindowScope window_scope(*this, node);  // window calls of this level (bind_window.hpp)
  agg.group_index = NewTableIndex();
  agg.aggregate_index = NewTableIndex();

  // GROUP BY: each element expands to a list of grouping sets (lists of group key indices);
  // the query's sets are the cross product of its elements' lists (PostgreSQL semantics).
  bool grouped = !node.group_by.empty();
  std::vector<ExprPtr>& groups = agg.groups;
  clause_ = ExprClause::kGroupBy;
  // Select items named by a GROUP BY ordinal or output name: they are that group key even when
  // Equals cannot tell (subqueries), so the projection reads the key directly.
  std::map<size_t, idx_t> item_groups;
  auto bind_group = [&](const ParsedExpression* g) -> idx_t {
    ExprPtr e;
    int64_t ordinal;
    int from_item = -1;
    if (IsIntegerConstant(*g, &ordinal)) {
      if (ordinal < 1 || ordinal > static_cast<int64_t>(items.size())) {
        throw Exception(sqlstate::kInvalidColumnReference,
                        "GROUP BY position " + std::to_string(ordinal) + " is not in select list",
                        g->location);
      }
      e = bind_item(items[ordinal - 1]);
      from_item = static_cast<int>(ordinal - 1);
    } else if (g->kind == ExpressionKind::kColumnRef &&
               g->Cast<ColumnRefExpression>().names.size() == 1) {
      // An input column wins over an output name (PostgreSQL's GROUP BY rule).
      try {
        e = BindExpr(*g);
      } catch (const Exception& ex) {
        if (ex.sqlstate() != sqlstate::kUndefinedColumn) throw;
        const std::string& name = g->Cast<ColumnRefExpression>().column_name();
        for (size_t k = 0; k < items.size(); k++) {
          if (items[k].name == name) {
            e = bind_item(items[k]);
            from_item = static_cast<int>(k);
            break;
          }
        }
        if (!e) throw;
      }
    } else {
      e = BindExpr(*g);
    }
    ResolveUnknown(e);
    idx_t index = groups.size();
    for (size_t i = 0; i < groups.size(); i++) {
      if (groups[i]->Equals(*e)) {
        index = i;
        break;
      }
    }
    if (index == groups.size()) groups.push_back(std::move(e));
    if (from_item >= 0) item_groups[from_item] = index;
    return index;
  };
  using SetList = std::vector<std::vector<idx_t>>;
  auto bind_keys = [&](const GroupingElement& g) {
    std::vector<idx_t> keys;
    if (g.kind == GroupingKind::kEmpty) return keys;
    if (g.expression->kind == ExpressionKind::kRow) {
      for (auto& c : g.expression->Cast<RowExpression>().children) {
        keys.push_back(bind_group(c.get()));
      }
    } else {
      keys.push_back(bind_group(g.expression.get()));
    }
    return keys;
  };
  std::function<SetList(const GroupingElement&)> expand = [&](const GroupingElement& g) {
    SetList out;
    switch (g.kind) {
      case GroupingKind::kExpression:
      case GroupingKind::kEmpty:
        out.push_back(bind_keys(g));
        break;
      case GroupingKind::kRollup: {
        std::vector<std::vector<idx_t>> parts;
        for (auto& c : g.children) parts.push_back(bind_keys(c));
        for (size_t n = parts.size() + 1; n-- > 0;) {
          std::vector<idx_t> set;
          for (size_t i = 0; i < n; i++) set.insert(set.end(), parts[i].begin(), parts[i].end());
          out.push_back(set);
        }
        break;
      }
      case GroupingKind::kCube: {
        std::vector<std::vector<idx_t>> parts;
        for (auto& c : g.children) parts.push_back(bind_keys(c));
        if (parts.size() > 12) {
          throw Exception(sqlstate::kProgramLimitExceeded, "CUBE is limited to 12 elements",
                          g.location);
        }
        size_t n = parts.size();
        for (size_t mask = (size_t{1} << n); mask-- > 0;) {
          std::vector<idx_t> set;
          for (size_t i = 0; i < n; i++) {
            if (mask & (size_t{1} << (n - 1 - i))) {
              set.insert(set.end(), parts[i].begin(), parts[i].end());
            }
          }
          out.push_back(set);
        }
        break;
      }
      case GroupingKind::kSets:
        for (auto& c : g.children) {
          SetList sub = expand(c);
          out.insert(out.end(), sub.begin(), sub.end());
        }
        break;
    }
    return out;
  };
  bool has_sets = false;
  SetList sets = {{}};
  for (auto& g : node.group_by) {
    if (g.kind != GroupingKind::kExpression && g.kind != GroupingKind::kEmpty) has_sets = true;
    SetList element = expand(g);
    SetList product;
    for (auto& left : sets) {
      for (auto& right : element) {
        std::vector<idx_t> set = left;
        for (idx_t k : right) {
          if (std::find(set.begin(), set.end(), k) == set.end()) set.push_back(k);
        }
        product.push_back(std::move(set));
      }
    }
    sets = std::move(product);
  }
  if (node.group_by_distinct) {
    SetList unique;
    for (auto& set : sets) {
      std::vector<idx_t> sorted = set;
      std::sort(sorted.begin(), sorted.end());
      bool seen = false;
      for (auto& u : unique) {
        std::vector<idx_t> us = u;
        std::sort(us.begin(), us.end());
        seen = seen || us == sorted;
      }
      if (!seen) unique.push_back(set);
    }
    sets = std::move(unique);
  }
  agg.groupings_index = NewTableIndex();

  // Select list, HAVING, ORDER BY (aggregates are collected into agg).
  aggregates_ = &agg;
  clause_ = ExprClause::kSelect;
  std::vector<ExprPtr> exprs;
  std::vector<std::string> names;
  std::vector<bool> unknown;
  for (auto& item : items) {
    ExprPtr e = item.parsed ? BindExpr(*item.parsed) : item.star->Copy();
    unknown.push_back(e->kind == BoundExpressionKind::kConstant && IsUnknown(*e));
    ResolveUnknown(e);
    if (e->kind == BoundExpressionKind::kConstant && e->return_type.id == TypeId::kNull) {
      e = MakeConstant(Value::Null(TypeId::kText));  // SELECT NULL: unknown -> text
    }
    exprs.push_back(std::move(e));
    names.push_back(item.name);
  }
  const size_t visible = exprs.size();
  ExprPtr having;
  if (node.having) {
    clause_ = ExprClause::kHaving;
    having = BindCondition(*node.having, "HAVING");
  }
  bool distinct = node.distinct == DistinctKind::kDistinct;
  // Resolves an ORDER BY / DISTINCT ON key to a projection column (adding hidden ones).
  auto resolve_key = [&](const ParsedExpression& key, const char* what) -> idx_t {
    int64_t ordinal;
    if (IsIntegerConstant(key, &ordinal)) {
      if (ordinal < 1 || ordinal > static_cast<int64_t>(visible)) {
        throw Exception(
            sqlstate::kInvalidColumnReference,
            std::string(what) + " position " + std::to_string(ordinal) + " is not in select list",
            key.location);
      }
      return ordinal - 1;
    }
    if (key.kind == ExpressionKind::kColumnRef &&
        key.Cast<ColumnRefExpression>().names.size() == 1) {
      const std::string& name = key.Cast<ColumnRefExpression>().column_name();
      int found = -1;
      for (size_t i = 0; i < visible; i++) {
        if (names[i] != name) continue;
        if (found >= 0 && !exprs[found]->Equals(*exprs[i])) {
          throw Exception(sqlstate::kAmbiguousColumn,
                          std::string(what) + " \"" + name + "\" is ambiguous", key.location);
        }
        if (found < 0) found = static_cast<int>(i);
      }
      if (found >= 0) return found;
    }
    clause_ = ExprClause::kOrderBy;
    ExprPtr e = BindExpr(key);
    ResolveUnknown(e);
    for (size_t i = 0; i < exprs.size(); i++) {
      if (exprs[i]->Equals(*e)) return i;
    }
    if (distinct) {
      throw Exception(sqlstate::kInvalidColumnReference,
                      "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                      key.location);
    }
    exprs.push_back(std::move(e));
    return exprs.size() - 1;
  };
  std::vector<std::pair<idx_t, const OrderByItem*>> order_keys;
  for (auto& item : node.order_by) {
    order_keys.push_back({resolve_key(*item.expression, "ORDER BY"), &item});
  }
  std::vector<idx_t> distinct_on;
  for (auto& key : node.distinct_on) distinct_on.push_back(resolve_key(*key, "DISTINCT ON"));
  aggregates_ = nullptr;
  clause_ = ExprClause::kOther;

  // Aggregate
  if (grouped || !agg.aggregates.empty() || having || !agg.grouping_functions.empty()) {
    auto aggregate = std::make_unique<LogicalAggregate>(agg.group_index, agg.aggregate_index);
    aggregate->groupings_index = agg.groupings_index;
    aggregate->grouping_functions = std::move(agg.grouping_functions);
    if (has_sets) aggregate->grouping_sets = std::move(sets);
    for (auto& [item, key] : item_groups) {
      exprs[item] = MakeColumnRef({agg.group_index, key}, groups[key]->return_type);
    }
    for (auto& e : exprs) CheckGrouping(e, groups, agg, binding_names_);
    if (having) CheckGrouping(having, groups, agg, binding_names_);
    std::vector<ExprPtr> keys = std::move(groups);
    aggregate->expressions = std::move(keys);
    aggregate->aggregates = std::move(agg.aggregates);
    aggregate->children.push_back(std::move(plan));
    plan = std::move(aggregate);
    if (having) plan = MakeFilter(std::move(plan), std::move(having));
  }
  plan = window_scope.Plan(std::move(plan), exprs);

  // Projection
  idx_t proj_index = NewTableIndex();
  auto proj = std::make_unique<LogicalProjection>(proj_index);
  std::vector<LogicalType> types;
  for (size_t i = 0; i < exprs.size(); i++) {
    if (i < visible) exprs[i]->alias = names[i];
    types.push_back(exprs[i]->return_type);
  }
  proj->expressions = std::move(exprs);
  proj->children.push_back(std::move(plan));
  plan = std::move(proj);

  if (distinct) {
    auto d = std::make_unique<LogicalDistinct>();
    d->children.push_back(std::move(plan));
    plan = std::move(d);
  }
  if (!order_keys.empty()) {
    auto order = std::make_unique<LogicalOrder>();
    for (auto& [column, item] : order_keys) {
      BoundOrderBy o;
      o.type = ToOrderType(item->direction);
      o.nulls = ToNullOrder(item->nulls, o.type);
      o.expression = MakeColumnRef({proj_index, column}, types[column]);
      order->orders.push_back(std::move(o));
    }
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  if (!distinct_on.empty()) {
    auto d = std::make_unique<LogicalDistinct>();
    for (idx_t c : distinct_on) d->expressions.push_back(MakeColumnRef({proj_index, c}, types[c]));
    d->children.push_back(std::move(plan));
    plan = std::move(d);
  }
  plan = BindLimit(std::move(plan), node);
  if (types.size() > visible) {
    auto final_proj = std::make_unique<LogicalProjection>(NewTableIndex());
    for (size_t i = 0; i < visible; i++) {
      auto ref = MakeColumnRef({proj_index, i}, types[i]);
      ref->alias = names[i];
      final_proj->expressions.push_back(std::move(ref));
    }
    final_proj->children.push_back(std::move(plan));
    plan = std::move(final_proj);
    types.resize(visible);
  }
  BoundQuery out;
  out.bindings = plan->GetColumnBindings();
  out.plan = std::move(plan);
  out.names = std::move(names);
  out.types = std::move(types);
  out.unknown = std::move(unknown);
  return out;
}

LogicalOperatorPtr Binder::BindLimit(LogicalOperatorPtr plan, const QueryNode& node) {
  if (!node.limit && !node.offset) return plan;
  auto limit = std::make_unique<LogicalLimit>();
  auto bind = [&](const ParsedExpression& e, const char* what, int64_t* value, ExprPtr* expr) {
    ExprClause saved = clause_;
    clause_ = ExprClause::kLimit;
    ExprPtr bound = BindExprAs(e, TypeId::kBigInt);
    clause_ = saved;
    if (bound->kind == BoundExpressionKind::kConstant) {
      if (bound->value.IsNull()) return false;
      *value = bound->value.GetInt();
      if (*value < 0) {
        throw Exception("2201W", std::string(what) + " must not be negative", e.location);
      }
      return true;
    }
    if (bound->kind == BoundExpressionKind::kCast &&
        bound->children[0]->kind == BoundExpressionKind::kConstant &&
        bound->children[0]->return_type.IsInteger()) {
      *value = bound->children[0]->value.GetInt();
      if (*value < 0) {
        throw Exception("2201W", std::string(what) + " must not be negative", e.location);
      }
      return true;
    }
    *expr = std::move(bound);
    return true;
  };
  if (node.limit) {
    if (!bind(*node.limit, "LIMIT", &limit->limit_value, &limit->limit_expression)) {
      limit->limit_value = -1;
    }
  }
  if (node.offset) bind(*node.offset, "OFFSET", &limit->offset_value, &limit->offset_expression);
  limit->children.push_back(std::move(plan));
  return limit;
}

}  // namespace kadedb
