// Ordered-set aggregate calls (see bind_ordered_set.hpp).
#include "binder/bind_ordered_set.hpp"

#include <algorithm>

#include "common/ascii.hpp"
#include "common/exception.hpp"
#include "function/overload_resolution.hpp"

namespace kadedb {

namespace {

constexpr const char* kInternalPrefix = "ordered_set$";

std::string LowerName(const FunctionExpression& expr) {
  return AsciiLower(expr.function_name());
}

bool IsOrderedSetName(const std::string& name) {
  return name == "percentile_cont" || name == "percentile_disc" || name == "mode";
}

// 42883 "function name(direct args, ordered args) does not exist", PostgreSQL's wording.
[[noreturn]] void ThrowNoFunction(Binder& binder, const FunctionExpression& expr,
                                  const std::string& name) {
  std::string sig;
  auto add = [&](const ParsedExpression& e) {
    ExprPtr bound = binder.BindExpr(e);
    if (!sig.empty()) sig += ", ";
    sig += Binder::IsUnknown(*bound) ? std::string("unknown") : TypeDisplayName(bound->return_type);
  };
  for (auto& a : expr.args) add(*a);
  for (auto& o : expr.within_group) add(*o.expression);
  throw Exception(sqlstate::kUndefinedFunction, "function " + name + "(" + sig + ") does not exist",
                  expr.location, "",
                  "No function matches the given name and argument types. You might need to add "
                  "explicit type casts.");
}

}  // namespace

bool IsOrderedSetCall(const FunctionExpression& expr) {
  if (!expr.within_group.empty()) return true;
  if (expr.name.size() > 1) return false;
  return IsOrderedSetName(LowerName(expr));
}

ExprPtr BindOrderedSetAggregate(Binder& binder, const FunctionExpression& expr) {
  std::string name = LowerName(expr);
  if (expr.within_group.empty() || !IsOrderedSetName(name)) ThrowNoFunction(binder, expr, name);
  if (expr.distinct) {
    throw Exception(sqlstate::kSyntaxError, "cannot use DISTINCT with WITHIN GROUP", expr.location);
  }
  if (!expr.order_by.empty()) {
    throw Exception(sqlstate::kSyntaxError,
                    "cannot use multiple ORDER BY clauses with WITHIN GROUP", expr.location);
  }
  size_t direct = name == "mode" ? 0 : 1;
  if (expr.args.size() != direct || expr.within_group.size() != 1) {
    ThrowNoFunction(binder, expr, name);
  }
  auto call = expr.Copy();
  auto& f = call->Cast<FunctionExpression>();
  f.name = {kInternalPrefix + name};
  ParsedExpressionList args;
  args.push_back(expr.within_group[0].expression->Copy());
  for (auto& a : expr.args) args.push_back(a->Copy());
  f.args = std::move(args);
  f.order_by = std::move(f.within_group);
  f.within_group.clear();
  ExprPtr bound;
  try {
    bound = binder.BindAggregate(f);
  } catch (const Exception& e) {
    if (e.sqlstate() != std::string(sqlstate::kUndefinedFunction)) throw;
    ThrowNoFunction(binder, expr, name);
  }
  bound->alias = name;
  return bound;
}

}  // namespace kadedb
