// Executor::Execute: dispatches a logical plan to its runner; runs queries and data changes.
#include "execution/executor.hpp"

#include "common/exception.hpp"
#include "execution/executor_internal.hpp"
#include "execution/parallel/pipeline_executor.hpp"
#include "execution/physical_plan_generator.hpp"

namespace kadedb {

void SetResultColumns(Result& result, const std::vector<LogicalType>& types) {
  std::vector<std::string> names = result.names();
  names.resize(types.size(), "?column?");
  result.SetColumns(std::move(names), types);
}

void ConformChunkTypes(DataChunk& chunk, const std::vector<LogicalType>& types) {
  for (size_t c = 0; c < chunk.ColumnCount() && c < types.size(); c++) {
    Vector& v = chunk.column(c);
    if (v.type() != types[c] && v.physical() == PhysicalOf(types[c])) v.Retype(types[c]);
  }
}

namespace {

// Runs the physical plan of a query or data change into result.
void RunQuery(LogicalOperator& plan, PhysicalOperator* physical, ExecutionContext& context,
              Result& result) {
  ExecState state(context);
  bool is_dml = plan.kind == LogicalOperatorKind::kInsert ||
                plan.kind == LogicalOperatorKind::kUpdate ||
                plan.kind == LogicalOperatorKind::kDelete;
  bool returns_rows = !is_dml || !physical->types.empty();
  uint64_t rows = 0;
  std::vector<LogicalType> types = physical->types;
  auto collect = [&](DataChunk& chunk) {
    rows += chunk.size();
    if (returns_rows) {
      ConformChunkTypes(chunk, types);
      result.AddChunk(std::move(chunk));
    }
    return true;
  };
  // A result without ORDER BY may arrive in any row order: let a parallel chain produce it.
  if (is_dml) {
    physical->Run(state, collect);
  } else {
    RunUnordered(*physical, state, collect);
  }
  if (returns_rows) {
    SetResultColumns(result, types);
    result.SetHasRows(true);
  }
  result.SetRowsAffected(is_dml ? state.rows_affected : rows);
}

// How a statement that is not a query runs (DDL, EXPLAIN, COPY, CHECK DATABASE); nullptr for a
// query, which runs through a physical plan (and may be prepared once and run many times).
using StatementRunner = void (*)(LogicalOperator&, ExecutionContext&, Result&);

StatementRunner NonQueryRunner(LogicalOperatorKind kind) {
  switch (kind) {
    case LogicalOperatorKind::kCreateSchema:
    case LogicalOperatorKind::kCreateTable:
    case LogicalOperatorKind::kCreateView:
    case LogicalOperatorKind::kCreateIndex:
    case LogicalOperatorKind::kDrop:
    case LogicalOperatorKind::kAlterTable:
      return ExecuteSchemaChange;
    case LogicalOperatorKind::kExplain:
      return ExecuteExplain;
    case LogicalOperatorKind::kCopy:
      return ExecuteCopy;
    case LogicalOperatorKind::kSet:
    case LogicalOperatorKind::kShow:
    case LogicalOperatorKind::kTransaction:
      return [](LogicalOperator&, ExecutionContext&, Result&) {
        ThrowInternal("SET / SHOW / transaction statements are run by the client context");
      };
    case LogicalOperatorKind::kCheckDatabase:
      return [](LogicalOperator&, ExecutionContext& context, Result& result) {
        ExecuteCheckDatabase(context, result);
      };
    default:
      return nullptr;
  }
}

}  // namespace

void ExecuteQuery(LogicalOperator& plan, ExecutionContext& context, Result& result) {
  PhysicalPlanGenerator generator(context);
  auto physical = generator.Plan(plan);
  RunQuery(plan, physical.get(), context, result);
}

std::shared_ptr<PhysicalOperator> Executor::Prepare(LogicalOperator& plan,
                                                    ExecutionContext& context) {
  if (NonQueryRunner(plan.kind) != nullptr) return nullptr;
  PhysicalPlanGenerator generator(context);
  std::shared_ptr<PhysicalOperator> physical = generator.Plan(plan);
  // Subquery expressions cache their results for the run: such a plan is rebuilt per run.
  if (generator.subqueries() > 0) return nullptr;
  return physical;
}

void Executor::ExecutePrepared(LogicalOperator& plan, PhysicalOperator& physical,
                               ExecutionContext& context, Result& result) {
  RunQuery(plan, &physical, context, result);
}

void Executor::Execute(LogicalOperator& plan, ExecutionContext& context, Result& result) {
  if (StatementRunner run = NonQueryRunner(plan.kind)) {
    run(plan, context, result);
  } else {
    ExecuteQuery(plan, context, result);
  }
}

}  // namespace kadedb
