// Common table expressions.
//   PhysicalCTERef: scans a CTE table (a materialised CTE or the recursive working table) from
//     ExecState::cte_tables.
//   PhysicalMaterializedCTE: runs children[0] once into a table, then streams children[1].
//   PhysicalRecursiveCTE: runs the anchor (children[0]), then the recursive part (children[1])
//     with the previous iteration's new rows as the working table, until no new rows appear.
//     UNION (not ALL) drops rows already produced, across iterations. Rows stream out as they
//     are produced, so an outer LIMIT stops the iteration. Memory: the working tables (and for
//     UNION the set of rows seen), counted against the memory limit.
#pragma once

#include "execution/expression/expression_node.hpp"

namespace kadedb {

class PhysicalCTERef : public PhysicalSource {
 public:
  PhysicalCTERef(std::vector<LogicalType> types, idx_t cte_index)
      : PhysicalSource(std::move(types)), cte_index(cte_index) {}
  idx_t cte_index;
  std::unique_ptr<OperatorState> InitSource(ExecState& state) override;
  bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) override;
  std::string Name() const override { return "CTE_SCAN"; }
  std::string Params() const override { return "cte " + std::to_string(cte_index); }

  // The table is read-only while scanned: threads claim chunks of it by index.
  bool ParallelSource() const override { return true; }
  std::unique_ptr<OperatorState> InitGlobalSource(ExecState& state) override;
  size_t MaxThreads(OperatorState* global) const override;
  bool GetDataParallel(ExecState& state, OperatorState* global, OperatorState* local,
                       DataChunk& out) override;
};

class PhysicalMaterializedCTE : public PhysicalOperator {
 public:
  PhysicalMaterializedCTE(std::vector<LogicalType> types, idx_t cte_index)
      : PhysicalOperator(std::move(types)), cte_index(cte_index) {}
  idx_t cte_index;
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  std::string Name() const override { return "MATERIALIZED_CTE"; }
  std::string Params() const override { return "cte " + std::to_string(cte_index); }
};

class PhysicalRecursiveCTE : public PhysicalOperator {
 public:
  PhysicalRecursiveCTE(std::vector<LogicalType> types, idx_t cte_index, bool union_all)
      : PhysicalOperator(std::move(types)), cte_index(cte_index), union_all(union_all) {}
  idx_t cte_index;
  bool union_all;
  bool Run(ExecState& state, const ChunkConsumer& consume) override;
  std::string Name() const override { return "RECURSIVE_CTE"; }
  std::string Params() const override {
    return std::string(union_all ? "union all" : "union") + " cte " + std::to_string(cte_index);
  }
};

}  // namespace kadedb
