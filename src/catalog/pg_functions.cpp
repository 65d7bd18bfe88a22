// PgSessionFunctions: PostgreSQL's system information functions over the catalog (see
// pg_functions.hpp).
#include "catalog/pg_functions.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "catalog/pg_types.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/search_path.hpp"
#include "common/ascii.hpp"
#include "common/exception.hpp"

namespace kadedb {

uint64_t CheckConstraintOid(uint64_t table_oid, size_t i) {
  return (uint64_t{1} << 40) | (table_oid << 8) | (i & 0xff);
}

namespace {

std::string ColumnNames(const TableEntry& table, const std::vector<column_t>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); i++) {
    if (i) out += ", ";
    out += table.columns[columns[i]].name;
  }
  return out;
}

// Privilege words ("SELECT", "select,insert", "USAGE WITH GRANT OPTION") as bits.
uint32_t PrivilegeBits(const std::string& text) {
  uint32_t bits = 0;
  std::string word;
  auto flush = [&] {
    std::string w = AsciiLower(word);
    word.clear();
    auto trim = w.find(" with grant option");
    if (trim != std::string::npos) w = w.substr(0, trim);
    while (!w.empty() && w.back() == ' ') w.pop_back();
    while (!w.empty() && w.front() == ' ') w.erase(w.begin());
    if (w.empty()) return;
    if (w == "select")
      bits |= kPrivSelect;
    else if (w == "insert")
      bits |= kPrivInsert;
    else if (w == "update")
      bits |= kPrivUpdate;
    else if (w == "delete")
      bits |= kPrivDelete;
    else if (w == "truncate")
      bits |= kPrivTruncate;
    else if (w == "references")
      bits |= kPrivReferences;
    else if (w == "trigger")
      bits |= kPrivTrigger;
    else if (w == "usage")
      bits |= kPrivUsage;
    else if (w == "create")
      bits |= kPrivCreate;
    else if (w == "connect" || w == "temporary" || w == "temp")
      bits |= 0;
    else
      throw Exception("22023", "unrecognized privilege type: \"" + w + "\"");
  };
  for (char c : text) {
    if (c == ',') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return bits;
}

}  // namespace

std::string IndexDefinition(const IndexEntry& index, const TableEntry& table) {
  return std::string("CREATE ") + (index.info.unique ? "UNIQUE " : "") + "INDEX " + index.name +
         " ON " + table.schema_name + "." + table.name + " USING btree (" +
         ColumnNames(table, index.info.columns) + ")";
}

std::string UniqueDefinition(const UniqueConstraint& u, const TableEntry& table) {
  return std::string(u.primary ? "PRIMARY KEY (" : "UNIQUE (") + ColumnNames(table, u.columns) +
         ")";
}

namespace {

// True when text is one parenthesised group: "(a > 0)" but not "(a) > (0)".
bool FullyParenthesised(const std::string& text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); i++) {
    char ch = text[i];
    if (ch == '\'') quoted = !quoted;
    if (quoted) continue;
    if (ch == '(') depth++;
    if (ch == ')' && --depth == 0 && i + 1 < text.size()) return false;
  }
  return depth == 0;
}

}  // namespace

// PostgreSQL deparses the check expression with its own parentheses: CHECK ((c > 0)).
std::string CheckDefinition(const CheckConstraint& c) {
  if (FullyParenthesised(c.sql)) return "CHECK (" + c.sql + ")";
  return "CHECK ((" + c.sql + "))";
}

PgSessionFunctions::PgSessionFunctions(Catalog& catalog, std::string user, std::string session_user,
                                       std::vector<std::string> search_path)
    : catalog_(catalog),
      user_(std::move(user)),
      session_user_(std::move(session_user)),
      search_path_(std::move(search_path)) {}

Value PgSessionFunctions::Call(const std::string& name, const std::vector<Value>& args) {
  auto arg_int = [&](size_t i) -> int64_t { return args[i].GetInt(); };
  auto text = [](const std::string& s) { return Value::Text(s); };
  auto null_text = [] { return Value::Null(TypeId::kText); };
  RoleCatalog& roles = catalog_.roles();
  if (SequenceFunctions::Handles(name)) {
    if (!sequences_) throw Exception(sqlstate::kFeatureNotSupported, name + "() needs a session");
    return sequences_->Call(name, args);
  }

  if (name == "current_user" || name == "user" || name == "current_role" ||
      name == "getpgusername") {
    return text(user_);
  }
  if (name == "session_user") return text(session_user_);
  if (name == "current_database") return text(kDatabaseName);
  if (name == "current_schema") {
    std::vector<std::string> path = EffectiveSearchPath(catalog_, search_path_, user_);
    return path.empty() ? null_text() : text(path[0]);
  }
  if (name == "current_schemas") {
    std::string out = "{";
    bool implicit = !args.empty() && !args[0].IsNull() && args[0].GetBool();
    bool first = true;
    if (implicit) {
      out += "pg_catalog";
      first = false;
    }
    for (auto& s : EffectiveSearchPath(catalog_, search_path_, user_)) {
      if (implicit && s == "pg_catalog") continue;
      if (!first) out += ",";
      out += s;
      first = false;
    }
    return text(out + "}");
  }
  if (name == "pg_backend_pid") return Value::Integer(static_cast<int32_t>(getpid()));
  if (name == "pg_get_userbyid") {
    auto role = roles.FindRoleByOid(static_cast<uint64_t>(arg_int(0)));
    return text(role ? role->name : "unknown (OID=" + std::to_string(arg_int(0)) + ")");
  }
  if (name == "format_type") {
    if (args[0].IsNull()) return null_text();
    int32_t typmod = args.size() > 1 && !args[1].IsNull() ? static_cast<int32_t>(arg_int(1)) : -1;
    return text(PgFormatType(static_cast<uint32_t>(arg_int(0)), typmod));
  }
  if (name == "pg_encoding_to_char") return text(arg_int(0) == 6 ? "UTF8" : "");
  if (name == "pg_get_expr") return args[0].IsNull() ? null_text() : text(args[0].GetString());
  if (name == "obj_description" || name == "col_description" || name == "shobj_description") {
    return null_text();
  }
  if (name == "pg_get_indexdef") {
    IndexEntry* index = catalog_.GetIndexByOid(static_cast<uint64_t>(arg_int(0)));
    if (!index) return null_text();
    TableEntry* table = catalog_.GetTableByOid(index->table_oid);
    if (!table) return null_text();
    int64_t column = args.size() > 1 && !args[1].IsNull() ? arg_int(1) : 0;
    if (column <= 0) return text(IndexDefinition(*index, *table));
    if (static_cast<size_t>(column) > index->info.columns.size()) return null_text();
    return text(table->columns[index->info.columns[column - 1]].name);
  }
  if (name == "pg_get_constraintdef") {
    uint64_t oid = static_cast<uint64_t>(arg_int(0));
    for (TableEntry* t : catalog_.Tables()) {
      for (auto& u : t->uniques) {
        if (u.index_oid == oid) return text(UniqueDefinition(u, *t));
      }
      for (size_t i = 0; i < t->checks.size(); i++) {
        if (CheckConstraintOid(t->oid, i) == oid) return text(CheckDefinition(t->checks[i]));
      }
    }
    return null_text();
  }
  if (name == "pg_get_viewdef") {
    ViewEntry* view = nullptr;
    if (args[0].type().id == TypeId::kText || args[0].type().id == TypeId::kVarchar) {
      std::string n = args[0].GetString();
      auto dot = n.find('.');
      view = dot == std::string::npos ? catalog_.GetView("", n)
                                      : catalog_.GetView(n.substr(0, dot), n.substr(dot + 1));
    } else {
      view = catalog_.GetViewByOid(static_cast<uint64_t>(arg_int(0)));
    }
    return view ? text(" " + view->sql + ";") : null_text();
  }
  if (name == "pg_table_is_visible") {
    uint64_t oid = static_cast<uint64_t>(arg_int(0));
    uint64_t schema_oid = 0;
    std::string relname;
    if (TableEntry* t = catalog_.GetTableByOid(oid)) {
      schema_oid = t->schema_oid;
      relname = t->name;
    } else if (ViewEntry* v = catalog_.GetViewByOid(oid)) {
      schema_oid = v->schema_oid;
      relname = v->name;
    } else if (IndexEntry* x = catalog_.GetIndexByOid(oid)) {
      schema_oid = x->schema_oid;
      relname = x->name;
    } else if (SequenceEntry* q = catalog_.GetSequenceByOid(oid)) {
      schema_oid = q->schema_oid;
      relname = q->name;
    } else {
      return Value::Boolean(oid < 16384);  // built-in relations live in pg_catalog
    }
    // Visible when its schema is the first one on the search path holding that name.
    for (auto& s : EffectiveSearchPath(catalog_, search_path_, user_)) {
      SchemaEntry* schema = catalog_.GetSchema(s);
      if (!schema) continue;
      if (schema->oid == schema_oid) return Value::Boolean(true);
      if (catalog_.GetTable(s, relname) || catalog_.GetView(s, relname) ||
          catalog_.GetIndex(s, relname) || catalog_.GetSequence(s, relname)) {
        return Value::Boolean(false);
      }
    }
    return Value::Boolean(false);
  }
  if (name == "pg_type_is_visible" || name == "pg_function_is_visible") return Value::Boolean(true);
  if (name == "pg_relation_is_publishable") return Value::Boolean(false);
  if (name == "has_table_privilege" || name == "has_schema_privilege" ||
      name == "has_database_privilege" || name == "has_any_column_privilege" ||
      name == "has_column_privilege" || name == "pg_has_role") {
    // Forms: (object, privilege) and (user, object, privilege); object is a name or an oid.
    // The answers come from RoleCatalog::HasPrivilege, the state enforcement checks.
    auto is_text = [](const Value& v) {
      return v.type().id == TypeId::kText || v.type().id == TypeId::kVarchar;
    };
    auto find_role = [&](const Value& v) {
      std::optional<RoleEntry> role = is_text(v)
                                          ? roles.FindRole(v.GetString())
                                          : roles.FindRoleByOid(static_cast<uint64_t>(v.GetInt()));
      if (!role) {
        throw Exception("42704", is_text(v) ? "role \"" + v.GetString() + "\" does not exist"
                                            : "role with OID " + std::to_string(v.GetInt()) +
                                                  " does not exist");
      }
      return role;
    };
    size_t first = args.size() >= 3 ? 1 : 0;
    std::optional<RoleEntry> role = first == 1 ? find_role(args[0]) : roles.FindRole(user_);
    uint64_t role_oid = role ? role->oid : kBootstrapRoleOid;
    const Value& object = args[first];
    if (name == "pg_has_role") {
      uint64_t target = find_role(object)->oid;
      std::string mode = AsciiLower(args.back().GetString());
      if (mode.find("with ") != std::string::npos) mode = mode.substr(0, mode.find(" with "));
      if (mode == "member") return Value::Boolean(roles.IsMemberOfRole(role_oid, target));
      if (mode == "usage") return Value::Boolean(roles.HasPrivsOfRole(role_oid, target));
      if (mode == "set") return Value::Boolean(roles.IsMemberOfRole(role_oid, target));
      throw Exception("22023", "unrecognized privilege type: \"" + mode + "\"");
    }
    uint32_t bits = PrivilegeBits(args.back().GetString());
    if (name == "has_database_privilege") return Value::Boolean(true);
    bool by_name = is_text(object);
    uint64_t oid = 0;
    if (name == "has_schema_privilege") {
      if (by_name) {
        SchemaEntry* s = catalog_.GetSchema(object.GetString());
        if (!s) {
          throw Exception("3F000", "schema \"" + object.GetString() + "\" does not exist");
        }
        oid = s->oid;
      } else {
        oid = static_cast<uint64_t>(object.GetInt());
      }
      return Value::Boolean(roles.HasPrivilege(role_oid, oid, bits));
    }
    if (by_name) {
      std::string n = object.GetString();
      auto dot = n.find('.');
      std::string rel = dot == std::string::npos ? n : n.substr(dot + 1);
      std::vector<std::string> schemas;
      if (dot != std::string::npos) {
        schemas.push_back(n.substr(0, dot));
      } else {
        schemas = EffectiveSearchPath(catalog_, search_path_, user_);
      }
      for (auto& schema : schemas) {
        if (TableEntry* t = catalog_.GetTable(schema, rel)) {
          oid = t->oid;
        } else if (ViewEntry* v = catalog_.GetView(schema, rel)) {
          oid = v->oid;
        }
        if (oid != 0) break;
      }
      if (oid == 0) throw Exception("42P01", "relation \"" + n + "\" does not exist");
    } else {
      oid = static_cast<uint64_t>(object.GetInt());
    }
    if (oid < 16384) {
      return Value::Boolean((bits & ~kPrivSelect) == 0 || (role && role->superuser));
    }
    return Value::Boolean(roles.HasPrivilege(role_oid, oid, bits));
  }
  throw Exception("42883", "function " + name + " does not exist");
}

}  // namespace kadedb
