// PointGet: the direct runner of a prepared lookup by a whole unique key (primary-key point
// reads). The plan "[PROJECTION of columns] <- INDEX_SCAN on a unique index with every key column
// fixed by a parameter or constant, no range" reads at most one row and calls no function but
// comparisons; PointGet runs the scan's source directly (InitSource + GetData: key evaluation,
// one index point read, the row fetch and the scan's filters) and picks the projected columns,
// without the pipeline machinery (operator states, chunk consumers, the parallel-chain search).
// Because it writes nothing and calls nothing with side effects, an autocommit statement whose
// plan is a PointGet may run on a snapshot-only storage transaction (ClientContext::RunPlanned).
//
// Threading: one Run at a time per PointGet (like the physical plan it points into).
#pragma once

#include <memory>
#include <vector>

#include "execution/executor.hpp"

namespace kadedb {

class PhysicalTableScan;

class PointGet {
 public:
  // The runner of physical (Executor::Prepare's plan of a query), or null when it is not of
  // the shape above. physical must outlive the result.
  static std::unique_ptr<PointGet> Match(PhysicalOperator& physical);
  // Runs the lookup into result, as Executor::ExecutePrepared would.
  void Run(ExecutionContext& context, Result& result) const;

 private:
  PhysicalTableScan* scan_ = nullptr;
  std::vector<size_t> columns_;  // output column i = scan output column columns_[i]
  std::vector<LogicalType> types_;
};

}  // namespace kadedb
