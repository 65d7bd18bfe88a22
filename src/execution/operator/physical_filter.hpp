// PhysicalFilter: keeps the rows where every predicate is true (NULL is not true), by building
// a selection vector per chunk. Streaming, no memory beyond the chunk.
#pragma once

#include "execution/expression/expression_node.hpp"

namespace kadedb {

class PhysicalFilter : public PhysicalStreamingOperator {
 public:
  explicit PhysicalFilter(std::vector<LogicalType> types)
      : PhysicalStreamingOperator(std::move(types)) {}
  std::vector<ExprNodePtr> predicates;
  bool Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
               const ChunkConsumer& out) override;
  std::string Name() const override { return "FILTER"; }
  bool ParallelExecute() const override { return true; }
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(predicates, out);
    return out;
  }
  std::string Params() const override;
};

// PhysicalProjection: computes one output column per expression. Streaming.
class PhysicalProjection : public PhysicalStreamingOperator {
 public:
  explicit PhysicalProjection(std::vector<LogicalType> types)
      : PhysicalStreamingOperator(std::move(types)) {}
  std::vector<ExprNodePtr> expressions;
  bool Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
               const ChunkConsumer& out) override;
  std::string Name() const override { return "PROJECTION"; }
  bool ParallelExecute() const override { return true; }
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    AddExpressions(expressions, out);
    return out;
  }
  std::string Params() const override;
};

}  // namespace kadedb
