// Small sources: the one-row dummy scan (SELECT without FROM), VALUES lists, and the
// generate_series table function. Memory: one chunk at a time.
#pragma once

#include "execution/expression/expression_node.hpp"

namespace kadedb {

class PhysicalDummyScan : public PhysicalSource {
 public:
  // The types spelled out: clang reads a bare {} as the (deleted) copy constructor.
  PhysicalDummyScan() : PhysicalSource(std::vector<LogicalType>{}) {}
  bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) override;
  std::string Name() const override { return "DUMMY_SCAN"; }
};

// VALUES: each row's expressions are evaluated when the row is produced.
class PhysicalExpressionGet : public PhysicalSource {
 public:
  explicit PhysicalExpressionGet(std::vector<LogicalType> types)
      : PhysicalSource(std::move(types)) {}
  std::vector<std::vector<ExprNodePtr>> rows;
  std::unique_ptr<OperatorState> InitSource(ExecState& state) override;
  bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) override;
  std::string Name() const override { return "VALUES"; }
  std::vector<const ExprNode*> Expressions() const override {
    std::vector<const ExprNode*> out;
    for (auto& r : rows) AddExpressions(r, out);
    return out;
  }
  std::string Params() const override { return std::to_string(rows.size()) + " rows"; }
};

// generate_series(start, stop [, step]) over integers, numerics or timestamps (interval step).
class PhysicalTableFunction : public PhysicalSource {
 public:
  PhysicalTableFunction(std::vector<LogicalType> types, std::string name)
      : PhysicalSource(std::move(types)), function_name(std::move(name)) {}
  std::string function_name;
  std::vector<ExprNodePtr> arguments;
  std::unique_ptr<OperatorState> InitSource(ExecState& state) override;
  bool GetData(ExecState& state, OperatorState* source_state, DataChunk& out) override;
  std::string Name() const override { return "TABLE_FUNCTION"; }
  std::string Params() const override { return function_name; }

  // Integer series split into morsels of kMorselRows values.
  static constexpr int64_t kMorselRows = 16 * kStandardVectorSize;
  bool ParallelSource() const override;
  std::unique_ptr<OperatorState> InitGlobalSource(ExecState& state) override;
  size_t MaxThreads(OperatorState* global) const override;
  std::unique_ptr<OperatorState> InitLocalSource(ExecState& state, OperatorState* global) override;
  bool GetDataParallel(ExecState& state, OperatorState* global, OperatorState* local,
                       DataChunk& out) override;
};

}  // namespace kadedb
