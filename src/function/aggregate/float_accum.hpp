// PostgreSQL's float8_accum / float8_combine: the Youngs-Cramer running sums (N, Σx, Σ squared
// deviations) behind avg/variance/stddev over real and double precision, with its overflow rule:
// 22003 "value out of range: overflow" when finite inputs make Σx or Σxx infinite. Also
// FloatAddChecked, float8pl's rule for sum().
#pragma once

#include <cmath>

#include "common/exception.hpp"

namespace kadedb {

[[noreturn]] inline void ThrowFloatOverflow() {
  throw Exception(sqlstate::kNumericOutOfRange, "value out of range: overflow");
}

// a + b; 22003 when the result is infinite but neither input is (PostgreSQL's float8pl).
inline double FloatAddChecked(double a, double b) {
  double r = a + b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) ThrowFloatOverflow();
  return r;
}

struct FloatAccumState {
  double n = 0;
  double sx = 0;
  double sxx = 0;  // sum of squared deviations from the mean
};

inline void FloatAccum(FloatAccumState& s, double x) {
  double old_sx = s.sx;
  double old_n = s.n;
  s.n += 1;
  s.sx += x;
  if (old_n > 0) {
    double tmp = x * s.n - s.sx;
    s.sxx += tmp * tmp / (s.n * old_n);
    if (std::isinf(s.sx) || std::isinf(s.sxx)) {
      if (!std::isinf(old_sx) && !std::isinf(x)) ThrowFloatOverflow();
      s.sxx = std::nan("");
    }
  } else if (std::isnan(x) || std::isinf(x)) {
    s.sxx = std::nan("");  // so that one infinite input gives no variance of zero
  }
}

inline void FloatCombine(FloatAccumState& t, const FloatAccumState& s) {
  if (s.n == 0) return;
  if (t.n == 0) {
    t = s;
    return;
  }
  double n = t.n + s.n;
  double sx = FloatAddChecked(t.sx, s.sx);
  double tmp = t.sx / t.n - s.sx / s.n;
  double sxx = t.sxx + s.sxx + t.n * s.n * tmp * tmp / n;
  if (std::isinf(sxx) && !std::isinf(t.sxx) && !std::isinf(s.sxx)) ThrowFloatOverflow();
  t.n = n;
  t.sx = sx;
  t.sxx = sxx;
}

}  // namespace kadedb
