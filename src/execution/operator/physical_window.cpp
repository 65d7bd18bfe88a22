// PhysicalWindow: materialisation, sorting per window specification, partition / peer-group
// layout and output; the plan of a LogicalWindow.
#include "execution/operator/physical_window.hpp"

#include <algorithm>

#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "execution/operator/physical_order.hpp"
#include "execution/physical_plan_generator.hpp"

namespace kadedb {

namespace {

struct WindowSinkState : OperatorState {
  RowCollection rows;
  std::vector<RowCollection> inputs;  // per window: its children's values
  std::vector<Vector> results;        // per window, indexed by input row
  std::vector<uint64_t> out_order;
  size_t emit = 0;
  uint64_t bytes = 0;
};

bool KeysEqual(const RowCollection& keys, size_t count, size_t a, size_t b) {
  for (size_t k = 0; k < count; k++) {
    const Vector& v = keys.column(k);
    bool an = v.IsNull(a), bn = v.IsNull(b);
    if (an || bn) {
      if (an != bn) return false;
      continue;
    }
    if (CompareValues(v, a, v, b) != 0) return false;
  }
  return true;
}

// Sorts the rows by w's PARTITION BY and ORDER BY keys and fills layout.
void BuildLayout(const PhysicalWindowInfo& w, const RowCollection& inputs, size_t n,
                 WindowLayout& layout) {
  const BoundWindow& def = w.def;
  size_t partitions = def.partition_count;
  size_t key_count = partitions + def.OrderCount();
  std::vector<LogicalType> key_types;
  std::vector<SortKey> keys(key_count);
  for (size_t k = 0; k < key_count; k++) {
    key_types.push_back(inputs.types()[def.PartitionOffset() + k]);
    if (k >= partitions) {
      keys[k].descending = def.order_types[k - partitions] == OrderType::kDescending;
      keys[k].nulls_first = def.null_orders[k - partitions] == NullOrder::kNullsFirst;
    }
  }
  RowCollection key_rows(key_types);
  for (size_t k = 0; k < key_count; k++) {
    AppendVector(key_rows.column(k), inputs.column(def.PartitionOffset() + k), n);
  }
  key_rows.SetCount(n);
  layout.order.resize(n);
  for (size_t i = 0; i < n; i++) layout.order[i] = i;
  if (key_count > 0) {
    std::sort(layout.order.begin(), layout.order.end(), [&](uint64_t a, uint64_t b) {
      int c = CompareSortRows(keys, key_rows, a, b);
      return c != 0 ? c < 0 : a < b;
    });
  }
  layout.partition_start.resize(n);
  layout.partition_end.resize(n);
  layout.peer_start.resize(n);
  layout.peer_end.resize(n);
  layout.group.resize(n);
  layout.group_start.clear();
  size_t part_begin = 0, peer_begin = 0;
  for (size_t i = 0; i <= n; i++) {
    bool new_partition =
        i == n || (i > 0 && !KeysEqual(key_rows, partitions, layout.order[i - 1], layout.order[i]));
    bool new_peer = new_partition || (i > 0 && !KeysEqual(key_rows, key_count, layout.order[i - 1],
                                                          layout.order[i]));
    if (i > 0 && new_peer) {
      for (size_t p = peer_begin; p < i; p++) layout.peer_end[p] = i;
      peer_begin = i;
    }
    if (i > 0 && new_partition) {
      for (size_t p = part_begin; p < i; p++) layout.partition_end[p] = i;
      part_begin = i;
    }
    if (i == n) break;
    if (i == 0 || new_peer) layout.group_start.push_back(i);
    layout.partition_start[i] = part_begin;
    layout.peer_start[i] = peer_begin;
    layout.group[i] = layout.group_start.size() - 1;
  }
  layout.group_start.push_back(n);
}

}  // namespace

std::unique_ptr<OperatorState> PhysicalWindow::InitSink(ExecState& state) {
  auto st = std::make_unique<WindowSinkState>();
  st->rows.Initialize(child_types);
  for (auto& w : windows) {
    std::vector<LogicalType> types;
    for (auto& c : w.children) types.push_back(c->type);
    st->inputs.emplace_back(types);
  }
  return st;
}

void PhysicalWindow::Sink(ExecState& state, OperatorState* sink_state, DataChunk& input,
                          size_t child_index) {
  auto& st = static_cast<WindowSinkState&>(*sink_state);
  uint64_t bytes = st.rows.Append(input);
  for (size_t w = 0; w < windows.size(); w++) {
    DataChunk values;
    for (auto& c : windows[w].children) {
      Vector v;
      ExpressionExecutor::Execute(state, *c, input, v);
      values.AddColumn(std::move(v));
    }
    values.SetSize(input.size());
    if (windows[w].children.empty()) {
      st.inputs[w].SetCount(st.inputs[w].size() + input.size());
    } else {
      bytes += st.inputs[w].Append(values);
    }
  }
  st.bytes += bytes;
  state.Allocate(bytes, "WINDOW");
}

void PhysicalWindow::Finalize(ExecState& state, OperatorState* sink_state) {
  auto& st = static_cast<WindowSinkState&>(*sink_state);
  size_t n = st.rows.size();
  st.results.resize(windows.size());
  WindowLayout layout;
  for (size_t g = 0; g < sort_group_count; g++) {
    bool built = false;
    for (size_t w = 0; w < windows.size(); w++) {
      if (windows[w].sort_group != g) continue;
      state.CheckInterrupt();
      if (!built) {
        BuildLayout(windows[w], st.inputs[w], n, layout);
        uint64_t bytes = n * 8 * 6;
        st.bytes += bytes;
        state.Allocate(bytes, "WINDOW");
        built = true;
      }
      Vector& result = st.results[w];
      result = Vector(windows[w].return_type);
      result.Resize(n);
      ComputeWindow(state, windows[w], st.inputs[w], layout, result);
      uint64_t bytes = VectorBytes(result, n);
      st.bytes += bytes;
      state.Allocate(bytes, "WINDOW");
    }
  }
  if (sort_group_count == 0 || layout.order.size() != n) {
    layout.order.resize(n);
    for (size_t i = 0; i < n; i++) layout.order[i] = i;
  }
  st.out_order = std::move(layout.order);
  st.inputs.clear();
}

bool PhysicalWindow::GetData(ExecState& state, OperatorState* sink_state, DataChunk& out) {
  auto& st = static_cast<WindowSinkState&>(*sink_state);
  size_t count = std::min(kStandardVectorSize, st.out_order.size() - st.emit);
  const uint64_t* idx = st.out_order.data() + st.emit;
  st.rows.Gather(idx, count, out);
  for (auto& r : st.results) {
    Vector v(r.type());
    AppendVectorIdx(v, r, idx, count);
    out.AddColumn(std::move(v));
  }
  st.emit += count;
  if (st.emit >= st.out_order.size()) {
    state.Free(st.bytes);
    st.bytes = 0;
    return false;
  }
  return true;
}

std::string PhysicalWindow::Params() const {
  std::string s;
  for (size_t i = 0; i < windows.size(); i++) {
    if (i) s += ", ";
    s += windows[i].text;
  }
  return s;
}

PhysicalOperatorPtr PlanPhysicalWindow(PhysicalPlanGenerator& generator, LogicalOperator& op) {
  auto& window = static_cast<LogicalWindow&>(op);
  auto child = generator.Plan(*op.children[0]);
  auto input = op.children[0]->GetColumnBindings();
  auto phys = std::make_unique<PhysicalWindow>(op.types);
  phys->child_types = op.children[0]->types;
  // Windows with the same PARTITION BY / ORDER BY keys share a sort.
  std::vector<size_t> group_owner;  // sort group -> window index defining it
  for (size_t i = 0; i < window.windows.size(); i++) {
    const BoundWindow& def = window.windows[i];
    const BoundExpression& call = *window.expressions[i];
    PhysicalWindowInfo info;
    info.def = def;
    info.return_type = call.return_type;
    info.text = def.ToString(call);
    for (auto& c : call.children) info.children.push_back(generator.Compile(*c, input));
    if (def.function == WindowFunctionKind::kAggregate) {
      const AggregateFunction* f = def.aggregate.function;
      if (!f || !f->make_kernel) ThrowInternal("window aggregate without a resolved function");
      info.kernel = f->make_kernel(def.aggregate.arg_types, def.aggregate.return_type);
    }
    info.sort_group = group_owner.size();
    for (size_t g = 0; g < group_owner.size(); g++) {
      const BoundWindow& other = window.windows[group_owner[g]];
      const BoundExpression& other_call = *window.expressions[group_owner[g]];
      if (other.partition_count != def.partition_count || other.order_types != def.order_types ||
          other.null_orders != def.null_orders) {
        continue;
      }
      bool same = true;
      size_t keys = def.partition_count + def.OrderCount();
      for (size_t k = 0; k < keys && same; k++) {
        same = call.children[def.PartitionOffset() + k]->Equals(
            *other_call.children[other.PartitionOffset() + k]);
      }
      if (same) {
        info.sort_group = g;
        break;
      }
    }
    if (info.sort_group == group_owner.size()) group_owner.push_back(i);
    phys->windows.push_back(std::move(info));
  }
  phys->sort_group_count = group_owner.size();
  phys->children.push_back(std::move(child));
  return phys;
}

}  // namespace kadedb
