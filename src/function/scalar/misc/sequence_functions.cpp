// Sequence functions: nextval, currval, setval, lastval, pg_sequence_last_value and
// pg_get_serial_sequence. The sequence argument is regclass (bigint oid) or text; each row is
// answered by FunctionContext::session (catalog/sequence_functions.cpp). Volatile: never folded,
// and evaluated once per row.
#include "common/exception.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/scalar_kernels.hpp"

namespace kadedb {

namespace {

using Args = const std::vector<const Vector*>&;

void Add(FunctionRegistry& r, const std::string& name, std::vector<LogicalType> args,
         LogicalType ret) {
  ScalarFunction f = MakeScalar(
      name, std::move(args), ret, [name](Args a, size_t n, Vector& res, FunctionContext& ctx) {
        if (!ctx.session) {
          throw Exception(sqlstate::kFeatureNotSupported, name + "() needs a session");
        }
        res.Resize(n);
        std::vector<Value> row(a.size());
        for (size_t i = 0; i < n; i++) {
          for (size_t j = 0; j < a.size(); j++) row[j] = a[j]->GetValue(i);
          res.SetValue(i, ctx.session->Call(name, row));
        }
      });
  f.is_volatile = true;
  r.AddScalar(std::move(f));
}

}  // namespace

void RegisterSequenceFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, regclass = TypeId::kBigInt, int8 = TypeId::kBigInt,
                    boolean = TypeId::kBoolean;
  for (const LogicalType& seq : {text, regclass}) {
    Add(r, "nextval", {seq}, int8);
    Add(r, "currval", {seq}, int8);
    Add(r, "setval", {seq, int8}, int8);
    Add(r, "setval", {seq, int8, boolean}, int8);
    Add(r, "pg_sequence_last_value", {seq}, int8);
  }
  Add(r, "lastval", {}, int8);
  // Internal: field 0 last_value, 1 log_cnt, 2 is_called (0/1) of a sequence, for
  // SELECT * FROM sequence (binder/bind_sequence_ref.cpp).
  Add(r, "kadedb_sequence_state", {regclass, TypeId::kInteger}, int8);
  Add(r, "pg_get_serial_sequence", {text, text}, text);
}

}  // namespace kadedb
