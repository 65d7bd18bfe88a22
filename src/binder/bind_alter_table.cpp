// ALTER TABLE: one action per statement (ADD/DROP/RENAME COLUMN, RENAME TO, SET/DROP DEFAULT,
// SET/DROP NOT NULL). ADD COLUMN ... DEFAULT evaluates a constant default for the existing rows
// here; other defaults go to LogicalAlterTable::default_for_existing_expression.
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

PlannedStatement Binder::BindAlterTable(const AlterTableStatement& stmt) {
  if (stmt.commands.size() != 1) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "several ALTER TABLE actions in one statement are not supported yet");
  }
  auto& cmd = stmt.commands[0];
  auto op = std::make_unique<LogicalAlterTable>();
  std::string schema = stmt.table.size() >= 2 ? stmt.table[stmt.table.size() - 2] : std::string();
  op->table = catalog().GetTable(schema, stmt.table.back());
  PlannedStatement out;
  out.command_tag = "ALTER TABLE";
  out.read_only = false;
  if (!op->table) {
    if (!stmt.if_exists) LookupTable(stmt.table, 0);
    out.plan = std::move(op);
    return out;
  }
  TableEntry& table = *op->table;
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
  out.plan = std::move(op);
  return out;
}

}  // namespace kadedb
