// search_path resolution shared by the binder, the session functions (current_schema,
// has_table_privilege, pg_table_is_visible) and the statements executed outside the binder.
//
// PostgreSQL's rules: entries name schemas; "$user" stands for the current role's name; entries
// naming a missing schema are skipped. pg_catalog is searched first when the path does not list
// it (the system relations are found before user tables; that part lives in the binder). New
// objects without a schema go to the first existing schema; when there is none, 3F000
// "no schema has been selected to create in".
#pragma once

#include <string>
#include <vector>

namespace kadedb {

class Catalog;

// The schemas of path that exist, in order, "$user" expanded to user.
std::vector<std::string> EffectiveSearchPath(Catalog& catalog, const std::vector<std::string>& path,
                                             const std::string& user);

// The schema a relation name refers to: its own when qualified; else the first schema of the
// effective path holding a table, view, index or sequence of that name; else the first schema of
// the effective path (so the lookup reports the name as missing), or "pg_catalog" when none
// exists.
std::string RelationSchema(Catalog& catalog, const std::vector<std::string>& path,
                           const std::string& user, const std::vector<std::string>& name);

// The schema CREATE puts an unqualified name in: the first existing schema of the path.
// Throws 3F000 "no schema has been selected to create in" when none exists.
std::string CreationSchema(Catalog& catalog, const std::vector<std::string>& path,
                           const std::string& user);

}  // namespace kadedb
