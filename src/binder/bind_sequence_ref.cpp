// A sequence in FROM: PostgreSQL shows its state as a one-row relation (last_value, log_cnt,
// is_called). The row is computed when the statement runs, through the session's sequence
// functions, so a cached plan never shows a stale value. Needs SELECT on the sequence.
#include "binder/binder.hpp"
#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"
#include "parser/parser.hpp"

namespace kadedb {

FromItem Binder::BindSequenceRef(const SequenceEntry& sequence, const BaseTableRef& ref) {
  if (!catalog().roles().HasPrivilege(shared_.settings.user_oid, sequence.oid, kPrivSelect)) {
    throw Exception("42501", "permission denied for sequence " + sequence.name, ref.location);
  }
  std::string oid = std::to_string(sequence.oid);
  auto statements = Parser::ParseStatements(
      "SELECT kadedb_sequence_state(" + oid + ", 0) AS last_value, kadedb_sequence_state(" + oid +
      ", 1) AS log_cnt, kadedb_sequence_state(" + oid + ", 2) = 1 AS is_called");
  Binder body(shared_, this, BinderKind::kIsolated);
  BoundQuery q = body.BindQuery(*statements[0]->Cast<SelectStatement>().node);
  std::string alias = ref.alias.empty() ? sequence.name : ref.alias;
  return AddFromItem(std::move(q.plan), alias, q.names, ref.column_aliases, ref.location);
}

}  // namespace kadedb
