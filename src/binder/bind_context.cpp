// BindContext: alias and column lookup for one query level (see bind_context.hpp).
#include "binder/bind_context.hpp"

#include "common/exception.hpp"

namespace kadedb {

int BindContext::AddTable(TableBinding binding, int location) {
  if (!binding.alias.empty() && FindTable(binding.alias) >= 0) {
    throw Exception("42712", "table name \"" + binding.alias + "\" specified more than once",
                    location);
  }
  binding.merged.assign(binding.names.size(), false);
  tables.push_back(std::move(binding));
  return static_cast<int>(tables.size()) - 1;
}

std::vector<StarColumn> BindContext::TableStar(int index) const {
  std::vector<StarColumn> out;
  auto& t = tables[index];
  for (size_t i = 0; i < t.names.size(); i++) {
    auto ref = MakeColumnRef(t.bindings[i], t.types[i]);
    ref->alias = t.names[i];
    out.push_back({t.names[i], std::move(ref), index, static_cast<int>(i), -1});
  }
  return out;
}

int BindContext::FindTable(const std::string& alias) const {
  for (size_t i = 0; i < tables.size(); i++) {
    if (tables[i].alias == alias) return static_cast<int>(i);
  }
  return -1;
}

ExprPtr BindContext::Resolve(const std::string& name, int location,
                             std::string* qualified_name) const {
  ExprPtr found;
  int matches = 0;
  for (size_t k = using_visible_from; k < using_columns.size(); k++) {
    auto& u = using_columns[k];
    if (u.merged || u.name != name) continue;
    matches++;
    found = u.expr->Copy();
    *qualified_name = name;
  }
  for (size_t k = visible_from; k < tables.size(); k++) {
    auto& t = tables[k];
    for (size_t i = 0; i < t.names.size(); i++) {
      if (t.merged[i] || t.names[i] != name) continue;
      matches++;
      found = MakeColumnRef(t.bindings[i], t.types[i]);
      found->alias = name;
      *qualified_name = t.alias.empty() ? name : t.alias + "." + name;
    }
  }
  if (matches > 1) {
    throw Exception(sqlstate::kAmbiguousColumn, "column reference \"" + name + "\" is ambiguous",
                    location);
  }
  return found;
}

void BindContext::MarkMerged(const StarColumn& column) {
  if (column.table >= 0) tables[column.table].merged[column.column] = true;
  if (column.using_index >= 0) using_columns[column.using_index].merged = true;
}

}  // namespace kadedb
