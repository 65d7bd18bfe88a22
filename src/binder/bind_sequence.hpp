// Sequence definitions from their options: CREATE / ALTER SEQUENCE, and the sequences SERIAL and
// identity columns own. PostgreSQL's defaults and checks (all 22023 unless noted):
//   increment 1; MINVALUE 1 (ascending) or the type's minimum; MAXVALUE the type's maximum
//   (ascending) or -1; START at MINVALUE (ascending) or MAXVALUE; CACHE 1; NO CYCLE.
//   INCREMENT 0, a bound outside the AS type, MINVALUE >= MAXVALUE, START / RESTART outside the
//   bounds and CACHE < 1 are refused with PostgreSQL's messages.
#pragma once

#include <optional>
#include <string>

#include "catalog/catalog.hpp"
#include "parser/ast/sequence_statement.hpp"

namespace kadedb {

// Applies o to def: for CREATE (create = true) def holds the AS type wanted when no AS option
// is given (bigint for CREATE SEQUENCE, the column's type for SERIAL / identity) and nothing
// else; for ALTER it holds the current definition. Returns the RESTART value when RESTART was
// given (START when RESTART has no value). Does not resolve OWNED BY.
std::optional<int64_t> ApplySequenceOptions(const SequenceOptions& o, SequenceEntry& def,
                                            bool create, int64_t current_last_value = 0);

// OWNED BY t.c / NONE into def.owned_table_oid / owned_attnum. t is looked up in def's schema
// when unqualified; PostgreSQL's errors (42601 invalid option, 55000 other schema, 42P01,
// 42703).
void ResolveSequenceOwner(Catalog& catalog, const SequenceOptions& o, SequenceEntry& def);

// "<table>_<column>_seq", made unique among the schema's relation names (PostgreSQL's
// ChooseRelationName without the 63-byte truncation).
std::string ChooseSequenceName(Catalog& catalog, const std::string& schema,
                               const std::string& table, const std::string& column);

// "smallint" / "integer" / "bigint".
std::string SequenceTypeName(TypeId type);

}  // namespace kadedb
