// UPDATE and DELETE: the child scans the target (row id first, then every column), joined with
// the FROM / USING items as a cross product and filtered by WHERE; SET values, CHECKs and
// RETURNING are bound as LogicalUpdate / LogicalDelete describe.
#include "binder/bind_privileges.hpp"
#include "binder/binder.hpp"
#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

// Scans the target table: column_ids = [row id, 0, 1, ...]; (index, c + 1) is column c.
LogicalOperatorPtr ScanTarget(TableEntry* table, idx_t index) {
  std::vector<column_t> ids = {kRowIdColumn};
  std::vector<LogicalType> types = {TypeId::kBigInt};
  for (column_t c = 0; c < table->columns.size(); c++) {
    ids.push_back(c);
    types.push_back(table->columns[c].type);
  }
  auto get = std::make_unique<LogicalGet>(index, table, std::move(ids));
  get->column_types = std::move(types);
  return get;
}

}  // namespace

LogicalOperatorPtr Binder::BindModifyTarget(TableEntry* table, const std::string& alias,
                                            const TableRef* extra, const ParsedExpression* where) {
  idx_t target_index = NewTableIndex();
  LogicalOperatorPtr plan = ScanTarget(table, target_index);
  AddRowBinding(*table, alias, target_index, 1);
  if (extra) {
    FromItem from = BindTableRef(*extra);
    auto cross = std::make_unique<LogicalCrossProduct>();
    cross->children.push_back(std::move(plan));
    cross->children.push_back(std::move(from.plan));
    plan = std::move(cross);
  }
  if (where) {
    clause_ = ExprClause::kWhere;
    plan = MakeFilter(std::move(plan), BindCondition(*where, "WHERE"));
  }
  return plan;
}

PlannedStatement Binder::BindUpdate(const UpdateStatement& stmt) {
  if (stmt.with) BindWith(*stmt.with);
  TableEntry* table = LookupTable(stmt.table->name, stmt.table->location);
  CheckRelationPrivilege(catalog(), shared_.settings, table->oid, table->name,
                         kPrivUpdate | (stmt.where ? static_cast<uint32_t>(kPrivSelect) : 0u),
                         false, stmt.table->location);
  std::string alias = stmt.table->alias.empty() ? table->name : stmt.table->alias;
  LogicalOperatorPtr plan = BindModifyTarget(table, alias, stmt.from.get(), stmt.where.get());
  auto update = std::make_unique<LogicalUpdate>();
  update->table = table;
  BindSetItems(*table, stmt.set_items, update->update_columns, update->update_expressions);
  update->new_row_index = NewTableIndex();
  BindChecks(*table, update->new_row_index, update->checks, update->check_names);
  update->children.push_back(std::move(plan));
  PlannedStatement out;
  if (!stmt.returning.empty()) {
    update->returning_index = NewTableIndex();
    Binder scope(shared_, this, BinderKind::kDerived);
    scope.AddRowBinding(*table, alias, update->new_row_index);
    scope.BindReturning(stmt.returning, update->returning, out.names, out.types);
    out.returns_rows = true;
  }
  out.plan = std::move(update);
  out.command_tag = "UPDATE";
  out.read_only = false;
  return out;
}

PlannedStatement Binder::BindDelete(const DeleteStatement& stmt) {
  if (stmt.with) BindWith(*stmt.with);
  TableEntry* table = LookupTable(stmt.table->name, stmt.table->location);
  CheckRelationPrivilege(catalog(), shared_.settings, table->oid, table->name,
                         kPrivDelete | (stmt.where ? static_cast<uint32_t>(kPrivSelect) : 0u),
                         false, stmt.table->location);
  std::string alias = stmt.table->alias.empty() ? table->name : stmt.table->alias;
  LogicalOperatorPtr plan =
      BindModifyTarget(table, alias, stmt.using_clause.get(), stmt.where.get());
  auto del = std::make_unique<LogicalDelete>();
  del->table = table;
  del->children.push_back(std::move(plan));
  PlannedStatement out;
  if (!stmt.returning.empty()) {
    del->old_row_index = NewTableIndex();
    del->returning_index = NewTableIndex();
    Binder scope(shared_, this, BinderKind::kDerived);
    scope.AddRowBinding(*table, alias, del->old_row_index);
    scope.BindReturning(stmt.returning, del->returning, out.names, out.types);
    out.returns_rows = true;
  }
  out.plan = std::move(del);
  out.command_tag = "DELETE";
  out.read_only = false;
  return out;
}

}  // namespace kadedb
