// JSON output for the HTTP API: string escaping and the encoding of SQL values.
//
// Value mapping (docs/http.md): BOOLEAN -> true/false; SMALLINT/INTEGER/BIGINT -> numbers;
// REAL/DOUBLE -> numbers, NaN and +-Infinity as the strings "NaN", "Infinity", "-Infinity";
// NUMERIC -> a string holding the exact decimal (JSON numbers lose digits in most parsers);
// TEXT/VARCHAR/UUID/INTERVAL/TIME -> strings; DATE -> "YYYY-MM-DD"; TIMESTAMP ->
// "YYYY-MM-DDTHH:MM:SS[.ffffff]"; TIMESTAMPTZ -> the same in UTC with a "Z"; BYTEA -> "\\x0a1b"
// (PostgreSQL's hex text); arrays -> JSON arrays of their elements' encodings; any other type ->
// its PostgreSQL text as a string; NULL -> null.
// Text that is not valid UTF-8 has each bad byte replaced by U+FFFD so the output stays JSON.
//
// Threading: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/json_string.hpp"
#include "kadedb/data_chunk.hpp"

namespace kadedb {

// Appends the value of row `row` of vector v (null included).
void AppendJsonCell(std::string& out, const Vector& v, size_t row);
// Appends one Value.
void AppendJsonValue(std::string& out, const Value& value);
// The type name shown in "columns": PostgreSQL's spelling ("integer", "numeric(10,2)", "text[]").
std::string JsonTypeName(const LogicalType& type);

}  // namespace kadedb
