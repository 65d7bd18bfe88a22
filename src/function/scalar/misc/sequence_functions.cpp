// Sequence functions: nextval, currval, setval, lastval, pg_sequence_last_value and
// pg_get_serial_sequence. The sequence argument is regclass (bigint oid) or text; each row is
// answered by FunctionContext::session (catalog/sequence_functions.cpp). Volatile: never folded,
// and evaluated once per row.
#include "function/builtin_functions.hpp"
#include "function/scalar/misc/session_function.hpp"

namespace kadedb {

void RegisterSequenceFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::kText, regclass = TypeId::kBigInt, int8 = TypeId::kBigInt,
                    boolean = TypeId::kBoolean;
  for (const LogicalType& seq : {text, regclass}) {
    AddSessionFunction(r, "nextval", {seq}, int8);
    AddSessionFunction(r, "currval", {seq}, int8);
    AddSessionFunction(r, "setval", {seq, int8}, int8);
    AddSessionFunction(r, "setval", {seq, int8, boolean}, int8);
    AddSessionFunction(r, "pg_sequence_last_value", {seq}, int8);
  }
  AddSessionFunction(r, "lastval", {}, int8);
  // Internal: field 0 last_value, 1 log_cnt, 2 is_called (0/1) of a sequence, for
  // SELECT * FROM sequence (binder/bind_sequence_ref.cpp).
  AddSessionFunction(r, "kadedb_sequence_state", {regclass, TypeId::kInteger}, int8);
  AddSessionFunction(r, "pg_get_serial_sequence", {text, text}, text);
}

}  // namespace kadedb
