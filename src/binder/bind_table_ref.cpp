// FROM items: base tables, views (re-parsed and bound in isolation), CTE references (inlined, or
// a LogicalRecursiveCTE for WITH RECURSIVE), subqueries, generate_series, and joins (ON, USING,
// NATURAL with PostgreSQL's merged columns; comma lists become cross products).
#include <set>

#include "binder/bind_privileges.hpp"
#include "binder/binder.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/system_views.hpp"
#include "common/exception.hpp"

namespace kadedb {

FromItem Binder::AddFromItem(LogicalOperatorPtr plan, const std::string& alias,
                             const std::vector<std::string>& names,
                             const std::vector<std::string>& column_aliases, int location) {
  plan->ResolveOperatorTypes();
  TableBinding binding;
  binding.alias = alias;
  binding.names = names;
  binding.types = plan->types;
  binding.bindings = plan->GetColumnBindings();
  if (column_aliases.size() > binding.names.size()) {
    throw Exception(sqlstate::kInvalidColumnReference,
                    "table \"" + alias + "\" has " + std::to_string(binding.names.size()) +
                        " columns available but " + std::to_string(column_aliases.size()) +
                        " columns specified",
                    location);
  }
  for (size_t i = 0; i < column_aliases.size(); i++) binding.names[i] = column_aliases[i];
  int index = context_.AddTable(std::move(binding), location);
  FromItem item;
  item.plan = std::move(plan);
  item.columns = context_.TableStar(index);
  return item;
}

FromItem Binder::BindTableRef(const TableRef& ref) {
  switch (ref.kind) {
    case TableRefKind::kBaseTable:
      return BindBaseTable(ref.Cast<BaseTableRef>());
    case TableRefKind::kSubquery:
      return BindSubqueryRef(ref.Cast<SubqueryRef>());
    case TableRefKind::kJoin:
      return BindJoin(ref.Cast<JoinRef>());
    case TableRefKind::kTableFunction:
      return BindTableFunction(ref.Cast<TableFunctionRef>());
  }
  ThrowInternal("unknown table ref");
}

FromItem Binder::BindBaseTable(const BaseTableRef& ref) {
  if (ref.name.size() == 1) {
    Binder* owner = nullptr;
    if (CteEntry* cte = FindCte(ref.name[0], &owner)) return BindCteRef(*cte, *owner, ref);
  }
  std::string schema = ref.name.size() >= 2 ? ref.name[ref.name.size() - 2] : std::string();
  const std::string& name = ref.table_name();
  std::string alias = ref.alias.empty() ? name : ref.alias;
  SystemViewContext system_context;
  system_context.user_oid = shared_.settings.user_oid;
  system_context.user_name = shared_.settings.user_name;
  system_context.search_path = shared_.settings.search_path;
  if (auto system = BuildSystemRelation(catalog(), system_context, schema, name)) {
    // information_schema / pg_catalog: a snapshot of the catalog as a VALUES scan.
    std::vector<std::vector<ExprPtr>> rows;
    for (auto& row : system->rows) {
      std::vector<ExprPtr> exprs;
      for (size_t i = 0; i < row.size(); i++) {
        ExprPtr e = MakeConstant(row[i]);
        e->return_type = system->types[i];
        exprs.push_back(std::move(e));
      }
      rows.push_back(std::move(exprs));
    }
    auto get =
        std::make_unique<LogicalExpressionGet>(NewTableIndex(), system->types, std::move(rows));
    return AddFromItem(std::move(get), alias, system->names, ref.column_aliases, ref.location);
  }
  schema = RelationSchemaOf(ref.name);
  if (TableEntry* table = catalog().GetTable(schema, name)) {
    CheckRelationPrivilege(catalog(), shared_.settings, table->oid, name, kPrivSelect, false,
                           ref.location);
    std::vector<column_t> ids;
    std::vector<std::string> names;
    for (column_t c = 0; c < table->columns.size(); c++) {
      ids.push_back(c);
      names.push_back(table->columns[c].name);
    }
    shared_.referenced_oids.push_back(table->oid);
    if (auto snapshot = SnapshotScan(*table)) {  // changed by a data-modifying CTE
      return AddFromItem(std::move(snapshot), alias, names, ref.column_aliases, ref.location);
    }
    auto get = std::make_unique<LogicalGet>(NewTableIndex(), table, std::move(ids));
    get->column_types = table->ColumnTypes();
    return AddFromItem(std::move(get), alias, names, ref.column_aliases, ref.location);
  }
  if (ViewEntry* view = catalog().GetView(schema, name)) {
    auto statements = Parser::ParseStatements(view->sql);
    if (statements.size() != 1 || statements[0]->kind != StatementKind::kSelect) {
      throw Exception(sqlstate::kInternalError, "view \"" + name + "\" has an invalid definition");
    }
    CheckRelationPrivilege(catalog(), shared_.settings, view->oid, name, kPrivSelect, true,
                           ref.location);
    shared_.referenced_oids.push_back(view->oid);
    ViewBodyScope as_owner;
    Binder view_binder(shared_, this, BinderKind::kIsolated);
    BoundQuery q = view_binder.BindQuery(*statements[0]->Cast<SelectStatement>().node);
    std::vector<std::string> names = q.names;
    for (size_t i = 0; i < names.size() && i < view->column_names.size(); i++) {
      names[i] = view->column_names[i];
    }
    return AddFromItem(std::move(q.plan), alias, names, ref.column_aliases, ref.location);
  }
  if (SequenceEntry* sequence = catalog().GetSequence(schema, name)) {
    return BindSequenceRef(*sequence, ref);
  }
  throw Exception(sqlstate::kUndefinedTable,
                  "relation \"" + QualifiedNameToString(ref.name) + "\" does not exist",
                  ref.location);
}

FromItem Binder::BindCteRef(CteEntry& cte, Binder& owner, const BaseTableRef& ref) {
  std::string alias = ref.alias.empty() ? ref.name[0] : ref.alias;
  if (cte.working_table) {
    cte.referenced = true;
    auto scan = std::make_unique<LogicalCTERef>(NewTableIndex(), cte.cte_index, cte.types);
    return AddFromItem(std::move(scan), alias, cte.names, ref.column_aliases, ref.location);
  }
  const CommonTableExpression& def = *cte.cte;
  if (cte.dml && !cte.has_returning) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "WITH query \"" + def.name + "\" does not have a RETURNING clause",
                    ref.location);
  }
  auto apply_names = [&](std::vector<std::string> names) {
    if (def.column_names.size() > names.size()) {
      throw Exception(sqlstate::kInvalidColumnReference,
                      "WITH query \"" + def.name + "\" has " + std::to_string(names.size()) +
                          " columns available but " + std::to_string(def.column_names.size()) +
                          " columns specified",
                      def.location);
    }
    for (size_t i = 0; i < def.column_names.size(); i++) names[i] = def.column_names[i];
    return names;
  };
  if (cte.dml) {
    auto scan = std::make_unique<LogicalCTERef>(NewTableIndex(), cte.cte_index, cte.types);
    return AddFromItem(std::move(scan), alias, apply_names(cte.names), ref.column_aliases,
                       ref.location);
  }
  cte.in_progress = true;
  struct Reset {
    CteEntry& e;
    ~Reset() { e.in_progress = false; }
  } reset{cte};
  if (cte.recursive && def.query->kind == QueryNodeKind::kSetOperation &&
      def.query->Cast<SetOperationNode>().op == SetOperationKind::kUnion) {
    auto& setop = def.query->Cast<SetOperationNode>();
    Binder anchor_binder(shared_, &owner, BinderKind::kDerived);
    BoundQuery anchor = anchor_binder.BindQuery(*setop.left);
    std::vector<std::string> names = apply_names(anchor.names);
    Binder recursive_binder(shared_, &owner, BinderKind::kDerived);
    CteEntry working;
    working.working_table = true;
    working.cte_index = shared_.next_cte_index++;
    working.names = names;
    working.types = anchor.types;
    recursive_binder.ctes_[def.name] = working;
    BoundQuery rec = recursive_binder.BindQuery(*setop.right);
    if (recursive_binder.ctes_[def.name].referenced) {
      if (rec.types.size() != anchor.types.size()) {
        throw Exception(sqlstate::kSyntaxError,
                        "each UNION query must have the same number of columns", def.location);
      }
      rec = CastOutputs(std::move(rec), anchor.types, NewTableIndex(), CastStrength::kAssignment);
      auto op = std::make_unique<LogicalRecursiveCTE>(NewTableIndex(), working.cte_index, setop.all,
                                                      anchor.types.size());
      op->children.push_back(std::move(anchor.plan));
      op->children.push_back(std::move(rec.plan));
      LogicalOperatorPtr plan = std::move(op);
      plan = BindLimit(std::move(plan), setop);
      return AddFromItem(std::move(plan), alias, names, ref.column_aliases, ref.location);
    }
  }
  Binder body_binder(shared_, &owner, BinderKind::kDerived);
  BoundQuery q = body_binder.BindQuery(*def.query);
  return AddFromItem(std::move(q.plan), alias, apply_names(q.names), ref.column_aliases,
                     ref.location);
}

FromItem Binder::BindSubqueryRef(const SubqueryRef& ref) {
  if (ref.lateral) {
    Binder sub(shared_, this, BinderKind::kSubquery);
    BoundQuery q = sub.BindQuery(*ref.query);
    FromItem item =
        AddFromItem(std::move(q.plan), ref.alias, q.names, ref.column_aliases, ref.location);
    item.lateral_refs = TakeLateralRefs(sub);
    return item;
  }
  Binder sub(shared_, this, BinderKind::kDerived);
  BoundQuery q = sub.BindQuery(*ref.query);
  return AddFromItem(std::move(q.plan), ref.alias, q.names, ref.column_aliases, ref.location);
}

FromItem Binder::BindTableFunction(const TableFunctionRef& ref) {
  auto& f = *ref.function;
  std::string name = f.function_name();
  if (name == "unnest") return BindUnnest(ref);
  if (IsRegexSetFunction(f)) return BindRegexTableFunction(ref);
  if (name != "generate_series") {
    throw Exception(sqlstate::kUndefinedFunction, "function " + name + " does not exist",
                    ref.location);
  }
  if (ref.with_ordinality) {
    throw Exception(sqlstate::kFeatureNotSupported, "WITH ORDINALITY is not supported yet",
                    ref.location);
  }
  if (f.args.size() < 2 || f.args.size() > 3) {
    throw Exception(sqlstate::kUndefinedFunction,
                    "function generate_series with " + std::to_string(f.args.size()) +
                        " arguments does not exist",
                    ref.location);
  }
  // Functions in FROM are implicitly LATERAL: the arguments may read earlier FROM items.
  Binder sub(shared_, this, BinderKind::kSubquery);
  sub.clause_ = ExprClause::kFunctionFrom;
  std::vector<ExprPtr> args;
  for (auto& a : f.args) args.push_back(sub.BindExpr(*a));
  auto is_temporal = [](const ExprPtr& e) { return e->return_type.IsTemporal() && !IsUnknown(*e); };
  LogicalType type;
  bool temporal =
      is_temporal(args[0]) || is_temporal(args[1]) ||
      (args.size() == 3 && !IsUnknown(*args[2]) && args[2]->return_type.id == TypeId::kInterval);
  if (temporal) {
    std::vector<ExprPtr*> bounds = {&args[0], &args[1]};
    type = UnifyTypes(bounds, ref.location);
    if (type.id == TypeId::kDate) type = TypeId::kTimestamp;
    if (type.id != TypeId::kTimestamp && type.id != TypeId::kTimestampTz) type = TypeId::kTimestamp;
    args[0] = Coerce(std::move(args[0]), type, CastStrength::kImplicit, ref.location);
    args[1] = Coerce(std::move(args[1]), type, CastStrength::kImplicit, ref.location);
    if (args.size() != 3) {
      throw Exception(sqlstate::kUndefinedFunction,
                      "function generate_series(" + type.ToString() + ", " + type.ToString() +
                          ") does not exist",
                      ref.location);
    }
    args[2] = Coerce(std::move(args[2]), TypeId::kInterval, CastStrength::kImplicit, ref.location);
  } else {
    std::vector<ExprPtr*> all;
    for (auto& a : args) all.push_back(&a);
    type = UnifyTypes(all, ref.location);
    if (type.id == TypeId::kSmallInt) type = TypeId::kInteger;
    if (!type.IsInteger() && type.id != TypeId::kDecimal) {
      if (type.IsString()) {
        type = TypeId::kInteger;
      } else {
        throw Exception(sqlstate::kUndefinedFunction,
                        "function generate_series(" + type.ToString() + ", " + type.ToString() +
                            ") does not exist",
                        ref.location);
      }
    }
    for (auto& a : args) a = Coerce(std::move(a), type, CastStrength::kImplicit, ref.location);
  }
  auto fn =
      std::make_unique<LogicalTableFunction>(NewTableIndex(), name, std::vector<LogicalType>{type});
  fn->expressions = std::move(args);
  std::string alias = ref.alias.empty() ? name : ref.alias;
  FromItem item = AddFromItem(std::move(fn), alias, {alias}, ref.column_aliases, ref.location);
  item.lateral_refs = TakeLateralRefs(sub);
  return item;
}

namespace {

void CollectTables(const BoundExpression& e, std::set<idx_t>& out, bool& other) {
  if (e.kind == BoundExpressionKind::kColumnRef && e.depth == 0) out.insert(e.binding.table_index);
  if (e.kind == BoundExpressionKind::kSubquery) other = true;
  for (auto& c : e.children) CollectTables(*c, out, other);
}

bool Within(const std::set<idx_t>& tables, const std::set<idx_t>& side) {
  if (tables.empty()) return false;
  for (idx_t t : tables) {
    if (!side.count(t)) return false;
  }
  return true;
}

std::set<idx_t> SideTables(const LogicalOperator& op) {
  std::set<idx_t> out;
  for (auto& b : op.GetColumnBindings()) out.insert(b.table_index);
  return out;
}

// Moves `left = right` conjuncts into equi-join conditions; the rest stays residual.
void AddJoinPredicate(LogicalJoin& join, ExprPtr predicate) {
  std::set<idx_t> left = SideTables(*join.children[0]);
  std::set<idx_t> right = SideTables(*join.children[1]);
  std::vector<ExprPtr> conjuncts;
  if (predicate->kind == BoundExpressionKind::kAnd) {
    for (auto& c : predicate->children) conjuncts.push_back(std::move(c));
  } else {
    conjuncts.push_back(std::move(predicate));
  }
  for (auto& c : conjuncts) {
    if (c->kind == BoundExpressionKind::kFunction && c->function.function &&
        c->function.function->name == "=" && c->children.size() == 2 &&
        c->children[0]->return_type == c->children[1]->return_type) {
      std::set<idx_t> a, b;
      bool other = false;
      CollectTables(*c->children[0], a, other);
      CollectTables(*c->children[1], b, other);
      if (!other) {
        if (Within(a, left) && Within(b, right)) {
          join.conditions.push_back({std::move(c->children[0]), std::move(c->children[1]), false});
          continue;
        }
        if (Within(a, right) && Within(b, left)) {
          join.conditions.push_back({std::move(c->children[1]), std::move(c->children[0]), false});
          continue;
        }
      }
    }
    join.expressions.push_back(std::move(c));
  }
}

}  // namespace

FromItem Binder::BindJoin(const JoinRef& ref) {
  size_t first_table = context_.tables.size();
  size_t first_using = context_.using_columns.size();
  FromItem left = BindTableRef(*ref.left);
  FromItem right = BindTableRef(*ref.right);
  FromItem out;
  if (ref.join_type == JoinType::kCross && !right.lateral_refs.empty()) {
    std::vector<StarColumn> columns = std::move(left.columns);
    for (auto& c : right.columns) columns.push_back(std::move(c));
    return MakeLateralJoin(std::move(left), std::move(right), LogicalJoinType::kInner, {},
                           std::move(columns), ref.location);
  }
  if (ref.join_type == JoinType::kCross) {
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(left.plan));
    cross->children.push_back(std::move(right.plan));
    out.lateral_refs = std::move(left.lateral_refs);
    out.plan = std::move(cross);
    out.columns = std::move(left.columns);
    for (auto& c : right.columns) out.columns.push_back(std::move(c));
    return out;
  }
  LogicalJoinType type = ref.join_type == JoinType::kLeft    ? LogicalJoinType::kLeft
                         : ref.join_type == JoinType::kRight ? LogicalJoinType::kRight
                         : ref.join_type == JoinType::kFull  ? LogicalJoinType::kFull
                                                             : LogicalJoinType::kInner;
  auto join = std::make_unique<LogicalJoin>(type);

  std::vector<std::string> using_columns = ref.using_columns;
  if (ref.natural) {
    for (auto& l : left.columns) {
      for (auto& r : right.columns) {
        if (l.name == r.name) {
          using_columns.push_back(l.name);
          break;
        }
      }
    }
  }
  std::vector<ExprPtr> predicates;
  std::vector<bool> left_used(left.columns.size()), right_used(right.columns.size());
  for (auto& name : using_columns) {
    auto find = [&](std::vector<StarColumn>& cols, const char* side) {
      int found = -1;
      for (size_t i = 0; i < cols.size(); i++) {
        if (cols[i].name != name) continue;
        if (found >= 0) {
          throw Exception(
              sqlstate::kAmbiguousColumn,
              "common column name \"" + name + "\" appears more than once in " + side + " table",
              ref.location);
        }
        found = static_cast<int>(i);
      }
      if (found < 0) {
        throw Exception(sqlstate::kUndefinedColumn,
                        "column \"" + name + "\" specified in USING clause does not exist in " +
                            side + " table",
                        ref.location);
      }
      return found;
    };
    int li = find(left.columns, "left");
    int ri = find(right.columns, "right");
    left_used[li] = true;
    right_used[ri] = true;
    ExprPtr l = left.columns[li].expr->Copy();
    ExprPtr r = right.columns[ri].expr->Copy();
    predicates.push_back(Compare("=", l->Copy(), r->Copy(), ref.location));
    std::vector<ExprPtr*> pair = {&l, &r};
    UnifyTypes(pair, ref.location);
    ExprPtr merged;
    if (type == LogicalJoinType::kFull) {
      std::vector<ExprPtr> args;
      args.push_back(std::move(l));
      args.push_back(std::move(r));
      merged = CallScalar("coalesce", std::move(args), ref.location);
    } else {
      merged = type == LogicalJoinType::kRight ? std::move(r) : std::move(l);
    }
    merged->alias = name;
    context_.MarkMerged(left.columns[li]);
    context_.MarkMerged(right.columns[ri]);
    UsingColumn u;
    u.name = name;
    u.expr = merged->Copy();
    context_.using_columns.push_back(std::move(u));
    StarColumn sc;
    sc.name = name;
    sc.expr = std::move(merged);
    sc.using_index = static_cast<int>(context_.using_columns.size()) - 1;
    out.columns.push_back(std::move(sc));
  }
  for (size_t i = 0; i < left.columns.size(); i++) {
    if (!left_used[i]) out.columns.push_back(std::move(left.columns[i]));
  }
  for (size_t i = 0; i < right.columns.size(); i++) {
    if (!right_used[i]) out.columns.push_back(std::move(right.columns[i]));
  }
  if (ref.condition) {
    ExprClause saved = clause_;
    clause_ = ExprClause::kJoinOn;
    // Only the join's own inputs are visible in ON (not earlier comma-separated FROM items).
    size_t saved_from = context_.visible_from, saved_using = context_.using_visible_from;
    context_.visible_from = first_table;
    context_.using_visible_from = first_using;
    try {
      predicates.push_back(BindCondition(*ref.condition, "JOIN/ON"));
    } catch (...) {
      context_.visible_from = saved_from;
      context_.using_visible_from = saved_using;
      throw;
    }
    context_.visible_from = saved_from;
    context_.using_visible_from = saved_using;
    clause_ = saved;
  }
  if (!right.lateral_refs.empty()) {
    return MakeLateralJoin(std::move(left), std::move(right), type, std::move(predicates),
                           std::move(out.columns), ref.location);
  }
  out.lateral_refs = std::move(left.lateral_refs);
  join->children.push_back(std::move(left.plan));
  join->children.push_back(std::move(right.plan));
  if (type == LogicalJoinType::kInner && predicates.empty()) {
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children = std::move(join->children);
    out.plan = std::move(cross);
    return out;
  }
  for (auto& p : predicates) AddJoinPredicate(*join, std::move(p));
  out.plan = std::move(join);
  return out;
}

}  // namespace kadedb
