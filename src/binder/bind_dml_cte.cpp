// Data-modifying statements in WITH (PostgreSQL semantics): WITH d AS (DELETE ... RETURNING *)
// INSERT INTO t SELECT * FROM d. Each DML CTE is bound at its place in the WITH list (it sees
// the CTEs before it) and runs exactly once, before the statement, in WITH order, whether or not
// anything reads it; readers scan its RETURNING rows (a LogicalMaterializedCTE table). Every
// other read of a table some DML CTE changes goes to a copy of that table taken before any DML
// CTE runs, so all parts of the statement see the same snapshot, as in PostgreSQL.
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

// The table a DML statement changes, or null when it does not exist (binding reports that).
TableEntry* DmlTarget(Binder& binder, const Statement& s) {
  auto lookup = [&](const std::vector<std::string>& name) -> TableEntry* {
    if (name.empty()) return nullptr;
    return binder.catalog().GetTable(binder.RelationSchemaOf(name), name.back());
  };
  switch (s.kind) {
    case StatementKind::kInsert:
      return lookup(s.Cast<InsertStatement>().table);
    case StatementKind::kUpdate:
      return lookup(s.Cast<UpdateStatement>().table->name);
    case StatementKind::kDelete:
      return lookup(s.Cast<DeleteStatement>().table->name);
    default:
      return nullptr;
  }
}

}  // namespace

void Binder::BindDmlCte(const CommonTableExpression& cte, CteEntry& entry) {
  // Reads of the changed table anywhere in the statement go through the snapshot; register the
  // target before binding, so that the DML's own subqueries see it too.
  if (TableEntry* target = DmlTarget(*this, *cte.dml)) shared_.dml_targets.insert(target->oid);
  Binder dml_binder(shared_, this, BinderKind::kDerived);
  PlannedStatement p;
  switch (cte.dml->kind) {
    case StatementKind::kInsert:
      p = dml_binder.BindInsert(cte.dml->Cast<InsertStatement>());
      break;
    case StatementKind::kUpdate:
      p = dml_binder.BindUpdate(cte.dml->Cast<UpdateStatement>());
      break;
    default:
      p = dml_binder.BindDelete(cte.dml->Cast<DeleteStatement>());
      break;
  }
  entry.dml = true;
  entry.has_returning = p.returns_rows;
  entry.cte_index = shared_.next_cte_index++;
  entry.names = p.names;
  entry.types = p.types;
  shared_.dml_ctes.emplace_back(entry.cte_index, std::move(p.plan));
}

LogicalOperatorPtr Binder::SnapshotScan(TableEntry& table) {
  if (!shared_.dml_targets.count(table.oid)) return nullptr;
  idx_t cte_index;
  auto it = shared_.snapshot_ctes.find(table.oid);
  if (it != shared_.snapshot_ctes.end()) {
    cte_index = it->second;
  } else {
    cte_index = shared_.next_cte_index++;
    shared_.snapshot_ctes[table.oid] = cte_index;
    std::vector<column_t> ids;
    for (column_t c = 0; c < table.columns.size(); c++) ids.push_back(c);
    auto get = std::make_unique<LogicalGet>(NewTableIndex(), &table, std::move(ids));
    get->column_types = table.ColumnTypes();
    shared_.snapshots.emplace_back(cte_index, std::move(get));
  }
  return std::make_unique<LogicalCTERef>(NewTableIndex(), cte_index, table.ColumnTypes());
}

void Binder::AttachDmlCtes(PlannedStatement& out) {
  if (shared_.dml_ctes.empty()) return;
  out.read_only = false;
  // INSERT / UPDATE / DELETE keep their root (the executor counts their rows): the CTEs run
  // when the statement starts reading its input.
  LogicalOperatorPtr* slot = &out.plan;
  if (out.plan->kind == LogicalOperatorKind::kInsert ||
      out.plan->kind == LogicalOperatorKind::kUpdate ||
      out.plan->kind == LogicalOperatorKind::kDelete) {
    if (out.plan->children.empty()) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "data-modifying WITH on this statement is not supported");
    }
    slot = &out.plan->children[0];
  }
  auto wrap = [&](idx_t cte_index, LogicalOperatorPtr producer) {
    auto m = std::make_unique<LogicalMaterializedCTE>(cte_index);
    m->children.push_back(std::move(producer));
    m->children.push_back(std::move(*slot));
    *slot = std::move(m);
  };
  // Innermost first: the DML CTEs in reverse WITH order, then the snapshots outside them all.
  auto dml = std::move(shared_.dml_ctes);
  shared_.dml_ctes.clear();
  for (auto it = dml.rbegin(); it != dml.rend(); ++it) wrap(it->first, std::move(it->second));
  auto snapshots = std::move(shared_.snapshots);
  shared_.snapshots.clear();
  for (auto& s : snapshots) wrap(s.first, std::move(s.second));
}

}  // namespace kadedb
