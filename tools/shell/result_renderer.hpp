// Result rendering for the shell: table (psql-like aligned), csv, json, markdown and line modes.
#pragma once

#include <ostream>
#include <string>

#include "kadedb/database.hpp"

namespace kadedb {

enum class RenderMode : uint8_t { kTable, kCsv, kJson, kMarkdown, kLine };

// Parses "table", "csv", "json", "markdown" or "line". Returns false for anything else.
bool ParseRenderMode(const std::string& name, RenderMode* mode);
const char* RenderModeName(RenderMode mode);

// Writes the rows of r (REQUIRES: r.ok() && r.HasRows()) in the given mode.
void RenderRows(const Result& r, RenderMode mode, std::ostream& out);

}  // namespace kadedb
