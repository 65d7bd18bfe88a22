// Functions building new arrays: array_append, array_prepend, array_cat, array_remove,
// array_replace and the || operator (array || array, array || element, element || array).
// Like PostgreSQL's, these are not strict: a NULL array counts as empty (array_cat(NULL, a) = a)
// and NULL elements are appended, removed or replaced like any other (IS NOT DISTINCT FROM).
#include "common/exception.hpp"
#include "function/builtin_functions.hpp"
#include "function/cast/cast.hpp"
#include "function/scalar/array/array_kernels.hpp"

namespace kadedb {

namespace {

// anyarray + anyelement: one element type for both (an untyped side takes the other's).
LogicalType BindArrayAndElement(std::vector<LogicalType>& args, size_t ai, size_t ei) {
  LogicalType elem;
  if (args[ai].element == TypeId::kNull) {
    elem = args[ei];
  } else if (args[ei].id == TypeId::kNull) {
    elem = args[ai].ElementType();
  } else {
    if (args[ei].IsArray()) {
      throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
    }
    elem = CommonType(args[ai].ElementType(), args[ei]);
  }
  if (elem.id == TypeId::kNull) elem = TypeId::kText;
  args[ai] = LogicalType::Array(elem);
  args[ei] = elem;
  return args[ai];
}

// anyarray, anyarray: both must have the same element type already (PostgreSQL has no
// int[] || text[]); signature is the error message's "operator ... / function ...".
LogicalType BindTwoArrays(std::vector<LogicalType>& args, bool is_operator) {
  if (args[0].element != TypeId::kNull && args[1].element != TypeId::kNull &&
      args[0].element != args[1].element) {
    std::string a = args[0].ToString(), b = args[1].ToString();
    throw Exception(sqlstate::kUndefinedFunction,
                    is_operator ? "operator does not exist: " + a + " || " + b
                                : "function array_cat(" + a + ", " + b + ") does not exist",
                    0, "",
                    std::string("No ") + (is_operator ? "operator" : "function") +
                        " matches the given name and argument types. You might need to add "
                        "explicit type casts.");
  }
  LogicalType common = CommonType(args[0], args[1]);
  if (common.element == TypeId::kNull) common = LogicalType::Array(TypeId::kText);
  args[0] = args[1] = common;
  return common;
}

std::vector<Value> ElementsOrEmpty(const Value& a) {
  return a.IsNull() ? std::vector<Value>{} : Elements(a);
}

ScalarFunction Make(const char* name, std::vector<LogicalType> args, ScalarBind bind,
                    std::function<Value(const std::vector<Value>&, const LogicalType&)> fn) {
  ScalarFunction f;
  f.name = name;
  f.arg_types = std::move(args);
  f.strict = false;
  f.bind = std::move(bind);
  // The result type is the bound return type, known to the result vector.
  f.exec = [fn](const std::vector<const Vector*>& args, size_t count, Vector& result,
                FunctionContext&) {
    result.Resize(count);
    std::vector<Value> row(args.size());
    for (size_t i = 0; i < count; i++) {
      for (size_t k = 0; k < args.size(); k++) row[k] = args[k]->GetValue(i);
      result.SetValue(i, fn(row, result.type()));
    }
  };
  return f;
}

Value Append(const std::vector<Value>& row, const LogicalType& type) {
  auto e = ElementsOrEmpty(row[0]);
  e.push_back(row[1]);
  return MakeArray(type, e);
}

Value Prepend(const std::vector<Value>& row, const LogicalType& type) {
  auto e = ElementsOrEmpty(row[1]);
  e.insert(e.begin(), row[0]);
  return MakeArray(type, e);
}

Value Cat(const std::vector<Value>& row, const LogicalType& type) {
  if (row[0].IsNull() && row[1].IsNull()) return Value::Null(type);
  auto e = ElementsOrEmpty(row[0]);
  for (auto& v : ElementsOrEmpty(row[1])) e.push_back(std::move(v));
  return MakeArray(type, e);
}

Value Remove(const std::vector<Value>& row, const LogicalType& type) {
  if (row[0].IsNull()) return Value::Null(type);
  std::vector<Value> out;
  for (auto& v : Elements(row[0])) {
    if (!ElementsNotDistinct(v, row[1])) out.push_back(std::move(v));
  }
  return MakeArray(type, out);
}

Value Replace(const std::vector<Value>& row, const LogicalType& type) {
  if (row[0].IsNull()) return Value::Null(type);
  auto e = Elements(row[0]);
  for (auto& v : e) {
    if (ElementsNotDistinct(v, row[1])) v = row[2];
  }
  return MakeArray(type, e);
}

}  // namespace

void RegisterArrayModifyFunctions(FunctionRegistry& r) {
  const LogicalType any = TypeId::kNull;
  auto array_then_element = [](std::vector<LogicalType>& a) {
    return BindArrayAndElement(a, 0, 1);
  };
  auto element_then_array = [](std::vector<LogicalType>& a) {
    return BindArrayAndElement(a, 1, 0);
  };
  r.AddScalar(Make("array_append", {AnyArray(), any}, array_then_element, Append));
  r.AddScalar(Make("array_prepend", {any, AnyArray()}, element_then_array, Prepend));
  r.AddScalar(Make(
      "array_cat", {AnyArray(), AnyArray()},
      [](std::vector<LogicalType>& a) { return BindTwoArrays(a, false); }, Cat));
  r.AddScalar(Make("array_remove", {AnyArray(), any}, array_then_element, Remove));
  r.AddScalar(Make(
      "array_replace", {AnyArray(), any, any},
      [](std::vector<LogicalType>& a) {
        LogicalType ret = BindArrayAndElement(a, 0, 1);
        a[2] = a[1];
        return ret;
      },
      Replace));
  // ||: array || array is array_cat, array || element and element || array append/prepend.
  // The text-typed declarations make text[] || text beat text || anynonarray; other element
  // types need none (an untyped literal on either side must still choose text || anynonarray,
  // as PostgreSQL: 'c' || 1 is 'c1').
  r.AddScalar(Make(
      "||", {AnyArray(), AnyArray()},
      [](std::vector<LogicalType>& a) { return BindTwoArrays(a, true); }, Cat));
  for (LogicalType elem : {any, LogicalType(TypeId::kText)}) {
    r.AddScalar(Make("||", {AnyArray(), elem}, array_then_element, Append));
    r.AddScalar(Make("||", {elem, AnyArray()}, element_then_array, Prepend));
  }
}

}  // namespace kadedb
