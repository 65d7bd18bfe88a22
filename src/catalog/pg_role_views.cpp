// pg_roles, pg_user, pg_authid (superusers only), pg_auth_members, pg_database, pg_tablespace
// and pg_stat_activity (the current session only).
#include <unistd.h>

#include "catalog/pg_functions.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/system_view_builders.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

const Value kNullTimestamp = Value::Null(TypeId::kTimestampTz);

void PgRoles(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"rolname", kNameType},
                 {"rolsuper", TypeId::kBoolean},
                 {"rolinherit", TypeId::kBoolean},
                 {"rolcreaterole", TypeId::kBoolean},
                 {"rolcreatedb", TypeId::kBoolean},
                 {"rolcanlogin", TypeId::kBoolean},
                 {"rolreplication", TypeId::kBoolean},
                 {"rolconnlimit", TypeId::kInteger},
                 {"rolpassword", TypeId::kText},
                 {"rolvaliduntil", TypeId::kTimestampTz},
                 {"rolbypassrls", TypeId::kBoolean},
                 {"rolconfig", kTextArray},
                 {"oid", kOidType}});
  for (const RoleEntry& e : catalog.roles().Roles()) {
    r.rows.push_back({TextValue(e.name), BoolValue(e.superuser), BoolValue(e.inherit),
                      BoolValue(e.create_role), BoolValue(e.create_db), BoolValue(e.can_login),
                      BoolValue(false), Int4Value(e.connection_limit), TextValue("********"),
                      kNullTimestamp, BoolValue(e.superuser), NullOf(kTextArray), OidValue(e.oid)});
  }
}

void PgUser(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"usename", kNameType},
                 {"usesysid", kOidType},
                 {"usecreatedb", TypeId::kBoolean},
                 {"usesuper", TypeId::kBoolean},
                 {"userepl", TypeId::kBoolean},
                 {"usebypassrls", TypeId::kBoolean},
                 {"passwd", TypeId::kText},
                 {"valuntil", TypeId::kTimestampTz},
                 {"useconfig", kTextArray}});
  for (const RoleEntry& e : catalog.roles().Roles()) {
    if (!e.can_login) continue;
    r.rows.push_back({TextValue(e.name), OidValue(e.oid), BoolValue(e.create_db),
                      BoolValue(e.superuser), BoolValue(false), BoolValue(e.superuser),
                      TextValue("********"), kNullTimestamp, NullOf(kTextArray)});
  }
}

void PgAuthid(Catalog& catalog, const SystemViewContext& context, SystemRelation& r) {
  if (!catalog.roles().IsSuperuser(context.user_oid)) {
    throw Exception("42501", "permission denied for table pg_authid");
  }
  SetColumns(r, {{"oid", kOidType},
                 {"rolname", kNameType},
                 {"rolsuper", TypeId::kBoolean},
                 {"rolinherit", TypeId::kBoolean},
                 {"rolcreaterole", TypeId::kBoolean},
                 {"rolcreatedb", TypeId::kBoolean},
                 {"rolcanlogin", TypeId::kBoolean},
                 {"rolreplication", TypeId::kBoolean},
                 {"rolbypassrls", TypeId::kBoolean},
                 {"rolconnlimit", TypeId::kInteger},
                 {"rolpassword", TypeId::kText},
                 {"rolvaliduntil", TypeId::kTimestampTz}});
  for (const RoleEntry& e : catalog.roles().Roles()) {
    r.rows.push_back(
        {OidValue(e.oid), TextValue(e.name), BoolValue(e.superuser), BoolValue(e.inherit),
         BoolValue(e.create_role), BoolValue(e.create_db), BoolValue(e.can_login), BoolValue(false),
         BoolValue(e.superuser), Int4Value(e.connection_limit),
         e.scram_verifier.empty() ? NullOf(TypeId::kText) : TextValue(e.scram_verifier),
         kNullTimestamp});
  }
}

void PgAuthMembers(Catalog& catalog, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"roleid", kOidType},
                 {"member", kOidType},
                 {"grantor", kOidType},
                 {"admin_option", TypeId::kBoolean}});
  for (const RoleEntry& e : catalog.roles().Roles()) {
    for (auto& [role, admin] : e.member_of) {
      r.rows.push_back(
          {OidValue(role), OidValue(e.oid), OidValue(kBootstrapRoleOid), BoolValue(admin)});
    }
  }
}

void PgDatabase(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"datname", kNameType},
                 {"datdba", kOidType},
                 {"encoding", TypeId::kInteger},
                 {"datlocprovider", kCharType},
                 {"datistemplate", TypeId::kBoolean},
                 {"datallowconn", TypeId::kBoolean},
                 {"datconnlimit", TypeId::kInteger},
                 {"dattablespace", kOidType},
                 {"datcollate", TypeId::kText},
                 {"datctype", TypeId::kText},
                 {"daticulocale", TypeId::kText},
                 {"datcollversion", TypeId::kText},
                 {"datacl", kTextArray}});
  r.rows.push_back({OidValue(kDatabaseOid), TextValue(kDatabaseName), OidValue(kBootstrapRoleOid),
                    Int4Value(6), TextValue("c"), BoolValue(false), BoolValue(true), Int4Value(-1),
                    OidValue(1663), TextValue("C.UTF-8"), TextValue("C.UTF-8"),
                    NullOf(TypeId::kText), NullOf(TypeId::kText), NullOf(kTextArray)});
}

void PgTablespace(Catalog&, const SystemViewContext&, SystemRelation& r) {
  SetColumns(r, {{"oid", kOidType},
                 {"spcname", kNameType},
                 {"spcowner", kOidType},
                 {"spcacl", kTextArray},
                 {"spcoptions", kTextArray}});
  for (auto [oid, name] :
       {std::pair<uint64_t, const char*>{1663, "pg_default"}, {1664, "pg_global"}}) {
    r.rows.push_back({OidValue(oid), TextValue(name), OidValue(kBootstrapRoleOid),
                      NullOf(kTextArray), NullOf(kTextArray)});
  }
}

void PgStatActivity(Catalog&, const SystemViewContext& context, SystemRelation& r) {
  SetColumns(r, {{"datid", kOidType},
                 {"datname", kNameType},
                 {"pid", TypeId::kInteger},
                 {"leader_pid", TypeId::kInteger},
                 {"usesysid", kOidType},
                 {"usename", kNameType},
                 {"application_name", TypeId::kText},
                 {"client_addr", TypeId::kText},
                 {"client_hostname", TypeId::kText},
                 {"client_port", TypeId::kInteger},
                 {"backend_start", TypeId::kTimestampTz},
                 {"xact_start", TypeId::kTimestampTz},
                 {"query_start", TypeId::kTimestampTz},
                 {"state_change", TypeId::kTimestampTz},
                 {"wait_event_type", TypeId::kText},
                 {"wait_event", TypeId::kText},
                 {"state", TypeId::kText},
                 {"backend_xid", TypeId::kText},
                 {"backend_xmin", TypeId::kText},
                 {"query_id", TypeId::kBigInt},
                 {"query", TypeId::kText},
                 {"backend_type", TypeId::kText}});
  r.rows.push_back({OidValue(kDatabaseOid),
                    TextValue(kDatabaseName),
                    Int4Value(static_cast<int64_t>(getpid())),
                    NullOf(TypeId::kInteger),
                    OidValue(context.user_oid),
                    TextValue(context.user_name),
                    TextValue(""),
                    NullOf(TypeId::kText),
                    NullOf(TypeId::kText),
                    NullOf(TypeId::kInteger),
                    kNullTimestamp,
                    kNullTimestamp,
                    kNullTimestamp,
                    kNullTimestamp,
                    NullOf(TypeId::kText),
                    NullOf(TypeId::kText),
                    TextValue("active"),
                    NullOf(TypeId::kText),
                    NullOf(TypeId::kText),
                    NullOf(TypeId::kBigInt),
                    TextValue(""),
                    TextValue("client backend")});
}

}  // namespace

void AddPgRoleViews(SystemViewMap& views) {
  views["pg_roles"] = PgRoles;
  views["pg_user"] = PgUser;
  views["pg_authid"] = PgAuthid;
  views["pg_auth_members"] = PgAuthMembers;
  views["pg_database"] = PgDatabase;
  views["pg_tablespace"] = PgTablespace;
  views["pg_stat_activity"] = PgStatActivity;
}

}  // namespace kadedb
