// PhysicalUnnest: see physical_unnest.hpp.
#include "execution/operator/physical_unnest.hpp"

#include <algorithm>

#include "common/array_format.hpp"
#include "execution/expression/expression_executor.hpp"

namespace kadedb {

namespace {

struct UnnestState : OperatorState {
  std::vector<std::vector<Value>> columns;  // decoded elements of each argument
  size_t rows = 0;
  size_t position = 0;
};

}  // namespace

std::unique_ptr<OperatorState> PhysicalUnnest::InitSource(ExecState& state) {
  auto st = std::make_unique<UnnestState>();
  for (auto& a : arguments) {
    Value v = ExpressionExecutor::EvaluateScalar(state, *a);
    st->columns.push_back(v.IsNull() ? std::vector<Value>{}
                                     : DecodeArray(v.GetString(), v.type().ElementType()));
    st->rows = std::max(st->rows, st->columns.back().size());
  }
  return st;
}

bool PhysicalUnnest::GetData(ExecState& state, OperatorState* source_state, DataChunk& out) {
  auto& st = static_cast<UnnestState&>(*source_state);
  out.Initialize(types, 0);
  size_t n = std::min(kStandardVectorSize, st.rows - st.position);
  for (size_t r = st.position; r < st.position + n; r++) {
    for (size_t c = 0; c < st.columns.size(); c++) {
      const auto& col = st.columns[c];
      out.column(c).Append(r < col.size() ? col[r] : Value::Null(types[c]));
    }
    if (with_ordinality) out.column(st.columns.size()).Append(Value::BigInt(r + 1));
  }
  st.position += n;
  out.SetSize(n);
  return st.position < st.rows;
}

}  // namespace kadedb
