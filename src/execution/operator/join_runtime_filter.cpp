// Runtime join filters (see join_runtime_filter.hpp).
#include "execution/operator/join_runtime_filter.hpp"

#include "common/integer_width.hpp"
#include "execution/operator/physical_filter.hpp"
#include "execution/operator/physical_join.hpp"
#include "execution/operator/physical_join_build.hpp"
#include "execution/operator/physical_table_scan.hpp"

namespace kadedb {

namespace {

// Builds larger than this get min/max and no Bloom filter (which would pass nearly every row
// of a probe side not much larger than the build, at a cost per row).
constexpr size_t kMaxBloomKeys = 2 * 1024 * 1024;

// The sequential scan whose storage column becomes output column col of op, through operators
// that keep a row's value of that column (or drop the row); null when there is none.
PhysicalTableScan* TraceColumn(PhysicalOperator* op, size_t col, uint32_t* scan_column) {
  while (true) {
    if (auto* scan = dynamic_cast<PhysicalTableScan*>(op)) {
      if (scan->index || col >= scan->types.size()) return nullptr;
      int64_t pos = scan->StoragePosition(col);
      if (pos < 0) return nullptr;
      *scan_column = static_cast<uint32_t>(pos);
      return scan;
    }
    if (dynamic_cast<PhysicalFilter*>(op)) {
      op = op->children[0].get();
      continue;
    }
    if (auto* proj = dynamic_cast<PhysicalProjection*>(op)) {
      if (col >= proj->expressions.size()) return nullptr;
      const ExprNode& e = *proj->expressions[col];
      if (e.kind != BoundExpressionKind::kColumnRef || e.outer) return nullptr;
      if (PhysicalOf(e.type) != PhysicalOf(proj->children[0]->types[e.column])) return nullptr;
      col = e.column;
      op = op->children[0].get();
      continue;
    }
    if (auto* join = dynamic_cast<PhysicalJoin*>(op)) {
      switch (join->join_type) {
        case LogicalJoinType::kInner:
        case LogicalJoinType::kLeft:
        case LogicalJoinType::kSemi:
        case LogicalJoinType::kAnti:
        case LogicalJoinType::kMark:
          break;
        default:
          return nullptr;
      }
      if (col >= join->left_out.size()) return nullptr;
      col = join->left_out[col];
      op = op->children[0].get();
      continue;
    }
    return nullptr;
  }
}

}  // namespace

void PlanJoinFilters(PhysicalJoin& join) {
  join.filter_targets.clear();
  switch (join.join_type) {
    case LogicalJoinType::kInner:
    case LogicalJoinType::kSemi:
    case LogicalJoinType::kRight:
      break;
    default:
      return;  // probe rows without a partner are kept
  }
  for (size_t k = 0; k < join.left_keys.size(); k++) {
    const ExprNode* probe = join.left_keys[k].get();
    // A widening integer cast (INTEGER = BIGINT keys) keeps the column's value: look through it.
    if (probe->kind == BoundExpressionKind::kCast && probe->children.size() == 1 &&
        IntegerWidth(probe->children[0]->type.id) > 0 &&
        IntegerWidth(probe->children[0]->type.id) <= IntegerWidth(probe->type.id)) {
      probe = probe->children[0].get();
    }
    const ExprNode& key = *probe;
    if (join.null_equal[k] || key.kind != BoundExpressionKind::kColumnRef || key.outer) continue;
    if (PhysicalOf(key.type) != PhysicalType::kInt64) continue;
    if (PhysicalOf(join.right_keys[k]->type) != PhysicalType::kInt64) continue;
    uint32_t scan_column = 0;
    PhysicalTableScan* scan = TraceColumn(join.children[0].get(), key.column, &scan_column);
    if (!scan) continue;
    PhysicalJoin::FilterTarget target;
    target.key = k;
    target.scan = scan;
    target.scan_column = scan_column;
    join.filter_targets.push_back(target);
    bool known = false;
    for (auto* s : scan->join_filter_sources) known = known || s == &join;
    if (!known) scan->join_filter_sources.push_back(&join);
  }
}

void PublishJoinFilters(const PhysicalJoin& join, const JoinBuildSide& build, ExecState& state) {
  if (join.filter_targets.empty()) return;
  std::vector<TableFilter>& out = state.join_filters[&join];
  out.clear();
  const size_t n = build.rows.size();
  for (const PhysicalJoin::FilterTarget& t : join.filter_targets) {
    const Vector& keys = build.keys.column(t.key);
    if (keys.physical() != PhysicalType::kInt64) continue;
    std::vector<int64_t> values;
    values.reserve(n);
    const int64_t* data = keys.ints().data();
    const auto& valid = keys.validity();
    for (size_t r = 0; r < n; r++) {
      if (valid[r]) values.push_back(data[r]);
    }
    TableFilter f;
    f.scan_column = t.scan_column;
    f.kind = TableFilterKind::kJoinKeys;
    f.join_keys = std::make_shared<JoinKeyFilter>(std::move(values), n <= kMaxBloomKeys);
    out.push_back(std::move(f));
  }
}

}  // namespace kadedb
