// Casts between SQL types, following PostgreSQL's cast rules and error codes.
//
// Three strengths, as in PostgreSQL's pg_cast: implicit casts are applied silently in expressions
// (int -> bigint -> numeric -> double, text-like literals to anything), assignment casts when
// storing into a column (also numeric -> int with rounding and range check, anything -> text),
// explicit casts only when written (CAST / ::).
#pragma once

#include <string>

#include "kadedb/data_chunk.hpp"
#include "kadedb/types.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

enum class CastStrength : uint8_t { kImplicit, kAssignment, kExplicit };

// Whether a cast from -> to exists at the given strength. kNull (untyped NULL) casts to anything.
bool CanCast(const LogicalType& from, const LogicalType& to, CastStrength strength);

// Casts rows [0, count) of source into result (resized to count) of type target.
// Throws Exception: 22P02 invalid input syntax, 22003 out of range, 22001 value too long for
// varchar(n) (assignment/implicit; an explicit cast truncates, as PostgreSQL), 22007/22008 for
// datetimes, 42846 when no cast exists.
void CastVector(const Vector& source, size_t count, const LogicalType& target, Vector& result,
                CastStrength strength = CastStrength::kExplicit);
Value CastValue(const Value& value, const LogicalType& target,
                CastStrength strength = CastStrength::kExplicit);

// Parses PostgreSQL text input for a type ('t', '42', '1.5e3', '2024-01-02', '1 day 02:00', UUID,
// '\x0102' bytea ...). Throws 22P02 / 22003 / 22007 / 22008 like the corresponding input function.
Value ParseValue(std::string_view text, const LogicalType& type);

// The type two branches unify to (UNION, CASE, COALESCE, IN lists, comparisons), PostgreSQL's
// rules: same category required, the preferred or wider type wins, an untyped NULL/unknown literal
// takes the other side. Throws 42804 "... types integer and text cannot be matched".
LogicalType CommonType(const LogicalType& a, const LogicalType& b);

}  // namespace kadedb
