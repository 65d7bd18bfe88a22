// TableLayout: the physical columns of a stored table (docs/formats/rows.md, "Physical columns").
//
// Every column a table ever had keeps a stable physical id (its position in `columns`): stored
// rows and sealed row groups hold values by physical id. ALTER TABLE ADD COLUMN appends a
// physical column whose `missing` value (the DEFAULT evaluated once at ALTER time, PostgreSQL's
// attmissingval) is what rows and row groups written before it read; DROP COLUMN only marks its
// physical column dropped (readers skip it, writers store NULL there). `live` maps the visible
// (logical) columns, in table order, to their physical ids.
#pragma once

#include <cstdint>
#include <vector>

#include "kadedb/types.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

using column_t = uint32_t;

struct PhysicalColumn {
  LogicalType type;
  bool dropped = false;
  Value missing;  // read for rows stored before the column existed (NULL unless ADD ... DEFAULT)
};

struct TableLayout {
  std::vector<PhysicalColumn> columns;  // by physical id
  std::vector<column_t> live;           // logical column -> physical id

  // One physical column per type, none dropped, every missing value NULL.
  static TableLayout Identity(const std::vector<LogicalType>& types);
  // Physical column ids == logical column ids and nothing dropped.
  bool IsIdentity() const;
  std::vector<LogicalType> LogicalTypes() const;
  std::vector<LogicalType> PhysicalTypes() const;
};

}  // namespace kadedb
