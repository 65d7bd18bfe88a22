// Utility statements: COPY, SET / SHOW / RESET, transaction control, CHECK DATABASE and
// VACUUM / ANALYZE (accepted as no-ops: a dummy scan with the right command tag).
#include "binder/bind_privileges.hpp"
#include "binder/binder.hpp"
#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

std::string SetValueText(const ParsedExpression& e) {
  if (e.kind == ExpressionKind::kConstant) {
    auto& c = e.Cast<ConstantExpression>();
    switch (c.value_kind) {
      case ConstantKind::kString:
      case ConstantKind::kNumeric:
        return c.text;
      case ConstantKind::kInteger:
        return std::to_string(c.integer_value);
      case ConstantKind::kBoolean:
        return c.boolean_value ? "on" : "off";
      case ConstantKind::kNull:
        return "";
    }
  }
  if (e.kind == ExpressionKind::kOperator) {
    auto& op = e.Cast<OperatorExpression>();
    if (op.op == "-" && op.children.size() == 1) return "-" + SetValueText(*op.children[0]);
  }
  if (e.kind == ExpressionKind::kColumnRef) return e.Cast<ColumnRefExpression>().column_name();
  return e.ToString();
}

char SingleChar(const std::optional<std::string>& s, char fallback, const char* what) {
  if (!s) return fallback;
  if (s->size() != 1) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    std::string("COPY ") + what + " must be a single one-byte character");
  }
  return (*s)[0];
}

}  // namespace

PlannedStatement Binder::BindUtility(const Statement& statement) {
  PlannedStatement out;
  switch (statement.kind) {
    case StatementKind::kCopy: {
      auto& stmt = statement.Cast<CopyStatement>();
      auto op = std::make_unique<LogicalCopy>();
      op->is_from = stmt.is_from;
      if (stmt.format == CopyFormat::kBinary) {
        throw Exception(sqlstate::kFeatureNotSupported, "COPY BINARY is not supported");
      }
      bool csv = stmt.format == CopyFormat::kCsv;
      op->header = stmt.header;
      op->delimiter = SingleChar(stmt.delimiter, csv ? ',' : '\t', "delimiter");
      op->quote = SingleChar(stmt.quote, '"', "quote");
      op->null_string = stmt.null_string ? *stmt.null_string : (csv ? "" : "\\N");
      op->path = stmt.is_stdio ? (stmt.is_from ? "STDIN" : "STDOUT") : stmt.file_name;
      if (!stmt.is_stdio) {
        CheckServerFileCopy(catalog(), shared_.settings, stmt.file_name, stmt.is_from,
                            statement.location);
      }
      if (stmt.query) {
        if (stmt.is_from) {
          throw Exception(sqlstate::kSyntaxError, "COPY (query) FROM is not supported");
        }
        Binder sub(shared_, this, BinderKind::kDerived);
        BoundQuery q = sub.BindQuery(*stmt.query);
        op->children.push_back(std::move(q.plan));
      } else {
        op->table = LookupTable(stmt.table, statement.location);
        CheckRelationPrivilege(catalog(), shared_.settings, op->table->oid, op->table->name,
                               stmt.is_from ? kPrivInsert : kPrivSelect, false, statement.location);
        if (stmt.columns.empty()) {
          for (column_t c = 0; c < op->table->columns.size(); c++) op->columns.push_back(c);
        }
        for (auto& name : stmt.columns) {
          auto c = op->table->FindColumn(name);
          if (!c) {
            throw Exception(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" +
                                                            op->table->name + "\" does not exist");
          }
          op->columns.push_back(*c);
        }
        if (op->is_from) {
          // Defaults for the columns the file does not supply, and the CHECK constraints: COPY
          // FROM keeps every promise INSERT keeps.
          std::vector<bool> supplied(op->table->columns.size(), false);
          for (column_t c : op->columns) supplied[c] = true;
          for (column_t c = 0; c < op->table->columns.size(); c++) {
            op->defaults.push_back(supplied[c] ? nullptr : BindColumnDefault(*op->table, c));
          }
          op->new_row_index = NewTableIndex();
          BindChecks(*op->table, op->new_row_index, op->checks, op->check_names);
        }
      }
      out.plan = std::move(op);
      out.command_tag = "COPY";
      out.read_only = !stmt.is_from;
      return out;
    }
    case StatementKind::kSet: {
      auto& stmt = statement.Cast<SetStatement>();
      auto op = std::make_unique<LogicalSet>();
      op->name = stmt.name;
      if (stmt.is_default) {
        op->reset = true;
      } else {
        std::string text;
        for (size_t i = 0; i < stmt.values.size(); i++) {
          if (i) text += ", ";
          text += SetValueText(*stmt.values[i]);
        }
        op->value = Value::Text(text);
      }
      out.plan = std::move(op);
      out.command_tag = "SET";
      return out;
    }
    case StatementKind::kReset: {
      auto op = std::make_unique<LogicalSet>();
      op->name = statement.Cast<ResetStatement>().name;
      op->reset = true;
      out.plan = std::move(op);
      out.command_tag = "RESET";
      return out;
    }
    case StatementKind::kShow: {
      auto op = std::make_unique<LogicalShow>();
      op->name = statement.Cast<ShowStatement>().name;
      out.names = {op->name == "all" ? "name" : op->name};
      out.types = {TypeId::kText};
      out.plan = std::move(op);
      out.command_tag = "SHOW";
      out.returns_rows = true;
      return out;
    }
    case StatementKind::kTransaction: {
      auto& stmt = statement.Cast<TransactionStatement>();
      auto op = std::make_unique<LogicalTransaction>();
      op->savepoint = stmt.savepoint;
      op->isolation = stmt.isolation_level;
      switch (stmt.transaction_kind) {
        case TransactionKind::kBegin:
          op->action = TransactionAction::kBegin;
          out.command_tag = "BEGIN";
          break;
        case TransactionKind::kCommit:
          op->action = TransactionAction::kCommit;
          out.command_tag = "COMMIT";
          break;
        case TransactionKind::kRollback:
          op->action = TransactionAction::kRollback;
          out.command_tag = "ROLLBACK";
          break;
        case TransactionKind::kSavepoint:
          op->action = TransactionAction::kSavepoint;
          out.command_tag = "SAVEPOINT";
          break;
        case TransactionKind::kRelease:
          op->action = TransactionAction::kRelease;
          out.command_tag = "RELEASE";
          break;
        case TransactionKind::kRollbackToSavepoint:
          op->action = TransactionAction::kRollbackToSavepoint;
          out.command_tag = "ROLLBACK";
          break;
      }
      out.plan = std::move(op);
      return out;
    }
    case StatementKind::kCheckDatabase: {
      out.plan = std::make_unique<LogicalCheckDatabase>();
      out.names = {"check"};
      out.types = {TypeId::kText};
      out.command_tag = "CHECK DATABASE";
      out.returns_rows = true;
      return out;
    }
    case StatementKind::kVacuum: {
      auto& stmt = statement.Cast<VacuumStatement>();
      for (auto& t : stmt.tables) LookupTable(t, statement.location);
      out.plan = std::make_unique<LogicalDummyScan>(NewTableIndex());
      out.command_tag = stmt.is_vacuum ? "VACUUM" : "ANALYZE";
      return out;
    }
    default:
      throw Exception(sqlstate::kFeatureNotSupported, "statement is not supported");
  }
}

}  // namespace kadedb
