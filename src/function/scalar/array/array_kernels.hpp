// Shared pieces of the array functions (scalar/array/): a row-at-a-time execution wrapper over
// decoded Values, element comparison, and the registration entry points of each file.
//
// Array functions work on decoded elements (DecodeArray) one row at a time: arrays are small and
// the per-element work dominates, so a Value per element costs little next to the decode.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/array_format.hpp"
#include "function/function.hpp"
#include "function/scalar/value_compare.hpp"

namespace kadedb {

// The anyarray parameter of a polymorphic declaration.
inline LogicalType AnyArray() {
  return LogicalType(TypeId::kArray);
}

// Wraps fn(const std::vector<Value>& row) -> Value into a ScalarExec: row i's arguments as
// Values, the result stored with SetValue (a NULL Value gives NULL).
template <class Fn>
ScalarExec RowWise(Fn fn) {
  return
      [fn](const std::vector<const Vector*>& args, size_t count, Vector& result, FunctionContext&) {
        result.Resize(count);
        std::vector<Value> row(args.size());
        for (size_t i = 0; i < count; i++) {
          for (size_t k = 0; k < args.size(); k++) row[k] = args[k]->GetValue(i);
          result.SetValue(i, fn(row));
        }
      };
}

// Three-way comparison of two non-NULL values of the same type (PostgreSQL's btree order).
inline int CompareElements(const Value& a, const Value& b) {
  switch (PhysicalOf(a.type())) {
    case PhysicalType::kInt64:
      return CompareValues(a.GetInt(), b.GetInt());
    case PhysicalType::kDouble:
      return CompareValues(a.GetDouble(), b.GetDouble());
    case PhysicalType::kDecimal:
      return CompareValues(a.GetDecimal(), b.GetDecimal());
    case PhysicalType::kString:
      return CompareValues(a.GetString(), b.GetString());
    case PhysicalType::kInterval:
      return CompareValues(a.GetInterval(), b.GetInterval());
  }
  return 0;
}

// Whether two elements are "not distinct" (NULL equals NULL), as array_position and array_remove
// compare.
inline bool ElementsNotDistinct(const Value& a, const Value& b) {
  if (a.IsNull() || b.IsNull()) return a.IsNull() && b.IsNull();
  return CompareElements(a, b) == 0;
}

// An array Value of array type `type` holding values.
inline Value MakeArray(const LogicalType& type, const std::vector<Value>& values) {
  return Value::Array(type, EncodeArray(type.ElementType(), values));
}
inline std::vector<Value> Elements(const Value& array) {
  return DecodeArray(array.GetString(), array.type().ElementType());
}

// Registration of each file's functions.
void RegisterArrayConstructorFunctions(FunctionRegistry& registry);  // array_constructor.cpp
void RegisterArrayComparisonFunctions(FunctionRegistry& registry);   // array_comparison.cpp
void RegisterArrayInfoFunctions(FunctionRegistry& registry);         // array_info.cpp
void RegisterArrayModifyFunctions(FunctionRegistry& registry);       // array_modify.cpp
void RegisterArrayStringFunctions(FunctionRegistry& registry);       // array_string.cpp
void RegisterArrayAggAggregate(FunctionRegistry& registry);          // aggregate/array_agg.cpp

}  // namespace kadedb
