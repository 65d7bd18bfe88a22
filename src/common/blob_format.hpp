// Text input/output of bytea (hex format "\x0102", plus escape-format input) and uuid
// (8-4-4-4-12 lowercase hex output; input also accepts upper case, braces and missing hyphens).
#pragma once

#include <string>
#include <string_view>

namespace kadedb {

std::string FormatBytea(std::string_view bytes);
// REQUIRES: bytes.size() == 16.
std::string FormatUuid(std::string_view bytes);
// Throw 22P02 'invalid input syntax for type bytea' / 'invalid input syntax for type uuid: "x"'.
std::string ParseBytea(std::string_view text);
std::string ParseUuid(std::string_view text);

// Appends to *out the bytes spelt by hex digit pairs in text (white space between pairs is
// skipped), as PostgreSQL's hex_decode. Throws sqlstate (bytea input: 22P02; decode(): 22023)
// with "invalid hexadecimal digit: "c"" or "invalid hexadecimal data: odd number of digits".
void DecodeHex(std::string_view text, const char* sqlstate, std::string* out);

}  // namespace kadedb
