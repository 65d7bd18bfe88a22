// TypeName: a SQL type as written in the statement, already resolved to a kadedb::LogicalType.
//
// The parser maps every PostgreSQL spelling (int4, double precision, character varying(n), ...)
// onto LogicalType; unknown names raise 42704. What LogicalType cannot hold (the [] array marker,
// INTERVAL field qualifiers) is kept beside it.
#pragma once

#include <string>

#include "kadedb/types.hpp"

namespace kadedb {

struct TypeName {
  LogicalType type;
  // "int[]" / "integer array": the engine has no arrays yet; the binder rejects this with 0A000.
  bool is_array = false;
  // INTERVAL qualifier as PostgreSQL spells it, lower case: "", "year", "day to second",
  // "second(3)". Also set for typed literals: INTERVAL '1' DAY.
  std::string interval_fields;
  int location = 0;  // 1-based character offset of the type's first token; 0 = unknown
  // regclass / regtype / regproc / regnamespace / regrole (type is bigint): casts of a name to
  // these look the object up (binder/bind_reg_cast.cpp). Empty otherwise.
  std::string catalog_type;

  // Re-parsable SQL spelling: "integer", "numeric(10,2)", "character varying(20)", "text[]".
  std::string ToString() const;
};

// PostgreSQL spelling of a LogicalType (defined in the parser so it does not depend on common/).
// Same as LogicalType::ToString() (PostgreSQL's format_type spelling).
std::string TypeToSql(const LogicalType& type);

}  // namespace kadedb
