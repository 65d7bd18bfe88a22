// ALTER TABLE: ADD/DROP/RENAME COLUMN, RENAME TO, SET/DROP DEFAULT, SET/DROP NOT NULL. Several
// comma-separated actions become one LogicalAlterTable whose children run in order in the
// statement's transaction (all or nothing); each action is checked against the columns the
// earlier ones leave (a shadow copy of the table's columns). ADD COLUMN ... DEFAULT evaluates a
// constant default for the existing rows here; other defaults go to
// LogicalAlterTable::default_for_existing_expression.
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

PlannedStatement Binder::BindAlterTable(const AlterTableStatement& stmt) {
  std::string schema = RelationSchemaOf(stmt.table);
  TableEntry* real = catalog().GetTable(schema, stmt.table.back());
  PlannedStatement out;
  out.command_tag = "ALTER TABLE";
  out.read_only = false;
  if (!real) {
    if (!stmt.if_exists) LookupTable(stmt.table, 0);
    out.plan = std::make_unique<LogicalAlterTable>();
    return out;
  }
  if (stmt.commands.size() == 1) {
    out.plan = BindAlterTableAction(stmt.commands[0], *real, *real);
    return out;
  }
  // Several actions: each sees the columns the previous ones leave.
  TableEntry shadow;
  shadow.oid = real->oid;
  shadow.schema_oid = real->schema_oid;
  shadow.schema_name = real->schema_name;
  shadow.name = real->name;
  shadow.columns = real->columns;
  auto parent = std::make_unique<LogicalAlterTable>();
  parent->table = real;
  for (auto& cmd : stmt.commands) {
    auto op = BindAlterTableAction(cmd, *real, shadow);
    switch (op->alter_kind) {
      case AlterKind::kAddColumn:
        if (!shadow.FindColumn(op->column.name)) shadow.columns.push_back(op->column);
        break;
      case AlterKind::kDropColumn:
        if (auto c = shadow.FindColumn(op->column_name)) {
          shadow.columns.erase(shadow.columns.begin() + static_cast<std::ptrdiff_t>(*c));
        }
        break;
      default:
        break;
    }
    parent->children.push_back(std::move(op));
  }
  out.plan = std::move(parent);
  return out;
}

// One action. `real` is the catalog's table (what the executor changes); `table` is what the
// checks look at (the same table, or the shadow of a several-action statement).
std::unique_ptr<LogicalAlterTable> Binder::BindAlterTableAction(const AlterTableCommand& cmd,
                                                                TableEntry& real,
                                                                const TableEntry& table) {
  auto op = std::make_unique<LogicalAlterTable>();
  op->table = &real;
  op->column_name = cmd.column;
  op->new_name = cmd.new_name;
  op->if_exists = cmd.if_exists;
  op->if_not_exists = cmd.if_not_exists;
  auto require_column = [&]() {
    if (!table.FindColumn(cmd.column)) {
      throw Exception(
          sqlstate::kUndefinedColumn,
          "column \"" + cmd.column + "\" of relation \"" + table.name + "\" does not exist",
          cmd.location);
    }
  };
  switch (cmd.action) {
    case AlterTableAction::kAddColumn: {
      op->alter_kind = AlterKind::kAddColumn;
      auto& def = *cmd.column_def;
      op->column.name = def.name;
      op->column.type = def.type.type;
      for (auto& c : def.constraints) {
        switch (c.kind) {
          case ConstraintKind::kNotNull:
            op->column.not_null = true;
            break;
          case ConstraintKind::kDefault:
            op->column.default_sql =
                c.expression_text.empty() ? c.expression->ToString() : c.expression_text;
            break;
          case ConstraintKind::kNull:
            break;
          default:
            throw Exception(sqlstate::kFeatureNotSupported,
                            "constraints in ALTER TABLE ADD COLUMN are not supported yet",
                            c.location);
        }
      }
      if (table.FindColumn(def.name) && !cmd.if_not_exists) {
        throw Exception(
            sqlstate::kDuplicateColumn,
            "column \"" + def.name + "\" of relation \"" + table.name + "\" already exists",
            def.location);
      }
      op->default_for_existing = Value::Null(op->column.type);
      if (!op->column.default_sql.empty()) {
        TableEntry probe;
        probe.name = table.name;
        probe.columns.push_back(op->column);
        ExprPtr e = BindColumnDefault(probe, 0);
        if (e->kind == BoundExpressionKind::kConstant) {
          op->default_for_existing = e->value;
        } else if (e->kind == BoundExpressionKind::kCast &&
                   e->children[0]->kind == BoundExpressionKind::kConstant) {
          op->default_for_existing =
              CastValue(e->children[0]->value, e->return_type, CastStrength::kAssignment);
        } else {
          op->default_for_existing_expression = std::move(e);
        }
      }
      break;
    }
    case AlterTableAction::kDropColumn:
      op->alter_kind = AlterKind::kDropColumn;
      if (!cmd.if_exists) require_column();
      break;
    case AlterTableAction::kRenameColumn:
      op->alter_kind = AlterKind::kRenameColumn;
      require_column();
      if (table.FindColumn(cmd.new_name)) {
        throw Exception(
            sqlstate::kDuplicateColumn,
            "column \"" + cmd.new_name + "\" of relation \"" + table.name + "\" already exists",
            cmd.location);
      }
      break;
    case AlterTableAction::kRenameTable:
      op->alter_kind = AlterKind::kRenameTable;
      break;
    case AlterTableAction::kSetDefault: {
      op->alter_kind = AlterKind::kSetDefault;
      require_column();
      op->column = table.columns[*table.FindColumn(cmd.column)];
      op->column.default_sql =
          cmd.default_text.empty() ? cmd.default_value->ToString() : cmd.default_text;
      TableEntry probe;
      probe.name = table.name;
      probe.columns.push_back(op->column);
      BindColumnDefault(probe, 0);
      break;
    }
    case AlterTableAction::kDropDefault:
      op->alter_kind = AlterKind::kDropDefault;
      require_column();
      break;
    case AlterTableAction::kSetNotNull:
      op->alter_kind = AlterKind::kSetNotNull;
      require_column();
      break;
    case AlterTableAction::kDropNotNull:
      op->alter_kind = AlterKind::kDropNotNull;
      require_column();
      break;
    default:
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this ALTER TABLE action is not supported yet", cmd.location);
  }
  return op;
}

}  // namespace kadedb
