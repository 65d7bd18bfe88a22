// Utility statements: EXPLAIN, COPY, transaction control, SET / SHOW / RESET, VACUUM / ANALYZE.
#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

namespace {

bool IsFalseWord(const std::string& v) {
  return v == "false" || v == "off" || v == "0" || v == "no";
}

}  // namespace

StatementPtr SqlParser::ParseExplain() {
  auto s = std::make_unique<ExplainStatement>();
  ExpectKeyword("explain");
  if (Peek().IsPunct("(") && !PeekQueryStart()) {
    Next();
    do {
      std::string name = ParseColLabel();
      std::string value;
      const Token& v = Peek();
      if (!v.IsPunct(",") && !v.IsPunct(")")) {
        if (v.kind == TokenKind::kEnd) SyntaxError(v);
        value = Next().text;
      }
      if (name == "analyze" || name == "analyse") {
        s->analyze = !IsFalseWord(value);
      } else if (name == "verbose") {
        s->verbose = !IsFalseWord(value);
      } else if (name == "format") {
        if (value == "json") {
          s->format = ExplainFormat::kJson;
        } else if (value == "text") {
          s->format = ExplainFormat::kText;
        } else {
          throw Exception(sqlstate::kFeatureNotSupported,
                          "EXPLAIN FORMAT " + value + " is not supported", v.char_pos);
        }
      }
      s->options.emplace_back(name, value);
    } while (AcceptPunct(","));
    ExpectPunct(")");
  } else {
    if (AcceptKeyword("analyze") || AcceptKeyword("analyse")) s->analyze = true;
    if (AcceptKeyword("verbose")) s->verbose = true;
  }
  s->statement = ParseStatementBody();
  return s;
}

StatementPtr SqlParser::ParseCopy() {
  auto s = std::make_unique<CopyStatement>();
  ExpectKeyword("copy");
  if (Peek().IsPunct("(")) {
    Next();
    s->query = ParseQuery();
    ExpectPunct(")");
  } else {
    s->table = ParseQualifiedName();
    if (Peek().IsPunct("(")) s->columns = ParseNameList();
  }
  if (AcceptKeyword("from")) {
    s->is_from = true;
  } else {
    ExpectKeyword("to");
  }
  if (s->query && s->is_from) SyntaxErrorHere();
  const Token& target = Peek();
  if (target.kind == TokenKind::kString) {
    s->file_name = Next().text;
  } else if (target.IsKeyword("stdin") || target.IsKeyword("stdout")) {
    Next();
    s->is_stdio = true;
  } else if (target.IsKeyword("program")) {
    NotSupported("COPY ... PROGRAM", target);
  } else {
    SyntaxError(target);
  }
  auto string_value = [&]() {
    const Token& v = Peek();
    if (v.kind != TokenKind::kString) SyntaxError(v);
    return Next().text;
  };
  auto set_option = [&](const std::string& name, const std::string& value, const Token& at) {
    if (name == "format") {
      if (value == "csv") {
        s->format = CopyFormat::kCsv;
      } else if (value == "text") {
        s->format = CopyFormat::kText;
      } else if (value == "binary") {
        s->format = CopyFormat::kBinary;
      } else {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "COPY format \"" + value + "\" not recognized", at.char_pos);
      }
    } else if (name == "header") {
      s->header = !IsFalseWord(value);
    } else if (name == "delimiter") {
      s->delimiter = value;
    } else if (name == "null") {
      s->null_string = value;
    } else if (name == "quote") {
      s->quote = value;
    } else if (name == "escape") {
      s->escape = value;
    } else if (name == "csv") {
      s->format = CopyFormat::kCsv;
    } else if (name == "binary") {
      s->format = CopyFormat::kBinary;
    }
    s->options.emplace_back(name, value);
  };
  AcceptKeyword("with");
  if (Peek().IsPunct("(")) {
    Next();
    do {
      const Token& at = Peek();
      std::string name = ParseColLabel();
      std::string value;
      const Token& v = Peek();
      if (!v.IsPunct(",") && !v.IsPunct(")")) {
        if (v.kind == TokenKind::kEnd) SyntaxError(v);
        if (v.kind == TokenKind::kOperator || v.kind == TokenKind::kPunctuation) SyntaxError(v);
        value = Next().text;
      }
      set_option(name, value, at);
    } while (AcceptPunct(","));
    ExpectPunct(")");
  } else {
    // Pre-9.0 spelling: WITH CSV HEADER DELIMITER ',' NULL '' ...
    while (true) {
      const Token& t = Peek();
      if (t.IsKeyword("csv") || t.IsKeyword("binary") || t.IsKeyword("header")) {
        Next();
        set_option(t.text, t.text == "header" ? "true" : "", t);
      } else if (t.IsKeyword("delimiter") || t.IsKeyword("null") || t.IsKeyword("quote") ||
                 t.IsKeyword("escape")) {
        Next();
        AcceptKeyword("as");
        set_option(t.text, string_value(), t);
      } else if (t.IsKeyword("force")) {
        NotSupported("COPY ... FORCE", t);
      } else {
        break;
      }
    }
  }
  if (Peek().IsKeyword("where")) NotSupported("COPY ... WHERE", Peek());
  return s;
}

StatementPtr SqlParser::ParseTransaction() {
  auto s = std::make_unique<TransactionStatement>();
  const Token& t = Next();
  auto opt_work = [&]() {
    if (!AcceptKeyword("work")) AcceptKeyword("transaction");
  };
  if (t.IsKeyword("begin") || t.IsKeyword("start")) {
    s->transaction_kind = TransactionKind::kBegin;
    if (t.IsKeyword("start")) {
      ExpectKeyword("transaction");
    } else {
      opt_work();
    }
    bool first = true;
    while (!AtEnd()) {
      if (!first) AcceptPunct(",");
      first = false;
      if (AcceptKeyword("isolation")) {
        ExpectKeyword("level");
        if (AcceptKeyword("serializable")) {
          s->isolation_level = "serializable";
        } else if (AcceptKeyword("repeatable")) {
          ExpectKeyword("read");
          s->isolation_level = "repeatable read";
        } else {
          ExpectKeyword("read");
          if (AcceptKeyword("committed")) {
            s->isolation_level = "read committed";
          } else {
            ExpectKeyword("uncommitted");
            s->isolation_level = "read uncommitted";
          }
        }
      } else if (AcceptKeyword("read")) {
        if (AcceptKeyword("only")) {
          s->read_only = true;
        } else {
          ExpectKeyword("write");
          s->read_only = false;
        }
      } else if (AcceptKeyword("not")) {
        ExpectKeyword("deferrable");
      } else if (!AcceptKeyword("deferrable")) {
        SyntaxErrorHere();
      }
    }
  } else if (t.IsKeyword("commit") || t.IsKeyword("end")) {
    s->transaction_kind = TransactionKind::kCommit;
    opt_work();
    if (Peek().IsKeyword("and")) NotSupported("COMMIT AND CHAIN", Peek());
  } else if (t.IsKeyword("rollback") || t.IsKeyword("abort")) {
    s->transaction_kind = TransactionKind::kRollback;
    opt_work();
    if (t.IsKeyword("rollback") && AcceptKeyword("to")) {
      AcceptKeyword("savepoint");
      s->transaction_kind = TransactionKind::kRollbackToSavepoint;
      s->savepoint = ParseColId();
    } else if (Peek().IsKeyword("and")) {
      NotSupported("ROLLBACK AND CHAIN", Peek());
    }
  } else if (t.IsKeyword("savepoint")) {
    s->transaction_kind = TransactionKind::kSavepoint;
    s->savepoint = ParseColId();
  } else {  // release
    s->transaction_kind = TransactionKind::kRelease;
    AcceptKeyword("savepoint");
    s->savepoint = ParseColId();
  }
  return s;
}

StatementPtr SqlParser::ParseSet() {
  auto s = std::make_unique<SetStatement>();
  ExpectKeyword("set");
  if (AcceptKeyword("local")) {
    s->local = true;
  } else {
    AcceptKeyword("session");
  }
  auto add_string = [&](std::string v, int loc) {
    auto c = std::make_unique<ConstantExpression>(loc);
    c->value_kind = ConstantKind::kString;
    c->text = std::move(v);
    s->values.push_back(std::move(c));
  };
  if (Peek().IsKeyword("role") && Peek(1).kind != TokenKind::kPunctuation &&
      !Peek(1).IsKeyword("to")) {
    // SET ROLE name | NONE (executed by ClientContext::SetRole).
    Next();
    s->name = "role";
    const Token& v = Next();
    if (v.kind != TokenKind::kString && v.kind != TokenKind::kIdentifier) SyntaxError(v);
    add_string(v.text, Loc(v));
    return s;
  }
  if (Peek().IsKeyword("authorization")) {
    // SET SESSION AUTHORIZATION name | DEFAULT ("session" was taken above): as SET ROLE here.
    Next();
    s->name = "role";
    const Token& v = Next();
    if (v.kind != TokenKind::kString && v.kind != TokenKind::kIdentifier) SyntaxError(v);
    add_string(v.text == "default" ? "none" : v.text, Loc(v));
    return s;
  }
  if (Peek().IsKeyword("time") && Peek(1).IsKeyword("zone")) {
    Next();
    Next();
    s->name = "timezone";
    if (AcceptKeyword("local") || AcceptKeyword("default")) {
      s->is_default = true;
    } else if (Peek().IsKeyword("interval")) {
      s->values.push_back(ParseExpr());
    } else {
      const Token& v = Peek();
      if (v.kind == TokenKind::kString || v.kind == TokenKind::kIdentifier) {
        add_string(Next().text, Loc(v));
      } else {
        s->values.push_back(ParseExpr());  // numeric offset, possibly signed
      }
    }
    return s;
  }
  // SET TRANSACTION ISOLATION LEVEL x / SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION
  // LEVEL x: the settings transaction_isolation / default_transaction_isolation (issue 5).
  // (SET SESSION has consumed "session" above.)
  if (Peek().IsKeyword("transaction") ||
      (Peek().IsKeyword("characteristics") && Peek(1).IsKeyword("as"))) {
    if (AcceptKeyword("characteristics")) {
      ExpectKeyword("as");
      s->name = "default_transaction_isolation";
    } else {
      s->name = "transaction_isolation";
    }
    int loc = Loc(Peek());
    ExpectKeyword("transaction");
    ExpectKeyword("isolation");
    ExpectKeyword("level");
    std::string level;
    if (AcceptKeyword("serializable")) {
      level = "serializable";
    } else if (AcceptKeyword("repeatable")) {
      ExpectKeyword("read");
      level = "repeatable read";
    } else {
      ExpectKeyword("read");
      if (AcceptKeyword("committed")) {
        level = "read committed";
      } else {
        ExpectKeyword("uncommitted");
        level = "read uncommitted";
      }
    }
    add_string(level, loc);
    return s;
  }
  if (AcceptKeyword("schema")) {
    s->name = "search_path";
    const Token& v = Peek();
    if (v.kind != TokenKind::kString) SyntaxError(v);
    add_string(Next().text, Loc(v));
    return s;
  }
  if (AcceptKeyword("names")) {
    s->name = "client_encoding";
    const Token& v = Peek();
    if (v.kind == TokenKind::kString || v.kind == TokenKind::kIdentifier) {
      add_string(Next().text, Loc(v));
    } else {
      s->is_default = true;
    }
    return s;
  }
  s->name = ParseColLabel();
  while (AcceptPunct(".")) s->name += "." + ParseColLabel();
  if (!AcceptKeyword("to") && !AcceptOp("=")) SyntaxErrorHere();
  if (AcceptKeyword("default")) {
    s->is_default = true;
    return s;
  }
  do {
    const Token& v = Peek();
    int loc = Loc(v);
    if (v.kind == TokenKind::kString || v.kind == TokenKind::kIdentifier ||
        v.kind == TokenKind::kQuotedIdentifier) {
      add_string(Next().text, loc);
    } else if (v.kind == TokenKind::kInteger || v.kind == TokenKind::kNumeric || v.IsOp("-") ||
               v.IsOp("+")) {
      s->values.push_back(ParsePrefix());
    } else {
      SyntaxError(v);
    }
  } while (AcceptPunct(","));
  return s;
}

StatementPtr SqlParser::ParseShow() {
  auto s = std::make_unique<ShowStatement>();
  ExpectKeyword("show");
  if (Peek().IsKeyword("time") && Peek(1).IsKeyword("zone")) {
    Next();
    Next();
    s->name = "timezone";
  } else if (Peek().IsKeyword("transaction") && Peek(1).IsKeyword("isolation")) {
    Next();
    Next();
    ExpectKeyword("level");
    s->name = "transaction_isolation";
  } else {
    s->name = ParseColLabel();
    while (AcceptPunct(".")) s->name += "." + ParseColLabel();
  }
  return s;
}

StatementPtr SqlParser::ParseReset() {
  auto s = std::make_unique<ResetStatement>();
  ExpectKeyword("reset");
  if (Peek().IsKeyword("time") && Peek(1).IsKeyword("zone")) {
    Next();
    Next();
    s->name = "timezone";
  } else {
    s->name = ParseColLabel();
    while (AcceptPunct(".")) s->name += "." + ParseColLabel();
  }
  return s;
}

StatementPtr SqlParser::ParseVacuum() {
  auto s = std::make_unique<VacuumStatement>();
  const Token& t = Next();
  s->is_vacuum = t.IsKeyword("vacuum");
  s->is_analyze = !s->is_vacuum;
  if (Peek().IsPunct("(")) {
    Next();
    do {
      std::string name = ParseColLabel();
      if (name == "analyze" || name == "analyse") s->is_analyze = true;
      if (!Peek().IsPunct(",") && !Peek().IsPunct(")")) Next();
    } while (AcceptPunct(","));
    ExpectPunct(")");
  } else {
    while (true) {
      if (AcceptKeyword("full") || AcceptKeyword("freeze") || AcceptKeyword("verbose")) continue;
      if (s->is_vacuum && (AcceptKeyword("analyze") || AcceptKeyword("analyse"))) {
        s->is_analyze = true;
        continue;
      }
      break;
    }
  }
  if (!AtEnd()) {
    do {
      s->tables.push_back(ParseQualifiedName());
      if (Peek().IsPunct("(")) ParseNameList();
    } while (AcceptPunct(","));
  }
  return s;
}

StatementPtr SqlParser::ParseTruncate() {
  auto s = std::make_unique<TruncateStatement>();
  ExpectKeyword("truncate");
  AcceptKeyword("table");
  do {
    AcceptKeyword("only");
    s->locations.push_back(Loc(Peek()));
    s->tables.push_back(ParseQualifiedName());
    if (Peek().IsOp("*")) Next();  // descendants: there is no inheritance
  } while (AcceptPunct(","));
  if (AcceptKeyword("restart")) {
    ExpectKeyword("identity");
    s->restart_identity = true;
  } else if (AcceptKeyword("continue")) {
    ExpectKeyword("identity");
  }
  AcceptDropBehavior();  // accepted; no dependent objects to cascade to
  return s;
}

}  // namespace kadedb
