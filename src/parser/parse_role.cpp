// CREATE / ALTER / DROP ROLE and USER, GRANT and REVOKE (PostgreSQL's grammar, the common subset):
//   CREATE ROLE|USER name [[WITH] option ...]
//   ALTER ROLE|USER name [[WITH] option ...] | ALTER ROLE name RENAME TO new
//   DROP ROLE|USER [IF EXISTS] name [, ...]
//   GRANT|REVOKE privilege [, ...] | ALL [PRIVILEGES]
//     ON [TABLE] t [, ...] | ON ALL TABLES IN SCHEMA s [, ...] | ON SCHEMA s [, ...]
//     TO|FROM role|PUBLIC [, ...] [CASCADE|RESTRICT]
// options: SUPERUSER, NOSUPERUSER, LOGIN, NOLOGIN, CREATEDB, NOCREATEDB, CREATEROLE,
// NOCREATEROLE, INHERIT, NOINHERIT, CONNECTION LIMIT n, [ENCRYPTED] PASSWORD 'x' | NULL;
// REPLICATION / BYPASSRLS and their NO forms are accepted and ignored.
#include "common/exception.hpp"
#include "parser/ast/role_statement.hpp"
#include "parser/sql_parser.hpp"

namespace kadedb {

namespace {

bool IsRoleWord(const Token& t) {
  return t.IsKeyword("role") || t.IsKeyword("user");
}

}  // namespace

StatementPtr SqlParser::TryParseRoleStatement() {
  const Token& first = Peek();
  bool create = first.IsKeyword("create") && IsRoleWord(Peek(1));
  bool alter = first.IsKeyword("alter") && IsRoleWord(Peek(1));
  bool drop = first.IsKeyword("drop") && IsRoleWord(Peek(1));
  bool grant = first.IsKeyword("grant") || first.IsKeyword("revoke");
  if (!create && !alter && !drop && !grant) return nullptr;

  auto parse_options = [this](RoleOptions& o) {
    AcceptKeyword("with");
    while (!AtEnd() && !Peek().IsPunct(";")) {
      const Token& t = Peek();
      std::string w = t.kind == TokenKind::kIdentifier ? t.text : std::string();
      Next();
      if (w == "superuser" || w == "nosuperuser") {
        o.superuser = w == "superuser";
      } else if (w == "login" || w == "nologin") {
        o.login = w == "login";
      } else if (w == "createdb" || w == "nocreatedb") {
        o.create_db = w == "createdb";
      } else if (w == "createrole" || w == "nocreaterole") {
        o.create_role = w == "createrole";
      } else if (w == "inherit" || w == "noinherit") {
        o.inherit = w == "inherit";
      } else if (w == "replication" || w == "noreplication" || w == "bypassrls" ||
                 w == "nobypassrls") {
        // accepted, no effect
      } else if (w == "connection") {
        ExpectKeyword("limit");
        bool negative = Peek().IsOp("-");
        if (negative) Next();
        if (Peek().kind != TokenKind::kInteger) SyntaxErrorHere();
        o.connection_limit = static_cast<int32_t>(std::stol(Next().text)) * (negative ? -1 : 1);
      } else if (w == "encrypted" || w == "password") {
        if (w == "encrypted") ExpectKeyword("password");
        o.password_given = true;
        if (AcceptKeyword("null")) {
          o.password.reset();
        } else {
          if (Peek().kind != TokenKind::kString) SyntaxErrorHere();
          o.password = Next().text;
        }
      } else if (w == "valid") {
        ExpectKeyword("until");
        if (Peek().kind != TokenKind::kString) SyntaxErrorHere();
        Next();
      } else {
        SyntaxError(t);
      }
    }
  };

  if (create) {
    Next();
    auto s = std::make_unique<CreateRoleStatement>();
    s->is_user = Next().IsKeyword("user");
    s->name = ParseColId();
    parse_options(s->options);
    return s;
  }
  if (alter) {
    Next();
    Next();
    auto s = std::make_unique<AlterRoleStatement>();
    s->name = ParseColId();
    if (AcceptKeyword("rename")) {
      ExpectKeyword("to");
      s->rename_to = ParseColId();
      return s;
    }
    parse_options(s->options);
    return s;
  }
  if (drop) {
    Next();
    Next();
    auto s = std::make_unique<DropRoleStatement>();
    s->if_exists = AcceptIfExists();
    do {
      s->names.push_back(ParseColId());
    } while (AcceptPunct(","));
    return s;
  }

  // GRANT / REVOKE
  auto s = std::make_unique<GrantStatement>();
  s->is_grant = Next().IsKeyword("grant");
  if (!s->is_grant && Peek().IsKeyword("admin") && Peek(1).IsKeyword("option")) {
    // REVOKE ADMIN OPTION FOR role FROM member
    Next();
    Next();
    ExpectKeyword("for");
    s->admin_option = true;
  }
  if (AcceptKeyword("all")) {
    AcceptKeyword("privileges");
    s->privileges = {"all"};
  } else {
    std::vector<const Token*> words;
    do {
      const Token& p = Next();
      if (p.kind != TokenKind::kIdentifier) SyntaxError(p);
      words.push_back(&p);
    } while (AcceptPunct(","));
    if (s->admin_option || Peek().IsKeyword(s->is_grant ? "to" : "from")) {
      // Role membership: GRANT r1, r2 TO m [WITH ADMIN OPTION] / REVOKE r FROM m.
      s->target = GrantTarget::kRoles;
      for (const Token* w : words) s->objects.push_back({w->text});
      Next();
      do {
        s->grantees.push_back(ParseColId());
      } while (AcceptPunct(","));
      if (s->is_grant && AcceptKeyword("with")) {
        ExpectKeyword("admin");
        ExpectKeyword("option");
        s->admin_option = true;
      }
      if (AcceptKeyword("granted")) {
        ExpectKeyword("by");
        ParseColId();
      }
      AcceptDropBehavior();  // accepted; no dependent objects to cascade to
      return s;
    }
    static const char* kKnown[] = {"select",     "insert",  "update", "delete", "truncate",
                                   "references", "trigger", "usage",  "create"};
    for (const Token* p : words) {
      bool known = false;
      for (const char* k : kKnown) known = known || p->text == k;
      if (!known) SyntaxError(*p);
      s->privileges.push_back(p->text);
    }
  }
  ExpectKeyword("on");
  if (AcceptKeyword("schema")) {
    s->target = GrantTarget::kSchemas;
    do {
      s->objects.push_back({ParseColId()});
    } while (AcceptPunct(","));
  } else if (Peek().IsKeyword("all") && Peek(1).IsKeyword("tables")) {
    Next();
    Next();
    ExpectKeyword("in");
    ExpectKeyword("schema");
    s->target = GrantTarget::kAllTablesInSchema;
    do {
      s->objects.push_back({ParseColId()});
    } while (AcceptPunct(","));
  } else {
    AcceptKeyword("table");
    do {
      s->objects.push_back(ParseQualifiedName());
    } while (AcceptPunct(","));
  }
  if (s->is_grant) {
    ExpectKeyword("to");
  } else {
    ExpectKeyword("from");
  }
  do {
    if (AcceptKeyword("group")) {
      // GRANT ... TO GROUP g: the same as a role
    }
    if (AcceptKeyword("public")) {
      s->grantees.push_back("public");
    } else {
      s->grantees.push_back(ParseColId());
    }
  } while (AcceptPunct(","));
  if (s->is_grant && AcceptKeyword("with")) {
    ExpectKeyword("grant");
    ExpectKeyword("option");
  }
  AcceptDropBehavior();  // accepted; no dependent objects to cascade to
  return s;
}

}  // namespace kadedb
