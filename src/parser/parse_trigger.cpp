// CREATE TRIGGER (SQLite's BEGIN ... END form), DROP TRIGGER and REINDEX.
//
// PostgreSQL's EXECUTE FUNCTION form, statement-level triggers, REFERENCING and several events
// joined by OR are refused with 0A000. Trigger bodies are parsed here (syntax errors surface at
// CREATE time) and kept as source text, one string per statement.
#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

StatementPtr SqlParser::ParseCreateTrigger() {
  auto s = std::make_unique<CreateTriggerStatement>();
  ExpectKeyword("trigger");
  s->if_not_exists = AcceptIfNotExists();
  s->name = ParseQualifiedName();
  if (AcceptKeyword("before")) {
    s->timing = TriggerTimingKind::kBefore;
  } else if (AcceptKeyword("after")) {
    s->timing = TriggerTimingKind::kAfter;
  } else if (Peek().IsKeyword("instead")) {
    Next();
    ExpectKeyword("of");
    s->timing = TriggerTimingKind::kInsteadOf;
  }
  const Token& ev = Peek();
  if (AcceptKeyword("insert")) {
    s->event = TriggerEventKind::kInsert;
  } else if (AcceptKeyword("delete")) {
    s->event = TriggerEventKind::kDelete;
  } else if (AcceptKeyword("update")) {
    s->event = TriggerEventKind::kUpdate;
    if (AcceptKeyword("of")) {
      do {
        s->update_columns.push_back(ParseColId());
      } while (AcceptPunct(","));
    }
  } else if (ev.IsKeyword("truncate")) {
    NotSupported("TRUNCATE triggers", ev);
  } else {
    SyntaxError(ev);
  }
  if (Peek().IsKeyword("or")) NotSupported("triggers on several events", Peek());
  ExpectKeyword("on");
  s->table = ParseQualifiedName();
  if (Peek().IsKeyword("referencing")) NotSupported("REFERENCING", Peek());
  if (AcceptKeyword("for")) {
    AcceptKeyword("each");
    if (Peek().IsKeyword("statement")) NotSupported("statement-level triggers", Peek());
    ExpectKeyword("row");
  }
  if (AcceptKeyword("when")) {
    size_t from = index();
    ParseExpr();
    s->when_text = TextFrom(from);
  }
  if (Peek().IsKeyword("execute")) {
    NotSupported("CREATE TRIGGER ... EXECUTE FUNCTION", Peek());
  }
  ExpectKeyword("begin");
  do {
    const Token& first = Peek();
    size_t from = index();
    if (!first.IsKeyword("select") && !first.IsKeyword("insert") && !first.IsKeyword("update") &&
        !first.IsKeyword("delete") && !first.IsKeyword("with") && !first.IsKeyword("values") &&
        !first.IsKeyword("replace")) {
      SyntaxError(first);
    }
    ParseStatementBody();
    s->body.push_back(TextFrom(from));
    ExpectPunct(";");
  } while (!Peek().IsKeyword("end"));
  ExpectKeyword("end");
  return s;
}

StatementPtr SqlParser::ParseDropTrigger() {
  auto s = std::make_unique<DropTriggerStatement>();
  ExpectKeyword("trigger");
  s->if_exists = AcceptIfExists();
  s->name = ParseQualifiedName();
  if (AcceptKeyword("on")) s->table = ParseQualifiedName();
  AcceptDropBehavior();  // accepted; no dependent objects to cascade to
  return s;
}

StatementPtr SqlParser::ParseReindex() {
  auto s = std::make_unique<ReindexStatement>();
  ExpectKeyword("reindex");
  const Token& t = Peek();
  if (t.IsKeyword("index")) {
    Next();
    s->target = ReindexTarget::kIndex;
  } else if (t.IsKeyword("table")) {
    Next();
    s->target = ReindexTarget::kTable;
  } else if (t.IsKeyword("schema") || t.IsKeyword("database") || t.IsKeyword("system")) {
    NotSupported("REINDEX " + std::string(t.IsKeyword("schema")     ? "SCHEMA"
                                          : t.IsKeyword("database") ? "DATABASE"
                                                                    : "SYSTEM"),
                 t);
  }
  if (Peek().IsPunct("(")) NotSupported("REINDEX options", Peek());
  if (Peek().IsKeyword("concurrently")) Next();
  s->name = ParseQualifiedName();
  return s;
}

}  // namespace kadedb
