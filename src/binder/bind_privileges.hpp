// Privilege checks at bind time: every statement that reads or writes a table or view checks
// that the session's role (BindSettings::user_oid) holds USAGE on the relation's schema and the
// privilege on the relation (RoleCatalog::HasPrivilege: superusers and owners always do), else
// 42501 "permission denied for schema s" / "permission denied for table t". Creating a table or
// view needs CREATE on the target schema.
//
// The query of a view is checked as the view's owner would be in PostgreSQL: not at all here
// (a ViewBodyScope suspends checks while it binds). Threading: the suspension is per thread.
#pragma once

#include <cstdint>
#include <string>

#include "catalog/catalog.hpp"
#include "planner/planner.hpp"

namespace kadedb {

// Throws 42501 unless settings.user_oid holds USAGE on the relation's schema and every bit of
// privileges (role_catalog.hpp kPriv*) on the relation oid. is_view selects the wording ("view" /
// "table").
void CheckRelationPrivilege(Catalog& catalog, const BindSettings& settings, uint64_t oid,
                            const std::string& name, uint32_t privileges, bool is_view,
                            int location = 0);

// Throws 42501 "permission denied for schema s" unless settings.user_oid holds CREATE on the
// schema (a missing schema passes: the caller reports 3F000).
void CheckCreateInSchema(Catalog& catalog, const BindSettings& settings,
                         const std::string& schema_name, int location = 0);

// COPY with a server file (not STDIN / STDOUT) needs a superuser or the privileges of
// pg_read_server_files (FROM) / pg_write_server_files (TO), else 42501 with PostgreSQL's wording.
// The file of an active CopySpoolScope on this thread is exempt.
void CheckServerFileCopy(Catalog& catalog, const BindSettings& settings, const std::string& path,
                         bool is_from, int location = 0);

// While alive, COPY on this thread may use `path` as if it were STDIN / STDOUT: the server spools
// the protocol's COPY data through a private temporary file (pg_copy.cpp).
class CopySpoolScope {
 public:
  explicit CopySpoolScope(std::string path);
  ~CopySpoolScope();
  CopySpoolScope(const CopySpoolScope&) = delete;
  CopySpoolScope& operator=(const CopySpoolScope&) = delete;

 private:
  std::string previous_;
};

// While alive, CheckRelationPrivilege on this thread checks nothing.
class ViewBodyScope {
 public:
  ViewBodyScope();
  ~ViewBodyScope();
  ViewBodyScope(const ViewBodyScope&) = delete;
  ViewBodyScope& operator=(const ViewBodyScope&) = delete;
};

}  // namespace kadedb
