// PhysicalTableScan: reads a table's columns (sequential scan, or an index range scan plus
// row fetches), applies the pushed-down filters per chunk and can output the row id
// (kRowIdColumn). Simple filters (column op constant, IN, IS [NOT] NULL) also go to storage as
// zone-map hints (zone_filters), so sealed row groups they exclude are never read. Memory: one
// chunk at a time plus the decoded segments of one row group; an index scan holds the matching
// row ids.
#pragma once

#include "execution/expression/expression_node.hpp"
#include "execution/zone_range_partition.hpp"
#include "planner/operator/logical_get.hpp"
#include "storage/dynamic_filter.hpp"
#include "storage/table_filter.hpp"

namespace kadedb {

class PhysicalTableScan : public PhysicalSource {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, TableEntry* table,
                    std::vector<column_t> column_ids);
  TableEntry* table;
  std::vector<column_t> column_ids;  // may contain kRowIdColumn
  std::vector<ExprNodePtr> filters;  // over this scan's output
  // Zone-map hints: storage TableFilters whose constants are evaluated at InitSource
  // (parameters allowed). scan_column indexes the storage column list (without the row id).
  struct ZoneFilter {
    uint32_t scan_column = 0;
    TableFilterKind kind = TableFilterKind::kEqual;
    std::vector<ExprNodePtr> values;  // 1 (compare), 0 (IS [NOT] NULL) or n (IN)
    // The entry of filters this hint comes from (-1: none). Storage reports the hints that ran
    // exactly on a chunk; that filter expression is then not evaluated again.
    int64_t filter_index = -1;
  };
  std::vector<ZoneFilter> zone_filters;
  // Evaluates zone_filters into storage filters (drops one whose constant is NULL or not of the
  // column's type; sets *empty when a filter can match nothing, e.g. "= NULL"). filter_of[i]:
  // the entry of filters storage filter i stands for (-1: none).
  std::vector<TableFilter> MakeTableFilters(ExecState& state, bool* empty,
                                            std::vector<int64_t>* filter_of) const;
  // A filter a top-N above this scan tightens while it runs (sequential scans only); reset at
  // every InitSource / InitGlobalSource, so each execution starts without a bound.
  std::shared_ptr<DynamicFilter> dynamic_filter;
  // The storage column position (a TableFilter's scan_column) of output column i; -1 for the
  // row id.
  int64_t StoragePosition(size_t i) const { return output_from_[i]; }
  // Hash joins that publish runtime filters for this scan (ExecState::join_filters), added to
  // the storage filters at init.
  std::vector<const PhysicalOperator*> join_filter_sources;
  // Zone-range partitioned aggregation (execution/zone_range_partition.hpp): >= 0, the storage
  // position of an integer-class column; every chunk a sequential scan produces then sets
  // ExecState::morsel_keys (its row group and the keys no other row group holds).
  int64_t key_range_column = -1;
  // Index access (index != nullptr).
  IndexEntry* index = nullptr;
  std::vector<ExprNodePtr> index_equal;
  ExprNodePtr index_lower, index_upper;
  bool lower_inclusive = true, upper_inclusive = true;

  std::unique_ptr<OperatorState> InitSource(ExecState& state) override;
  bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) override;
  // Sequential scans hand out storage morsels (row groups / row-id ranges) to several threads.
  bool ParallelSource() const override;
  std::unique_ptr<OperatorState> InitGlobalSource(ExecState& state) override;
  size_t MaxThreads(OperatorState* global) const override;
  std::unique_ptr<OperatorState> InitLocalSource(ExecState& state, OperatorState* global) override;
  bool GetDataParallel(ExecState& state, OperatorState* global, OperatorState* local,
                       DataChunk& out) override;
  std::string Name() const override;
  std::string Params() const override;
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(filters, out);
    return out;
  }

 private:
  std::vector<LogicalType> StorageTypes() const;
  // Turns the storage columns of raw (rows row_ids) into this scan's output and applies filters
  // (except those whose storage filters ran exactly: exact, a bit per storage filter, mapped to
  // filters through filter_of).
  void Produce(ExecState& state, DataChunk& raw, const std::vector<row_t>& row_ids, DataChunk& out,
               uint64_t exact = 0, const std::vector<int64_t>* filter_of = nullptr) const;
  // Sets state.morsel_keys for a chunk of row_group (-1: the row store) when key_range_column
  // is set; intervals: ExclusiveKeyIntervals of the scan's row groups.
  void NoteMorsel(ExecState& state, const std::vector<KeyInterval>& intervals,
                  int64_t row_group) const;
  // The exclusive key intervals of scan's row groups on key_range_column (empty when unset).
  std::vector<KeyInterval> KeyIntervals(const ParallelScanState& scan) const;
  std::vector<column_t> storage_ids_;  // column_ids without the row id
  std::vector<int64_t> output_from_;   // per output column: storage position or -1 (row id)
};

}  // namespace kadedb
