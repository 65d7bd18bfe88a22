// What the expression executor needs to know about the numeric + - * kernels
// (arithmetic_numeric.cpp).
#pragma once

#include "function/function.hpp"

namespace kadedb {

// True when fn is numeric + - or * with its batch kernel, which sizes its result itself: the
// executor may then hand it an empty vector (no zero-fill of 32-byte slots it overwrites).
bool NumericKernelSizesResult(const ScalarFunction& fn);

// Numeric + - * with one operand the constant c (not NULL; const_left: c is the left operand)
// and the other the vector v of count rows: fills result (validity v's) without broadcasting c,
// when every valid row of v has one scale and an int64 mantissa (DecimalConstBatch). False when
// fn is not one of them or the batch is outside that path; result is then to be recomputed by
// fn.exec.
bool ExecuteNumericConstant(const ScalarFunction& fn, const Decimal& c, bool const_left,
                            const Vector& v, size_t count, Vector& result);

}  // namespace kadedb
