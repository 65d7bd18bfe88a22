// The functions behind array syntax: ARRAY[a, b, ...] ("$array"), a[i] ("$subscript") and
// a[i:j] ("$slice"), plus RegisterArrayFunctions, the entry point of every scalar/array/ file.
// The "$" names cannot be written in SQL; the binder (bind_expression_array.cpp) calls them.
#include <algorithm>
#include <climits>

#include "function/builtin_functions.hpp"
#include "function/scalar/array/array_kernels.hpp"

namespace kadedb {

namespace {

void ArrayConstruct(const std::vector<const Vector*>& args, size_t count, Vector& result,
                    FunctionContext&) {
  result.Resize(count);
  const LogicalType elem = result.type().ElementType();
  std::string encoded;
  for (size_t i = 0; i < count; i++) {
    encoded.clear();
    for (const Vector* a : args) AppendArrayElement(&encoded, elem, a->GetValue(i));
    FinishArray(&encoded);
    result.SetNull(i, false);
    result.strings()[i] = encoded;
  }
}

// PostgreSQL's array_get_element for one dimension: 1-based, NULL outside the bounds.
Value Subscript(const std::vector<Value>& row) {
  auto elems = Elements(row[0]);
  int64_t i = row[1].GetInt();
  if (i < 1 || i > static_cast<int64_t>(elems.size())) {
    return Value::Null(row[0].type().ElementType());
  }
  return elems[i - 1];
}

// array_get_slice: bounds clamped to the array; an empty range gives '{}'.
Value Slice(const std::vector<Value>& row) {
  auto elems = Elements(row[0]);
  int64_t lo = std::max<int64_t>(row[1].GetInt(), 1);
  int64_t hi = std::min<int64_t>(row[2].GetInt(), static_cast<int64_t>(elems.size()));
  std::vector<Value> out;
  for (int64_t k = lo; k <= hi; k++) out.push_back(elems[k - 1]);
  return MakeArray(row[0].type(), out);
}

}  // namespace

void RegisterArrayConstructorFunctions(FunctionRegistry& r) {
  ScalarFunction array;
  array.name = "$array";
  array.has_varargs = true;
  array.varargs = TypeId::kNull;
  array.strict = false;
  array.exec = ArrayConstruct;
  // The binder unified the elements' types: the array is of that type.
  array.bind = [](std::vector<LogicalType>& args) { return LogicalType::Array(args[0]); };
  r.AddScalar(std::move(array));

  ScalarFunction sub;
  sub.name = "$subscript";
  sub.arg_types = {AnyArray(), TypeId::kInteger};
  sub.exec = RowWise(Subscript);
  sub.bind = [](std::vector<LogicalType>& args) { return args[0].ElementType(); };
  r.AddScalar(std::move(sub));

  ScalarFunction slice;
  slice.name = "$slice";
  slice.arg_types = {AnyArray(), TypeId::kInteger, TypeId::kInteger};
  slice.exec = RowWise(Slice);
  slice.bind = [](std::vector<LogicalType>& args) { return args[0]; };
  r.AddScalar(std::move(slice));
}

void RegisterArrayFunctions(FunctionRegistry& r) {
  RegisterArrayConstructorFunctions(r);
  RegisterArrayComparisonFunctions(r);
  RegisterArrayInfoFunctions(r);
  RegisterArrayModifyFunctions(r);
  RegisterArrayStringFunctions(r);
  RegisterArrayAggAggregate(r);
}

}  // namespace kadedb
