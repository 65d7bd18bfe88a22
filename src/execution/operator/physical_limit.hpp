// PhysicalLimit: LIMIT / OFFSET. The counts are constants or expressions (parameters) evaluated
// once per run; negative values raise 2201W / 2201X. Streaming; stops the pipeline once the
// limit is reached.
#pragma once

#include "execution/expression/expression_node.hpp"

namespace kadedb {

class PhysicalLimit : public PhysicalStreamingOperator {
 public:
  explicit PhysicalLimit(std::vector<LogicalType> types)
      : PhysicalStreamingOperator(std::move(types)) {}
  int64_t limit_value = -1;  // < 0: none
  int64_t offset_value = 0;
  ExprNodePtr limit_expression, offset_expression;
  std::unique_ptr<OperatorState> InitOperator(ExecState& state) override;
  bool Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
               const ChunkConsumer& out) override;
  std::string Name() const override { return "LIMIT"; }
  std::string Params() const override;
};

// Evaluates LIMIT/OFFSET expressions (shared with top-N): limit < 0 means none.
void EvaluateLimitOffset(ExecState& state, ExprNode* limit_expr, ExprNode* offset_expr,
                         int64_t& limit, int64_t& offset);

// PhysicalDistinct: DISTINCT (keys empty: all columns) or DISTINCT ON (keys) keeping the first
// row per key in input order. Streaming; holds a hash set of the keys seen.
class PhysicalDistinct : public PhysicalStreamingOperator {
 public:
  explicit PhysicalDistinct(std::vector<LogicalType> types)
      : PhysicalStreamingOperator(std::move(types)) {}
  std::vector<ExprNodePtr> keys;
  std::unique_ptr<OperatorState> InitOperator(ExecState& state) override;
  bool Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
               const ChunkConsumer& out) override;
  std::string Name() const override { return "DISTINCT"; }
};

}  // namespace kadedb
