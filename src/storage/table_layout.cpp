// TableLayout helpers (storage/table_layout.hpp).
#include "storage/table_layout.hpp"

namespace kadedb {

TableLayout TableLayout::Identity(const std::vector<LogicalType>& types) {
  TableLayout l;
  for (column_t c = 0; c < types.size(); c++) {
    l.columns.push_back(PhysicalColumn{types[c], false, Value::Null(types[c])});
    l.live.push_back(c);
  }
  return l;
}

bool TableLayout::IsIdentity() const {
  if (live.size() != columns.size()) return false;
  for (column_t c = 0; c < live.size(); c++) {
    if (live[c] != c) return false;
  }
  return true;
}

std::vector<LogicalType> TableLayout::LogicalTypes() const {
  std::vector<LogicalType> out;
  for (column_t p : live) out.push_back(columns[p].type);
  return out;
}

std::vector<LogicalType> TableLayout::PhysicalTypes() const {
  std::vector<LogicalType> out;
  for (auto& c : columns) out.push_back(c.type);
  return out;
}

}  // namespace kadedb
