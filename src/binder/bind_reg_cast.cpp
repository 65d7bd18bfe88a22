// Casts to regclass / regtype / regnamespace / regrole / regproc (see bind_reg_cast.hpp).
#include "binder/bind_reg_cast.hpp"

#include <algorithm>

#include "catalog/pg_types.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/system_views.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

// "schema.name" / "name" (double quotes removed).
std::pair<std::string, std::string> SplitName(const std::string& text) {
  std::string clean;
  for (char c : text) {
    if (c != '"') clean += c;
  }
  auto dot = clean.find('.');
  if (dot == std::string::npos) return {"", clean};
  return {clean.substr(0, dot), clean.substr(dot + 1)};
}

uint64_t RelationOid(Binder& binder, const std::string& text, int location) {
  Catalog& catalog = binder.catalog();
  auto [given_schema, name] = SplitName(text);
  std::string schema = given_schema;
  if (schema.empty()) schema = binder.RelationSchemaOf({name});
  if (TableEntry* t = catalog.GetTable(schema, name)) return t->oid;
  if (ViewEntry* v = catalog.GetView(schema, name)) return v->oid;
  if (IndexEntry* x = catalog.GetIndex(schema, name)) return x->oid;
  if (SequenceEntry* q = catalog.GetSequence(schema, name)) return q->oid;
  if (given_schema.empty() || given_schema == "pg_catalog") {
    auto names = PgCatalogRelationNames();
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return 12000 + static_cast<uint64_t>(it - names.begin());
  }
  throw Exception(sqlstate::kUndefinedTable, "relation \"" + text + "\" does not exist", location);
}

uint64_t TypeOid(const std::string& text, int location) {
  auto [schema, name] = SplitName(text);
  for (const PgTypeInfo& t : PgBuiltinTypes()) {
    if (name == t.name || name == t.display) return t.oid;
  }
  static const std::pair<const char*, uint32_t> kAliases[] = {{"int", 23},
                                                              {"integer", 23},
                                                              {"smallint", 21},
                                                              {"bigint", 20},
                                                              {"boolean", 16},
                                                              {"real", 700},
                                                              {"float", 701},
                                                              {"decimal", 1700},
                                                              {"timestamp", 1114},
                                                              {"time", 1083},
                                                              {"character varying", 1043}};
  for (auto& [alias, oid] : kAliases) {
    if (name == alias) return oid;
  }
  throw Exception("42704", "type \"" + text + "\" does not exist", location);
}

}  // namespace

ExprPtr BindRegCast(Binder& binder, const CastExpression& expr) {
  const std::string& kind = expr.type.catalog_type;
  ExprPtr child = binder.BindExpr(*expr.child);
  bool is_string_constant =
      child->kind == BoundExpressionKind::kConstant && !child->value.IsNull() &&
      (child->return_type.id == TypeId::kText || child->return_type.id == TypeId::kVarchar);
  if (!is_string_constant) {
    return binder.Coerce(std::move(child), TypeId::kBigInt, CastStrength::kExplicit, expr.location);
  }
  std::string text = child->value.GetString();
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    return MakeConstant(Value::BigInt(std::stoll(text)));  // '16384'::regclass
  }
  Catalog& catalog = binder.catalog();
  uint64_t oid = 0;
  if (kind == "regclass") {
    oid = RelationOid(binder, text, expr.location);
  } else if (kind == "regtype") {
    oid = TypeOid(text, expr.location);
  } else if (kind == "regnamespace") {
    SchemaEntry* s = catalog.GetSchema(SplitName(text).second);
    if (!s) throw Exception("3F000", "schema \"" + text + "\" does not exist", expr.location);
    oid = s->oid;
  } else if (kind == "regrole") {
    auto role = catalog.roles().FindRole(SplitName(text).second);
    if (!role) throw Exception("42704", "role \"" + text + "\" does not exist", expr.location);
    oid = role->oid;
  } else {
    throw Exception("42883", "function \"" + text + "\" does not exist", expr.location);
  }
  return MakeConstant(Value::BigInt(static_cast<int64_t>(oid)));
}

}  // namespace kadedb
