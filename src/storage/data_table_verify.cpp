// DataTable::VerifyRowGroups: the row-group part of CHECK DATABASE / `kadedb check`
// (docs/formats/row_groups.md, "Checks"): segment presence, sizes and checksums, decoded
// lengths, zone maps against the decoded values, row-id order and ranges, no overlaps.
#include <cmath>

#include "common/exception.hpp"
#include "storage/data_table.hpp"

namespace kadedb {

namespace {

// Recomputes the zone map of v by encoding it again (the encoder is the definition).
ZoneMap ZoneOf(const Vector& v, const LogicalType& type) {
  std::string scratch;
  ZoneMap z;
  EncodeSegment(v, 0, v.size(), type, &scratch, &z);
  return z;
}

bool SameZone(const ZoneMap& a, const ZoneMap& b, PhysicalType p) {
  if (a.null_count != b.null_count || a.has_stats != b.has_stats) return false;
  if (!a.has_stats) return true;
  switch (p) {
    case PhysicalType::kInt64:
      return a.int_min == b.int_min && a.int_max == b.int_max;
    case PhysicalType::kDouble:
      return a.double_min == b.double_min && a.double_max == b.double_max;
    case PhysicalType::kDecimal:
      return a.dec_min == b.dec_min && a.dec_max == b.dec_max && a.dec_scale == b.dec_scale;
    case PhysicalType::kString:
      return a.str_min == b.str_min && a.str_max == b.str_max;
    default:
      return true;
  }
}

}  // namespace

std::vector<std::string> DataTable::VerifyRowGroups(StorageTransaction& txn) {
  std::shared_lock lock(schema_mutex_);
  std::vector<std::string> problems;
  std::vector<RowGroupHeader> groups;
  try {
    groups = ListRowGroupsImpl(txn, false);
  } catch (const Exception& e) {
    problems.push_back(std::string("row group headers: ") + e.what());
    return problems;
  }
  row_t prev_end = 0;
  for (const RowGroupHeader& h : groups) {
    std::string where = "row group " + std::to_string(h.row_start) + ": ";
    if (h.row_start < prev_end) problems.push_back(where + "overlaps the previous row group");
    prev_end = h.row_end;
    if (h.columns.size() > types_.size()) {
      problems.push_back(where + "has more columns than the table");
      continue;
    }
    try {
      auto ids = ReadSegmentVector(txn, h, kRowIdSegment, true);
      const auto& v = ids->ints();
      for (size_t i = 0; i < v.size(); i++) {
        if (static_cast<row_t>(v[i]) < h.row_start || static_cast<row_t>(v[i]) >= h.row_end ||
            (i > 0 && v[i] <= v[i - 1])) {
          problems.push_back(where + "row ids out of order or outside the group's range");
          break;
        }
      }
      for (uint32_t c = 0; c < h.columns.size(); c++) {
        auto col = ReadSegmentVector(txn, h, c, true);
        if (!SameZone(ZoneOf(*col, types_[c]), h.columns[c].zone, PhysicalOf(types_[c]))) {
          problems.push_back(where + "zone map of column " + std::to_string(c) +
                             " disagrees with its data");
        }
      }
    } catch (const Exception& e) {
      problems.push_back(where + e.what());
    }
  }
  return problems;
}

}  // namespace kadedb
