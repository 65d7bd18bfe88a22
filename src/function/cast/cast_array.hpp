// Array casts (see cast_array.cpp): the text input of arrays and array -> text/array casts.
#pragma once

#include <string>
#include <string_view>

#include "function/cast/cast.hpp"

namespace kadedb {

// PostgreSQL's array_in for a one-dimensional array of elem: returns the encoding
// (docs/formats/array.md). Throws 22P02 'malformed array literal: "..."' (with PostgreSQL's
// detail), the element type's input errors, and 0A000 for nested braces (multidimensional).
std::string ParseArrayText(std::string_view text, const LogicalType& elem);

// Fills rows [0, count) of result (sized, validity copied) from an array-typed source: to text /
// varchar with array_out, to another array type element by element. Throws 42846 otherwise.
void CastArrayVector(const Vector& source, size_t count, const LogicalType& target, Vector& result,
                     CastStrength strength);

}  // namespace kadedb
