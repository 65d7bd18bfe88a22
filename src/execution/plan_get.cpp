// Physical plans of sources: table scans (sequential or index), dummy scan, VALUES, table
// functions, and CTE scans / materialised and recursive CTEs.
#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/operator/physical_cte.hpp"
#include "execution/operator/physical_simple_sources.hpp"
#include "execution/operator/physical_table_scan.hpp"
#include "execution/operator/physical_unnest.hpp"
#include "execution/physical_plan_generator.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

// A value side usable as a zone-map constant: a constant or parameter (evaluated once per run).
bool IsRunConstant(const BoundExpression& e) {
  return e.kind == BoundExpressionKind::kConstant || e.kind == BoundExpressionKind::kParameter ||
         (e.IsFoldable() && e.kind != BoundExpressionKind::kSubquery);
}

// The storage column position of a column reference to this scan, or -1 (a string column
// compared as text is still a plain reference: the binder relabels it, see MakeCast).
int64_t ScanColumn(const LogicalGet& get, const BoundExpression& e,
                   const std::vector<int64_t>& storage_pos) {
  if (e.kind != BoundExpressionKind::kColumnRef || e.depth != 0 ||
      e.binding.table_index != get.table_index || e.binding.column_index >= get.column_ids.size())
    return -1;
  return storage_pos[e.binding.column_index];
}

bool CompareKind(const std::string& name, bool flipped, TableFilterKind* out) {
  if (name == "=") {
    *out = TableFilterKind::kEqual;
  } else if (name == "<>" || name == "!=") {
    *out = TableFilterKind::kNotEqual;
  } else if (name == "<") {
    *out = flipped ? TableFilterKind::kGreater : TableFilterKind::kLess;
  } else if (name == "<=") {
    *out = flipped ? TableFilterKind::kGreaterEqual : TableFilterKind::kLessEqual;
  } else if (name == ">") {
    *out = flipped ? TableFilterKind::kLess : TableFilterKind::kGreater;
  } else if (name == ">=") {
    *out = flipped ? TableFilterKind::kLessEqual : TableFilterKind::kGreaterEqual;
  } else {
    return false;
  }
  return true;
}

// Turns the simple pushed filters of get (column op constant, IN lists, IS [NOT] NULL) into
// zone-map hints for storage; the filters themselves still run on every row returned.
void PlanZoneFilters(PhysicalPlanGenerator& gen, LogicalGet& get, PhysicalTableScan& scan) {
  std::vector<int64_t> storage_pos;
  int64_t next = 0;
  for (column_t c : get.column_ids) storage_pos.push_back(c == kRowIdColumn ? -1 : next++);
  for (size_t fi = 0; fi < get.table_filters.size(); fi++) {
    const BoundExpression& e = *get.table_filters[fi];
    PhysicalTableScan::ZoneFilter z;
    z.filter_index = static_cast<int64_t>(fi);  // scan.filters compiles table_filters in order
    if (e.kind == BoundExpressionKind::kIsNull || e.kind == BoundExpressionKind::kIsNotNull) {
      int64_t col = ScanColumn(get, *e.children[0], storage_pos);
      if (col < 0) continue;
      z.scan_column = static_cast<uint32_t>(col);
      z.kind = e.kind == BoundExpressionKind::kIsNull ? TableFilterKind::kIsNull
                                                      : TableFilterKind::kIsNotNull;
    } else if (e.kind == BoundExpressionKind::kIn) {
      int64_t col = ScanColumn(get, *e.children[0], storage_pos);
      if (col < 0) continue;
      bool ok = true;
      for (size_t i = 1; i < e.children.size(); i++) ok &= IsRunConstant(*e.children[i]);
      if (!ok) continue;
      z.scan_column = static_cast<uint32_t>(col);
      z.kind = TableFilterKind::kIn;
      for (size_t i = 1; i < e.children.size(); i++)
        z.values.push_back(gen.Compile(*e.children[i], {}));
    } else if (e.kind == BoundExpressionKind::kFunction && e.function.function &&
               e.children.size() == 2) {
      bool matched = false;
      for (int side = 0; side < 2 && !matched; side++) {
        int64_t col = ScanColumn(get, *e.children[side], storage_pos);
        if (col < 0 || !IsRunConstant(*e.children[1 - side])) continue;
        if (!CompareKind(e.function.function->name, side == 1, &z.kind)) break;
        z.scan_column = static_cast<uint32_t>(col);
        z.values.push_back(gen.Compile(*e.children[1 - side], {}));
        matched = true;
      }
      if (!matched) continue;
    } else {
      continue;
    }
    scan.zone_filters.push_back(std::move(z));
  }
}

}  // namespace

PhysicalOperatorPtr PhysicalPlanGenerator::PlanGet(LogicalOperator& op) {
  switch (op.kind) {
    case LogicalOperatorKind::kGet: {
      auto& get = static_cast<LogicalGet&>(op);
      std::vector<LogicalType> types = get.column_types;
      if (types.size() != get.column_ids.size()) {
        types.clear();
        for (column_t c : get.column_ids) {
          types.push_back(c == kRowIdColumn ? LogicalType(TypeId::kBigInt)
                                            : get.table->columns[c].type);
        }
      }
      auto scan = std::make_unique<PhysicalTableScan>(types, get.table, get.column_ids);
      auto bindings = get.GetColumnBindings();
      scan->filters = Compile(get.table_filters, bindings);
      if (!get.index) PlanZoneFilters(*this, get, *scan);
      if (get.index) {
        scan->index = get.index;
        scan->index_equal = Compile(get.index_equal, {});
        if (get.index_lower) scan->index_lower = Compile(*get.index_lower, {});
        if (get.index_upper) scan->index_upper = Compile(*get.index_upper, {});
        scan->lower_inclusive = get.lower_inclusive;
        scan->upper_inclusive = get.upper_inclusive;
      }
      return scan;
    }
    case LogicalOperatorKind::kDummyScan:
      return std::make_unique<PhysicalDummyScan>();
    case LogicalOperatorKind::kExpressionGet: {
      auto& values = static_cast<LogicalExpressionGet&>(op);
      auto phys = std::make_unique<PhysicalExpressionGet>(values.column_types);
      for (auto& row : values.rows) phys->rows.push_back(Compile(row, {}));
      return phys;
    }
    case LogicalOperatorKind::kTableFunction: {
      auto& fn = static_cast<LogicalTableFunction&>(op);
      if (fn.function_name == "unnest") {
        bool ordinality = fn.column_types.size() > fn.expressions.size();
        auto unnest = std::make_unique<PhysicalUnnest>(fn.column_types, ordinality);
        unnest->arguments = Compile(fn.expressions, {});
        return unnest;
      }
      auto phys = std::make_unique<PhysicalTableFunction>(fn.column_types, fn.function_name);
      phys->arguments = Compile(fn.expressions, {});
      return phys;
    }
    default:
      ThrowInternal("PlanGet: unexpected kind");
  }
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanCTE(LogicalOperator& op) {
  switch (op.kind) {
    case LogicalOperatorKind::kCTERef: {
      auto& ref = static_cast<LogicalCTERef&>(op);
      return std::make_unique<PhysicalCTERef>(ref.column_types, ref.cte_index);
    }
    case LogicalOperatorKind::kMaterializedCTE: {
      auto& cte = static_cast<LogicalMaterializedCTE&>(op);
      auto phys = std::make_unique<PhysicalMaterializedCTE>(op.types, cte.cte_index);
      phys->children.push_back(Plan(*op.children[0]));
      phys->children.push_back(Plan(*op.children[1]));
      return phys;
    }
    case LogicalOperatorKind::kRecursiveCTE: {
      auto& cte = static_cast<LogicalRecursiveCTE&>(op);
      auto phys = std::make_unique<PhysicalRecursiveCTE>(op.types, cte.cte_index, cte.union_all);
      phys->children.push_back(Plan(*op.children[0]));
      phys->children.push_back(Plan(*op.children[1]));
      return phys;
    }
    default:
      ThrowInternal("PlanCTE: unexpected kind");
  }
}

}  // namespace kadedb
