// Sequences in PostgreSQL's grammar:
//   CREATE SEQUENCE [IF NOT EXISTS] name [option ...]
//   ALTER SEQUENCE [IF EXISTS] name option ... | RENAME TO new
//   DROP SEQUENCE [IF EXISTS] name [, ...] [CASCADE | RESTRICT]
// options: AS type, INCREMENT [BY] n, MINVALUE n | NO MINVALUE, MAXVALUE n | NO MAXVALUE,
// START [WITH] n, RESTART [[WITH] n] (ALTER), CACHE n, [NO] CYCLE, OWNED BY t.c | NONE;
// identity options (in parentheses) also take SEQUENCE NAME n.
// Column constraint GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)] is parsed here too.
#include "common/exception.hpp"
#include "parser/ast/sequence_statement.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

int64_t SqlParser::ParseSignedInteger() {
  bool negative = false;
  if (Peek().IsOp("-") || Peek().IsOp("+")) negative = Next().text == "-";
  const Token& t = Peek();
  if (t.kind != TokenKind::kInteger) SyntaxError(t);
  Next();
  // PostgreSQL's NumericOnly: values outside bigint are not sequence values.
  try {
    size_t used = 0;
    unsigned long long u = std::stoull(t.text, &used);
    if (used != t.text.size()) throw std::out_of_range("digits");
    if (negative) {
      if (u > 9223372036854775808ull) throw std::out_of_range("range");
      return u == 9223372036854775808ull ? INT64_MIN : -static_cast<int64_t>(u);
    }
    if (u > static_cast<unsigned long long>(INT64_MAX)) throw std::out_of_range("range");
    return static_cast<int64_t>(u);
  } catch (const std::exception&) {
    throw Exception("22003",
                    "value \"" + std::string(negative ? "-" : "") + t.text +
                        "\" is out of range for type bigint",
                    Loc(t));
  }
}

bool SqlParser::ParseSequenceOption(SequenceOptions& o, bool alter, bool identity) {
  const Token& t = Peek();
  if (t.IsKeyword("as")) {
    Next();
    o.as_type = ParseType();
  } else if (t.IsKeyword("increment")) {
    Next();
    AcceptKeyword("by");
    o.increment = ParseSignedInteger();
  } else if (t.IsKeyword("minvalue")) {
    Next();
    o.min_given = true;
    o.min_value = ParseSignedInteger();
  } else if (t.IsKeyword("maxvalue")) {
    Next();
    o.max_given = true;
    o.max_value = ParseSignedInteger();
  } else if (t.IsKeyword("no")) {
    Next();
    if (AcceptKeyword("minvalue")) {
      o.min_given = true;
      o.min_value.reset();
    } else if (AcceptKeyword("maxvalue")) {
      o.max_given = true;
      o.max_value.reset();
    } else if (AcceptKeyword("cycle")) {
      o.cycle = false;
    } else {
      SyntaxErrorHere();
    }
  } else if (t.IsKeyword("start")) {
    Next();
    AcceptKeyword("with");
    o.start = ParseSignedInteger();
  } else if (t.IsKeyword("restart") && alter) {
    Next();
    o.restart = true;
    bool with = AcceptKeyword("with");
    if (with || Peek().kind == TokenKind::kInteger || Peek().IsOp("-") || Peek().IsOp("+")) {
      o.restart_value = ParseSignedInteger();
    }
  } else if (t.IsKeyword("cache")) {
    Next();
    o.cache = ParseSignedInteger();
  } else if (t.IsKeyword("cycle")) {
    Next();
    o.cycle = true;
  } else if (t.IsKeyword("owned") && !identity) {
    Next();
    ExpectKeyword("by");
    o.owned_by_given = true;
    if (!AcceptKeyword("none")) o.owned_by = ParseQualifiedName();
  } else if (t.IsKeyword("sequence") && identity) {
    Next();
    ExpectKeyword("name");
    o.sequence_name = ParseQualifiedName();
  } else {
    return false;
  }
  return true;
}

void SqlParser::ParseIdentityConstraint(Constraint& c) {
  ExpectKeyword("generated");
  if (AcceptKeyword("always")) {
    c.identity = 'a';
  } else {
    ExpectKeyword("by");
    ExpectKeyword("default");
    c.identity = 'd';
  }
  if (!Peek().IsKeyword("as") || !Peek(1).IsKeyword("identity")) {
    NotSupported("generated columns", Peek());
  }
  Next();
  Next();
  c.kind = ConstraintKind::kIdentity;
  auto options = std::make_shared<SequenceOptions>();
  options->location = c.location;
  if (AcceptPunct("(")) {
    while (!Peek().IsPunct(")")) {
      if (!ParseSequenceOption(*options, false, true)) SyntaxErrorHere();
    }
    ExpectPunct(")");
  }
  c.identity_options = std::move(options);
}

// GRANT / REVOKE whose ON names sequences; nullptr (consuming nothing) for any other GRANT.
StatementPtr SqlParser::TryParseGrantSequence() {
  size_t on = 0;
  for (size_t k = 1; k < 64; k++) {
    const Token& t = Peek(k);
    if (t.kind == TokenKind::kEnd || t.IsPunct(";")) return nullptr;
    if (t.IsKeyword("on")) {
      on = k;
      break;
    }
  }
  bool one = Peek(on + 1).IsKeyword("sequence");
  bool all = Peek(on + 1).IsKeyword("all") && Peek(on + 2).IsKeyword("sequences");
  if (on == 0 || (!one && !all)) return nullptr;
  auto s = std::make_unique<GrantSequenceStatement>();
  s->is_grant = Next().IsKeyword("grant");
  if (AcceptKeyword("all")) {
    AcceptKeyword("privileges");
    s->privileges = {"all"};
  } else {
    do {
      const Token& p = Next();
      if (p.kind != TokenKind::kIdentifier) SyntaxError(p);
      s->privileges.push_back(p.text);
    } while (AcceptPunct(","));
  }
  ExpectKeyword("on");
  if (all) {
    Next();
    Next();
    ExpectKeyword("in");
    ExpectKeyword("schema");
    s->all_in_schema = true;
    do {
      s->objects.push_back({ParseColId()});
    } while (AcceptPunct(","));
  } else {
    Next();
    do {
      s->objects.push_back(ParseQualifiedName());
    } while (AcceptPunct(","));
  }
  ExpectKeyword(s->is_grant ? "to" : "from");
  do {
    AcceptKeyword("group");
    s->grantees.push_back(AcceptKeyword("public") ? std::string("public") : ParseColId());
  } while (AcceptPunct(","));
  if (s->is_grant && AcceptKeyword("with")) {
    ExpectKeyword("grant");
    ExpectKeyword("option");
  }
  AcceptDropBehavior();  // accepted; no dependent objects to cascade to
  return s;
}

StatementPtr SqlParser::TryParseSequenceStatement() {
  const Token& first = Peek();
  if (first.IsKeyword("grant") || first.IsKeyword("revoke")) return TryParseGrantSequence();
  bool create = first.IsKeyword("create") && Peek(1).IsKeyword("sequence");
  bool temp_create = first.IsKeyword("create") &&
                     (Peek(1).IsKeyword("temp") || Peek(1).IsKeyword("temporary") ||
                      Peek(1).IsKeyword("unlogged")) &&
                     Peek(2).IsKeyword("sequence");
  bool alter = first.IsKeyword("alter") && Peek(1).IsKeyword("sequence");
  bool drop = first.IsKeyword("drop") && Peek(1).IsKeyword("sequence");
  if (!create && !temp_create && !alter && !drop) return nullptr;
  Next();
  if (temp_create) Next();  // no temporary objects: a temporary sequence is a plain one
  Next();
  if (create || temp_create) {
    auto s = std::make_unique<CreateSequenceStatement>();
    s->if_not_exists = AcceptIfNotExists();
    s->name = ParseQualifiedName();
    s->options.location = LocHere();
    while (ParseSequenceOption(s->options, false, false)) {
    }
    return s;
  }
  if (alter) {
    auto s = std::make_unique<AlterSequenceStatement>();
    s->if_exists = AcceptIfExists();
    s->name = ParseQualifiedName();
    if (AcceptKeyword("rename")) {
      ExpectKeyword("to");
      s->rename_to = ParseColId();
      return s;
    }
    if (Peek().IsKeyword("set") || Peek().IsKeyword("owner")) {
      NotSupported("ALTER SEQUENCE " + Peek().text, Peek());
    }
    s->options.location = LocHere();
    if (!ParseSequenceOption(s->options, true, false)) SyntaxErrorHere();
    while (ParseSequenceOption(s->options, true, false)) {
    }
    return s;
  }
  auto s = std::make_unique<DropSequenceStatement>();
  s->if_exists = AcceptIfExists();
  do {
    s->names.push_back(ParseQualifiedName());
  } while (AcceptPunct(","));
  s->cascade = AcceptDropBehavior();
  return s;
}

}  // namespace kadedb
