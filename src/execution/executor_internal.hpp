// Statement runners behind Executor::Execute (one file each): queries and data changes,
// EXPLAIN, schema changes (DDL) and COPY.
#pragma once

#include "execution/executor.hpp"
#include "execution/physical_operator.hpp"

namespace kadedb {

// Runs a relational plan (query or INSERT/UPDATE/DELETE) into result.
void ExecuteQuery(LogicalOperator& plan, ExecutionContext& context, Result& result);
void ExecuteExplain(LogicalOperator& plan, ExecutionContext& context, Result& result);
void ExecuteSchemaChange(LogicalOperator& plan, ExecutionContext& context, Result& result);
void ExecuteCopy(LogicalOperator& plan, ExecutionContext& context, Result& result);
// CHECK DATABASE: one text row per index problem, or "ok".
void ExecuteCheckDatabase(ExecutionContext& context, Result& result);

// Sets result's columns (placeholder names when the caller has not named them) and types.
void SetResultColumns(Result& result, const std::vector<LogicalType>& types);
// Retypes chunk's columns to types where only the logical type differs.
void ConformChunkTypes(DataChunk& chunk, const std::vector<LogicalType>& types);

}  // namespace kadedb
