// Binder: construction, scopes (CTE lookup, correlated column registration) and plan helpers.
#include "binder/binder.hpp"

#include "binder/bind_privileges.hpp"
#include "catalog/search_path.hpp"

#include "common/exception.hpp"

namespace kadedb {

Binder::Binder(BinderShared& shared, Binder* parent, BinderKind kind)
    : shared_(shared), parent_(parent), kind_(kind) {}

CteEntry* Binder::FindCte(const std::string& name, Binder** owner) {
  for (Binder* b = this; b; b = b->parent_) {
    auto it = b->ctes_.find(name);
    if (it != b->ctes_.end() && !it->second.in_progress) {
      *owner = b;
      return &it->second;
    }
    if (b->kind_ == BinderKind::kIsolated) break;
  }
  return nullptr;
}

void Binder::AddCorrelated(const ColumnBinding& binding, const LogicalType& type, idx_t depth,
                           const std::string& name) {
  idx_t crossed = 0;
  for (Binder* b = this; b && crossed < depth; b = b->parent_) {
    if (b->kind_ != BinderKind::kSubquery) continue;
    idx_t seen_depth = depth - crossed - 1;
    bool present = false;
    for (auto& c : b->correlated_) {
      if (c->binding == binding && c->depth == seen_depth) present = true;
    }
    if (!present) {
      auto ref = MakeColumnRef(binding, type, seen_depth);
      ref->alias = name;
      b->correlated_.push_back(std::move(ref));
    }
    crossed++;
  }
}

ExprPtr Binder::BindColumnRef(const ColumnRefExpression& expr) {
  const auto& names = expr.names;
  const std::string& column = names.back();
  std::string table = names.size() >= 2 ? names[names.size() - 2] : std::string();
  idx_t depth = 0;
  bool skip_context = false;
  bool table_seen = false;
  bool table_hidden = false;  // found only where a JOIN's ON clause cannot see it
  for (Binder* b = this; b;) {
    if (!skip_context) {
      ExprPtr found;
      std::string qualified;
      if (table.empty()) {
        found = b->context_.Resolve(column, expr.location, &qualified);
      } else {
        int t = b->context_.FindTable(table);
        if (t >= 0 && static_cast<size_t>(t) < b->context_.visible_from) {
          table_hidden = true;
          t = -1;
        }
        if (t >= 0) {
          table_seen = true;
          auto& tb = b->context_.tables[t];
          for (size_t i = 0; i < tb.names.size(); i++) {
            if (tb.names[i] != column) continue;
            found = MakeColumnRef(tb.bindings[i], tb.types[i]);
            found->alias = column;
            qualified = table + "." + column;
            break;
          }
          if (!found) {
            throw Exception(sqlstate::kUndefinedColumn,
                            "column " + table + "." + column + " does not exist", expr.location);
          }
        }
      }
      if (found) {
        if (found->kind == BoundExpressionKind::kColumnRef) {
          binding_names_[found->binding] = qualified;
          b->binding_names_[found->binding] = qualified;  // for the owner's grouping errors
        }
        if (depth > 0) {
          if (found->kind != BoundExpressionKind::kColumnRef) {
            throw Exception(sqlstate::kFeatureNotSupported,
                            "correlated reference to a merged USING column is not supported",
                            expr.location);
          }
          found->depth = depth;
          AddCorrelated(found->binding, found->return_type, depth, column);
        }
        found->alias = column;
        return found;
      }
    }
    if (b->kind_ == BinderKind::kIsolated) break;
    if (b->kind_ == BinderKind::kSubquery) {
      depth++;
      skip_context = false;
    } else if (b->kind_ == BinderKind::kDerived) {
      skip_context = !b->lateral_;
    }
    b = b->parent_;
  }
  if (!table.empty() && !table_seen && table_hidden) {
    throw Exception(sqlstate::kUndefinedTable,
                    "invalid reference to FROM-clause entry for table \"" + table + "\"",
                    expr.location, "",
                    "There is an entry for table \"" + table +
                        "\", but it cannot be referenced from this part of the query.");
  }
  if (!table.empty() && !table_seen) {
    throw Exception(sqlstate::kUndefinedTable,
                    "missing FROM-clause entry for table \"" + table + "\"", expr.location);
  }
  if (table.empty()) {
    if (ExprPtr row = TryBindWholeRow(column, expr.location)) return row;  // SELECT t FROM t
  }
  throw Exception(sqlstate::kUndefinedColumn, "column \"" + column + "\" does not exist",
                  expr.location);
}

std::string Binder::DefaultSchema() {
  return CreationSchema(catalog(), shared_.settings.search_path, shared_.settings.user_name);
}

void Binder::ResolveCreationSchema(const std::vector<std::string>& name, int location,
                                   std::string* schema_name, uint64_t* schema_oid) {
  *schema_name = name.size() >= 2 ? name[name.size() - 2] : DefaultSchema();
  SchemaEntry* schema = catalog().GetSchema(*schema_name);
  if (!schema) {
    throw Exception(sqlstate::kUndefinedSchema, "schema \"" + *schema_name + "\" does not exist");
  }
  *schema_oid = schema->oid;
  CheckCreateInSchema(catalog(), shared_.settings, *schema_name, location);
}

OrderType ToOrderType(OrderDirection direction) {
  return direction == OrderDirection::kDescending ? OrderType::kDescending : OrderType::kAscending;
}

NullOrder ToNullOrder(NullsOrder nulls, OrderType type) {
  if (nulls == NullsOrder::kFirst) return NullOrder::kNullsFirst;
  if (nulls == NullsOrder::kLast) return NullOrder::kNullsLast;
  return type == OrderType::kDescending ? NullOrder::kNullsFirst : NullOrder::kNullsLast;
}

std::string Binder::RelationSchemaOf(const std::vector<std::string>& name) {
  return RelationSchema(catalog(), shared_.settings.search_path, shared_.settings.user_name, name);
}

TableEntry* Binder::LookupTable(const std::vector<std::string>& name, int location) {
  std::string schema = RelationSchemaOf(name);
  TableEntry* t = catalog().GetTable(schema, name.back());
  if (!t) {
    throw Exception(sqlstate::kUndefinedTable,
                    "relation \"" + QualifiedNameToString(name) + "\" does not exist", location);
  }
  return t;
}

LogicalOperatorPtr MakeFilter(LogicalOperatorPtr child, ExprPtr predicate) {
  auto filter = std::make_unique<LogicalFilter>();
  // Split top-level ANDs so the optimizer can push each conjunct separately.
  std::vector<ExprPtr> stack;
  stack.push_back(std::move(predicate));
  while (!stack.empty()) {
    ExprPtr e = std::move(stack.back());
    stack.pop_back();
    if (e->kind == BoundExpressionKind::kAnd) {
      for (auto it = e->children.rbegin(); it != e->children.rend(); ++it) {
        stack.push_back(std::move(*it));
      }
    } else {
      filter->expressions.push_back(std::move(e));
    }
  }
  filter->children.push_back(std::move(child));
  return filter;
}

BoundQuery Binder::CastOutputs(BoundQuery query, const std::vector<LogicalType>& types,
                               idx_t table_index, CastStrength strength) {
  bool same = query.types == types;
  if (same) return query;
  auto proj = std::make_unique<LogicalProjection>(table_index);
  for (size_t i = 0; i < types.size(); i++) {
    auto ref = MakeColumnRef(query.bindings[i], query.types[i]);
    ref->alias = query.names[i];
    if (query.types[i] != types[i]) {
      // An untyped literal converts like an explicit cast ('5' -> integer).
      CastStrength s = query.IsUnknown(i) ? CastStrength::kExplicit : strength;
      if (!CanCast(query.types[i], types[i], s)) {
        throw Exception(sqlstate::kDatatypeMismatch,
                        "column \"" + query.names[i] + "\" is of type " + types[i].ToString() +
                            " but expression is of type " + query.types[i].ToString());
      }
      ref = MakeCast(std::move(ref), types[i]);
    }
    proj->expressions.push_back(std::move(ref));
  }
  proj->children.push_back(std::move(query.plan));
  query.plan = std::move(proj);
  query.types = types;
  query.unknown.clear();
  query.bindings = query.plan->GetColumnBindings();
  return query;
}

std::string PostgresTypeName(const LogicalType& type) {
  switch (type.id) {
    case TypeId::kBoolean:
      return "bool";
    case TypeId::kSmallInt:
      return "int2";
    case TypeId::kInteger:
      return "int4";
    case TypeId::kBigInt:
      return "int8";
    case TypeId::kReal:
      return "float4";
    case TypeId::kDouble:
      return "float8";
    case TypeId::kDecimal:
      return "numeric";
    case TypeId::kVarchar:
      return "varchar";
    case TypeId::kText:
      return "text";
    case TypeId::kBytea:
      return "bytea";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time";
    case TypeId::kTimestamp:
      return "timestamp";
    case TypeId::kTimestampTz:
      return "timestamptz";
    case TypeId::kInterval:
      return "interval";
    case TypeId::kUuid:
      return "uuid";
    case TypeId::kArray:  // '{1}'::int[] is named int4, like PostgreSQL
      return PostgresTypeName(type.ElementType());
    default:
      return "?column?";
  }
}

bool IsIntegerConstant(const ParsedExpression& expr, int64_t* value) {
  if (expr.kind != ExpressionKind::kConstant) return false;
  auto& c = expr.Cast<ConstantExpression>();
  if (c.value_kind != ConstantKind::kInteger) return false;
  *value = c.integer_value;
  return true;
}

std::string Binder::OutputName(const ParsedExpression& expr) const {
  if (!expr.alias.empty()) return expr.alias;
  switch (expr.kind) {
    case ExpressionKind::kColumnRef:
      return expr.Cast<ColumnRefExpression>().column_name();
    case ExpressionKind::kFunction: {
      auto& f = expr.Cast<FunctionExpression>();
      if (f.function_name() == "extract") return "extract";
      return f.function_name();
    }
    case ExpressionKind::kCast: {
      auto& c = expr.Cast<CastExpression>();
      std::string inner = OutputName(*c.child);
      if (inner == "?column?" || c.child->kind == ExpressionKind::kConstant) {
        return PostgresTypeName(c.type.type);
      }
      return inner;
    }
    case ExpressionKind::kCase:
      return "case";
    case ExpressionKind::kSubquery: {
      auto& s = expr.Cast<SubqueryExpression>();
      if (s.subquery_kind == SubqueryKind::kExists) return "exists";
      if (s.subquery_kind == SubqueryKind::kArray) return "array";
      if (s.subquery_kind == SubqueryKind::kScalar && s.subquery->kind == QueryNodeKind::kSelect) {
        auto& sel = s.subquery->Cast<SelectNode>();
        if (sel.select_list.size() == 1) return OutputName(*sel.select_list[0]);
      }
      return "?column?";
    }
    case ExpressionKind::kRow:
      return "row";
    case ExpressionKind::kArray:
      return "array";
    default:
      return "?column?";
  }
}

}  // namespace kadedb
