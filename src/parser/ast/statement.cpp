// Copy helpers of statement parts (SET items, constraints, column definitions).
#include "parser/ast/statement.hpp"

namespace kadedb {

SetItem SetItem::Copy() const {
  SetItem s;
  s.columns = columns;
  s.value = CopyExpression(value);
  s.location = location;
  return s;
}

Constraint Constraint::Copy() const {
  Constraint c;
  c.kind = kind;
  c.name = name;
  c.columns = columns;
  c.expression = CopyExpression(expression);
  c.expression_text = expression_text;
  c.ref_table = ref_table;
  c.ref_columns = ref_columns;
  c.on_delete = on_delete;
  c.on_update = on_update;
  c.location = location;
  c.identity = identity;
  c.identity_options = identity_options;
  return c;
}

ColumnDefinition ColumnDefinition::Copy() const {
  ColumnDefinition c;
  c.name = name;
  c.type = type;
  for (const auto& k : constraints) c.constraints.push_back(k.Copy());
  c.location = location;
  c.serial = serial;
  return c;
}

bool ColumnDefinition::IsNotNull() const {
  return Find(ConstraintKind::kNotNull) != nullptr || Find(ConstraintKind::kPrimaryKey) != nullptr;
}

const Constraint* ColumnDefinition::Find(ConstraintKind k) const {
  for (const auto& c : constraints) {
    if (c.kind == k) return &c;
  }
  return nullptr;
}

}  // namespace kadedb
