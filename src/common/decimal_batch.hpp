// Batch fast paths for decimal + - * over whole vectors (the numeric operator kernels use them).
//
// Each function computes out[i] for every row i < n, NULL rows included (their slots hold
// arbitrary but initialised Decimals; nothing here is undefined for any input), in a loop
// without branches on the data. out is either already sized to n (written in place) or of
// another size, then rebuilt with n elements each constructed once from its result (no
// zero-fill pass first). It returns false when some row with valid[i] != 0 is outside the fast
// path (a mantissa beyond int64, scales more than 18 apart, a result of more than 38 digits);
// out then has n elements and the caller recomputes the batch row by row with
// DecimalAdd/Sub/Mul, which give the same results and raise the errors. On true, out[i] equals
// what DecimalAdd/Sub/Mul return for every valid row. REQUIRES: out holds neither a nor b.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kadedb/value.hpp"

namespace kadedb {

bool DecimalAddBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     std::vector<Decimal>& out);
bool DecimalSubBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     std::vector<Decimal>& out);
bool DecimalMulBatch(const Decimal* a, const Decimal* b, const uint8_t* valid, size_t n,
                     std::vector<Decimal>& out);

// The same with one operand a constant c (a valid value): out[i] = c op v[i] when const_left,
// else v[i] op c, for op '+', '-' or '*'; valid is v's. The constant is aligned once per batch
// instead of being broadcast to n slots and checked on every row (1 - l_discount in TPC-H).
bool DecimalConstBatch(char op, const Decimal& c, bool const_left, const Decimal* v,
                       const uint8_t* valid, size_t n, std::vector<Decimal>& out);

}  // namespace kadedb
