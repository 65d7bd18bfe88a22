// Function definitions: scalar functions (operators included) and aggregate functions.
//
// Every operator the binder meets (+, -, *, /, %, ||, =, <>, <, <=, >, >=, LIKE, ILIKE, unary -)
// and every named scalar function is a ScalarFunction registered in the FunctionRegistry under its
// name ("+", "=", "lower", ...). The binder asks the registry to resolve a call against the
// argument types; resolution follows PostgreSQL: an exact match wins, otherwise the candidate
// reachable by implicit casts with the best "preferred type" score (see function_registry.cpp). The
// result lists the casts the binder must insert and the return type.
//
// Execution is vectorized: a ScalarFunction's exec gets the argument vectors (already cast to the
// declared argument types) and fills result (size == count) including its validity.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kadedb/data_chunk.hpp"
#include "kadedb/types.hpp"

namespace kadedb {

// Per-statement state functions may read. Owned by the executor; outlives every call.
// What the pg system functions (format_type, pg_get_indexdef, current_user, ...) ask the session:
// implemented over the catalog by PgSessionFunctions (catalog/pg_functions.hpp). Call returns
// the function's value for one row of arguments; throws Exception like any scalar function.
class SessionFunctions {
 public:
  virtual ~SessionFunctions() = default;
  virtual Value Call(const std::string& name, const std::vector<Value>& args) = 0;
};

struct FunctionContext {
  int64_t transaction_timestamp_micros = 0;  // now(), current_timestamp: fixed per transaction
  int64_t statement_timestamp_micros = 0;    // statement_timestamp()
  std::string timezone = "UTC";              // session TimeZone setting
  uint64_t random_seed = 0;                  // random(): advanced per call
  SessionFunctions* session = nullptr;       // null while constant folding: pg_* calls fail
};

// A matching argument type: a concrete LogicalType, or kNull in a declaration meaning "any type"
// (the function accepts whatever it is given; bind decides).
using ScalarExec = std::function<void(const std::vector<const Vector*>& args, size_t count,
                                      Vector& result, FunctionContext& ctx)>;
// Called at bind time with the actual (post-cast) argument types; may rewrite them (to request
// casts) and returns the result type. Optional: when empty, return_type is used as declared.
using ScalarBind = std::function<LogicalType(std::vector<LogicalType>& arg_types)>;

struct ScalarFunction {
  std::string name;
  std::vector<LogicalType> arg_types;   // declared; kNull = any
  LogicalType varargs = TypeId::kNull;  // when set_varargs: extra args of this type (kNull = any)
  bool has_varargs = false;
  LogicalType return_type;
  ScalarExec exec;
  ScalarBind bind;
  // NULL in any argument gives NULL without calling exec (the executor does this). Most functions
  // are strict; COALESCE, CONCAT, IS DISTINCT FROM, etc. are not.
  bool strict = true;
  // Result may differ between calls with equal arguments (random(), now() within a statement is
  // stable, so not volatile). Volatile functions are never constant-folded.
  bool is_volatile = false;
};

// Aggregate functions keep one state per group in memory the executor owns (StateSize bytes,
// aligned to 16). The executor calls Initialize once per state, Update for batches of rows
// (states[i] is the state of row i), Combine to merge partial states (parallel or spilled), and
// Finalize to produce the values; Destroy releases anything the state owns.
class AggregateKernel {
 public:
  virtual ~AggregateKernel() = default;
  virtual size_t StateSize() const = 0;
  virtual void Initialize(uint8_t* state) const = 0;
  // args: the argument vectors (already cast); count rows; states[i] for row i.
  virtual void Update(const std::vector<const Vector*>& args, size_t count,
                      uint8_t** states) const = 0;
  // As Update with states[i] = bases[i] + offset (a hash aggregate's group rows and this
  // aggregate's offset in them), so the caller builds no pointer array per aggregate. The default
  // builds one and calls Update; the hot kernels read bases directly.
  virtual void UpdateAt(const std::vector<const Vector*>& args, size_t count, uint8_t* const* bases,
                        size_t offset) const {
    if (offset == 0) {
      Update(args, count, const_cast<uint8_t**>(bases));
      return;
    }
    std::vector<uint8_t*> states(count);
    for (size_t i = 0; i < count; i++) states[i] = bases[i] + offset;
    Update(args, count, states.data());
  }
  virtual void Combine(const uint8_t* source, uint8_t* target) const = 0;
  // Writes result[i] from states[i], i < count. REQUIRES: result.size() >= count.
  virtual void Finalize(uint8_t** states, size_t count, Vector& result) const = 0;
  virtual void Destroy(uint8_t* state) const {}
};

struct AggregateFunction {
  std::string name;
  std::vector<LogicalType> arg_types;  // kNull = any
  LogicalType return_type;
  // Same contract as ScalarBind; may also pick the kernel for the actual types.
  std::function<LogicalType(std::vector<LogicalType>& arg_types)> bind;
  // Builds the kernel for the bound argument and return types.
  std::function<std::unique_ptr<AggregateKernel>(const std::vector<LogicalType>& arg_types,
                                                 const LogicalType& return_type)>
      make_kernel;
  // NULL inputs are skipped by the executor before Update (true for every standard aggregate
  // except count(*), which has no arguments anyway).
  bool skip_nulls = true;
};

// The outcome of resolving a call.
struct BoundScalarCall {
  const ScalarFunction* function = nullptr;
  std::vector<LogicalType> arg_types;  // cast each argument to this type before calling
  LogicalType return_type;
};
struct BoundAggregateCall {
  const AggregateFunction* function = nullptr;
  std::vector<LogicalType> arg_types;
  LogicalType return_type;
};

class FunctionRegistry {
 public:
  // The process-wide registry with every built-in function. Thread-safe (immutable after start).
  static const FunctionRegistry& Builtin();

  // Resolves name(args). Throws Exception 42883 ("function f(integer, text) does not exist" /
  // "operator does not exist: integer + text") when nothing matches, 42725 when ambiguous.
  BoundScalarCall ResolveScalar(const std::string& name,
                                const std::vector<LogicalType>& arg_types) const;
  BoundAggregateCall ResolveAggregate(const std::string& name,
                                      const std::vector<LogicalType>& arg_types) const;
  bool IsAggregate(const std::string& name) const;
  bool IsScalar(const std::string& name) const;

  void AddScalar(ScalarFunction f);
  void AddAggregate(AggregateFunction f);

 private:
  std::vector<ScalarFunction> scalars_;
  std::vector<AggregateFunction> aggregates_;
};

}  // namespace kadedb
