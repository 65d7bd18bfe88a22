// INSERT: target columns, VALUES (with DEFAULT) / query / DEFAULT VALUES sources cast to the
// column types with assignment casts, column defaults, CHECK constraints, ON CONFLICT and
// RETURNING (see LogicalInsert for the contract with the executor).
#include <set>

#include "binder/bind_privileges.hpp"
#include "binder/binder.hpp"
#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

void CheckAssignable(const ExprPtr& value, const CatalogColumn& column, int location) {
  if (Binder::IsUnknown(*value) || value->return_type == column.type) return;
  if (!CanCast(value->return_type, column.type, CastStrength::kAssignment)) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    "column \"" + column.name + "\" is of type " + column.type.ToString() +
                        " but expression is of type " + value->return_type.ToString(),
                    location);
  }
}

// GENERATED ALWAYS AS IDENTITY refuses explicit values unless OVERRIDING SYSTEM VALUE.
void CheckIdentityTarget(const CatalogColumn& column, char overriding, int location) {
  if (column.identity != 'a' || overriding == 's' || overriding == 'u') return;
  throw Exception(
      "428C9", "cannot insert a non-DEFAULT value into column \"" + column.name + "\"", location,
      "Column \"" + column.name + "\" is an identity column defined as GENERATED ALWAYS.",
      "Use OVERRIDING SYSTEM VALUE to override.");
}

}  // namespace

PlannedStatement Binder::BindInsert(const InsertStatement& stmt) {
  if (stmt.with) BindWith(*stmt.with);
  std::string schema = RelationSchemaOf(stmt.table);
  TableEntry* table = catalog().GetTable(schema, stmt.table.back());
  if (!table) {
    if (catalog().GetView(schema, stmt.table.back())) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "cannot insert into view \"" + stmt.table.back() + "\"", stmt.table_location);
    }
    LookupTable(stmt.table, stmt.table_location);
  }
  CheckRelationPrivilege(catalog(), shared_.settings, table->oid, table->name, kPrivInsert, false,
                         stmt.table_location);
  const size_t ncols = table->columns.size();
  // Target columns.
  std::vector<column_t> targets;
  if (stmt.columns.empty()) {
    for (column_t c = 0; c < ncols; c++) targets.push_back(c);
  } else {
    std::set<column_t> seen;
    for (auto& name : stmt.columns) {
      auto c = table->FindColumn(name);
      if (!c) {
        throw Exception(
            sqlstate::kUndefinedColumn,
            "column \"" + name + "\" of relation \"" + table->name + "\" does not exist",
            stmt.table_location);
      }
      if (!seen.insert(*c).second) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + name + "\" specified more than once", stmt.table_location);
      }
      targets.push_back(*c);
    }
  }
  auto insert = std::make_unique<LogicalInsert>();
  insert->table = table;
  std::vector<LogicalType> target_types;
  for (column_t c : targets) target_types.push_back(table->columns[c].type);

  // Source.
  LogicalOperatorPtr source;
  if (stmt.default_values || !stmt.query) {
    // DEFAULT VALUES: one row. Its first column carries that column's default explicitly, so
    // the row has a column (a zero-column row would count as no row at all).
    targets.resize(std::min<size_t>(ncols, 1));
    target_types.resize(targets.size());
    std::vector<std::vector<ExprPtr>> rows(1);
    if (!targets.empty()) rows[0].push_back(BindColumnDefault(*table, targets[0]));
    source = std::make_unique<LogicalExpressionGet>(NewTableIndex(), target_types, std::move(rows));
  } else if (stmt.query->kind == QueryNodeKind::kValues && stmt.query->order_by.empty() &&
             !stmt.query->limit && !stmt.query->offset && !stmt.query->with) {
    auto& values = stmt.query->Cast<ValuesNode>();
    // Without a column list, shorter rows fill the leading columns (PostgreSQL).
    if (stmt.columns.empty() && !values.rows.empty() && values.rows[0].size() < targets.size()) {
      targets.resize(values.rows[0].size());
      target_types.resize(targets.size());
    }
    std::vector<std::vector<ExprPtr>> rows;
    clause_ = ExprClause::kValues;
    for (auto& row : values.rows) {
      if (row.size() > targets.size()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                        row[targets.size()]->location);
      }
      if (row.size() < targets.size()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                        row.empty() ? values.location : row.back()->location);
      }
      std::vector<ExprPtr> bound;
      for (size_t i = 0; i < row.size(); i++) {
        const CatalogColumn& column = table->columns[targets[i]];
        if (row[i]->kind != ExpressionKind::kDefault) {
          CheckIdentityTarget(column, stmt.overriding, row[i]->location);
        }
        if (row[i]->kind == ExpressionKind::kDefault) {
          bound.push_back(BindColumnDefault(*table, targets[i]));
          continue;
        }
        ExprPtr e = BindExpr(*row[i]);
        CheckAssignable(e, column, row[i]->location);
        bound.push_back(
            Coerce(std::move(e), column.type, CastStrength::kAssignment, row[i]->location));
      }
      rows.push_back(std::move(bound));
    }
    clause_ = ExprClause::kOther;
    source = std::make_unique<LogicalExpressionGet>(NewTableIndex(), target_types, std::move(rows));
  } else {
    for (column_t c : targets) CheckIdentityTarget(table->columns[c], stmt.overriding, 0);
    Binder sub(shared_, this, BinderKind::kDerived);
    BoundQuery q = sub.BindQuery(*stmt.query);
    if (stmt.columns.empty() && q.types.size() < targets.size()) {
      targets.resize(q.types.size());
      target_types.resize(targets.size());
    }
    if (q.types.size() > targets.size()) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                      stmt.query->location);
    }
    if (q.types.size() < targets.size()) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                      stmt.query->location);
    }
    for (size_t i = 0; i < targets.size(); i++) {
      if (q.types[i] != target_types[i] && !q.IsUnknown(i) &&
          !CanCast(q.types[i], target_types[i], CastStrength::kAssignment)) {
        const CatalogColumn& column = table->columns[targets[i]];
        throw Exception(sqlstate::kDatatypeMismatch,
                        "column \"" + column.name + "\" is of type " + column.type.ToString() +
                            " but expression is of type " + q.types[i].ToString(),
                        stmt.query->location);
      }
    }
    // varchar(n) targets: cast to plain varchar (a cast node truncates); the insert checks the
    // length when it stores the row (ConformToTable), so a too long value fails with 22001.
    std::vector<LogicalType> cast_types = target_types;
    for (auto& t : cast_types) {
      if (t.id == TypeId::kVarchar) t = LogicalType(TypeId::kVarchar);
    }
    q = CastOutputs(std::move(q), cast_types, NewTableIndex(), CastStrength::kAssignment);
    source = std::move(q.plan);
  }
  insert->children.push_back(std::move(source));
  insert->column_map.assign(ncols, -1);
  for (size_t i = 0; i < targets.size(); i++)
    insert->column_map[targets[i]] = static_cast<int64_t>(i);
  if (stmt.overriding == 'u') {
    // OVERRIDING USER VALUE: identity columns take their sequence's value whatever was given.
    for (column_t c = 0; c < ncols; c++) {
      if (table->columns[c].identity) insert->column_map[c] = -1;
    }
  }
  for (column_t c = 0; c < ncols; c++) {
    insert->defaults.push_back(insert->column_map[c] >= 0 ? nullptr : BindColumnDefault(*table, c));
  }
  insert->new_row_index = NewTableIndex();
  BindChecks(*table, insert->new_row_index, insert->checks, insert->check_names);
  std::string alias = stmt.alias.empty() ? table->name : stmt.alias;

  // ON CONFLICT
  if (stmt.on_conflict) {
    auto& oc = *stmt.on_conflict;
    insert->on_conflict = oc.action == OnConflictAction::kNothing ? ConflictAction::kNothing
                                                                  : ConflictAction::kUpdate;
    if (!oc.target_columns.empty() || !oc.constraint_name.empty()) {
      std::set<column_t> wanted;
      for (auto& name : oc.target_columns) {
        auto c = table->FindColumn(name);
        if (!c) {
          throw Exception(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist",
                          oc.location);
        }
        wanted.insert(*c);
      }
      for (IndexEntry* index : catalog().Indexes(table->oid)) {
        if (!index->info.unique) continue;
        if (!oc.constraint_name.empty()) {
          if (index->name == oc.constraint_name) insert->conflict_index = index;
          continue;
        }
        std::set<column_t> cols(index->info.columns.begin(), index->info.columns.end());
        if (cols == wanted) insert->conflict_index = index;
      }
      if (!insert->conflict_index) {
        if (!oc.constraint_name.empty()) {
          throw Exception(sqlstate::kUndefinedObject,
                          "constraint \"" + oc.constraint_name + "\" for table \"" + table->name +
                              "\" does not exist",
                          oc.location);
        }
        throw Exception(sqlstate::kInvalidColumnReference,
                        "there is no unique or exclusion constraint matching the ON CONFLICT "
                        "specification",
                        oc.location);
      }
    } else if (oc.action == OnConflictAction::kUpdate && !oc.replace_all) {
      throw Exception(sqlstate::kSyntaxError,
                      "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                      oc.location);
    }
    if (oc.action == OnConflictAction::kUpdate) {
      // As PostgreSQL: DO UPDATE needs UPDATE, and SELECT when its condition reads the row.
      CheckRelationPrivilege(catalog(), shared_.settings, table->oid, table->name,
                             kPrivUpdate | (oc.where ? static_cast<uint32_t>(kPrivSelect) : 0u),
                             false, oc.location);
      insert->existing_row_index = NewTableIndex();
      insert->excluded_index = NewTableIndex();
      Binder scope(shared_, this, BinderKind::kDerived);
      scope.AddRowBinding(*table, alias, insert->existing_row_index);
      scope.AddRowBinding(*table, "excluded", insert->excluded_index);
      if (oc.replace_all) {
        // REPLACE: every inserted column takes the proposed value (excluded.col), on a conflict
        // with any unique index (conflict_index stays null).
        for (column_t c = 0; c < ncols; c++) {
          if (insert->column_map[c] < 0) continue;
          insert->update_columns.push_back(c);
          insert->update_expressions.push_back(
              MakeColumnRef({insert->excluded_index, c}, table->columns[c].type));
        }
      } else {
        scope.BindSetItems(*table, oc.set_items, insert->update_columns,
                           insert->update_expressions);
      }
      if (oc.where) {
        scope.clause_ = ExprClause::kWhere;
        insert->update_condition = scope.BindCondition(*oc.where, "WHERE");
      }
    }
  }

  PlannedStatement out;
  if (!stmt.returning.empty()) {
    insert->returning_index = NewTableIndex();
    Binder scope(shared_, this, BinderKind::kDerived);
    scope.AddRowBinding(*table, alias, insert->new_row_index);
    scope.BindReturning(stmt.returning, insert->returning, out.names, out.types);
    out.returns_rows = true;
  }
  out.plan = std::move(insert);
  out.command_tag = "INSERT";
  out.read_only = false;
  return out;
}

}  // namespace kadedb
