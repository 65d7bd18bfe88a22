// Role and privilege statements: CREATE / ALTER / DROP ROLE (and USER), GRANT and REVOKE.
//
// Parsed by parse_role.cpp, executed by ClientContext (role_statements.cpp) against RoleCatalog.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parser/ast/statement.hpp"

namespace kadedb {

// The options of CREATE / ALTER ROLE; unset ones keep their value (ALTER) or default (CREATE).
struct RoleOptions {
  std::optional<bool> superuser;
  std::optional<bool> login;
  std::optional<bool> create_db;
  std::optional<bool> create_role;
  std::optional<bool> inherit;
  std::optional<int32_t> connection_limit;
  bool password_given = false;          // PASSWORD 'x' or PASSWORD NULL
  std::optional<std::string> password;  // nullopt with password_given: PASSWORD NULL
};

class CreateRoleStatement : public Statement {
 public:
  CreateRoleStatement() : Statement(StatementKind::kCreateRole) {}
  std::string name;
  bool is_user = false;  // CREATE USER: LOGIN by default
  RoleOptions options;
};

class AlterRoleStatement : public Statement {
 public:
  AlterRoleStatement() : Statement(StatementKind::kAlterRole) {}
  std::string name;
  RoleOptions options;
  std::string rename_to;  // ALTER ROLE a RENAME TO b
};

class DropRoleStatement : public Statement {
 public:
  DropRoleStatement() : Statement(StatementKind::kDropRole) {}
  std::vector<std::string> names;
  bool if_exists = false;
};

// kRoles: GRANT role [, ...] TO role [, ...] (objects hold the granted role names).
enum class GrantTarget : uint8_t { kTables, kAllTablesInSchema, kSchemas, kRoles };

class GrantStatement : public Statement {
 public:
  GrantStatement() : Statement(StatementKind::kGrant) {}
  bool is_grant = true;  // false: REVOKE
  // Lower-case privilege words ("select", "insert", ..., "usage", "create"); {"all"} for ALL.
  std::vector<std::string> privileges;
  GrantTarget target = GrantTarget::kTables;
  std::vector<std::vector<std::string>> objects;  // table names or schema names ([schema])
  std::vector<std::string> grantees;              // role names; "public" for PUBLIC
  // kRoles: GRANT ... WITH ADMIN OPTION, or REVOKE ADMIN OPTION FOR ...
  bool admin_option = false;
};

}  // namespace kadedb
