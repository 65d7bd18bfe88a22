// ClientContext: CREATE / ALTER / DROP ROLE, GRANT / REVOKE, and recording the owner of new
// objects. Rules follow PostgreSQL: CREATEROLE (or superuser) manages roles, only superusers
// create or alter superusers, anyone may change their own password; the owner of an object (or a
// superuser) grants and revokes on it.
#include <algorithm>

#include "catalog/catalog.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/search_path.hpp"
#include "common/exception.hpp"
#include "main/client_context.hpp"
#include "parser/ast/role_statement.hpp"

namespace kadedb {

namespace {

std::string SchemaOf(const std::vector<std::string>& name) {
  return name.size() >= 2 ? name[name.size() - 2] : std::string();
}

void ApplyOptions(const RoleOptions& o, RoleEntry& e) {
  if (o.superuser) e.superuser = *o.superuser;
  if (o.login) e.can_login = *o.login;
  if (o.create_db) e.create_db = *o.create_db;
  if (o.create_role) e.create_role = *o.create_role;
  if (o.inherit) e.inherit = *o.inherit;
  if (o.connection_limit) e.connection_limit = *o.connection_limit;
  if (o.password_given) {
    if (!o.password) {
      e.scram_verifier.clear();
    } else if (IsScramVerifier(*o.password)) {
      e.scram_verifier = *o.password;
    } else {
      e.scram_verifier = MakeScramVerifier(*o.password);
    }
  }
}

uint32_t PrivilegeBits(const GrantStatement& s, bool schema) {
  uint32_t bits = 0;
  for (auto& p : s.privileges) {
    if (p == "all") return schema ? kPrivAllSchema : kPrivAllTable;
    uint32_t b = p == "select"       ? kPrivSelect
                 : p == "insert"     ? kPrivInsert
                 : p == "update"     ? kPrivUpdate
                 : p == "delete"     ? kPrivDelete
                 : p == "truncate"   ? kPrivTruncate
                 : p == "references" ? kPrivReferences
                 : p == "trigger"    ? kPrivTrigger
                 : p == "usage"      ? kPrivUsage
                                     : kPrivCreate;
    bool valid = schema ? (b & kPrivAllSchema) != 0 : (b & kPrivAllTable) != 0;
    if (!valid) {
      std::string upper;
      for (char c : p) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      throw Exception(
          "0LP01", "invalid privilege type " + upper + (schema ? " for schema" : " for relation"));
    }
    bits |= b;
  }
  return bits;
}

}  // namespace

Status ClientContext::SetCurrentUser(const std::string& name) {
  std::optional<RoleEntry> role = db_.catalog().roles().FindRole(name);
  if (!role) return Status::Error("28000", "role \"" + name + "\" does not exist");
  current_user_ = session_user_ = role->name;
  current_user_oid_ = session_user_oid_ = role->oid;
  return Status::OK();
}

void ClientContext::SetRole(const std::string& name) {
  if (name == "none" || name.empty()) {
    current_user_ = session_user_;
    current_user_oid_ = session_user_oid_;
    return;
  }
  RoleCatalog& roles = db_.catalog().roles();
  std::optional<RoleEntry> role = roles.FindRole(name);
  if (!role) throw Exception("22023", "role \"" + name + "\" does not exist");
  if (!roles.IsMemberOfRole(session_user_oid_, role->oid)) {
    throw Exception("42501", "permission denied to set role \"" + name + "\"");
  }
  current_user_ = role->name;
  current_user_oid_ = role->oid;
}

void ClientContext::RunRoleStatement(const Statement& statement, Result& result) {
  Catalog& catalog = db_.catalog();
  RoleCatalog& roles = catalog.roles();
  StorageTransaction& txn = EnsureTransaction();
  if (db_.options().read_only) {
    throw Exception(sqlstate::kReadOnly, "cannot execute this statement in a read-only database");
  }
  std::optional<RoleEntry> me = roles.FindRoleByOid(current_user_oid_);
  bool super = me && me->superuser;
  bool may_manage_roles = super || (me && me->create_role);

  switch (statement.kind) {
    case StatementKind::kCreateRole: {
      auto& s = statement.Cast<CreateRoleStatement>();
      if (!may_manage_roles) throw Exception("42501", "permission denied to create role");
      if (s.options.superuser.value_or(false) && !super) {
        throw Exception("42501", "must be superuser to create superusers");
      }
      if (s.name.rfind("pg_", 0) == 0) {
        throw Exception("42939", "role name \"" + s.name + "\" is reserved", 0,
                        "Role names starting with \"pg_\" are reserved.");
      }
      RoleEntry e;
      e.name = s.name;
      e.can_login = s.is_user;
      ApplyOptions(s.options, e);
      roles.CreateRole(txn, e, catalog.AllocateOid(txn));
      result.SetCommandTag("CREATE ROLE");
      return;
    }
    case StatementKind::kAlterRole: {
      auto& s = statement.Cast<AlterRoleStatement>();
      std::optional<RoleEntry> target = roles.FindRole(s.name);
      if (!target) throw Exception("42704", "role \"" + s.name + "\" does not exist");
      RoleEntry e = *target;
      if (!s.rename_to.empty()) {
        if (e.oid == current_user_oid_) {
          throw Exception("0A000", "session user cannot be renamed");
        }
        if (!may_manage_roles || (e.superuser && !super)) {
          throw Exception("42501", "permission denied to rename role");
        }
        e.name = s.rename_to;
        roles.UpdateRole(txn, e);
        result.SetCommandTag("ALTER ROLE");
        return;
      }
      const RoleOptions& o = s.options;
      bool only_password = !o.superuser && !o.login && !o.create_db && !o.create_role &&
                           !o.inherit && !o.connection_limit;
      bool self = e.oid == current_user_oid_;
      if (!(self && only_password)) {
        if (!may_manage_roles || ((e.superuser || o.superuser) && !super)) {
          throw Exception("42501", "permission denied to alter role", 0,
                          "Only roles with the CREATEROLE attribute may alter roles.");
        }
      }
      ApplyOptions(o, e);
      roles.UpdateRole(txn, e);
      result.SetCommandTag("ALTER ROLE");
      return;
    }
    case StatementKind::kDropRole: {
      auto& s = statement.Cast<DropRoleStatement>();
      if (!may_manage_roles) throw Exception("42501", "permission denied to drop role");
      for (auto& n : s.names) {
        std::optional<RoleEntry> target = roles.FindRole(n);
        if (target && target->oid == current_user_oid_) {
          throw Exception("55006", "current user cannot be dropped");
        }
        if (target && target->superuser && !super) {
          throw Exception("42501", "must be superuser to drop superusers");
        }
        roles.DropRole(txn, n, s.if_exists);
      }
      result.SetCommandTag("DROP ROLE");
      return;
    }
    case StatementKind::kGrant: {
      auto& s = statement.Cast<GrantStatement>();
      if (s.target == GrantTarget::kRoles) {
        GrantRoles(s, result);
        return;
      }
      bool schema_target = s.target == GrantTarget::kSchemas;
      uint32_t bits = PrivilegeBits(s, schema_target);
      std::vector<uint64_t> grantees = roles.GranteeOids(s.grantees);
      // (object oid, name for errors)
      std::vector<std::pair<uint64_t, std::string>> objects;
      for (auto& name : s.objects) {
        if (s.target == GrantTarget::kSchemas || s.target == GrantTarget::kAllTablesInSchema) {
          SchemaEntry* schema = catalog.GetSchema(name.back());
          if (!schema) {
            throw Exception("3F000", "schema \"" + name.back() + "\" does not exist");
          }
          if (schema_target) {
            objects.push_back({schema->oid, name.back()});
          } else {
            for (TableEntry* t : catalog.Tables(schema->name)) objects.push_back({t->oid, t->name});
            for (ViewEntry* v : catalog.Views(schema->name)) objects.push_back({v->oid, v->name});
          }
          continue;
        }
        std::string schema = RelationSchema(catalog, settings_.SearchPath(), current_user_, name);
        if (TableEntry* t = catalog.GetTable(schema, name.back())) {
          objects.push_back({t->oid, t->name});
        } else if (ViewEntry* v = catalog.GetView(schema, name.back())) {
          objects.push_back({v->oid, v->name});
        } else {
          throw Exception(sqlstate::kUndefinedTable,
                          "relation \"" + name.back() + "\" does not exist");
        }
      }
      for (auto& [oid, name] : objects) {
        if (!super && roles.Acl(oid).owner != current_user_oid_) {
          throw Exception("42501", std::string("permission denied for ") +
                                       (schema_target ? "schema " : "table ") + name);
        }
        for (uint64_t g : grantees) {
          if (s.is_grant) {
            roles.Grant(txn, oid, g, bits);
          } else {
            roles.Revoke(txn, oid, g, bits);
          }
        }
      }
      result.SetCommandTag(s.is_grant ? "GRANT" : "REVOKE");
      return;
    }
    default:
      throw Exception(sqlstate::kInternalError, "not a role statement");
  }
}

// GRANT role TO member / REVOKE role FROM member: superusers, CREATEROLE roles (for
// non-superuser roles) and members WITH ADMIN OPTION may do it, as PostgreSQL 15.
void ClientContext::GrantRoles(const GrantStatement& s, Result& result) {
  RoleCatalog& roles = db_.catalog().roles();
  StorageTransaction& txn = EnsureTransaction();
  for (auto& role_name : s.objects) {
    std::optional<RoleEntry> role = roles.FindRole(role_name.back());
    if (!role) throw Exception("42704", "role \"" + role_name.back() + "\" does not exist");
    if (!roles.CanAdminRole(current_user_oid_, role->oid)) {
      if (role->superuser) {
        throw Exception("42501", "must be superuser to alter superusers");
      }
      throw Exception("42501", "must have admin option on role \"" + role->name + "\"");
    }
    for (auto& member_name : s.grantees) {
      std::optional<RoleEntry> member = roles.FindRole(member_name);
      if (!member) throw Exception("42704", "role \"" + member_name + "\" does not exist");
      if (s.is_grant) {
        roles.GrantMembership(txn, role->oid, member->oid, s.admin_option);
      } else {
        roles.RevokeMembership(txn, role->oid, member->oid, s.admin_option);
      }
    }
  }
  result.SetCommandTag(s.is_grant ? "GRANT ROLE" : "REVOKE ROLE");
}

void ClientContext::RecordOwner(const Statement& statement) {
  Catalog& catalog = db_.catalog();
  if (statement.kind == StatementKind::kDrop) {
    // Dropped objects take their owner and grants with them.
    std::vector<uint64_t> live;
    for (SchemaEntry* s : catalog.Schemas()) live.push_back(s->oid);
    for (TableEntry* t : catalog.Tables()) live.push_back(t->oid);
    for (ViewEntry* v : catalog.Views()) live.push_back(v->oid);
    for (SequenceEntry* q : catalog.Sequences()) live.push_back(q->oid);
    for (auto& [oid, acl] : catalog.roles().Acls()) {
      if (std::find(live.begin(), live.end(), oid) == live.end()) {
        catalog.roles().ForgetObject(EnsureTransaction(), oid);
      }
    }
    return;
  }
  if (current_user_oid_ == kBootstrapRoleOid) return;  // the default owner needs no entry
  uint64_t oid = 0;
  // Where the statement created its object (an unqualified name went to the current schema).
  auto created_in = [&](const std::vector<std::string>& name) {
    return name.size() >= 2 ? SchemaOf(name)
                            : CreationSchema(catalog, settings_.SearchPath(), current_user_);
  };
  if (statement.kind == StatementKind::kCreateTable) {
    auto& s = statement.Cast<CreateTableStatement>();
    if (TableEntry* t = catalog.GetTable(created_in(s.name), s.name.back())) {
      oid = t->oid;
      for (SequenceEntry* q : catalog.OwnedSequences(t->oid)) {  // SERIAL / identity
        catalog.roles().SetOwner(EnsureTransaction(), q->oid, current_user_oid_);
      }
    }
  } else if (statement.kind == StatementKind::kCreateView) {
    auto& s = statement.Cast<CreateViewStatement>();
    if (ViewEntry* v = catalog.GetView(created_in(s.name), s.name.back())) oid = v->oid;
  } else if (statement.kind == StatementKind::kCreateSchema) {
    auto& s = statement.Cast<CreateSchemaStatement>();
    if (SchemaEntry* schema = catalog.GetSchema(s.name)) oid = schema->oid;
  }
  if (oid != 0) catalog.roles().SetOwner(EnsureTransaction(), oid, current_user_oid_);
}

}  // namespace kadedb
