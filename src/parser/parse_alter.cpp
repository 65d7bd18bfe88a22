// DROP TABLE|VIEW|INDEX|SCHEMA and ALTER TABLE.
#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

namespace {

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

StatementPtr SqlParser::ParseDrop() {
  auto s = std::make_unique<DropStatement>();
  ExpectKeyword("drop");
  const Token& t = Peek();
  if (t.IsKeyword("trigger")) return ParseDropTrigger();
  if (t.IsKeyword("table")) {
    s->object_kind = ObjectKind::kTable;
  } else if (t.IsKeyword("view")) {
    s->object_kind = ObjectKind::kView;
  } else if (t.IsKeyword("index")) {
    s->object_kind = ObjectKind::kIndex;
  } else if (t.IsKeyword("schema")) {
    s->object_kind = ObjectKind::kSchema;
  } else if (t.kind == TokenKind::kIdentifier && !IsReservedKeyword(t.text)) {
    NotSupported("DROP " + Upper(t.text), t);
  } else {
    SyntaxError(t);
  }
  Next();
  if (s->object_kind == ObjectKind::kIndex) AcceptKeyword("concurrently");
  s->if_exists = AcceptIfExists();
  do {
    s->names.push_back(ParseQualifiedName());
  } while (AcceptPunct(","));
  s->cascade = AcceptDropBehavior();
  return s;
}

StatementPtr SqlParser::ParseAlter() {
  ExpectKeyword("alter");
  const Token& what = Peek();
  if (!what.IsKeyword("table")) {
    if (what.kind == TokenKind::kIdentifier && !IsReservedKeyword(what.text)) {
      NotSupported("ALTER " + Upper(what.text), what);
    }
    SyntaxError(what);
  }
  Next();
  auto s = std::make_unique<AlterTableStatement>();
  s->if_exists = AcceptIfExists();
  AcceptKeyword("only");
  s->table = ParseQualifiedName();

  if (Peek().IsKeyword("rename")) {
    AlterTableCommand cmd;
    cmd.location = Loc(Next());
    if (AcceptKeyword("to")) {
      cmd.action = AlterTableAction::kRenameTable;
      cmd.new_name = ParseColId();
    } else {
      if (Peek().IsKeyword("constraint")) NotSupported("RENAME CONSTRAINT", Peek());
      AcceptKeyword("column");
      cmd.action = AlterTableAction::kRenameColumn;
      cmd.column = ParseColId();
      ExpectKeyword("to");
      cmd.new_name = ParseColId();
    }
    s->commands.push_back(std::move(cmd));
    return s;
  }

  do {
    AlterTableCommand cmd;
    cmd.location = LocHere();
    const Token& t = Peek();
    if (AcceptKeyword("add")) {
      const Token& e = Peek();
      if (e.IsKeyword("constraint") || e.IsKeyword("primary") || e.IsKeyword("unique") ||
          e.IsKeyword("check") || e.IsKeyword("foreign") || e.IsKeyword("exclude")) {
        cmd.action = AlterTableAction::kAddConstraint;
        cmd.constraint = std::make_unique<Constraint>(ParseTableConstraint());
      } else {
        AcceptKeyword("column");
        cmd.action = AlterTableAction::kAddColumn;
        cmd.if_not_exists = AcceptIfNotExists();
        cmd.column_def = std::make_unique<ColumnDefinition>(ParseColumnDefinition());
        cmd.column = cmd.column_def->name;
      }
    } else if (AcceptKeyword("drop")) {
      if (AcceptKeyword("constraint")) {
        cmd.action = AlterTableAction::kDropConstraint;
      } else {
        AcceptKeyword("column");
        cmd.action = AlterTableAction::kDropColumn;
      }
      cmd.if_exists = AcceptIfExists();
      std::string name = ParseColId();
      (cmd.action == AlterTableAction::kDropConstraint ? cmd.new_name : cmd.column) = name;
      cmd.cascade = AcceptDropBehavior();
    } else if (AcceptKeyword("alter")) {
      AcceptKeyword("column");
      cmd.column = ParseColId();
      if (Peek().IsKeyword("set") && Peek(1).IsKeyword("default")) {
        Next();
        Next();
        cmd.action = AlterTableAction::kSetDefault;
        size_t start = index_;
        cmd.default_value = ParseExpr();
        cmd.default_text = TextFrom(start);
      } else if (Peek().IsKeyword("drop") && Peek(1).IsKeyword("default")) {
        Next();
        Next();
        cmd.action = AlterTableAction::kDropDefault;
      } else if (Peek().IsKeyword("set") && Peek(1).IsKeyword("not") && Peek(2).IsKeyword("null")) {
        Next(), Next(), Next();
        cmd.action = AlterTableAction::kSetNotNull;
      } else if (Peek().IsKeyword("drop") && Peek(1).IsKeyword("not") &&
                 Peek(2).IsKeyword("null")) {
        Next(), Next(), Next();
        cmd.action = AlterTableAction::kDropNotNull;
      } else {
        if (Peek().IsKeyword("set") && Peek(1).IsKeyword("data")) {
          Next();
          Next();
        }
        ExpectKeyword("type");
        cmd.action = AlterTableAction::kAlterType;
        cmd.new_type = ParseType();
        if (AcceptKeyword("collate")) ParseQualifiedName();
        if (AcceptKeyword("using")) cmd.using_expr = ParseExpr();
      }
    } else if (t.kind == TokenKind::kIdentifier && !IsReservedKeyword(t.text)) {
      NotSupported("ALTER TABLE ... " + Upper(t.text), t);
    } else {
      SyntaxError(t);
    }
    s->commands.push_back(std::move(cmd));
  } while (AcceptPunct(","));
  return s;
}

}  // namespace kadedb
