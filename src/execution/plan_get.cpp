// Physical plans of sources: table scans (sequential or index), dummy scan, VALUES, table
// functions, and CTE scans / materialised and recursive CTEs.
#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/operator/physical_cte.hpp"
#include "execution/operator/physical_simple_sources.hpp"
#include "execution/operator/physical_table_scan.hpp"
#include "execution/physical_plan_generator.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

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
