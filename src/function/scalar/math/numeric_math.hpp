// Numeric (Decimal) versions of the transcendental functions, with PostgreSQL's result scales
// (at least 16 significant digits): sqrt exact to the last digit, exp/ln/log through long double.
#pragma once

#include "kadedb/value.hpp"

namespace kadedb {

// sqrt(d) rounded half up to `scale` fractional digits. REQUIRES: d >= 0.
Decimal DecimalSqrtAtScale(const Decimal& d, int32_t scale);
// Conversions through long double (about 19 significant digits). FromLongDouble rounds to
// `scale` digits (fewer if the value needs them to stay within 38 digits); 22003 if it cannot.
long double DecimalToLongDouble(const Decimal& d);
Decimal DecimalFromLongDouble(long double v, int32_t scale);
// a ^ b (arithmetic_numeric.cpp): exact for small non-negative integer exponents.
Decimal DecimalPower(const Decimal& a, const Decimal& b);
// The result scale PostgreSQL's numeric_sqrt picks for d.
int32_t NumericSqrtScale(const Decimal& d);

}  // namespace kadedb
