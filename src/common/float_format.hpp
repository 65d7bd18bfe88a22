// Float text output as PostgreSQL 12+ prints it: the shortest digits that round-trip, in plain
// notation for decimal exponents in [-4, 15) (float4: [-4, 6)) and otherwise d.ddde+XX;
// "NaN", "Infinity", "-Infinity"; negative zero prints "-0".
#pragma once

#include <string>

namespace kadedb {

std::string FormatDouble(double v);
std::string FormatReal(float v);

}  // namespace kadedb
