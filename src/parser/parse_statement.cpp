// Statement dispatch on the first keyword(s).
#include "common/exception.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

StatementPtr SqlParser::ParseStatementBody() {
  const Token& t = Peek();
  if (t.IsPunct("(") || t.IsKeyword("select") || t.IsKeyword("values") || t.IsKeyword("table")) {
    auto s = std::make_unique<SelectStatement>();
    s->node = ParseQuery();
    return s;
  }
  if (t.IsKeyword("with")) {
    size_t save = index_;
    std::unique_ptr<WithClause> with = ParseWith();
    if (Peek().IsKeyword("insert")) return ParseInsert(std::move(with));
    if (Peek().IsKeyword("update")) return ParseUpdate(std::move(with));
    if (Peek().IsKeyword("delete")) return ParseDelete(std::move(with));
    index_ = save;  // a query: let ParseQuery attach the WITH to the right node
    auto s = std::make_unique<SelectStatement>();
    s->node = ParseQuery();
    return s;
  }
  if (t.IsKeyword("insert") || (t.IsKeyword("replace") && Peek(1).IsKeyword("into"))) {
    return ParseInsert(nullptr);
  }
  if (t.IsKeyword("update")) return ParseUpdate(nullptr);
  if (t.IsKeyword("delete")) return ParseDelete(nullptr);
  // Sequences first: GRANT ... ON SEQUENCE is theirs, every other GRANT the roles'.
  if (StatementPtr sequence = TryParseSequenceStatement()) return sequence;
  if (StatementPtr role = TryParseRoleStatement()) return role;
  if (t.IsKeyword("create")) return ParseCreate();
  if (t.IsKeyword("drop")) return ParseDrop();
  if (t.IsKeyword("alter")) return ParseAlter();
  if (t.IsKeyword("explain")) return ParseExplain();
  if (t.IsKeyword("copy")) return ParseCopy();
  if (t.IsKeyword("begin") || t.IsKeyword("start") || t.IsKeyword("commit") || t.IsKeyword("end") ||
      t.IsKeyword("rollback") || t.IsKeyword("abort") || t.IsKeyword("savepoint") ||
      t.IsKeyword("release")) {
    return ParseTransaction();
  }
  if (t.IsKeyword("set")) return ParseSet();
  if (t.IsKeyword("show")) return ParseShow();
  if (t.IsKeyword("reset")) return ParseReset();
  if (t.IsKeyword("check") && Peek(1).IsKeyword("database")) {
    Next();
    Next();
    return std::make_unique<CheckDatabaseStatement>();
  }
  if (t.IsKeyword("backup") && Peek(1).IsKeyword("database")) {
    Next();
    Next();
    if (!Peek().IsKeyword("to")) SyntaxError(Peek());
    Next();
    if (Peek().kind != TokenKind::kString) SyntaxError(Peek());
    auto s = std::make_unique<BackupDatabaseStatement>();
    s->destination = Next().text;
    return s;
  }
  if (t.IsKeyword("checkpoint")) {
    Next();
    return std::make_unique<CheckpointStatement>();
  }
  if (t.IsKeyword("vacuum") || t.IsKeyword("analyze") || t.IsKeyword("analyse")) {
    return ParseVacuum();
  }
  if (t.IsKeyword("reindex")) return ParseReindex();
  if (t.IsKeyword("truncate")) return ParseTruncate();
  if (t.IsKeyword("pragma")) NotSupported("PRAGMA", t);
  SyntaxError(t);
}

}  // namespace kadedb
