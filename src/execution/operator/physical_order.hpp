// PhysicalOrder (ORDER BY) and PhysicalTopN (ORDER BY + LIMIT): stable sorts on the ORDER BY
// keys with ASC/DESC and NULLS FIRST/LAST, comparing values by type (see vector_ops.hpp).
// Memory: ORDER BY materialises its whole input (counted against the memory limit); top-N keeps
// at most about 2 * (limit + offset) + one chunk of rows, compacting as it goes.
// Parallel: each thread sorts its own rows into a run (top-N: keeps its best limit + offset);
// Combine appends the runs and Finalize merges them. Top-N over a scan pushes its current
// boundary back into the scan as a dynamic filter (zone maps and raw-value comparisons).
#pragma once

#include "execution/expression/expression_node.hpp"
#include "storage/dynamic_filter.hpp"

namespace kadedb {

struct SortKey {
  ExprNodePtr expression;
  bool descending = false;
  bool nulls_first = false;
};

// Compares rows i and j of the key columns. REQUIRES: keys.size() == columns.
int CompareSortRows(const std::vector<SortKey>& keys, const RowCollection& key_rows, size_t i,
                    size_t j);

class PhysicalOrder : public PhysicalSink {
 public:
  explicit PhysicalOrder(std::vector<LogicalType> types) : PhysicalSink(std::move(types)) {}
  std::vector<SortKey> keys;
  // Top-N when limit >= 0.
  int64_t limit = -1;
  int64_t offset = 0;
  // Top-N over a sequential scan: the scan filter this operator tightens with the first key of
  // its worst kept row (AttachTopNScanFilter); null otherwise.
  std::shared_ptr<DynamicFilter> dynamic_filter;

  std::unique_ptr<OperatorState> InitSink(ExecState& state) override;
  void Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
            size_t child_index) override;
  void Finalize(ExecState& state, OperatorState* sink_state) override;
  bool GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) override;
  bool ParallelSink() const override { return true; }
  void PrepareCombine(ExecState& state, OperatorState* local) override;
  void Combine(ExecState& state, OperatorState* global, OperatorState* local) override;
  std::string Name() const override { return limit >= 0 ? "TOP_N" : "ORDER_BY"; }
  std::string Params() const override;
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    for (auto& k : keys) out.push_back(k.expression.get());
    return out;
  }
};

// Top-N whose first sort key is a plain column of a sequential scan below it (through
// projections and filters): gives the scan and top-N a shared DynamicFilter, so the scan skips
// row groups and rows that cannot enter the result. No-op when the plan does not fit.
void AttachTopNScanFilter(PhysicalOrder& topn);

}  // namespace kadedb
