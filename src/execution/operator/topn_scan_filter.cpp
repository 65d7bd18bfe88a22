// AttachTopNScanFilter: wires a top-N to the sequential scan below it through a DynamicFilter
// (storage/dynamic_filter.hpp), so the scan skips row groups (zone maps) and rows (raw segment
// comparisons) that sort after the top-N's current boundary.
#include "catalog/catalog.hpp"
#include "execution/operator/physical_filter.hpp"
#include "execution/operator/physical_order.hpp"
#include "execution/operator/physical_table_scan.hpp"

namespace kadedb {

namespace {

// The column classes whose raw scan comparisons and zone maps follow the sort order of
// CompareValues: integer-class types (dates, timestamps, booleans too), decimals, floats
// (NaN rows are always kept) and bytewise-ordered text.
bool FilterableType(const LogicalType& t) {
  switch (PhysicalOf(t)) {
    case PhysicalType::kInt64:
    case PhysicalType::kDecimal:
    case PhysicalType::kDouble:
      return true;
    case PhysicalType::kString:
      return t.id == TypeId::kText || t.id == TypeId::kVarchar;
    default:
      return false;
  }
}

}  // namespace

void AttachTopNScanFilter(PhysicalOrder& topn) {
  if (topn.limit < 0 || topn.keys.empty() || topn.children.size() != 1) return;
  const ExprNode* key = topn.keys[0].expression.get();
  if (key->kind != BoundExpressionKind::kColumnRef || key->outer) return;
  idx_t column = key->column;
  PhysicalOperator* op = topn.children[0].get();
  // Down through projections of plain columns and filters (they only drop rows).
  while (true) {
    if (auto* proj = dynamic_cast<PhysicalProjection*>(op)) {
      if (column >= proj->expressions.size()) return;
      const ExprNode* e = proj->expressions[column].get();
      if (e->kind != BoundExpressionKind::kColumnRef || e->outer) return;
      column = e->column;
    } else if (!dynamic_cast<PhysicalFilter*>(op)) {
      break;
    }
    if (op->children.size() != 1) return;
    op = op->children[0].get();
  }
  auto* scan = dynamic_cast<PhysicalTableScan*>(op);
  if (!scan || scan->index != nullptr || scan->dynamic_filter) return;
  if (column >= scan->column_ids.size()) return;
  int64_t position = scan->StoragePosition(column);
  if (position < 0) return;  // the row id
  const LogicalType& column_type = scan->table->columns[scan->column_ids[column]].type;
  if (column_type.id != key->type.id || !FilterableType(column_type)) return;
  const SortKey& k = topn.keys[0];
  auto kind = k.descending ? TableFilterKind::kGreaterEqual : TableFilterKind::kLessEqual;
  topn.dynamic_filter =
      std::make_shared<DynamicFilter>(static_cast<uint32_t>(position), kind, k.nulls_first);
  scan->dynamic_filter = topn.dynamic_filter;
}

}  // namespace kadedb
