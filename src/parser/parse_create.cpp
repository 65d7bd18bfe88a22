// CREATE TABLE (columns, column and table constraints, AS query), CREATE SCHEMA, CREATE VIEW and
// CREATE INDEX. DEFAULT / CHECK / index expressions keep their source text for the catalog.
#include "common/exception.hpp"
#include "parser/keywords.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

StatementPtr SqlParser::ParseCreate() {
  ExpectKeyword("create");
  bool or_replace = false;
  if (Peek().IsKeyword("or") && Peek(1).IsKeyword("replace")) {
    Next();
    Next();
    or_replace = true;
  }
  bool temporary = false;
  if (AcceptKeyword("temp") || AcceptKeyword("temporary")) {
    temporary = true;
  } else if (AcceptKeyword("local") || AcceptKeyword("global")) {
    if (!AcceptKeyword("temp")) ExpectKeyword("temporary");
    temporary = true;
  } else if (Peek().IsKeyword("unlogged")) {
    Next();
  }
  const Token& t = Peek();
  if (t.IsKeyword("table") && !or_replace) return ParseCreateTable(temporary);
  if (t.IsKeyword("view")) return ParseCreateView(or_replace, temporary);
  if (t.IsKeyword("recursive") && Peek(1).IsKeyword("view"))
    NotSupported("CREATE RECURSIVE VIEW", t);
  if (t.IsKeyword("unique") && Peek(1).IsKeyword("index") && !or_replace && !temporary) {
    Next();
    return ParseCreateIndex(true);
  }
  if (t.IsKeyword("index") && !or_replace && !temporary) return ParseCreateIndex(false);
  if (t.IsKeyword("schema") && !or_replace && !temporary) return ParseCreateSchema();
  if (t.IsKeyword("trigger") && !or_replace) return ParseCreateTrigger();
  if (t.kind == TokenKind::kIdentifier && !IsReservedKeyword(t.text)) {
    std::string what = t.text;
    for (char& c : what) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
    NotSupported("CREATE " + what, t);
  }
  SyntaxError(t);
}

StatementPtr SqlParser::ParseCreateSchema() {
  auto s = std::make_unique<CreateSchemaStatement>();
  ExpectKeyword("schema");
  s->if_not_exists = AcceptIfNotExists();
  s->name = ParseColId();
  if (Peek().IsKeyword("authorization")) NotSupported("CREATE SCHEMA ... AUTHORIZATION", Peek());
  return s;
}

StatementPtr SqlParser::ParseCreateView(bool or_replace, bool temporary) {
  auto s = std::make_unique<CreateViewStatement>();
  s->or_replace = or_replace;
  s->temporary = temporary;
  ExpectKeyword("view");
  s->if_not_exists = AcceptIfNotExists();
  s->name = ParseQualifiedName();
  if (Peek().IsPunct("(")) s->column_names = ParseNameList();
  if (Peek().IsKeyword("with")) NotSupported("CREATE VIEW ... WITH options", Peek());
  ExpectKeyword("as");
  size_t start = index_;
  s->query = ParseQuery();
  s->query_text = TextFrom(start);
  if (Peek().IsKeyword("with")) NotSupported("WITH CHECK OPTION", Peek());
  return s;
}

void SqlParser::ParseReferences(Constraint& c) {
  ExpectKeyword("references");
  c.kind = ConstraintKind::kForeignKey;
  c.ref_table = ParseQualifiedName();
  if (Peek().IsPunct("(")) c.ref_columns = ParseNameList();
  if (AcceptKeyword("match")) {
    if (!AcceptKeyword("full") && !AcceptKeyword("simple")) ExpectKeyword("partial");
  }
  auto action = [&]() {
    if (AcceptKeyword("cascade")) return ForeignKeyAction::kCascade;
    if (AcceptKeyword("restrict")) return ForeignKeyAction::kRestrict;
    if (AcceptKeyword("no")) {
      ExpectKeyword("action");
      return ForeignKeyAction::kNoAction;
    }
    ExpectKeyword("set");
    if (AcceptKeyword("null")) return ForeignKeyAction::kSetNull;
    ExpectKeyword("default");
    return ForeignKeyAction::kSetDefault;
  };
  while (Peek().IsKeyword("on") && (Peek(1).IsKeyword("delete") || Peek(1).IsKeyword("update"))) {
    Next();
    bool del = Next().text == "delete";
    (del ? c.on_delete : c.on_update) = action();
  }
}

// Returns false when the next tokens are not a column constraint.
bool SqlParser::ParseColumnConstraint(ColumnDefinition& col) {
  Constraint c;
  c.location = LocHere();
  if (AcceptKeyword("constraint")) c.name = ParseColId();
  const Token& t = Peek();
  if (t.IsKeyword("not") && Peek(1).IsKeyword("null")) {
    Next();
    Next();
    c.kind = ConstraintKind::kNotNull;
  } else if (t.IsKeyword("null")) {
    Next();
    c.kind = ConstraintKind::kNull;
  } else if (t.IsKeyword("default")) {
    Next();
    c.kind = ConstraintKind::kDefault;
    size_t start = index_;
    c.expression = ParseExpr(5);  // b_expr: `DEFAULT 0 NOT NULL` must not eat NOT NULL
    c.expression_text = TextFrom(start);
  } else if (t.IsKeyword("primary")) {
    Next();
    ExpectKeyword("key");
    c.kind = ConstraintKind::kPrimaryKey;
  } else if (t.IsKeyword("unique")) {
    Next();
    c.kind = ConstraintKind::kUnique;
  } else if (t.IsKeyword("check")) {
    Next();
    c.kind = ConstraintKind::kCheck;
    ExpectPunct("(");
    size_t start = index_;
    c.expression = ParseExpr();
    c.expression_text = TextFrom(start);
    ExpectPunct(")");
  } else if (t.IsKeyword("references")) {
    ParseReferences(c);
  } else if (t.IsKeyword("collate") && c.name.empty()) {
    Next();
    ParseQualifiedName();  // accepted and ignored: one collation (binary UTF-8)
    return true;
  } else if (t.IsKeyword("generated")) {
    ParseIdentityConstraint(c);
  } else {
    if (!c.name.empty()) SyntaxError(t);
    return false;
  }
  col.constraints.push_back(std::move(c));
  return true;
}

ColumnDefinition SqlParser::ParseColumnDefinition() {
  ColumnDefinition col;
  col.location = LocHere();
  col.name = ParseColId();
  // SERIAL types: an integer column drawing its values from a sequence it owns (the binder
  // creates it); a quoted "serial" is a type name like any other.
  const Token& type_word = Peek();
  if (type_word.kind == TokenKind::kIdentifier &&
      (type_word.text == "serial" || type_word.text == "serial4" || type_word.text == "bigserial" ||
       type_word.text == "serial8" || type_word.text == "smallserial" ||
       type_word.text == "serial2")) {
    const std::string& w = type_word.text;
    col.serial = true;
    col.type.location = LocHere();
    col.type.type = LogicalType(w == "bigserial" || w == "serial8"     ? TypeId::kBigInt
                                : w == "smallserial" || w == "serial2" ? TypeId::kSmallInt
                                                                       : TypeId::kInteger);
    Next();
  } else {
    col.type = ParseType();
  }
  while (ParseColumnConstraint(col)) {
  }
  return col;
}

Constraint SqlParser::ParseTableConstraint() {
  Constraint c;
  c.location = LocHere();
  if (AcceptKeyword("constraint")) c.name = ParseColId();
  const Token& t = Peek();
  if (t.IsKeyword("primary")) {
    Next();
    ExpectKeyword("key");
    c.kind = ConstraintKind::kPrimaryKey;
    c.columns = ParseNameList();
  } else if (t.IsKeyword("unique")) {
    Next();
    c.kind = ConstraintKind::kUnique;
    c.columns = ParseNameList();
  } else if (t.IsKeyword("check")) {
    Next();
    c.kind = ConstraintKind::kCheck;
    ExpectPunct("(");
    size_t start = index_;
    c.expression = ParseExpr();
    c.expression_text = TextFrom(start);
    ExpectPunct(")");
  } else if (t.IsKeyword("foreign")) {
    Next();
    ExpectKeyword("key");
    c.columns = ParseNameList();
    ParseReferences(c);
  } else if (t.IsKeyword("exclude")) {
    NotSupported("EXCLUDE constraints", t);
  } else {
    SyntaxError(t);
  }
  return c;
}

StatementPtr SqlParser::ParseCreateTable(bool temporary) {
  auto s = std::make_unique<CreateTableStatement>();
  s->temporary = temporary;
  ExpectKeyword("table");
  s->if_not_exists = AcceptIfNotExists();
  s->name = ParseQualifiedName();
  bool has_elements = false;
  if (Peek().IsPunct("(")) {
    // CREATE TABLE t (a, b) AS ...: a bare name list precedes AS.
    size_t k = 1;
    bool names_only = true;
    while (true) {
      if (!PeekColId(k)) {
        names_only = false;
        break;
      }
      k++;
      if (Peek(k).IsPunct(")")) break;
      if (!Peek(k).IsPunct(",")) {
        names_only = false;
        break;
      }
      k++;
    }
    if (names_only && Peek(k + 1).IsKeyword("as")) {
      s->as_column_names = ParseNameList();
    } else {
      has_elements = true;
      Next();
      if (!Peek().IsPunct(")")) {
        do {
          const Token& e = Peek();
          if (e.IsKeyword("constraint") || e.IsKeyword("primary") || e.IsKeyword("unique") ||
              e.IsKeyword("check") || e.IsKeyword("foreign") || e.IsKeyword("exclude")) {
            s->constraints.push_back(ParseTableConstraint());
          } else if (e.IsKeyword("like")) {
            NotSupported("CREATE TABLE ... LIKE", e);
          } else {
            s->columns.push_back(ParseColumnDefinition());
          }
        } while (AcceptPunct(","));
      }
      ExpectPunct(")");
    }
  }
  if (!has_elements) {
    ExpectKeyword("as");
    s->as_query = ParseQuery();
    if (Peek().IsKeyword("with")) {
      Next();
      if (AcceptKeyword("no")) s->with_no_data = true;
      ExpectKeyword("data");
    }
  } else if (Peek().IsKeyword("inherits") || Peek().IsKeyword("partition")) {
    NotSupported(Peek().text == "inherits" ? "INHERITS" : "PARTITION BY", Peek());
  }
  if (has_elements) ParseStorageParameters();
  return s;
}

StatementPtr SqlParser::ParseCreateIndex(bool unique) {
  auto s = std::make_unique<CreateIndexStatement>();
  s->unique = unique;
  ExpectKeyword("index");
  AcceptKeyword("concurrently");
  if (AcceptIfNotExists()) {
    s->if_not_exists = true;
    s->index_name = ParseColId();
  } else if (!Peek().IsKeyword("on")) {
    s->index_name = ParseColId();
  }
  ExpectKeyword("on");
  AcceptKeyword("only");
  s->table = ParseQualifiedName();
  if (AcceptKeyword("using")) s->method = ParseColId();
  ExpectPunct("(");
  do {
    IndexElement el;
    el.location = LocHere();
    if (Peek().IsPunct("(")) {
      Next();
      size_t start = index_;
      el.expression = ParseExpr();
      el.expression_text = TextFrom(start);
      ExpectPunct(")");
    } else if (PeekColId() && !Peek(1).IsPunct("(") && !Peek(1).IsPunct(".")) {
      el.column = Next().text;
    } else {
      size_t start = index_;
      el.expression = ParsePostfix(ParsePrimary());
      el.expression_text = TextFrom(start);
    }
    if (AcceptKeyword("collate")) ParseQualifiedName();
    if (AcceptKeyword("asc")) {
      el.direction = OrderDirection::kAscending;
    } else if (AcceptKeyword("desc")) {
      el.direction = OrderDirection::kDescending;
    }
    if (AcceptKeyword("nulls")) {
      if (AcceptKeyword("first")) {
        el.nulls = NullsOrder::kFirst;
      } else {
        ExpectKeyword("last");
        el.nulls = NullsOrder::kLast;
      }
    }
    s->elements.push_back(std::move(el));
  } while (AcceptPunct(","));
  ExpectPunct(")");
  if (Peek().IsKeyword("include")) NotSupported("INCLUDE", Peek());
  if (AcceptKeyword("where")) {
    size_t start = index_;
    s->where = ParseExpr();
    s->where_text = TextFrom(start);
  }
  return s;
}

// WITH (name [= value], ...) / WITHOUT OIDS after CREATE TABLE's column list: storage parameters
// (fillfactor, autovacuum_*, ...) tune PostgreSQL's heap and mean nothing to KadeDB's storage, so
// they are accepted and ignored; fillfactor is range-checked as PostgreSQL does.
void SqlParser::ParseStorageParameters() {
  if (Peek().IsKeyword("without") && Peek(1).IsKeyword("oids")) {
    Next();
    Next();
    return;
  }
  if (!Peek().IsKeyword("with") || !Peek(1).IsPunct("(")) return;
  Next();
  Next();
  do {
    const Token& name_token = Peek();
    std::string name = ParseColLabel();
    while (AcceptPunct(".")) name += "." + ParseColLabel();
    if (!AcceptOp("=")) continue;
    bool negative = AcceptOp("-");
    const Token& value = Next();
    if (name == "fillfactor") {
      long v = value.kind == TokenKind::kInteger ? std::stol(value.text) : -1;
      if (negative || v < 10 || v > 100) {
        throw Exception(sqlstate::kInvalidParameterValue,
                        "value " + std::string(negative ? "-" : "") + value.text +
                            " out of bounds for option \"fillfactor\"",
                        Loc(name_token), "Valid values are between \"10\" and \"100\".");
      }
    }
  } while (AcceptPunct(","));
  ExpectPunct(")");
}

}  // namespace kadedb
