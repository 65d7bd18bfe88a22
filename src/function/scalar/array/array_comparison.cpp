// Array comparisons: = <> < <= > >= between arrays (PostgreSQL's btarraycmp: element by element,
// NULL above every value, then the shorter first), containment @> <@, overlap &&, and the
// functions behind x op ANY|ALL (array) ("$any<op>" / "$all<op>", called by the binder).
#include <algorithm>

#include "common/exception.hpp"
#include "function/builtin_functions.hpp"
#include "function/cast/cast.hpp"
#include "function/scalar/array/array_kernels.hpp"

namespace kadedb {

namespace {

int CompareArrays(const Value& a, const Value& b) {
  auto x = Elements(a), y = Elements(b);
  size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; i++) {
    bool xn = x[i].IsNull(), yn = y[i].IsNull();
    if (xn || yn) {
      if (xn && yn) continue;
      return xn ? 1 : -1;
    }
    int c = CompareElements(x[i], y[i]);
    if (c != 0) return c;
  }
  return (x.size() > y.size()) - (x.size() < y.size());
}

// Every element of `needles` equals some element of `hay`; a NULL needle is never found.
bool Contains(const std::vector<Value>& hay, const std::vector<Value>& needles) {
  for (const auto& n : needles) {
    if (n.IsNull()) return false;
    bool found = false;
    for (const auto& h : hay) {
      if (!h.IsNull() && CompareElements(h, n) == 0) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool Overlaps(const std::vector<Value>& a, const std::vector<Value>& b) {
  for (const auto& x : a) {
    if (x.IsNull()) continue;
    for (const auto& y : b) {
      if (!y.IsNull() && CompareElements(x, y) == 0) return true;
    }
  }
  return false;
}

// Both sides take the common array type (int[] = numeric[] compares as numeric[]); an untyped
// side ('{1,2}', "anyarray") takes the other's type.
LogicalType BindArrayPair(const std::string& op, std::vector<LogicalType>& args) {
  if (args[0].element != TypeId::kNull && args[1].element != TypeId::kNull &&
      args[0].element != args[1].element) {
    // anyarray: both sides must already have the same type (int[] = numeric[] does not exist).
    throw Exception(
        sqlstate::kUndefinedFunction,
        "operator does not exist: " + args[0].ToString() + " " + op + " " + args[1].ToString(), 0,
        "",
        "No operator matches the given name and argument types. You might need to "
        "add explicit type casts.");
  }
  LogicalType common = CommonType(args[0], args[1]);
  if (common.element == TypeId::kNull) common = LogicalType::Array(TypeId::kText);
  args[0] = args[1] = common;
  return TypeId::kBoolean;
}

template <class Pred>
ScalarFunction MakeArrayPredicate(const char* name, Pred pred) {
  ScalarFunction f;
  f.name = name;
  f.arg_types = {AnyArray(), AnyArray()};
  f.return_type = TypeId::kBoolean;
  std::string op = name;
  f.bind = [op](std::vector<LogicalType>& args) { return BindArrayPair(op, args); };
  f.exec = RowWise([pred](const std::vector<Value>& row) { return Value::Boolean(pred(row)); });
  return f;
}

bool ApplyOp(const std::string& op, int c) {
  if (op == "=") return c == 0;
  if (op == "<>") return c != 0;
  if (op == "<") return c < 0;
  if (op == "<=") return c <= 0;
  if (op == ">") return c > 0;
  return c >= 0;  // ">="
}

// x op ANY (a): true if some comparison is true, else NULL if some was NULL, else false.
// x op ALL (a): false if some comparison is false, else NULL if some was NULL, else true.
ScalarFunction MakeQuantified(const std::string& op, bool all) {
  ScalarFunction f;
  f.name = (all ? "$all" : "$any") + op;
  f.arg_types = {TypeId::kNull, AnyArray()};
  f.return_type = TypeId::kBoolean;
  f.strict = false;
  f.exec = RowWise([op, all](const std::vector<Value>& row) {
    if (row[1].IsNull()) return Value::Null(TypeId::kBoolean);
    bool saw_null = false;
    for (const auto& e : Elements(row[1])) {
      if (row[0].IsNull() || e.IsNull()) {
        saw_null = true;
        continue;
      }
      bool r = ApplyOp(op, CompareElements(row[0], e));
      if (r != all) return Value::Boolean(r);
    }
    return saw_null ? Value::Null(TypeId::kBoolean) : Value::Boolean(all);
  });
  return f;
}

}  // namespace

void RegisterArrayComparisonFunctions(FunctionRegistry& r) {
  for (const char* op : {"=", "<>", "<", "<=", ">", ">="}) {
    std::string o = op;
    r.AddScalar(MakeArrayPredicate(op, [o](const std::vector<Value>& row) {
      return ApplyOp(o, CompareArrays(row[0], row[1]));
    }));
    r.AddScalar(MakeQuantified(o, false));
    r.AddScalar(MakeQuantified(o, true));
  }
  r.AddScalar(MakeArrayPredicate("@>", [](const std::vector<Value>& row) {
    return Contains(Elements(row[0]), Elements(row[1]));
  }));
  r.AddScalar(MakeArrayPredicate("<@", [](const std::vector<Value>& row) {
    return Contains(Elements(row[1]), Elements(row[0]));
  }));
  r.AddScalar(MakeArrayPredicate("&&", [](const std::vector<Value>& row) {
    return Overlaps(Elements(row[0]), Elements(row[1]));
  }));
}

}  // namespace kadedb
