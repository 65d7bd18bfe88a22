// Statement splitting for the shell and Connection: finds ';' outside quotes, comments and
// dollar-quoted strings. Never throws: unterminated constructs simply run to the end.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kadedb {

// Splits a script on top-level ';'. Each piece is returned without its ';' and trimmed of
// surrounding whitespace; pieces that are empty or only whitespace/comments are dropped.
std::vector<std::string> SplitStatements(std::string_view sql);

// True when `sql` ends (ignoring trailing whitespace and comments) with a ';' that is outside
// quotes, comments and dollar quotes — i.e. the shell can stop reading continuation lines.
bool IsCompleteStatement(std::string_view sql);

}  // namespace kadedb
