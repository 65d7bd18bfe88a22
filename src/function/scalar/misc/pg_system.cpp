// PostgreSQL's system information functions that read the catalog or the session:
// current_user, current_schema(), format_type, pg_get_indexdef, pg_table_is_visible,
// has_table_privilege, ... Each forwards its rows to FunctionContext::session (answered by
// catalog/pg_functions.cpp); without a session (constant folding) they throw, so the optimizer
// leaves them for execution. Oid arguments are bigint (KadeDB's oid type).
#include "common/exception.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/misc/session_function.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

ScalarExec Forward(const std::string& name) {
  return [name](Args a, size_t n, Vector& res, FunctionContext& ctx) {
    if (!ctx.session) {
      throw Exception(sqlstate::kFeatureNotSupported, name + "() needs a session");
    }
    res.Resize(n);
    std::vector<Value> row(a.size());
    for (size_t i = 0; i < n; i++) {
      for (size_t j = 0; j < a.size(); j++) row[j] = a[j]->GetValue(i);
      res.SetValue(i, ctx.session->Call(name, row));
    }
  };
}

}  // namespace

void AddSessionFunction(FunctionRegistry& r, const std::string& name, std::vector<LogicalType> args,
                        LogicalType ret, bool strict) {
  ScalarFunction f = MakeScalar(name, std::move(args), ret, Forward(name));
  f.strict = strict;
  f.is_volatile = true;  // reads the catalog/session: never folded at plan time
  r.AddScalar(std::move(f));
}

void RegisterPgSystemFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, oid = TypeId::kBigInt, boolean = TypeId::kBoolean,
                    int4 = TypeId::kInteger, any = TypeId::kNull;
  for (const char* n : {"current_user", "session_user", "user", "current_role", "getpgusername",
                        "current_database", "current_catalog", "current_schema"}) {
    AddSessionFunction(r, n, {}, text);
  }
  AddSessionFunction(r, "current_schemas", {boolean}, text);
  AddSessionFunction(r, "pg_backend_pid", {}, int4);
  AddSessionFunction(r, "pg_get_userbyid", {oid}, text);
  AddSessionFunction(r, "format_type", {oid, int4}, text, /*strict=*/false);
  AddSessionFunction(r, "pg_encoding_to_char", {int4}, text);
  AddSessionFunction(r, "pg_get_expr", {text, oid}, text);
  AddSessionFunction(r, "pg_get_expr", {text, oid, boolean}, text);
  AddSessionFunction(r, "obj_description", {oid}, text);
  AddSessionFunction(r, "obj_description", {oid, text}, text);
  AddSessionFunction(r, "col_description", {oid, int4}, text);
  AddSessionFunction(r, "shobj_description", {oid, text}, text);
  AddSessionFunction(r, "pg_get_indexdef", {oid}, text);
  AddSessionFunction(r, "pg_get_indexdef", {oid, int4, boolean}, text);
  AddSessionFunction(r, "pg_get_constraintdef", {oid}, text);
  AddSessionFunction(r, "pg_get_constraintdef", {oid, boolean}, text);
  AddSessionFunction(r, "pg_get_viewdef", {any}, text);
  AddSessionFunction(r, "pg_get_viewdef", {any, boolean}, text);
  AddSessionFunction(r, "pg_get_statisticsobjdef_columns", {oid}, text);
  AddSessionFunction(r, "pg_table_is_visible", {oid}, boolean);
  AddSessionFunction(r, "pg_type_is_visible", {oid}, boolean);
  AddSessionFunction(r, "pg_function_is_visible", {oid}, boolean);
  AddSessionFunction(r, "pg_relation_is_publishable", {any}, boolean);
  for (const char* n : {"has_table_privilege", "has_schema_privilege", "has_database_privilege",
                        "has_any_column_privilege", "pg_has_role"}) {
    AddSessionFunction(r, n, {any, text}, boolean);
    AddSessionFunction(r, n, {any, any, text}, boolean);
  }
  ScalarFunction txid = MakeScalar(
      "txid_current", {}, TypeId::kBigInt, [](Args, size_t n, Vector& res, FunctionContext& ctx) {
        // Stable within a transaction and increasing across them (its start time).
        res.Resize(n);
        for (size_t i = 0; i < n; i++)
          res.SetValue(i, Value::BigInt(ctx.transaction_timestamp_micros));
      });
  txid.is_volatile = true;
  r.AddScalar(std::move(txid));
}

}  // namespace kadedb
