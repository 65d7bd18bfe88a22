// What the expression executor needs to know about the numeric + - * kernels
// (arithmetic_numeric.cpp).
#pragma once

#include "function/function.hpp"

namespace kadedb {

// True when fn is numeric + - or * with its batch kernel, which sizes its result itself: the
// executor may then hand it an empty vector (no zero-fill of 32-byte slots it overwrites).
bool NumericKernelSizesResult(const ScalarFunction& fn);

}  // namespace kadedb
