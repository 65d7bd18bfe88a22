// Builders for hand-made logical plans used by the optimizer unit tests: tables with integer
// columns, scans, column references, comparisons and boolean connectives.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb::optimizer_test {

// A catalog-less table "name" with integer columns; column 0 is the primary key when pk is set.
inline std::unique_ptr<TableEntry> MakeTable(const std::string& name, size_t columns,
                                             bool pk = true) {
  auto t = std::make_unique<TableEntry>();
  static uint64_t next_oid = 100;
  t->oid = next_oid++;
  t->name = name;
  for (size_t i = 0; i < columns; i++) {
    t->columns.push_back({name + "_c" + std::to_string(i), TypeId::kInteger, false, ""});
  }
  if (pk) {
    UniqueConstraint u;
    u.name = name + "_pkey";
    u.columns = {0};
    u.primary = true;
    t->uniques.push_back(u);
  }
  return t;
}

inline std::unique_ptr<LogicalGet> MakeGet(idx_t table_index, TableEntry& table) {
  std::vector<column_t> ids;
  std::vector<LogicalType> types;
  for (column_t i = 0; i < table.columns.size(); i++) {
    ids.push_back(i);
    types.push_back(table.columns[i].type);
  }
  auto get = std::make_unique<LogicalGet>(table_index, &table, ids);
  get->column_types = types;
  return get;
}

inline ExprPtr Col(idx_t table_index, idx_t column, LogicalType type = TypeId::kInteger) {
  return MakeColumnRef({table_index, column}, type);
}

inline ExprPtr Int(int32_t v) {
  return MakeConstant(Value::Integer(v));
}

inline ExprPtr Compare(const std::string& op, ExprPtr l, ExprPtr r) {
  auto call = FunctionRegistry::Builtin().ResolveScalar(op, {l->return_type, r->return_type});
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kFunction, call.return_type);
  e->function = call;
  e->children.push_back(std::move(l));
  e->children.push_back(std::move(r));
  return e;
}

inline ExprPtr Connective(BoundExpressionKind kind, std::vector<ExprPtr> children) {
  auto e = std::make_unique<BoundExpression>(kind, TypeId::kBoolean);
  e->children = std::move(children);
  return e;
}

template <typename... T>
std::vector<ExprPtr> List(T... e) {
  std::vector<ExprPtr> out;
  (out.push_back(std::move(e)), ...);
  return out;
}

inline LogicalOperatorPtr Cross(LogicalOperatorPtr l, LogicalOperatorPtr r) {
  auto c = std::make_unique<LogicalCrossProduct>();
  c->children.push_back(std::move(l));
  c->children.push_back(std::move(r));
  return c;
}

inline LogicalOperatorPtr Filter(LogicalOperatorPtr child, std::vector<ExprPtr> predicates) {
  auto f = std::make_unique<LogicalFilter>();
  f->expressions = std::move(predicates);
  f->children.push_back(std::move(child));
  return f;
}

// A projection (table index projection_index) of the given columns.
inline LogicalOperatorPtr Project(idx_t projection_index, LogicalOperatorPtr child,
                                  std::vector<ExprPtr> columns) {
  auto p = std::make_unique<LogicalProjection>(projection_index);
  p->expressions = std::move(columns);
  p->children.push_back(std::move(child));
  return p;
}

// Counts operators of the given kind in the plan.
inline int CountKind(const LogicalOperator& op, LogicalOperatorKind kind) {
  int n = op.kind == kind ? 1 : 0;
  for (auto& c : op.children) n += CountKind(*c, kind);
  return n;
}

// The first operator of the given kind (pre-order), or nullptr.
inline LogicalOperator* FindKind(LogicalOperator& op, LogicalOperatorKind kind) {
  if (op.kind == kind) return &op;
  for (auto& c : op.children) {
    if (auto* found = FindKind(*c, kind)) return found;
  }
  return nullptr;
}

// The scan of table_index, or nullptr.
inline LogicalGet* FindGet(LogicalOperator& op, idx_t table_index) {
  if (op.kind == LogicalOperatorKind::kGet &&
      static_cast<LogicalGet&>(op).table_index == table_index) {
    return static_cast<LogicalGet*>(&op);
  }
  for (auto& c : op.children) {
    if (auto* found = FindGet(*c, table_index)) return found;
  }
  return nullptr;
}

}  // namespace kadedb::optimizer_test
