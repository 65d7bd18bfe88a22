// Expression evaluation: dispatch, constants, column references, parameters, casts and scalar
// function calls.
#include "execution/expression/expression_executor.hpp"

#include "common/exception.hpp"
#include "function/cast/cast.hpp"
#include "function/scalar/operators/arithmetic_numeric.hpp"

namespace kadedb {

void SliceChunk(const DataChunk& chunk, const std::vector<uint32_t>& sel, DataChunk& out) {
  out.Initialize(chunk.Types(), 0);
  for (size_t c = 0; c < chunk.ColumnCount(); c++) {
    AppendVectorSel(out.column(c), chunk.column(c), sel.data(), sel.size());
  }
  out.SetSize(sel.size());
}

void ScatterVector(const Vector& src, const std::vector<uint32_t>& sel, Vector& dst) {
  auto& dv = dst.validity();
  const auto& sv = src.validity();
  size_t n = sel.size();
  for (size_t k = 0; k < n; k++) dv[sel[k]] = sv[k];
  switch (dst.physical()) {
    case PhysicalType::kInt64:
      for (size_t k = 0; k < n; k++) dst.ints()[sel[k]] = src.ints()[k];
      break;
    case PhysicalType::kDouble:
      for (size_t k = 0; k < n; k++) dst.doubles()[sel[k]] = src.doubles()[k];
      break;
    case PhysicalType::kDecimal:
      for (size_t k = 0; k < n; k++) dst.decimals()[sel[k]] = src.decimals()[k];
      break;
    case PhysicalType::kString:
      for (size_t k = 0; k < n; k++) dst.strings()[sel[k]] = src.strings()[k];
      break;
    case PhysicalType::kInterval:
      for (size_t k = 0; k < n; k++) dst.intervals()[sel[k]] = src.intervals()[k];
      break;
  }
}

static void CastInto(Vector& v, size_t count, const LogicalType& type) {
  if (v.type() == type) return;
  if (PhysicalOf(v.type()) == PhysicalOf(type) && v.type().id == type.id) {
    v.Retype(type);
    return;
  }
  Vector out(type);
  CastVector(v, count, type, out, CastStrength::kExplicit);
  v = std::move(out);
}

void ExpressionExecutor::Execute(ExecState& state, ExprNode& expr, DataChunk& chunk,
                                 Vector& result) {
  size_t count = chunk.size();
  switch (expr.kind) {
    case BoundExpressionKind::kConstant:
      result = Vector(expr.type);
      BroadcastValue(expr.value, count, result);
      return;
    case BoundExpressionKind::kColumnRef:
      if (expr.outer) {
        result = Vector(expr.type);
        Value v = state.LookupOuter(expr.binding);
        if (!v.IsNull() && v.type() != expr.type) v = CastValue(v, expr.type);
        BroadcastValue(v, count, result);
        return;
      }
      result = chunk.column(expr.column);
      if (result.size() != count) result.Resize(count);
      // The binder relabels a string column in place (varchar(n) read as text): same values.
      if (result.type() != expr.type && expr.type.IsString() && result.type().IsString()) {
        result.Retype(expr.type);
      }
      return;
    case BoundExpressionKind::kParameter: {
      const auto* params = state.context.parameters;
      if (!params || expr.parameter_index >= params->size()) {
        throw Exception(sqlstate::kUndefinedParameter,
                        "there is no parameter $" + std::to_string(expr.parameter_index + 1));
      }
      Value v = (*params)[expr.parameter_index];
      if (expr.type.id != TypeId::kNull && !v.IsNull() && v.type() != expr.type) {
        v = CastValue(v, expr.type);
      }
      result = Vector(expr.type.id == TypeId::kNull ? v.type() : expr.type);
      BroadcastValue(v, count, result);
      return;
    }
    case BoundExpressionKind::kFunction:
      ExecuteFunction(state, expr, chunk, result);
      return;
    case BoundExpressionKind::kCast: {
      Vector child;
      Execute(state, *expr.children[0], chunk, child);
      if (child.type() == expr.type) {
        result = std::move(child);
        return;
      }
      result = Vector(expr.type);
      CastVector(child, count, expr.type, result, CastStrength::kExplicit);
      return;
    }
    case BoundExpressionKind::kAnd:
    case BoundExpressionKind::kOr:
    case BoundExpressionKind::kNot:
    case BoundExpressionKind::kIsNull:
    case BoundExpressionKind::kIsNotNull:
    case BoundExpressionKind::kIsDistinctFrom:
    case BoundExpressionKind::kIsNotDistinctFrom:
    case BoundExpressionKind::kIn:
    case BoundExpressionKind::kNotIn:
      ExecuteLogic(state, expr, chunk, result);
      return;
    case BoundExpressionKind::kCase:
      ExecuteCase(state, expr, chunk, result);
      return;
    case BoundExpressionKind::kSubquery:
      ExecuteSubquery(state, expr, chunk, result);
      return;
    case BoundExpressionKind::kAggregateCall:
    case BoundExpressionKind::kWindowCall:
      ThrowInternal("aggregate or window call outside its operator");
  }
}

// COALESCE evaluates each argument only for the rows still NULL after the previous ones (as
// PostgreSQL, so COALESCE(1, 1/0) does not fail).
static void ExecuteCoalesce(ExecState& state, ExprNode& expr, DataChunk& chunk, Vector& result) {
  size_t count = chunk.size();
  result = Vector(expr.type);
  result.Resize(count);
  std::fill(result.validity().begin(), result.validity().end(), 0);
  std::vector<uint32_t> remaining(count);
  for (size_t i = 0; i < count; i++) remaining[i] = static_cast<uint32_t>(i);
  DataChunk sub;
  Vector v;
  for (auto& child : expr.children) {
    if (remaining.empty()) break;
    if (remaining.size() == count) {
      ExpressionExecutor::Execute(state, *child, chunk, v);
    } else {
      SliceChunk(chunk, remaining, sub);
      ExpressionExecutor::Execute(state, *child, sub, v);
    }
    if (v.type() != expr.type && expr.type.id != TypeId::kNull)
      CastInto(v, remaining.size(), expr.type);
    std::vector<uint32_t> hit, still_null;
    std::vector<uint32_t> hit_pos;
    for (size_t k = 0; k < remaining.size(); k++) {
      if (v.IsNull(k)) {
        still_null.push_back(remaining[k]);
      } else {
        hit.push_back(remaining[k]);
        hit_pos.push_back(static_cast<uint32_t>(k));
      }
    }
    if (!hit.empty()) {
      if (hit.size() != remaining.size()) v.Slice(hit_pos);
      ScatterVector(v, hit, result);
    }
    remaining.swap(still_null);
  }
}

void ExpressionExecutor::ExecuteFunction(ExecState& state, ExprNode& expr, DataChunk& chunk,
                                         Vector& result) {
  size_t count = chunk.size();
  if (expr.function->name == "coalesce") {
    ExecuteCoalesce(state, expr, chunk, result);
    return;
  }
  if (expr.function->strict) {
    // A NULL constant argument makes a strict call NULL without evaluating the others
    // (PostgreSQL folds it at plan time).
    for (auto& c : expr.children) {
      if (c->kind == BoundExpressionKind::kConstant && c->value.IsNull()) {
        result = Vector(expr.type);
        result.Resize(count);
        std::fill(result.validity().begin(), result.validity().end(), 0);
        return;
      }
    }
  }
  // Arguments: plain column references of the right type are read in place (no copy); so is a
  // numeric(p,s) column passed as numeric (CastInto would only retype it), which also lets the
  // decimal kernels see the column's fixed scale.
  size_t nargs = expr.children.size();
  std::vector<Vector> owned(nargs);
  std::vector<const Vector*> arg_ptrs(nargs);
  // Numeric + - * with one (non-NULL) constant operand: the other is evaluated first and the
  // constant only broadcast if the batch is outside ExecuteNumericConstant's path.
  int const_arg = -1;
  if (nargs == 2 && NumericKernelSizesResult(*expr.function)) {
    for (int i = 0; i < 2; i++) {
      const ExprNode& c = *expr.children[i];
      if (c.kind == BoundExpressionKind::kConstant && !c.value.IsNull() &&
          c.value.type().id == TypeId::kDecimal &&
          expr.children[1 - i]->kind != BoundExpressionKind::kConstant) {
        const_arg = i;
      }
    }
  }
  for (size_t i = 0; i < nargs; i++) {
    if (static_cast<int>(i) == const_arg) continue;
    const ExprNode& child = *expr.children[i];
    bool typed =
        i < expr.function_arg_types.size() && expr.function_arg_types[i].id != TypeId::kNull;
    if (child.kind == BoundExpressionKind::kColumnRef && !child.outer &&
        chunk.column(child.column).size() == count &&
        (!typed || chunk.column(child.column).type() == expr.function_arg_types[i] ||
         (chunk.column(child.column).type().id == TypeId::kDecimal &&
          expr.function_arg_types[i].id == TypeId::kDecimal))) {
      arg_ptrs[i] = &chunk.column(child.column);
      continue;
    }
    Execute(state, *expr.children[i], chunk, owned[i]);
    if (typed) CastInto(owned[i], count, expr.function_arg_types[i]);
    arg_ptrs[i] = &owned[i];
  }
  const ScalarFunction& fn = *expr.function;
  result = Vector(expr.type);
  if (const_arg >= 0) {
    if (ExecuteNumericConstant(fn, expr.children[const_arg]->value.GetDecimal(), const_arg == 0,
                               *arg_ptrs[1 - const_arg], count, result)) {
      return;
    }
    result = Vector(expr.type);
    Execute(state, *expr.children[const_arg], chunk, owned[const_arg]);
    if (const_arg < static_cast<int>(expr.function_arg_types.size()) &&
        expr.function_arg_types[const_arg].id != TypeId::kNull) {
      CastInto(owned[const_arg], count, expr.function_arg_types[const_arg]);
    }
    arg_ptrs[const_arg] = &owned[const_arg];
  }
  // Numeric + - * size their result themselves (one write per 32-byte slot, no zero-fill).
  bool sizes_result = NumericKernelSizesResult(fn);
  if (!sizes_result) result.Resize(count);
  if (!fn.strict || nargs == 0) {
    fn.exec(arg_ptrs, count, result, state.context.function_context);
    if (result.size() != count) result.Resize(count);
    return;
  }
  // Strict: rows with a NULL argument give NULL and are not passed to exec.
  std::vector<uint32_t> sel;
  bool any_null = false;
  for (auto* a : arg_ptrs) {
    // A branch-free AND over the validity bytes (vectorised): the byte loop with an early exit
    // cost as much as q1's decimal kernels themselves.
    const uint8_t* v = a->validity().data();
    uint8_t all = 1;
    for (size_t i = 0; i < count; i++) all &= v[i];
    if (!all) {
      any_null = true;
      break;
    }
  }
  if (!any_null) {
    fn.exec(arg_ptrs, count, result, state.context.function_context);
    if (result.size() != count) result.Resize(count);
    return;
  }
  if (sizes_result) result.Resize(count);  // the NULL-row path scatters into a sized result
  sel.reserve(count);
  for (size_t i = 0; i < count; i++) {
    bool ok = true;
    for (auto* a : arg_ptrs) {
      if (!a->validity()[i]) {
        ok = false;
        break;
      }
    }
    if (ok) sel.push_back(static_cast<uint32_t>(i));
  }
  auto& rv = result.validity();
  std::fill(rv.begin(), rv.end(), 0);
  if (sel.empty()) return;
  std::vector<Vector> sub(nargs);
  std::vector<const Vector*> sub_ptrs;
  for (size_t a = 0; a < nargs; a++) {
    sub[a] = Vector(arg_ptrs[a]->type());
    AppendVectorSel(sub[a], *arg_ptrs[a], sel.data(), sel.size());
    sub_ptrs.push_back(&sub[a]);
  }
  Vector sub_result(expr.type);
  sub_result.Resize(sel.size());
  fn.exec(sub_ptrs, sel.size(), sub_result, state.context.function_context);
  if (sub_result.size() != sel.size()) sub_result.Resize(sel.size());
  if (sub_result.physical() != result.physical()) {
    result = Vector(sub_result.type());
    result.Resize(count);
    std::fill(result.validity().begin(), result.validity().end(), 0);
  }
  ScatterVector(sub_result, sel, result);
}

size_t ExpressionExecutor::Select(ExecState& state, ExprNode& expr, DataChunk& chunk,
                                  std::vector<uint32_t>& sel) {
  sel.clear();
  size_t count = chunk.size();
  Vector v;
  Execute(state, expr, chunk, v);
  const auto& valid = v.validity();
  if (v.physical() != PhysicalType::kInt64) ThrowInternal("filter over a non-boolean value");
  const auto& d = v.ints();
  sel.reserve(count);
  for (size_t i = 0; i < count; i++) {
    if (valid[i] && d[i]) sel.push_back(static_cast<uint32_t>(i));
  }
  return sel.size();
}

Value ExpressionExecutor::EvaluateScalar(ExecState& state, ExprNode& expr) {
  DataChunk one;
  one.SetSize(1);
  Vector v;
  Execute(state, expr, one, v);
  return v.GetValue(0);
}

}  // namespace kadedb
