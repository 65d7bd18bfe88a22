// PostgreSQL type oids and names for KadeDB's types: what pg_type lists and what format_type,
// pg_attribute.atttypid / atttypmod and the wire protocol's RowDescription report.
//
// Oids are PostgreSQL's own (bool 16, int4 23, text 25, ...), so drivers that map types by oid
// work unchanged. typmod follows PostgreSQL: varchar(n) -> n + 4, numeric(p,s) ->
// ((p << 16) | s) + 4, -1 when there is no modifier.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kadedb/types.hpp"

namespace kadedb {

struct PgTypeInfo {
  uint32_t oid;
  const char* name;     // typname ("int4", "_int4")
  int16_t length;       // typlen (-1 variable)
  char category;        // typcategory
  uint32_t element;     // typelem (arrays), 0 otherwise
  uint32_t array;       // typarray, 0 when none
  const char* display;  // format_type's spelling without modifiers ("integer")
};

// Every type pg_type lists: KadeDB's types, their array types, and the catalog types clients
// expect to find (name, oid, char, regclass, ...).
const std::vector<PgTypeInfo>& PgBuiltinTypes();
const PgTypeInfo* FindPgType(uint32_t oid);
// The oid of a KadeDB type (arrays: the array type's oid); 0 for kNull.
uint32_t PgCatalogTypeOid(const LogicalType& type);
int32_t PgCatalogTypmod(const LogicalType& type);
// format_type(oid, typmod) ("character varying(10)", "numeric(10,2)", "integer[]"); NULL-ish
// "???" for an unknown oid, as PostgreSQL.
std::string PgFormatType(uint32_t oid, int32_t typmod);

}  // namespace kadedb
