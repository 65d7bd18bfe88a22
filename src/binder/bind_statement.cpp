// Binder::BindStatement: dispatch over statement kinds; SELECT and EXPLAIN.
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

PlannedStatement Binder::BindStatement(const Statement& statement) {
  PlannedStatement out;
  switch (statement.kind) {
    case StatementKind::kSelect: {
      BoundQuery q = BindQuery(*statement.Cast<SelectStatement>().node);
      out.plan = std::move(q.plan);
      out.names = std::move(q.names);
      out.types = std::move(q.types);
      out.command_tag = "SELECT";
      out.returns_rows = true;
      AttachDmlCtes(out);
      return out;
    }
    case StatementKind::kInsert:
      out = BindInsert(statement.Cast<InsertStatement>());
      AttachDmlCtes(out);
      return out;
    case StatementKind::kUpdate:
      out = BindUpdate(statement.Cast<UpdateStatement>());
      AttachDmlCtes(out);
      return out;
    case StatementKind::kDelete:
      out = BindDelete(statement.Cast<DeleteStatement>());
      AttachDmlCtes(out);
      return out;
    case StatementKind::kCreateTable:
      return BindCreateTable(statement.Cast<CreateTableStatement>());
    case StatementKind::kCreateSchema:
    case StatementKind::kCreateView:
    case StatementKind::kCreateIndex:
    case StatementKind::kDrop:
      return BindCreateOther(statement);
    case StatementKind::kAlterTable:
      return BindAlterTable(statement.Cast<AlterTableStatement>());
    case StatementKind::kExplain: {
      auto& e = statement.Cast<ExplainStatement>();
      PlannedStatement inner = BindStatement(*e.statement);
      auto explain = std::make_unique<LogicalExplain>();
      explain->analyze = e.analyze;
      explain->json = e.format == ExplainFormat::kJson;
      if (inner.plan) explain->children.push_back(std::move(inner.plan));
      out.plan = std::move(explain);
      out.names = {"QUERY PLAN"};
      out.types = {TypeId::kText};
      out.command_tag = "EXPLAIN";
      out.returns_rows = true;
      out.read_only = !e.analyze || inner.read_only;
      return out;
    }
    default:
      return BindUtility(statement);
  }
}

}  // namespace kadedb
