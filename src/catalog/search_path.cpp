// search_path resolution (see search_path.hpp).
#include "catalog/search_path.hpp"

#include "catalog/catalog.hpp"
#include "common/exception.hpp"

namespace kadedb {

std::vector<std::string> EffectiveSearchPath(Catalog& catalog, const std::vector<std::string>& path,
                                             const std::string& user) {
  std::vector<std::string> out;
  for (const std::string& entry : path) {
    const std::string& name = entry == "$user" ? user : entry;
    if (name.empty() || !catalog.GetSchema(name)) continue;
    bool seen = false;
    for (auto& s : out) seen = seen || s == name;
    if (!seen) out.push_back(name);
  }
  return out;
}

std::string RelationSchema(Catalog& catalog, const std::vector<std::string>& path,
                           const std::string& user, const std::vector<std::string>& name) {
  if (name.size() >= 2) return name[name.size() - 2];
  std::vector<std::string> schemas = EffectiveSearchPath(catalog, path, user);
  for (const std::string& s : schemas) {
    if (catalog.GetTable(s, name.back()) || catalog.GetView(s, name.back()) ||
        catalog.GetIndex(s, name.back()) || catalog.GetSequence(s, name.back())) {
      return s;
    }
  }
  return schemas.empty() ? std::string("pg_catalog") : schemas[0];
}

std::string CreationSchema(Catalog& catalog, const std::vector<std::string>& path,
                           const std::string& user) {
  std::vector<std::string> schemas = EffectiveSearchPath(catalog, path, user);
  if (schemas.empty()) throw Exception("3F000", "no schema has been selected to create in");
  return schemas[0];
}

}  // namespace kadedb
