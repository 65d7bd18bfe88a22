// Error printing for the shell: "ERROR <sqlstate>: message", then for errors with a position the
// offending line of the statement with a caret under the character (psql's LINE n: format).
#pragma once

#include <ostream>
#include <string_view>

#include "kadedb/status.hpp"

namespace kadedb {

// REQUIRES: !status.ok(). sql is the statement text the position refers to.
void PrintError(const Status& status, std::string_view sql, std::ostream& out);

}  // namespace kadedb
