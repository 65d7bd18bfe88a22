// Array inspection functions: array_length, cardinality, array_lower, array_upper, array_ndims,
// array_dims, array_position(s). Arrays are one-dimensional with lower bound 1, so dimension 1
// is the only one that exists; an empty array has no dimensions (PostgreSQL returns NULL).
#include "common/exception.hpp"
#include "function/builtin_functions.hpp"
#include "function/scalar/array/array_kernels.hpp"

namespace kadedb {

namespace {

ScalarFunction Make(const char* name, std::vector<LogicalType> args, LogicalType ret,
                    ScalarExec exec, bool strict = true) {
  ScalarFunction f;
  f.name = name;
  f.arg_types = std::move(args);
  f.return_type = ret;
  f.exec = std::move(exec);
  f.strict = strict;
  return f;
}

int64_t Length(const Value& a) {
  return static_cast<int64_t>(ArrayLength(a.GetString(), a.type().ElementType()));
}

// A value of the first dimension: NULL when dim is not 1 or the array is empty.
template <class Fn>
ScalarExec DimensionFunction(Fn fn) {
  return RowWise([fn](const std::vector<Value>& row) {
    int64_t n = Length(row[0]);
    if (row[1].GetInt() != 1 || n == 0) return Value::Null(TypeId::kInteger);
    return Value::Integer(static_cast<int32_t>(fn(n)));
  });
}

// array_position(a, e [, start]): first 1-based position >= start whose element is not distinct
// from e; NULL when none. e may be NULL (finds a NULL element); a NULL array or start gives NULL.
Value Position(const std::vector<Value>& row) {
  if (row[0].IsNull()) return Value::Null(TypeId::kInteger);
  int64_t start = 1;
  if (row.size() > 2) {
    if (row[2].IsNull()) {
      throw Exception(sqlstate::kInvalidParameterValue, "initial position must not be null");
    }
    start = row[2].GetInt();
  }
  auto elems = Elements(row[0]);
  for (int64_t i = std::max<int64_t>(start, 1); i <= static_cast<int64_t>(elems.size()); i++) {
    if (ElementsNotDistinct(elems[i - 1], row[1])) return Value::Integer(static_cast<int32_t>(i));
  }
  return Value::Null(TypeId::kInteger);
}

Value Positions(const std::vector<Value>& row) {
  LogicalType int_array = LogicalType::Array(TypeId::kInteger);
  if (row[0].IsNull()) return Value::Null(int_array);
  auto elems = Elements(row[0]);
  std::vector<Value> out;
  for (size_t i = 0; i < elems.size(); i++) {
    if (ElementsNotDistinct(elems[i], row[1])) {
      out.push_back(Value::Integer(static_cast<int32_t>(i + 1)));
    }
  }
  return MakeArray(int_array, out);
}

// The element argument takes the array's element type (anyelement).
LogicalType BindElementArg(std::vector<LogicalType>& args, LogicalType ret) {
  if (args[0].element != TypeId::kNull) args[1] = args[0].ElementType();
  return ret;
}

}  // namespace

void RegisterArrayInfoFunctions(FunctionRegistry& r) {
  const LogicalType integer = TypeId::kInteger;
  const LogicalType text = TypeId::kText;
  r.AddScalar(Make("array_length", {AnyArray(), integer}, integer,
                   DimensionFunction([](int64_t n) { return n; })));
  r.AddScalar(Make("array_upper", {AnyArray(), integer}, integer,
                   DimensionFunction([](int64_t n) { return n; })));
  r.AddScalar(Make("array_lower", {AnyArray(), integer}, integer,
                   DimensionFunction([](int64_t) { return int64_t{1}; })));
  r.AddScalar(Make("cardinality", {AnyArray()}, integer, RowWise([](const std::vector<Value>& row) {
                     return Value::Integer(static_cast<int32_t>(Length(row[0])));
                   })));
  r.AddScalar(Make("array_ndims", {AnyArray()}, integer, RowWise([](const std::vector<Value>& row) {
                     if (Length(row[0]) == 0) return Value::Null(TypeId::kInteger);
                     return Value::Integer(1);
                   })));
  r.AddScalar(Make("array_dims", {AnyArray()}, text, RowWise([](const std::vector<Value>& row) {
                     int64_t n = Length(row[0]);
                     if (n == 0) return Value::Null(TypeId::kText);
                     return Value::Text("[1:" + std::to_string(n) + "]");
                   })));
  for (bool with_start : {false, true}) {
    std::vector<LogicalType> args = {AnyArray(), TypeId::kNull};
    if (with_start) args.push_back(integer);
    auto f = Make("array_position", args, integer, RowWise(Position), false);
    f.bind = [](std::vector<LogicalType>& a) { return BindElementArg(a, TypeId::kInteger); };
    r.AddScalar(std::move(f));
  }
  auto f = Make("array_positions", {AnyArray(), TypeId::kNull},
                LogicalType::Array(TypeId::kInteger), RowWise(Positions), false);
  f.bind = [](std::vector<LogicalType>& a) {
    return BindElementArg(a, LogicalType::Array(TypeId::kInteger));
  };
  r.AddScalar(std::move(f));
}

}  // namespace kadedb
