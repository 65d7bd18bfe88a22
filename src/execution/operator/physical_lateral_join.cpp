// PhysicalLateralJoin (see the header) and its physical planning.
#include "execution/operator/physical_lateral_join.hpp"

#include "execution/expression/expression_executor.hpp"
#include "execution/physical_plan_generator.hpp"
#include "planner/operator/logical_lateral_join.hpp"

namespace kadedb {

std::string PhysicalLateralJoin::Params() const {
  std::string s = join_type == LogicalJoinType::kLeft ? "(left)" : "(inner)";
  for (auto& c : condition) s += " " + c->text;
  return s;
}

bool PhysicalLateralJoin::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  PhysicalOperator& left = *children[0];
  PhysicalOperator& right = *children[1];
  size_t left_width = left_types.size();
  DataChunk out(types, 0);
  auto flush = [&]() {
    if (out.size() == 0) return true;
    bool go_on = Emit(state, out, consume);
    out.Initialize(types, 0);
    return go_on;
  };
  std::vector<DataChunk> right_rows;
  std::string previous_key, key;
  bool have_previous = false;
  return left.Run(state, [&](DataChunk& input) {
    size_t n = input.size();
    std::vector<Vector> values(correlated.size());
    for (size_t c = 0; c < correlated.size(); c++) {
      ExpressionExecutor::Execute(state, *correlated[c], input, values[c]);
    }
    for (size_t i = 0; i < n; i++) {
      state.CheckInterrupt();
      key.clear();
      for (auto& v : values) AppendKeyBytes(v, i, key);
      if (!have_previous || key != previous_key) {
        OuterFrame frame;
        frame.bindings = correlated_bindings;
        for (auto& v : values) frame.values.push_back(v.GetValue(i));
        state.frames.push_back(std::move(frame));
        right_rows.clear();
        try {
          CollectAll(right, state, right_rows);
        } catch (...) {
          state.frames.pop_back();
          throw;
        }
        state.frames.pop_back();
        previous_key = key;
        have_previous = true;
      }
      bool matched = false;
      for (auto& rc : right_rows) {
        size_t m = rc.size();
        if (m == 0) continue;
        DataChunk pairs(types, 0);
        for (size_t c = 0; c < left_width; c++) {
          BroadcastValue(input.column(c).GetValue(i), m, pairs.column(c));
        }
        for (size_t c = 0; c < rc.ColumnCount(); c++) pairs.column(left_width + c) = rc.column(c);
        pairs.SetSize(m);
        std::vector<uint32_t> sel;
        for (auto& p : condition) {
          if (pairs.size() == 0) break;
          ExpressionExecutor::Select(state, *p, pairs, sel);
          if (sel.size() != pairs.size()) pairs.Slice(sel);
        }
        if (pairs.size() == 0) continue;
        matched = true;
        for (size_t c = 0; c < types.size(); c++) {
          AppendVector(out.column(c), pairs.column(c), pairs.size());
        }
        out.SetSize(out.size() + pairs.size());
        if (out.size() >= kStandardVectorSize && !flush()) return false;
      }
      if (!matched && join_type == LogicalJoinType::kLeft) {
        for (size_t c = 0; c < left_width; c++) out.column(c).AppendFrom(input.column(c), i);
        for (size_t c = left_width; c < types.size(); c++) AppendNulls(out.column(c), 1);
        out.SetSize(out.size() + 1);
        if (out.size() >= kStandardVectorSize && !flush()) return false;
      }
    }
    return flush();
  });
}

PhysicalOperatorPtr PlanPhysicalLateralJoin(PhysicalPlanGenerator& gen, LogicalOperator& op) {
  auto& join = static_cast<LogicalLateralJoin&>(op);
  auto left_bindings = op.children[0]->GetColumnBindings();
  auto both = op.GetColumnBindings();
  auto phys = std::make_unique<PhysicalLateralJoin>(op.types, join.join_type);
  phys->left_types = op.children[0]->types;
  phys->right_types = op.children[1]->types;
  for (size_t i = 0; i < op.expressions.size(); i++) {
    auto& e = *op.expressions[i];
    if (i < join.correlated_count) {
      phys->correlated.push_back(gen.Compile(e, left_bindings));
      phys->correlated_bindings.push_back(e.binding);
    } else {
      phys->condition.push_back(gen.Compile(e, both));
    }
  }
  phys->children.push_back(gen.Plan(*op.children[0]));
  phys->children.push_back(gen.Plan(*op.children[1]));
  return phys;
}

}  // namespace kadedb
