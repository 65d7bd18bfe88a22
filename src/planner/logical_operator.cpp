// LogicalOperator: type resolution, names and EXPLAIN/debug text; the out-of-line bindings and
// types of joins and data-changing operators.
#include "planner/logical_operator.hpp"

#include "catalog/catalog.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_modify.hpp"
#include "planner/operator/logical_relational.hpp"
#include "planner/operator/logical_simple.hpp"

namespace kadedb {

void LogicalOperator::ResolveOperatorTypes() {
  for (auto& child : children) child->ResolveOperatorTypes();
  ResolveTypes();
}

std::string LogicalOperator::GetName() const {
  switch (kind) {
    case LogicalOperatorKind::kGet:
      return "GET";
    case LogicalOperatorKind::kDummyScan:
      return "DUMMY_SCAN";
    case LogicalOperatorKind::kExpressionGet:
      return "VALUES";
    case LogicalOperatorKind::kTableFunction:
      return "TABLE_FUNCTION";
    case LogicalOperatorKind::kCTERef:
      return "CTE_REF";
    case LogicalOperatorKind::kFilter:
      return "FILTER";
    case LogicalOperatorKind::kProjection:
      return "PROJECTION";
    case LogicalOperatorKind::kAggregate:
      return "AGGREGATE";
    case LogicalOperatorKind::kWindow:
      return "WINDOW";
    case LogicalOperatorKind::kJoin:
      return "JOIN";
    case LogicalOperatorKind::kCrossProduct:
      return "CROSS_PRODUCT";
    case LogicalOperatorKind::kLateralJoin:
      return "LATERAL_JOIN";
    case LogicalOperatorKind::kOrder:
      return "ORDER";
    case LogicalOperatorKind::kLimit:
      return "LIMIT";
    case LogicalOperatorKind::kTopN:
      return "TOP_N";
    case LogicalOperatorKind::kDistinct:
      return "DISTINCT";
    case LogicalOperatorKind::kSetOperation:
      return "SET_OPERATION";
    case LogicalOperatorKind::kRecursiveCTE:
      return "RECURSIVE_CTE";
    case LogicalOperatorKind::kMaterializedCTE:
      return "MATERIALIZED_CTE";
    case LogicalOperatorKind::kInsert:
      return "INSERT";
    case LogicalOperatorKind::kUpdate:
      return "UPDATE";
    case LogicalOperatorKind::kDelete:
      return "DELETE";
    case LogicalOperatorKind::kCreateSchema:
      return "CREATE_SCHEMA";
    case LogicalOperatorKind::kCreateTable:
      return "CREATE_TABLE";
    case LogicalOperatorKind::kCreateView:
      return "CREATE_VIEW";
    case LogicalOperatorKind::kCreateIndex:
      return "CREATE_INDEX";
    case LogicalOperatorKind::kDrop:
      return "DROP";
    case LogicalOperatorKind::kAlterTable:
      return "ALTER_TABLE";
    case LogicalOperatorKind::kExplain:
      return "EXPLAIN";
    case LogicalOperatorKind::kCopy:
      return "COPY";
    case LogicalOperatorKind::kSet:
      return "SET";
    case LogicalOperatorKind::kShow:
      return "SHOW";
    case LogicalOperatorKind::kTransaction:
      return "TRANSACTION";
    case LogicalOperatorKind::kCheckDatabase:
      return "CHECK_DATABASE";
  }
  return "?";
}

std::string LogicalOperator::ToString(int indent) const {
  std::string out(indent * 2, ' ');
  out += GetName();
  std::string params = ParamsToString();
  if (params.empty()) {
    for (size_t i = 0; i < expressions.size(); i++) {
      params += (i ? ", " : "") + expressions[i]->ToString();
    }
  }
  if (!params.empty()) out += " " + params;
  out += "\n";
  for (auto& child : children) out += child->ToString(indent + 1);
  return out;
}

std::string LogicalGet::ParamsToString() const {
  std::string s = table ? table->name : "?";
  for (auto& f : table_filters) s += " [" + f->ToString() + "]";
  if (index) s += " USING INDEX";
  return s;
}

std::string LogicalAggregate::ParamsToString() const {
  std::string s;
  for (size_t i = 0; i < expressions.size(); i++) {
    s += (i ? ", " : "GROUP BY ") + expressions[i]->ToString();
  }
  for (size_t i = 0; i < aggregates.size(); i++) {
    s += (s.empty() ? "" : " ") + aggregates[i].ToString();
  }
  return s;
}

std::string LogicalOrder::ParamsToString() const {
  std::string s;
  for (size_t i = 0; i < orders.size(); i++) {
    if (i) s += ", ";
    s += orders[i].expression->ToString();
    s += orders[i].type == OrderType::kDescending ? " DESC" : " ASC";
    s += orders[i].nulls == NullOrder::kNullsFirst ? " NULLS FIRST" : " NULLS LAST";
  }
  return s;
}

std::string LogicalJoin::ParamsToString() const {
  static const char* kNames[] = {"INNER", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI", "MARK"};
  std::string s = kNames[static_cast<int>(join_type)];
  for (auto& c : conditions) {
    s += " " + c.left->ToString() + (c.null_equal ? " IS NOT DISTINCT FROM " : " = ") +
         c.right->ToString();
  }
  for (auto& e : expressions) s += " [" + e->ToString() + "]";
  return s;
}

namespace {
// The bindings a join would output without pruning.
std::vector<ColumnBinding> UnprunedJoinBindings(const LogicalJoin& join) {
  auto out = join.children[0]->GetColumnBindings();
  switch (join.join_type) {
    case LogicalJoinType::kSemi:
    case LogicalJoinType::kAnti:
      return out;
    case LogicalJoinType::kMark:
      out.push_back({join.mark_index, 0});
      return out;
    default: {
      auto r = join.children[1]->GetColumnBindings();
      out.insert(out.end(), r.begin(), r.end());
      return out;
    }
  }
}
bool IsPruned(const std::vector<ColumnBinding>& pruned, const ColumnBinding& b) {
  for (auto& p : pruned) {
    if (p == b) return true;
  }
  return false;
}
}  // namespace

std::vector<ColumnBinding> LogicalJoin::GetColumnBindings() const {
  auto out = UnprunedJoinBindings(*this);
  if (pruned.empty()) return out;
  std::vector<ColumnBinding> kept;
  for (auto& b : out) {
    if (!IsPruned(pruned, b)) kept.push_back(b);
  }
  return kept;
}

void LogicalJoin::ResolveTypes() {
  std::vector<LogicalType> all = children[0]->types;
  switch (join_type) {
    case LogicalJoinType::kSemi:
    case LogicalJoinType::kAnti:
      break;
    case LogicalJoinType::kMark:
      all.push_back(TypeId::kBoolean);
      break;
    default:
      all.insert(all.end(), children[1]->types.begin(), children[1]->types.end());
  }
  if (pruned.empty()) {
    types = std::move(all);
    return;
  }
  auto bindings = UnprunedJoinBindings(*this);
  types.clear();
  for (size_t i = 0; i < bindings.size() && i < all.size(); i++) {
    if (!IsPruned(pruned, bindings[i])) types.push_back(all[i]);
  }
}

namespace {
std::vector<ColumnBinding> ReturningBindings(idx_t index, size_t count) {
  std::vector<ColumnBinding> out;
  for (idx_t i = 0; i < count; i++) out.push_back({index, i});
  return out;
}
std::vector<LogicalType> ReturningTypes(const std::vector<ExprPtr>& returning) {
  std::vector<LogicalType> out;
  for (auto& e : returning) out.push_back(e->return_type);
  return out;
}
}  // namespace

std::vector<ColumnBinding> LogicalInsert::GetColumnBindings() const {
  return ReturningBindings(returning_index, returning.size());
}
void LogicalInsert::ResolveTypes() {
  types = ReturningTypes(returning);
}
std::vector<ColumnBinding> LogicalUpdate::GetColumnBindings() const {
  return ReturningBindings(returning_index, returning.size());
}
void LogicalUpdate::ResolveTypes() {
  types = ReturningTypes(returning);
}
std::vector<ColumnBinding> LogicalDelete::GetColumnBindings() const {
  return ReturningBindings(returning_index, returning.size());
}
void LogicalDelete::ResolveTypes() {
  types = ReturningTypes(returning);
}

}  // namespace kadedb
