// AddSessionFunction: registers a scalar function whose rows are answered by
// FunctionContext::session (the catalog or the session: pg_system.cpp's system information
// functions, sequence_functions.cpp's nextval/currval/...). Defined in pg_system.cpp.
#pragma once

#include <string>
#include <vector>

#include "function/function.hpp"

namespace kadedb {

// Adds name(args) -> ret, volatile (never folded at plan time: without a session it throws
// 0A000), calling session->Call(name, row) once per row. strict: NULL in, NULL out.
void AddSessionFunction(FunctionRegistry& r, const std::string& name, std::vector<LogicalType> args,
                        LogicalType ret, bool strict = true);

}  // namespace kadedb
