// The push-based pipeline drivers of the three operator shapes, and ExecState's helpers.
#include "execution/physical_operator.hpp"

#include "common/exception.hpp"

namespace kadedb {

const Value& ExecState::LookupOuter(const ColumnBinding& binding) const {
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    for (size_t i = 0; i < it->bindings.size(); i++) {
      if (it->bindings[i] == binding) return it->values[i];
    }
  }
  ThrowInternal("correlated column (" + std::to_string(binding.table_index) + "." +
                std::to_string(binding.column_index) + ") not found in outer frames");
}

void ExecState::Allocate(uint64_t bytes, const char* what) {
  memory_used_ += bytes;
  if (context.memory_limit != 0 && memory_used_ > context.memory_limit) {
    throw Exception(sqlstate::kOutOfMemory, "out of memory", 0,
                    std::string("Failed on request of size ") + std::to_string(bytes) + " in " +
                        what + "; query memory limit is " + std::to_string(context.memory_limit) +
                        " bytes.");
  }
}

void ExecState::CheckInterrupt() const {
  if (context.interrupted && context.interrupted->load(std::memory_order_relaxed)) {
    throw Exception("57014", "canceling statement due to user request");
  }
}

PhysicalOperator* ExecState::SwitchProfile(PhysicalOperator* op) {
  auto now = std::chrono::steady_clock::now();
  if (current_op) {
    current_op->self_nanos +=
        std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_switch).count();
  }
  last_switch = now;
  PhysicalOperator* previous = current_op;
  current_op = op;
  return previous;
}

bool PhysicalOperator::Emit(ExecState& state, DataChunk& chunk, const ChunkConsumer& consume) {
  if (chunk.size() == 0) return true;
  rows_out += chunk.size();
  return consume(chunk);
}

bool PhysicalSource::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  auto source_state = InitSource(state);
  DataChunk chunk;
  while (true) {
    state.CheckInterrupt();
    chunk.Initialize(types, 0);
    if (!GetData(state, source_state.get(), chunk)) {
      if (chunk.size() > 0 && !Emit(state, chunk, consume)) return false;
      return true;
    }
    if (!Emit(state, chunk, consume)) return false;
  }
}

bool PhysicalStreamingOperator::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  auto op_state = InitOperator(state);
  bool downstream_stopped = false;
  ChunkConsumer out = [&](DataChunk& chunk) {
    if (!Emit(state, chunk, consume)) {
      downstream_stopped = true;
      return false;
    }
    return true;
  };
  children[0]->Run(state, [&](DataChunk& input) {
    ProfileScope inner(state, this);
    return Execute(state, op_state.get(), input, out);
  });
  if (downstream_stopped) return false;
  return FinishExecute(state, op_state.get(), out);
}

bool PhysicalSink::Run(ExecState& state, const ChunkConsumer& consume) {
  ProfileScope scope(state, this);
  auto sink_state = InitSink(state);
  for (size_t i = 0; i < children.size(); i++) {
    children[i]->Run(state, [&](DataChunk& input) {
      ProfileScope inner(state, this);
      Sink(state, sink_state.get(), input, i);
      return true;
    });
  }
  Finalize(state, sink_state.get());
  DataChunk chunk;
  while (true) {
    state.CheckInterrupt();
    chunk.Initialize(types, 0);
    bool more = GetData(state, sink_state.get(), chunk);
    if (chunk.size() > 0 && !Emit(state, chunk, consume)) return false;
    if (!more) return true;
  }
}

void CollectAll(PhysicalOperator& op, ExecState& state, std::vector<DataChunk>& out) {
  op.Run(state, [&](DataChunk& chunk) {
    out.push_back(std::move(chunk));
    return true;
  });
}

void CollectAll(PhysicalOperator& op, ExecState& state, RowCollection& out) {
  out.Initialize(op.types);
  op.Run(state, [&](DataChunk& chunk) {
    state.Allocate(out.Append(chunk), "materialization");
    return true;
  });
}

}  // namespace kadedb
