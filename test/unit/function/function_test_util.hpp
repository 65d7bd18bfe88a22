// Test helpers for the function library: build one-row vectors from Values, resolve a call in
// the built-in registry and run it, run an aggregate over rows with and without Combine.
#pragma once

#include <gtest/gtest.h>

#include <cmath>

#include <string>
#include <vector>

#include "common/exception.hpp"
#include "function/function.hpp"
#include "kadedb/data_chunk.hpp"
#include "kadedb/value.hpp"

namespace kadedb::function_test {

inline Vector VectorOf(const LogicalType& type, const std::vector<Value>& values) {
  Vector v(type);
  for (const auto& x : values) v.Append(x);
  return v;
}

// Calls name(args...) on one row; args must already have the bound types (no casts are run).
inline Value CallScalar(const std::string& name, const std::vector<Value>& args) {
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a.type());
  BoundScalarCall call = FunctionRegistry::Builtin().ResolveScalar(name, types);
  std::vector<Vector> vectors;
  for (size_t i = 0; i < args.size(); i++)
    vectors.push_back(VectorOf(call.arg_types[i], {args[i]}));
  std::vector<const Vector*> ptrs;
  for (const auto& v : vectors) ptrs.push_back(&v);
  Vector result(call.return_type);
  FunctionContext ctx;
  call.function->exec(ptrs, 1, result, ctx);
  EXPECT_EQ(result.size(), 1u);
  return result.GetValue(0);
}

inline std::string CallText(const std::string& name, const std::vector<Value>& args) {
  return CallScalar(name, args).ToString();
}

// The SQLSTATE of the Exception name(args) throws, or "" when it does not throw.
inline std::string CallError(const std::string& name, const std::vector<Value>& args) {
  try {
    CallScalar(name, args);
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "";
}

// Runs an aggregate over `rows` (one argument column per entry of each row). With split > 0 the
// rows are fed into two states (first `split` rows, then the rest) merged with Combine.
inline Value RunAggregate(const std::string& name, const std::vector<LogicalType>& types,
                          const std::vector<std::vector<Value>>& rows, size_t split = 0) {
  BoundAggregateCall call = FunctionRegistry::Builtin().ResolveAggregate(name, types);
  auto kernel = call.function->make_kernel(call.arg_types, call.return_type);
  alignas(16) uint8_t a[256];
  alignas(16) uint8_t b[256];
  EXPECT_LE(kernel->StateSize(), sizeof(a));
  kernel->Initialize(a);
  kernel->Initialize(b);
  auto feed = [&](size_t from, size_t to, uint8_t* state) {
    std::vector<Vector> cols;
    for (size_t c = 0; c < call.arg_types.size(); c++) {
      std::vector<Value> vals;
      for (size_t r = from; r < to; r++) vals.push_back(rows[r][c]);
      cols.push_back(VectorOf(call.arg_types[c], vals));
    }
    std::vector<const Vector*> ptrs;
    for (const auto& v : cols) ptrs.push_back(&v);
    std::vector<uint8_t*> states(to - from, state);
    kernel->Update(ptrs, to - from, states.data());
  };
  if (split > 0) {
    feed(0, split, a);
    feed(split, rows.size(), b);
    kernel->Combine(b, a);
  } else {
    feed(0, rows.size(), a);
  }
  Vector result(call.return_type);
  result.Resize(1);
  uint8_t* states[1] = {a};
  kernel->Finalize(states, 1, result);
  kernel->Destroy(a);
  kernel->Destroy(b);
  return result.GetValue(0);
}

}  // namespace kadedb::function_test
