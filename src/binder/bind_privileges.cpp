// Privilege checks at bind time (see bind_privileges.hpp).
#include "binder/bind_privileges.hpp"

#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {
thread_local int suspended = 0;
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
  if (suspended > 0 || settings.user_oid == kBootstrapRoleOid) return;
  if (catalog.roles().HasPrivilege(settings.user_oid, oid, privileges)) return;
  throw Exception("42501",
                  std::string("permission denied for ") + (is_view ? "view " : "table ") + name,
                  location);
}

}  // namespace kadedb
