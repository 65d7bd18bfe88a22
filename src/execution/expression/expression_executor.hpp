// ExpressionExecutor: evaluates compiled expressions (ExprNode) over DataChunks, vectorized.
//
// NULL handling follows SQL: strict functions give NULL for rows with a NULL argument (the
// function is not called for them), AND/OR use three-valued logic, CASE evaluates each branch
// only for the rows that reach it, IN / ANY / ALL give NULL when no match was found but a NULL
// was compared.
#pragma once

#include <cstdint>
#include <vector>

#include "execution/expression/expression_node.hpp"

namespace kadedb {

class ExpressionExecutor {
 public:
  // Evaluates expr over the chunk's rows; result becomes a vector of expr.type with
  // chunk.size() rows.
  static void Execute(ExecState& state, ExprNode& expr, DataChunk& chunk, Vector& result);
  // Evaluates a boolean expression and lists the rows where it is true (NULL is not true).
  // Returns sel.size().
  static size_t Select(ExecState& state, ExprNode& expr, DataChunk& chunk,
                       std::vector<uint32_t>& sel);
  // Evaluates an expression without column references once (LIMIT, index bounds, defaults).
  static Value EvaluateScalar(ExecState& state, ExprNode& expr);

  // Kind families (one file each).
  static void ExecuteLogic(ExecState& state, ExprNode& expr, DataChunk& chunk, Vector& result);
  static void ExecuteCase(ExecState& state, ExprNode& expr, DataChunk& chunk, Vector& result);
  static void ExecuteSubquery(ExecState& state, ExprNode& expr, DataChunk& chunk, Vector& result);
  static void ExecuteFunction(ExecState& state, ExprNode& expr, DataChunk& chunk, Vector& result);
  // [NOT] IN over constants only (expression_logic.cpp); false when not applicable.
  static bool ExecuteConstantIn(ExecState& state, ExprNode& expr, DataChunk& chunk, Vector& result);
};

// Keeps the rows sel[0..n) of chunk in a new chunk.
void SliceChunk(const DataChunk& chunk, const std::vector<uint32_t>& sel, DataChunk& out);
// dst[sel[k]] = src[k] for k < sel.size(). REQUIRES: same physical class, dst sized.
void ScatterVector(const Vector& src, const std::vector<uint32_t>& sel, Vector& dst);

}  // namespace kadedb
