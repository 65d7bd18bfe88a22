// FunctionRegistry: the built-in function table and name/type resolution (PostgreSQL rules; the
// candidate choice itself is in overload_resolution.cpp).
#include <algorithm>
#include <cctype>

#include "common/ascii.hpp"
#include "common/exception.hpp"
#include "function/builtin_functions.hpp"
#include "function/function.hpp"
#include "function/overload_resolution.hpp"

namespace kadedb {

namespace {

bool IsOperatorName(const std::string& name) {
  return !name.empty() && !std::isalpha(static_cast<unsigned char>(name[0])) && name[0] != '_';
}

std::string Signature(const std::string& name, const std::vector<LogicalType>& args) {
  if (IsOperatorName(name) && (args.size() == 1 || args.size() == 2)) {
    if (args.size() == 1) return name + " " + TypeDisplayName(args[0]);
    return TypeDisplayName(args[0]) + " " + name + " " + TypeDisplayName(args[1]);
  }
  std::string s = name + "(";
  for (size_t i = 0; i < args.size(); i++) {
    if (i) s += ", ";
    s += TypeDisplayName(args[i]);
  }
  return s + ")";
}

[[noreturn]] void ThrowNoMatch(const std::string& name, const std::vector<LogicalType>& args,
                               bool is_aggregate) {
  bool op = IsOperatorName(name) && (args.size() == 1 || args.size() == 2);
  std::string message = op ? "operator does not exist: " + Signature(name, args)
                           : "function " + Signature(name, args) + " does not exist";
  std::string hint = op ? "No operator matches the given name and argument types. You might need "
                          "to add explicit type casts."
                        : "No function matches the given name and argument types. You might need "
                          "to add explicit type casts.";
  throw Exception(sqlstate::kUndefinedFunction, message, 0, "", hint);
}

[[noreturn]] void ThrowAmbiguous(const std::string& name, const std::vector<LogicalType>& args) {
  bool op = IsOperatorName(name) && (args.size() == 1 || args.size() == 2);
  std::string message = op ? "operator is not unique: " + Signature(name, args)
                           : "function " + Signature(name, args) + " is not unique";
  std::string hint = op ? "Could not choose a best candidate operator. You might need to add "
                          "explicit type casts."
                        : "Could not choose a best candidate function. You might need to add "
                          "explicit type casts.";
  throw Exception("42725", message, 0, "", hint);
}

// The argument types the call binds with: the actual type where it already fits (keeps typmods
// and avoids no-op casts), the declared type where a cast is needed.
std::vector<LogicalType> BoundArgTypes(const std::vector<LogicalType>& declared,
                                       const std::vector<LogicalType>& actual) {
  std::vector<LogicalType> out(actual.size());
  for (size_t i = 0; i < actual.size(); i++) {
    if (declared[i].id == TypeId::kNull || IsExactMatch(actual[i], declared[i])) {
      out[i] = actual[i];
    } else {
      out[i] = declared[i];
    }
  }
  return out;
}

void RegisterAll(FunctionRegistry& r) {
  RegisterIntegerArithmetic(r);
  RegisterFloatArithmetic(r);
  RegisterNumericArithmetic(r);
  RegisterBitwiseOperators(r);
  RegisterComparisonOperators(r);
  RegisterConcatOperator(r);
  RegisterLikeOperators(r);
  RegisterDatetimeArithmetic(r);
  RegisterStringBasicFunctions(r);
  RegisterSubstringFunctions(r);
  RegisterStringSearchFunctions(r);
  RegisterTrimPadFunctions(r);
  RegisterConcatFunctions(r);
  RegisterMd5Function(r);
  RegisterRegexpFunctions(r);
  RegisterEncodeFunctions(r);
  RegisterRoundingFunctions(r);
  RegisterTranscendentalFunctions(r);
  RegisterNumericMathFunctions(r);
  RegisterIntegerMathFunctions(r);
  RegisterRandomFunction(r);
  RegisterGreatestLeast(r);
  RegisterCurrentTimeFunctions(r);
  RegisterDateTruncFunction(r);
  RegisterDatePartFunction(r);
  RegisterAgeFunction(r);
  RegisterMakeDatetimeFunctions(r);
  RegisterJustifyFunctions(r);
  RegisterDateBinFunction(r);
  RegisterToCharFunction(r);
  RegisterNumberFormatFunctions(r);
  RegisterDatetimeParseFunctions(r);
  RegisterConditionalFunctions(r);
  RegisterSystemFunctions(r);
  RegisterPgSystemFunctions(r);
  RegisterSequenceFunctions(r);
  RegisterArrayFunctions(r);
  RegisterCountAggregates(r);
  RegisterSumAggregate(r);
  RegisterAvgAggregate(r);
  RegisterMinMaxAggregates(r);
  RegisterStringAggAggregate(r);
  RegisterBoolAggregates(r);
  RegisterVarianceAggregates(r);
  RegisterCovarianceAggregates(r);
  RegisterOrderedSetAggregates(r);
}

}  // namespace

const FunctionRegistry& FunctionRegistry::Builtin() {
  // A function-local static: built once, thread-safe initialisation (C++11), immutable after.
  static const FunctionRegistry* registry = [] {
    auto* r = new FunctionRegistry();
    RegisterAll(*r);
    return r;
  }();
  return *registry;
}

void FunctionRegistry::AddScalar(ScalarFunction f) {
  f.name = AsciiLower(f.name);
  scalars_.push_back(std::move(f));
}

void FunctionRegistry::AddAggregate(AggregateFunction f) {
  f.name = AsciiLower(f.name);
  aggregates_.push_back(std::move(f));
}

bool FunctionRegistry::IsScalar(const std::string& name) const {
  std::string n = AsciiLower(name);
  return std::any_of(scalars_.begin(), scalars_.end(), [&](const auto& f) { return f.name == n; });
}

bool FunctionRegistry::IsAggregate(const std::string& name) const {
  std::string n = AsciiLower(name);
  return std::any_of(aggregates_.begin(), aggregates_.end(),
                     [&](const auto& f) { return f.name == n; });
}

BoundScalarCall FunctionRegistry::ResolveScalar(const std::string& name,
                                                const std::vector<LogicalType>& arg_types) const {
  std::string n = AsciiLower(name);
  std::vector<const ScalarFunction*> funcs;
  std::vector<std::vector<LogicalType>> declared;
  for (const auto& f : scalars_) {
    if (f.name != n) continue;
    size_t fixed = f.arg_types.size();
    if (arg_types.size() < fixed || (!f.has_varargs && arg_types.size() != fixed)) continue;
    std::vector<LogicalType> params = f.arg_types;
    params.resize(arg_types.size(), f.varargs);
    funcs.push_back(&f);
    declared.push_back(std::move(params));
  }
  CandidateChoice choice = SelectCandidate(declared, arg_types);
  if (choice.ambiguous) ThrowAmbiguous(n, arg_types);
  if (choice.index < 0) ThrowNoMatch(n, arg_types, false);
  BoundScalarCall call;
  call.function = funcs[choice.index];
  call.arg_types = BoundArgTypes(declared[choice.index], arg_types);
  call.return_type =
      call.function->bind ? call.function->bind(call.arg_types) : call.function->return_type;
  return call;
}

BoundAggregateCall FunctionRegistry::ResolveAggregate(
    const std::string& name, const std::vector<LogicalType>& arg_types) const {
  std::string n = AsciiLower(name);
  std::vector<const AggregateFunction*> funcs;
  std::vector<std::vector<LogicalType>> declared;
  for (const auto& f : aggregates_) {
    if (f.name != n || f.arg_types.size() != arg_types.size()) continue;
    funcs.push_back(&f);
    declared.push_back(f.arg_types);
  }
  CandidateChoice choice = SelectCandidate(declared, arg_types);
  if (choice.ambiguous) ThrowAmbiguous(n, arg_types);
  if (choice.index < 0) ThrowNoMatch(n, arg_types, true);
  BoundAggregateCall call;
  call.function = funcs[choice.index];
  call.arg_types = BoundArgTypes(declared[choice.index], arg_types);
  call.return_type =
      call.function->bind ? call.function->bind(call.arg_types) : call.function->return_type;
  return call;
}

}  // namespace kadedb
