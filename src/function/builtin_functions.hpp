// The registration entry points of every built-in function family. FunctionRegistry::Builtin()
// calls each once; each lives in the .cpp file of its family (scalar/operators/, scalar/string/,
// scalar/math/, scalar/datetime/, scalar/misc/, aggregate/).
#pragma once

#include "function/function.hpp"

namespace kadedb {

// Operators (scalar/operators/).
void RegisterIntegerArithmetic(FunctionRegistry& registry);
void RegisterFloatArithmetic(FunctionRegistry& registry);
void RegisterNumericArithmetic(FunctionRegistry& registry);
void RegisterBitwiseOperators(FunctionRegistry& registry);
void RegisterComparisonOperators(FunctionRegistry& registry);
void RegisterConcatOperator(FunctionRegistry& registry);
void RegisterLikeOperators(FunctionRegistry& registry);
void RegisterDatetimeArithmetic(FunctionRegistry& registry);

// String functions (scalar/string/).
void RegisterStringBasicFunctions(FunctionRegistry& registry);
void RegisterSubstringFunctions(FunctionRegistry& registry);
void RegisterStringSearchFunctions(FunctionRegistry& registry);
void RegisterTrimPadFunctions(FunctionRegistry& registry);
void RegisterConcatFunctions(FunctionRegistry& registry);
void RegisterMd5Function(FunctionRegistry& registry);
void RegisterRegexpFunctions(FunctionRegistry& registry);
void RegisterEncodeFunctions(FunctionRegistry& registry);

// Math functions (scalar/math/).
void RegisterRoundingFunctions(FunctionRegistry& registry);
void RegisterTranscendentalFunctions(FunctionRegistry& registry);
void RegisterNumericMathFunctions(FunctionRegistry& registry);
void RegisterIntegerMathFunctions(FunctionRegistry& registry);
void RegisterRandomFunction(FunctionRegistry& registry);
void RegisterGreatestLeast(FunctionRegistry& registry);

// Date/time functions (scalar/datetime/).
void RegisterCurrentTimeFunctions(FunctionRegistry& registry);
void RegisterDateTruncFunction(FunctionRegistry& registry);
void RegisterDatePartFunction(FunctionRegistry& registry);
void RegisterAgeFunction(FunctionRegistry& registry);
void RegisterMakeDatetimeFunctions(FunctionRegistry& registry);
void RegisterJustifyFunctions(FunctionRegistry& registry);
void RegisterDateBinFunction(FunctionRegistry& registry);
void RegisterToCharFunction(FunctionRegistry& registry);
void RegisterNumberFormatFunctions(FunctionRegistry& registry);
void RegisterDatetimeParseFunctions(FunctionRegistry& registry);

// Conditional and system functions (scalar/misc/).
void RegisterConditionalFunctions(FunctionRegistry& registry);
void RegisterSystemFunctions(FunctionRegistry& registry);
// Catalog/session functions forwarded to FunctionContext::session (scalar/misc/pg_system.cpp).
void RegisterPgSystemFunctions(FunctionRegistry& registry);
void RegisterSequenceFunctions(FunctionRegistry& registry);  // sequence_functions.cpp

// Arrays (scalar/array/): constructor, subscripts, comparisons, array_* functions.
void RegisterArrayFunctions(FunctionRegistry& registry);

// Aggregates (aggregate/).
void RegisterCountAggregates(FunctionRegistry& registry);
void RegisterSumAggregate(FunctionRegistry& registry);
void RegisterAvgAggregate(FunctionRegistry& registry);
void RegisterMinMaxAggregates(FunctionRegistry& registry);
void RegisterStringAggAggregate(FunctionRegistry& registry);
void RegisterBoolAggregates(FunctionRegistry& registry);
void RegisterVarianceAggregates(FunctionRegistry& registry);
void RegisterCovarianceAggregates(FunctionRegistry& registry);
void RegisterOrderedSetAggregates(FunctionRegistry& registry);

}  // namespace kadedb
