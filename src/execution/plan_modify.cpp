// Physical plans of INSERT, UPDATE and DELETE.
#include "catalog/catalog.hpp"
#include "common/exception.hpp"
#include "execution/operator/physical_insert.hpp"
#include "execution/operator/physical_update_delete.hpp"
#include "execution/physical_plan_generator.hpp"

namespace kadedb {

static std::vector<ColumnBinding> RowBindings(idx_t table_index, size_t columns) {
  std::vector<ColumnBinding> out;
  for (size_t c = 0; c < columns; c++) out.push_back({table_index, c});
  return out;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanModify(LogicalOperator& op) {
  auto child = Plan(*op.children[0]);
  auto input = op.children[0]->GetColumnBindings();
  switch (op.kind) {
    case LogicalOperatorKind::kInsert: {
      auto& ins = static_cast<LogicalInsert&>(op);
      size_t ncols = ins.table->columns.size();
      auto phys = std::make_unique<PhysicalInsert>(op.types, ins.table);
      phys->column_map = ins.column_map;
      phys->column_map.resize(ncols, -1);
      phys->defaults.resize(ncols);
      for (size_t c = 0; c < ncols; c++) {
        if (phys->column_map[c] >= 0) continue;
        if (c < ins.defaults.size() && ins.defaults[c]) {
          phys->defaults[c] = Compile(*ins.defaults[c], input);
        } else {
          auto node = std::make_unique<ExprNode>();
          node->type = ins.table->columns[c].type;
          node->value = Value::Null(node->type);
          phys->defaults[c] = std::move(node);
        }
      }
      auto new_row = RowBindings(ins.new_row_index, ncols);
      phys->checks = Compile(ins.checks, new_row);
      phys->check_names = ins.check_names;
      phys->on_conflict = ins.on_conflict;
      phys->conflict_index = ins.conflict_index;
      phys->update_columns = ins.update_columns;
      auto pair = RowBindings(ins.existing_row_index, ncols);
      auto excluded = RowBindings(ins.excluded_index, ncols);
      pair.insert(pair.end(), excluded.begin(), excluded.end());
      phys->update_expressions = Compile(ins.update_expressions, pair);
      if (ins.update_condition) phys->update_condition = Compile(*ins.update_condition, pair);
      phys->returning = Compile(ins.returning, new_row);
      phys->children.push_back(std::move(child));
      return phys;
    }
    case LogicalOperatorKind::kUpdate: {
      auto& upd = static_cast<LogicalUpdate&>(op);
      size_t ncols = upd.table->columns.size();
      auto phys = std::make_unique<PhysicalUpdate>(op.types, upd.table);
      phys->update_columns = upd.update_columns;
      phys->update_expressions = Compile(upd.update_expressions, input);
      auto new_row = RowBindings(upd.new_row_index, ncols);
      phys->checks = Compile(upd.checks, new_row);
      phys->check_names = upd.check_names;
      phys->returning = Compile(upd.returning, new_row);
      phys->children.push_back(std::move(child));
      return phys;
    }
    case LogicalOperatorKind::kDelete: {
      auto& del = static_cast<LogicalDelete&>(op);
      auto phys = std::make_unique<PhysicalDelete>(op.types, del.table);
      phys->returning =
          Compile(del.returning, RowBindings(del.old_row_index, del.table->columns.size()));
      phys->children.push_back(std::move(child));
      return phys;
    }
    default:
      ThrowInternal("PlanModify: unexpected kind");
  }
}

}  // namespace kadedb
