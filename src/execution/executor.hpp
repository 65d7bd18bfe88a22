// Executor: runs an optimized logical plan. It builds the physical plan (physical operators
// grouped into push-based pipelines over DataChunks), runs it, and collects the output.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function.hpp"
#include "kadedb/database.hpp"
#include "planner/logical_operator.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {

class PhysicalOperator;

// Everything a running statement may use. Owned by the caller (ClientContext) for the duration
// of one Execute call.
struct ExecutionContext {
  Catalog* catalog = nullptr;
  StorageTransaction* transaction = nullptr;
  FunctionContext function_context;
  const std::vector<Value>* parameters = nullptr;  // $1 = (*parameters)[0]; may be null
  // Set by another thread to ask the statement to stop (57014 "canceling statement due to user
  // request"); checked between chunks.
  const std::atomic<bool>* interrupted = nullptr;
  // Per-query memory budget in bytes (0 = unlimited); operators exceeding it throw 53200.
  uint64_t memory_limit = 0;
  // Threads a query may run its parallel pipelines on (the session's `threads` setting; 1 =
  // serial).
  size_t threads = 1;
  // Directory COPY resolves relative paths against (empty: process working directory).
  std::string working_directory;
};

class Executor {
 public:
  // Runs plan (a LogicalOperator from PlanStatement + Optimize) and fills result: the column
  // types, the chunks (for plans returning rows) and RowsAffected. Names and the command tag are
  // set by the caller. Throws Exception; on throw the caller rolls back the statement's writes.
  static void Execute(LogicalOperator& plan, ExecutionContext& context, Result& result);

  // Prepared statements: builds the physical plan of a query or data change (SELECT, INSERT,
  // UPDATE, DELETE ...) once, to be run any number of times, one run at a time, with
  // ExecutePrepared (operators keep no run state). Null when the plan cannot be kept: other
  // statement kinds (DDL, COPY, EXPLAIN ...) and plans with subqueries (their expressions cache
  // subquery results for one run). The physical plan points into plan and the catalog entries it
  // was bound to: keep it exactly as long as plan.
  static std::shared_ptr<PhysicalOperator> Prepare(LogicalOperator& plan,
                                                   ExecutionContext& context);
  // Runs physical (Prepare(plan)'s result) as Execute(plan, ...) would.
  static void ExecutePrepared(LogicalOperator& plan, PhysicalOperator& physical,
                              ExecutionContext& context, Result& result);
};

}  // namespace kadedb
