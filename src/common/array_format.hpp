// Array encoding: the byte layout of a one-dimensional SQL array value (docs/formats/array.md) and
// its PostgreSQL text output ({1,2,NULL}, {"a b",c}).
//
// An array value is a std::string (PhysicalType::kString) holding its elements one after another,
// each a marker byte (0x01 value, 0x02 NULL) plus, for values, an order-preserving body chosen by
// the element type, then a 0x00 terminator. memcmp of two encodings of the same element type has
// the sign of PostgreSQL's array comparison (element by element, NULL above every value, a proper
// prefix first), so sorting, grouping, hashing, DISTINCT and index keys treat arrays as strings.
// The element type is not stored: the reader always knows it from the column's LogicalType.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kadedb/data_chunk.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

inline constexpr uint8_t kArrayEnd = 0x00;
inline constexpr uint8_t kArrayValue = 0x01;
inline constexpr uint8_t kArrayNull = 0x02;

// Appends one element (NULL, or a value of elem's physical class) to an encoding under
// construction. Finish with FinishArray.
void AppendArrayElement(std::string* out, const LogicalType& elem, const Value& value);
inline void FinishArray(std::string* out) {
  out->push_back(static_cast<char>(kArrayEnd));
}

// The whole encoding of values (each NULL or of elem's physical class).
std::string EncodeArray(const LogicalType& elem, const std::vector<Value>& values);
// The elements, typed elem. Throws XX001 on a malformed encoding.
std::vector<Value> DecodeArray(std::string_view bytes, const LogicalType& elem);
// The number of elements, without materialising them.
size_t ArrayLength(std::string_view bytes, const LogicalType& elem);

// PostgreSQL's array_out: {1,2,NULL}; elements that are empty, "NULL" (any case) or contain
// braces, commas, quotes, backslashes or white space are double-quoted with " and \ escaped.
std::string FormatArray(std::string_view bytes, const LogicalType& elem);
// One element's text as array_out writes it (quoted when needed).
void AppendArrayElementText(std::string* out, const std::string& text);

}  // namespace kadedb
