// PhysicalLimit and PhysicalDistinct.
#include "execution/operator/physical_limit.hpp"

#include <unordered_set>

#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/row_hash_set.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

namespace {
struct LimitState : OperatorState {
  int64_t limit = -1, offset = 0;
  int64_t skipped = 0, emitted = 0;
};
struct DistinctState : OperatorState {
  std::unique_ptr<RowHashSet> seen;
};
}  // namespace

void EvaluateLimitOffset(ExecState& state, ExprNode* limit_expr, ExprNode* offset_expr,
                         int64_t& limit, int64_t& offset) {
  if (limit_expr) {
    Value v = ExpressionExecutor::EvaluateScalar(state, *limit_expr);
    if (v.IsNull()) {
      limit = -1;
    } else {
      limit = CastValue(v, TypeId::kBigInt).GetInt();
      if (limit < 0) throw Exception("2201W", "LIMIT must not be negative");
    }
  }
  if (offset_expr) {
    Value v = ExpressionExecutor::EvaluateScalar(state, *offset_expr);
    offset = v.IsNull() ? 0 : CastValue(v, TypeId::kBigInt).GetInt();
    if (offset < 0) throw Exception("2201X", "OFFSET must not be negative");
  }
}

std::unique_ptr<OperatorState> PhysicalLimit::InitOperator(ExecState& state) {
  auto st = std::make_unique<LimitState>();
  st->limit = limit_value;
  st->offset = offset_value;
  EvaluateLimitOffset(state, limit_expression.get(), offset_expression.get(), st->limit,
                      st->offset);
  return st;
}

bool PhysicalLimit::Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
                            const ChunkConsumer& out) {
  auto& st = static_cast<LimitState&>(*op_state);
  if (st.limit >= 0 && st.emitted >= st.limit) return false;
  int64_t n = static_cast<int64_t>(input.size());
  int64_t start = 0;
  if (st.skipped < st.offset) {
    start = std::min(n, st.offset - st.skipped);
    st.skipped += start;
  }
  int64_t take = n - start;
  if (st.limit >= 0) take = std::min(take, st.limit - st.emitted);
  if (take > 0) {
    if (start != 0 || take != n) {
      std::vector<uint32_t> sel(take);
      for (int64_t i = 0; i < take; i++) sel[i] = static_cast<uint32_t>(start + i);
      input.Slice(sel);
    }
    st.emitted += take;
    if (!out(input)) return false;
  }
  return !(st.limit >= 0 && st.emitted >= st.limit);
}

std::string PhysicalLimit::Params() const {
  std::string s;
  if (limit_expression) {
    s = "limit " + limit_expression->text;
  } else if (limit_value >= 0) {
    s = "limit " + std::to_string(limit_value);
  }
  if (offset_expression) {
    s += (s.empty() ? "" : " ") + std::string("offset ") + offset_expression->text;
  } else if (offset_value > 0) {
    s += (s.empty() ? "" : " ") + std::string("offset ") + std::to_string(offset_value);
  }
  return s;
}

std::unique_ptr<OperatorState> PhysicalDistinct::InitOperator(ExecState& state) {
  return std::make_unique<DistinctState>();
}

bool PhysicalDistinct::Execute(ExecState& state, OperatorState* op_state, DataChunk& input,
                               const ChunkConsumer& out) {
  auto& st = static_cast<DistinctState&>(*op_state);
  size_t n = input.size();
  std::vector<Vector> key_vectors;
  std::vector<const Vector*> cols;
  if (keys.empty()) {
    for (size_t c = 0; c < input.ColumnCount(); c++) cols.push_back(&input.column(c));
  } else {
    key_vectors.resize(keys.size());
    for (size_t k = 0; k < keys.size(); k++) {
      ExpressionExecutor::Execute(state, *keys[k], input, key_vectors[k]);
      cols.push_back(&key_vectors[k]);
    }
  }
  if (!st.seen) {
    std::vector<LogicalType> key_types;
    for (auto* c : cols) key_types.push_back(c->type());
    st.seen = std::make_unique<RowHashSet>(key_types);
  }
  std::vector<uint8_t> is_new;
  uint64_t bytes = st.seen->Insert(cols, n, is_new);
  std::vector<uint32_t> sel;
  for (size_t i = 0; i < n; i++) {
    if (is_new[i]) sel.push_back(static_cast<uint32_t>(i));
  }
  state.Allocate(bytes, "DISTINCT");
  if (sel.empty()) return true;
  if (sel.size() != n) input.Slice(sel);
  return out(input);
}

}  // namespace kadedb
