// Internals shared by the cast implementation files (not part of the cast API).
//
// Each Cast*Vector function fills rows [0, count) of result (already sized to count, its validity
// copied from the source) and skips NULL rows. Per-row work is a plain loop over typed storage
// with the type dispatch hoisted outside the loop.
#pragma once

#include <string>
#include <string_view>

#include "common/exception.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

[[noreturn]] void ThrowNoCast(const LogicalType& from, const LogicalType& to);

// Text input functions (PostgreSQL's *in), trimming surrounding whitespace where PostgreSQL does.
bool ParseBoolText(std::string_view text, bool* out);
int64_t ParseIntegerText(std::string_view text, TypeId id);
double ParseFloatText(std::string_view text, bool is_real);
// Writes `text` parsed as `type` into row i of out (out.type() == type).
void ParseInto(std::string_view text, const LogicalType& type, Vector& out, size_t i);

// Enforces varchar(n) on s (n = 0: unbounded). truncate: explicit cast semantics; otherwise
// only trailing spaces may be cut and anything else throws 22001.
void ApplyVarcharLength(std::string& s, uint32_t n, bool truncate);

// Families. Each returns false if it does not handle the (source, target) pair.
bool CastToStringVector(const Vector& source, size_t count, const LogicalType& target,
                        Vector& result, CastStrength strength);
bool CastFromStringVector(const Vector& source, size_t count, const LogicalType& target,
                          Vector& result);
bool CastNumericVector(const Vector& source, size_t count, const LogicalType& target,
                       Vector& result);
bool CastDatetimeVector(const Vector& source, size_t count, const LogicalType& target,
                        Vector& result);

}  // namespace kadedb
