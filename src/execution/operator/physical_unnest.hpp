// unnest(a [, b ...]) [WITH ORDINALITY] as a source: evaluates its array arguments once per run
// (per outer row when LATERAL) and emits their elements side by side, NULL-padded to the longest,
// plus the 1-based ordinality when asked. Memory: the decoded elements of one run.
#pragma once

#include "execution/expression/expression_node.hpp"

namespace kadedb {

class PhysicalUnnest : public PhysicalSource {
 public:
  // types: the element type of each argument, then BIGINT when with_ordinality.
  PhysicalUnnest(std::vector<LogicalType> types, bool with_ordinality)
      : PhysicalSource(std::move(types)), with_ordinality(with_ordinality) {}
  std::vector<ExprNodePtr> arguments;
  bool with_ordinality;
  std::unique_ptr<OperatorState> InitSource(ExecState& state) override;
  bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) override;
  std::string Name() const override { return "UNNEST"; }
};

}  // namespace kadedb
