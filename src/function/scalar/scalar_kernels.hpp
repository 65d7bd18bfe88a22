// Shared building blocks for scalar function kernels: typed access to a Vector's storage, NULL
// propagation, and unary/binary/ternary row loops that hand each valid row to a small functor.
//
// Strict functions may still see NULL rows inside a batch; these loops mark the result NULL where
// any input is NULL and call the functor only for the remaining rows. The functor is inlined into
// the loop (templates), so there is no virtual call or Value per row.
#pragma once

#include <string>
#include <vector>

#include "common/exception.hpp"
#include "function/function.hpp"

namespace kadedb {

// Storage<T>::Get(vector) returns the typed column of T for vectors whose physical class holds T.
template <class T>
struct Storage;
template <>
struct Storage<int64_t> {
  static const std::vector<int64_t>& Get(const Vector& v) { return v.ints(); }
  static std::vector<int64_t>& Get(Vector& v) { return v.ints(); }
};
template <>
struct Storage<double> {
  static const std::vector<double>& Get(const Vector& v) { return v.doubles(); }
  static std::vector<double>& Get(Vector& v) { return v.doubles(); }
};
template <>
struct Storage<Decimal> {
  static const std::vector<Decimal>& Get(const Vector& v) { return v.decimals(); }
  static std::vector<Decimal>& Get(Vector& v) { return v.decimals(); }
};
template <>
struct Storage<std::string> {
  static const std::vector<std::string>& Get(const Vector& v) { return v.strings(); }
  static std::vector<std::string>& Get(Vector& v) { return v.strings(); }
};
template <>
struct Storage<Interval> {
  static const std::vector<Interval>& Get(const Vector& v) { return v.intervals(); }
  static std::vector<Interval>& Get(Vector& v) { return v.intervals(); }
};

// Resizes result to count and sets its validity to the AND of every argument's validity.
inline void PropagateNulls(const std::vector<const Vector*>& args, size_t count, Vector& result) {
  result.Resize(count);
  uint8_t* out = result.validity().data();
  for (size_t i = 0; i < count; i++) out[i] = 1;
  for (const Vector* a : args) {
    const uint8_t* in = a->validity().data();
    for (size_t i = 0; i < count; i++) out[i] &= in[i];
  }
}

// result[i] = op(a[i]) for valid rows.
template <class A, class R, class Op>
void UnaryLoop(const Vector& a, size_t count, Vector& result, Op&& op) {
  result.Resize(count);
  const A* in = Storage<A>::Get(a).data();
  R* out = Storage<R>::Get(result).data();
  const uint8_t* valid = a.validity().data();
  uint8_t* rvalid = result.validity().data();
  for (size_t i = 0; i < count; i++) {
    rvalid[i] = valid[i];
    if (valid[i]) out[i] = op(in[i]);
  }
}

// result[i] = op(a[i], b[i]) for rows where both are valid.
template <class A, class B, class R, class Op>
void BinaryLoop(const Vector& a, const Vector& b, size_t count, Vector& result, Op&& op) {
  result.Resize(count);
  const A* ina = Storage<A>::Get(a).data();
  const B* inb = Storage<B>::Get(b).data();
  R* out = Storage<R>::Get(result).data();
  const uint8_t* va = a.validity().data();
  const uint8_t* vb = b.validity().data();
  uint8_t* rvalid = result.validity().data();
  for (size_t i = 0; i < count; i++) {
    uint8_t ok = va[i] & vb[i];
    rvalid[i] = ok;
    if (ok) out[i] = op(ina[i], inb[i]);
  }
}

template <class A, class B, class C, class R, class Op>
void TernaryLoop(const Vector& a, const Vector& b, const Vector& c, size_t count, Vector& result,
                 Op&& op) {
  result.Resize(count);
  const A* ina = Storage<A>::Get(a).data();
  const B* inb = Storage<B>::Get(b).data();
  const C* inc = Storage<C>::Get(c).data();
  R* out = Storage<R>::Get(result).data();
  const uint8_t* va = a.validity().data();
  const uint8_t* vb = b.validity().data();
  const uint8_t* vc = c.validity().data();
  uint8_t* rvalid = result.validity().data();
  for (size_t i = 0; i < count; i++) {
    uint8_t ok = va[i] & vb[i] & vc[i];
    rvalid[i] = ok;
    if (ok) out[i] = op(ina[i], inb[i], inc[i]);
  }
}

// Branch-free variant of BinaryLoop for total operations that never throw: op runs on every
// row, NULL rows included (their data slots hold arbitrary but initialised values), so the loop
// vectorizes. Use only when op has no side effects and no undefined behaviour on any input.
template <class A, class B, class R, class Op>
void BinaryLoopTotal(const Vector& a, const Vector& b, size_t count, Vector& result, Op&& op) {
  result.Resize(count);
  const A* ina = Storage<A>::Get(a).data();
  const B* inb = Storage<B>::Get(b).data();
  R* __restrict out = Storage<R>::Get(result).data();
  const uint8_t* va = a.validity().data();
  const uint8_t* vb = b.validity().data();
  uint8_t* __restrict rvalid = result.validity().data();
  for (size_t i = 0; i < count; i++) out[i] = op(ina[i], inb[i]);
  for (size_t i = 0; i < count; i++) rvalid[i] = va[i] & vb[i];
}

// Branch-free variant for operations that can fail: fast(x, y, bad) computes a result on any
// input without throwing and sets bad on error; if any valid row is bad, the batch is redone
// with the throwing slow(x, y), which raises the error of the first failing row.
template <class A, class B, class R, class Fast, class Slow>
void BinaryLoopChecked(const Vector& a, const Vector& b, size_t count, Vector& result, Fast&& fast,
                       Slow&& slow) {
  result.Resize(count);
  const A* ina = Storage<A>::Get(a).data();
  const B* inb = Storage<B>::Get(b).data();
  R* __restrict out = Storage<R>::Get(result).data();
  const uint8_t* va = a.validity().data();
  const uint8_t* vb = b.validity().data();
  uint8_t* __restrict rvalid = result.validity().data();
  bool any_bad = false;
  for (size_t i = 0; i < count; i++) {
    bool bad = false;
    out[i] = fast(ina[i], inb[i], bad);
    uint8_t ok = va[i] & vb[i];
    rvalid[i] = ok;
    any_bad |= bad & (ok != 0);
  }
  if (any_bad) BinaryLoop<A, B, R>(a, b, count, result, slow);
}

// Like UnaryLoop/BinaryLoop, but op(args..., R& out) returns false to make the row NULL.
template <class A, class R, class Op>
void UnaryLoopNullable(const Vector& a, size_t count, Vector& result, Op&& op) {
  result.Resize(count);
  const A* in = Storage<A>::Get(a).data();
  R* out = Storage<R>::Get(result).data();
  const uint8_t* valid = a.validity().data();
  uint8_t* rvalid = result.validity().data();
  for (size_t i = 0; i < count; i++) rvalid[i] = valid[i] && op(in[i], out[i]) ? 1 : 0;
}
template <class A, class B, class R, class Op>
void BinaryLoopNullable(const Vector& a, const Vector& b, size_t count, Vector& result, Op&& op) {
  result.Resize(count);
  const A* ina = Storage<A>::Get(a).data();
  const B* inb = Storage<B>::Get(b).data();
  R* out = Storage<R>::Get(result).data();
  const uint8_t* va = a.validity().data();
  const uint8_t* vb = b.validity().data();
  uint8_t* rvalid = result.validity().data();
  for (size_t i = 0; i < count; i++) {
    rvalid[i] = (va[i] & vb[i]) && op(ina[i], inb[i], out[i]) ? 1 : 0;
  }
}

// Builds a ScalarFunction with the common fields set.
inline ScalarFunction MakeScalar(std::string name, std::vector<LogicalType> args,
                                 LogicalType return_type, ScalarExec exec) {
  ScalarFunction f;
  f.name = std::move(name);
  f.arg_types = std::move(args);
  f.return_type = return_type;
  f.exec = std::move(exec);
  return f;
}

// Throws 22003 "<what> out of range".
[[noreturn]] inline void ThrowOutOfRange(const std::string& what) {
  throw Exception(sqlstate::kNumericOutOfRange, what + " out of range");
}
[[noreturn]] inline void ThrowDivisionByZero() {
  throw Exception(sqlstate::kDivisionByZero, "division by zero");
}

// Floating-point errors (arithmetic_float.cpp): 22003 overflow / underflow, and pow() with
// PostgreSQL's 2201F checks.
[[noreturn]] void ThrowFloatOverflow();
[[noreturn]] void ThrowFloatUnderflow();
double CheckedPow(double a, double b);

}  // namespace kadedb
