// PhysicalPlanGenerator: dispatch by logical kind, and the plans of the relational operators.
#include "execution/physical_plan_generator.hpp"

#include "common/exception.hpp"
#include "execution/operator/physical_filter.hpp"
#include "execution/operator/physical_lateral_join.hpp"
#include "execution/operator/physical_limit.hpp"
#include "execution/operator/physical_order.hpp"
#include "execution/operator/physical_set_operation.hpp"
#include "execution/operator/physical_simple_sources.hpp"
#include "execution/operator/physical_window.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

PhysicalOperatorPtr PhysicalPlanGenerator::Plan(LogicalOperator& op) {
  if (op.types.size() != op.GetColumnBindings().size()) op.ResolveOperatorTypes();
  switch (op.kind) {
    case LogicalOperatorKind::kGet:
    case LogicalOperatorKind::kDummyScan:
    case LogicalOperatorKind::kExpressionGet:
    case LogicalOperatorKind::kTableFunction:
      return PlanGet(op);
    case LogicalOperatorKind::kCTERef:
    case LogicalOperatorKind::kRecursiveCTE:
    case LogicalOperatorKind::kMaterializedCTE:
      return PlanCTE(op);
    case LogicalOperatorKind::kFilter:
    case LogicalOperatorKind::kProjection:
    case LogicalOperatorKind::kOrder:
    case LogicalOperatorKind::kTopN:
    case LogicalOperatorKind::kLimit:
    case LogicalOperatorKind::kDistinct:
    case LogicalOperatorKind::kSetOperation:
      return PlanRelational(op);
    case LogicalOperatorKind::kAggregate:
      return PlanAggregate(op);
    case LogicalOperatorKind::kJoin:
    case LogicalOperatorKind::kCrossProduct:
      return PlanJoin(op);
    case LogicalOperatorKind::kInsert:
    case LogicalOperatorKind::kUpdate:
    case LogicalOperatorKind::kDelete:
      return PlanModify(op);
    case LogicalOperatorKind::kWindow:
      return PlanPhysicalWindow(*this, op);
    case LogicalOperatorKind::kLateralJoin:
      return PlanPhysicalLateralJoin(*this, op);
    default:
      ThrowInternal("operator kind " + std::to_string(static_cast<int>(op.kind)) +
                    " cannot be part of a physical plan");
  }
}

static std::vector<SortKey> MakeSortKeys(PhysicalPlanGenerator& gen,
                                         const std::vector<BoundOrderBy>& orders,
                                         const std::vector<ColumnBinding>& input) {
  std::vector<SortKey> keys;
  for (auto& o : orders) {
    SortKey k;
    k.expression = gen.Compile(*o.expression, input);
    k.descending = o.type == OrderType::kDescending;
    k.nulls_first = o.nulls == NullOrder::kNullsFirst;
    keys.push_back(std::move(k));
  }
  return keys;
}

PhysicalOperatorPtr PhysicalPlanGenerator::PlanRelational(LogicalOperator& op) {
  auto child = Plan(*op.children[0]);
  auto input = op.children[0]->GetColumnBindings();
  PhysicalOperatorPtr result;
  switch (op.kind) {
    case LogicalOperatorKind::kFilter: {
      auto filter = std::make_unique<PhysicalFilter>(op.types);
      filter->predicates = Compile(op.expressions, input);
      result = std::move(filter);
      break;
    }
    case LogicalOperatorKind::kProjection: {
      auto proj = std::make_unique<PhysicalProjection>(op.types);
      proj->expressions = Compile(op.expressions, input);
      result = std::move(proj);
      break;
    }
    case LogicalOperatorKind::kOrder: {
      auto& order = static_cast<LogicalOrder&>(op);
      auto sort = std::make_unique<PhysicalOrder>(op.types);
      sort->keys = MakeSortKeys(*this, order.orders, input);
      result = std::move(sort);
      break;
    }
    case LogicalOperatorKind::kTopN: {
      auto& topn = static_cast<LogicalTopN&>(op);
      auto sort = std::make_unique<PhysicalOrder>(op.types);
      sort->keys = MakeSortKeys(*this, topn.orders, input);
      sort->limit = std::max<int64_t>(topn.limit_value, 0);
      sort->offset = std::max<int64_t>(topn.offset_value, 0);
      result = std::move(sort);
      break;
    }
    case LogicalOperatorKind::kLimit: {
      auto& limit = static_cast<LogicalLimit&>(op);
      auto phys = std::make_unique<PhysicalLimit>(op.types);
      phys->limit_value = limit.limit_value;
      phys->offset_value = limit.offset_value;
      if (limit.limit_expression) phys->limit_expression = Compile(*limit.limit_expression, {});
      if (limit.offset_expression) phys->offset_expression = Compile(*limit.offset_expression, {});
      result = std::move(phys);
      break;
    }
    case LogicalOperatorKind::kDistinct: {
      auto distinct = std::make_unique<PhysicalDistinct>(op.types);
      distinct->keys = Compile(op.expressions, input);
      result = std::move(distinct);
      break;
    }
    case LogicalOperatorKind::kSetOperation: {
      auto& setop = static_cast<LogicalSetOperation&>(op);
      auto right = Plan(*op.children[1]);
      if (setop.set_type == SetOperationType::kUnion && setop.all) {
        result = std::make_unique<PhysicalUnionAll>(op.types);
      } else {
        result = std::make_unique<PhysicalSetOperation>(op.types, setop.set_type, setop.all);
      }
      result->children.push_back(std::move(child));
      result->children.push_back(std::move(right));
      return result;
    }
    default:
      ThrowInternal("PlanRelational: unexpected kind");
  }
  result->children.push_back(std::move(child));
  if (op.kind == LogicalOperatorKind::kTopN) {
    AttachTopNScanFilter(static_cast<PhysicalOrder&>(*result));
  }
  return result;
}

}  // namespace kadedb
