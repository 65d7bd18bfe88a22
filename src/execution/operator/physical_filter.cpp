// PhysicalFilter and PhysicalProjection.
#include "execution/operator/physical_filter.hpp"

#include "execution/expression/expression_executor.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

bool PhysicalFilter::Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
                             const ChunkConsumer& out) {
  std::vector<uint32_t> sel;
  for (auto& p : predicates) {
    if (input.size() == 0) return true;
    ExpressionExecutor::Select(state, *p, input, sel);
    if (sel.size() != input.size()) input.Slice(sel);
  }
  if (input.size() == 0) return true;
  return out(input);
}

std::string PhysicalFilter::Params() const {
  std::string s;
  for (size_t i = 0; i < predicates.size(); i++) {
    if (i) s += " AND ";
    s += predicates[i]->text;
  }
  return s;
}

bool PhysicalProjection::Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
                                 const ChunkConsumer& out) {
  DataChunk result;
  size_t n = input.size();
  for (size_t i = 0; i < expressions.size(); i++) {
    Vector v;
    auto& e = *expressions[i];
    if (e.kind == BoundExpressionKind::kColumnRef && !e.outer) {
      v = input.column(e.column);
    } else {
      ExpressionExecutor::Execute(state, e, input, v);
    }
    if (v.physical() != PhysicalOf(types[i])) {
      Vector cast(types[i]);
      CastVector(v, n, types[i], cast);
      v = std::move(cast);
    } else if (v.type() != types[i]) {
      v.Retype(types[i]);
    }
    if (v.size() != n) v.Resize(n);
    result.AddColumn(std::move(v));
  }
  result.SetSize(n);
  return out(result);
}

std::string PhysicalProjection::Params() const {
  std::string s;
  for (size_t i = 0; i < expressions.size(); i++) {
    if (i) s += ", ";
    s += expressions[i]->text;
  }
  return s;
}

}  // namespace kadedb
