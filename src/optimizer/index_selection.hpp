// index_selection pass: lets a table scan read an index range instead of the whole table.
//
// For each LogicalGet with table_filters, every index of the table (Catalog::Indexes) is matched
// against the filters: `col = value` on a prefix of the key columns, then `col <, <=, >, >= value`
// on the next key column, where col is a bare column reference and value a non-NULL constant, a
// parameter or an outer column of a correlated subquery, of exactly the column's type (no cast can
// then change the comparison), or a smallint / integer column cast to a wider integer type compared
// with a parameter of that type (the key range then uses the parameter clamped to the column's
// range: drivers such as sysbench declare integer parameters int8). The index matching most key
// columns wins (a unique index fully matched by equalities first). The filters stay in
// table_filters, so the index only narrows the rows the scan reads.
#pragma once

#include <functional>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/logical_operator.hpp"

namespace kadedb {

// Does nothing when catalog is null.
void SelectIndexes(LogicalOperator& plan, Catalog* catalog);

// The same with the indexes of a table (by oid) supplied by indexes_of (unit tests).
void SelectIndexes(LogicalOperator& plan,
                   const std::function<std::vector<IndexEntry*>(uint64_t table_oid)>& indexes_of);

}  // namespace kadedb
