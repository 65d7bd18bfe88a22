// Overflow-checked integer arithmetic for smallint/integer/bigint, with PostgreSQL's errors:
// 22003 "smallint out of range" / "integer out of range" / "bigint out of range" and 22012
// "division by zero". Header-only so vectorized kernels inline it (one branch per row).
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

#include "common/exception.hpp"
#include "kadedb/types.hpp"

namespace kadedb {

template <typename T>
constexpr const char* IntegerRangeMessage() {
  if constexpr (sizeof(T) == 2) {
    return "smallint out of range";
  } else if constexpr (sizeof(T) == 4) {
    return "integer out of range";
  } else {
    return "bigint out of range";
  }
}

template <typename T>
[[noreturn]] inline void ThrowIntegerOutOfRange() {
  throw Exception(sqlstate::kNumericOutOfRange, IntegerRangeMessage<T>());
}
[[noreturn]] inline void ThrowDivisionByZero() {
  throw Exception(sqlstate::kDivisionByZero, "division by zero");
}
// For a TypeId of smallint/integer/bigint.
[[noreturn]] inline void ThrowIntegerOutOfRange(TypeId id) {
  if (id == TypeId::kSmallInt) ThrowIntegerOutOfRange<int16_t>();
  if (id == TypeId::kInteger) ThrowIntegerOutOfRange<int32_t>();
  ThrowIntegerOutOfRange<int64_t>();
}

template <typename T>
inline T AddChecked(T a, T b) {
  T r;
  if (__builtin_add_overflow(a, b, &r)) [[unlikely]]
    ThrowIntegerOutOfRange<T>();
  return r;
}
template <typename T>
inline T SubChecked(T a, T b) {
  T r;
  if (__builtin_sub_overflow(a, b, &r)) [[unlikely]]
    ThrowIntegerOutOfRange<T>();
  return r;
}
template <typename T>
inline T MulChecked(T a, T b) {
  T r;
  if (__builtin_mul_overflow(a, b, &r)) [[unlikely]]
    ThrowIntegerOutOfRange<T>();
  return r;
}
template <typename T>
inline T NegChecked(T a) {
  if (a == std::numeric_limits<T>::min()) [[unlikely]]
    ThrowIntegerOutOfRange<T>();
  return static_cast<T>(-a);
}
// Truncating division (PostgreSQL int4div): x / 0 -> 22012, MIN / -1 -> 22003.
template <typename T>
inline T DivChecked(T a, T b) {
  if (b == 0) [[unlikely]]
    ThrowDivisionByZero();
  if (b == -1) return NegChecked(a);
  return static_cast<T>(a / b);
}
// Remainder with the dividend's sign; MIN % -1 is 0 (PostgreSQL int4mod).
template <typename T>
inline T ModChecked(T a, T b) {
  if (b == 0) [[unlikely]]
    ThrowDivisionByZero();
  if (b == -1) return 0;
  return static_cast<T>(a % b);
}
// Narrows an int64 to T's range or throws T's out-of-range error.
template <typename T>
inline T NarrowChecked(int64_t v) {
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) [[unlikely]] {
    ThrowIntegerOutOfRange<T>();
  }
  return static_cast<T>(v);
}

// int64-encoded values of an integer TypeId (vectors store every integer width as int64):
// compute in int64 and range-check against the type.
inline int64_t CheckIntegerRange(TypeId id, int64_t v) {
  switch (id) {
    case TypeId::kSmallInt:
      return NarrowChecked<int16_t>(v);
    case TypeId::kInteger:
      return NarrowChecked<int32_t>(v);
    default:
      return v;
  }
}

}  // namespace kadedb
