// Privilege checks at bind time (see bind_privileges.hpp).
#include "binder/bind_privileges.hpp"

#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {
thread_local int suspended = 0;
thread_local std::string spool_path;

bool Exempt(const BindSettings& settings) {
  return suspended > 0 || settings.user_oid == kBootstrapRoleOid;
}

// The schema a table or view lives in (nullptr when the oid is neither).
SchemaEntry* SchemaOfRelation(Catalog& catalog, uint64_t oid, bool is_view) {
  uint64_t schema_oid = 0;
  if (!is_view) {
    if (TableEntry* t = catalog.GetTableByOid(oid)) schema_oid = t->schema_oid;
  } else {
    for (ViewEntry* v : catalog.Views()) {
      if (v->oid == oid) schema_oid = v->schema_oid;
    }
  }
  if (schema_oid == 0) return nullptr;
  for (SchemaEntry* s : catalog.Schemas()) {
    if (s->oid == schema_oid) return s;
  }
  return nullptr;
}

void RequireSchema(Catalog& catalog, const BindSettings& settings, const SchemaEntry& schema,
                   uint32_t privileges, int location) {
  if (catalog.roles().HasPrivilege(settings.user_oid, schema.oid, privileges)) return;
  throw Exception("42501", "permission denied for schema " + schema.name, location);
}

}  // namespace

ViewBodyScope::ViewBodyScope() {
  suspended++;
}
ViewBodyScope::~ViewBodyScope() {
  suspended--;
}

void CheckRelationPrivilege(Catalog& catalog, const BindSettings& settings, uint64_t oid,
                            const std::string& name, uint32_t privileges, bool is_view,
                            int location) {
  if (Exempt(settings)) return;
  if (SchemaEntry* schema = SchemaOfRelation(catalog, oid, is_view)) {
    RequireSchema(catalog, settings, *schema, kPrivUsage, location);
  }
  if (catalog.roles().HasPrivilege(settings.user_oid, oid, privileges)) return;
  throw Exception("42501",
                  std::string("permission denied for ") + (is_view ? "view " : "table ") + name,
                  location);
}

CopySpoolScope::CopySpoolScope(std::string path) : previous_(std::move(spool_path)) {
  spool_path = std::move(path);
}
CopySpoolScope::~CopySpoolScope() {
  spool_path = std::move(previous_);
}

void CheckServerFileCopy(Catalog& catalog, const BindSettings& settings, const std::string& path,
                         bool is_from, int location) {
  if (settings.user_oid == kBootstrapRoleOid) return;
  if (!spool_path.empty() && path == spool_path) return;
  uint64_t role = is_from ? kPgReadServerFilesOid : kPgWriteServerFilesOid;
  if (catalog.roles().HasPrivsOfRole(settings.user_oid, role)) return;
  throw Exception("42501",
                  std::string("must be superuser or have privileges of the ") +
                      (is_from ? "pg_read_server_files role to COPY from a file"
                               : "pg_write_server_files role to COPY to a file"),
                  location, {},
                  "Anyone can COPY to stdout or from stdin. psql's \\copy command also works "
                  "for anyone.");
}

void CheckCreateInSchema(Catalog& catalog, const BindSettings& settings,
                         const std::string& schema_name, int location) {
  if (Exempt(settings)) return;
  SchemaEntry* schema = catalog.GetSchema(schema_name);
  if (schema) RequireSchema(catalog, settings, *schema, kPrivCreate, location);
}

}  // namespace kadedb
