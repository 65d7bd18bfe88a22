// Boolean expression kinds: AND / OR / NOT (three-valued logic), IS [NOT] NULL,
// IS [NOT] DISTINCT FROM and IN / NOT IN lists with SQL's NULL rules.
#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

static void MakeBool(Vector& result, size_t count) {
  result = Vector(LogicalType(TypeId::kBoolean));
  result.Resize(count);
}

namespace {

// The input column e reads without changing values (a column reference: the binder emits no cast
// that would only relabel a string column, see MakeCast), or nullptr.
const Vector* PlainColumn(const ExprNode& e, DataChunk& chunk) {
  if (e.kind != BoundExpressionKind::kColumnRef || e.outer) return nullptr;
  const Vector& v = chunk.column(e.column);
  return v.size() == chunk.size() ? &v : nullptr;
}

}  // namespace

// x [NOT] IN (constants) over an integer or string x: typed comparisons against the constants,
// without broadcasting each of them to a vector. False when not applicable (the generic path
// runs).
bool ExpressionExecutor::ExecuteConstantIn(ExecState& state, ExprNode& expr, DataChunk& chunk,
                                           Vector& result) {
  size_t count = chunk.size();
  bool has_null_item = false;
  for (size_t c = 1; c < expr.children.size(); c++) {
    if (expr.children[c]->kind != BoundExpressionKind::kConstant) return false;
  }
  PhysicalType phys = PhysicalOf(expr.children[0]->type);
  if (phys != PhysicalType::kInt64 && phys != PhysicalType::kString) return false;
  Vector owned;
  const Vector* left = PlainColumn(*expr.children[0], chunk);
  if (left == nullptr) {
    Execute(state, *expr.children[0], chunk, owned);
    left = &owned;
  }
  if (left->physical() != phys) return false;
  std::vector<int64_t> ints;
  std::vector<std::string> strings;
  for (size_t c = 1; c < expr.children.size(); c++) {
    Value v = expr.children[c]->value;
    if (v.IsNull()) {
      has_null_item = true;
      continue;
    }
    if (PhysicalOf(v.type()) != phys) {
      // Same cast as the generic path (item to the left's type), once per constant.
      Vector one(v.type());
      one.Append(v);
      Vector cast(left->type());
      CastVector(one, 1, left->type(), cast);
      if (cast.IsNull(0)) {
        has_null_item = true;
        continue;
      }
      v = cast.GetValue(0);
    }
    if (phys == PhysicalType::kInt64) {
      ints.push_back(v.GetInt());
    } else {
      strings.push_back(v.GetString());
    }
  }
  bool negate = expr.kind == BoundExpressionKind::kNotIn;
  const auto& lv = left->validity();
  MakeBool(result, count);
  auto& rd = result.ints();
  auto& rv = result.validity();
  auto finish = [&](size_t i, bool found) {
    if (!lv[i]) {
      rv[i] = 0;
    } else if (found) {
      rd[i] = negate ? 0 : 1;
    } else if (has_null_item) {
      rv[i] = 0;
    } else {
      rd[i] = negate ? 1 : 0;
    }
  };
  if (phys == PhysicalType::kInt64) {
    const auto& d = left->ints();
    for (size_t i = 0; i < count; i++) {
      bool found = false;
      for (int64_t c : ints) found |= d[i] == c;
      finish(i, found);
    }
  } else {
    const auto& d = left->strings();
    for (size_t i = 0; i < count; i++) {
      bool found = false;
      for (const std::string& c : strings) {
        if (d[i] == c) {
          found = true;
          break;
        }
      }
      finish(i, found);
    }
  }
  return true;
}

void ExpressionExecutor::ExecuteLogic(ExecState& state, ExprNode& expr, DataChunk& chunk,
                                      Vector& result) {
  size_t count = chunk.size();
  switch (expr.kind) {
    case BoundExpressionKind::kAnd:
    case BoundExpressionKind::kOr: {
      bool is_and = expr.kind == BoundExpressionKind::kAnd;
      // decided[i]: a FALSE (AND) / TRUE (OR) was seen; has_null[i]: a NULL was seen.
      std::vector<uint8_t> decided(count, 0), has_null(count, 0);
      Vector child;
      for (auto& c : expr.children) {
        Execute(state, *c, chunk, child);
        const auto& v = child.validity();
        const auto& d = child.ints();
        for (size_t i = 0; i < count; i++) {
          if (!v[i]) {
            has_null[i] = 1;
          } else if ((d[i] != 0) != is_and) {
            decided[i] = 1;
          }
        }
      }
      MakeBool(result, count);
      auto& rd = result.ints();
      auto& rv = result.validity();
      for (size_t i = 0; i < count; i++) {
        if (decided[i]) {
          rd[i] = is_and ? 0 : 1;
        } else if (has_null[i]) {
          rv[i] = 0;
        } else {
          rd[i] = is_and ? 1 : 0;
        }
      }
      return;
    }
    case BoundExpressionKind::kNot: {
      Execute(state, *expr.children[0], chunk, result);
      auto& d = result.ints();
      for (size_t i = 0; i < count; i++) d[i] = d[i] ? 0 : 1;
      return;
    }
    case BoundExpressionKind::kIsNull:
    case BoundExpressionKind::kIsNotNull: {
      Vector child;
      Execute(state, *expr.children[0], chunk, child);
      bool want_null = expr.kind == BoundExpressionKind::kIsNull;
      MakeBool(result, count);
      const auto& v = child.validity();
      auto& rd = result.ints();
      for (size_t i = 0; i < count; i++) rd[i] = (v[i] == 0) == want_null ? 1 : 0;
      return;
    }
    case BoundExpressionKind::kIsDistinctFrom:
    case BoundExpressionKind::kIsNotDistinctFrom: {
      Vector a, b;
      Execute(state, *expr.children[0], chunk, a);
      Execute(state, *expr.children[1], chunk, b);
      if (a.physical() != b.physical()) {
        Vector cast(a.type());
        CastVector(b, count, a.type(), cast);
        b = std::move(cast);
      }
      bool distinct = expr.kind == BoundExpressionKind::kIsDistinctFrom;
      MakeBool(result, count);
      auto& rd = result.ints();
      for (size_t i = 0; i < count; i++) rd[i] = ValuesEqual(a, i, b, i) != distinct ? 1 : 0;
      return;
    }
    case BoundExpressionKind::kIn:
    case BoundExpressionKind::kNotIn: {
      if (ExecuteConstantIn(state, expr, chunk, result)) return;
      Vector left;
      Execute(state, *expr.children[0], chunk, left);
      std::vector<uint8_t> found(count, 0), saw_null(count, 0);
      const auto& lv = left.validity();
      Vector item;
      for (size_t c = 1; c < expr.children.size(); c++) {
        Execute(state, *expr.children[c], chunk, item);
        if (item.physical() != left.physical()) {
          Vector cast(left.type());
          CastVector(item, count, left.type(), cast);
          item = std::move(cast);
        }
        const auto& iv = item.validity();
        for (size_t i = 0; i < count; i++) {
          if (found[i]) continue;
          if (!lv[i] || !iv[i]) {
            saw_null[i] = 1;
          } else if (CompareValues(left, i, item, i) == 0) {
            found[i] = 1;
          }
        }
      }
      bool negate = expr.kind == BoundExpressionKind::kNotIn;
      MakeBool(result, count);
      auto& rd = result.ints();
      auto& rv = result.validity();
      for (size_t i = 0; i < count; i++) {
        if (found[i]) {
          rd[i] = negate ? 0 : 1;
        } else if (saw_null[i]) {
          rv[i] = 0;
        } else {
          rd[i] = negate ? 1 : 0;
        }
      }
      return;
    }
    default:
      ThrowInternal("ExecuteLogic: unexpected kind");
  }
}

void ExpressionExecutor::ExecuteCase(ExecState& state, ExprNode& expr, DataChunk& chunk,
                                     Vector& result) {
  size_t count = chunk.size();
  result = Vector(expr.type);
  result.Resize(count);
  std::fill(result.validity().begin(), result.validity().end(), 0);
  // remaining: rows (of chunk) not yet decided by an earlier WHEN.
  std::vector<uint32_t> remaining(count);
  for (size_t i = 0; i < count; i++) remaining[i] = static_cast<uint32_t>(i);
  size_t pairs = (expr.children.size() - 1) / 2;
  DataChunk sub;
  auto eval_on = [&](ExprNode& e, const std::vector<uint32_t>& rows, Vector& out) {
    if (e.kind == BoundExpressionKind::kConstant) {
      // A constant branch (often ELSE 0) needs no slice of the chunk's columns.
      out = Vector(e.type);
      BroadcastValue(e.value, rows.size(), out);
    } else if (rows.size() == count) {
      Execute(state, e, chunk, out);
    } else {
      SliceChunk(chunk, rows, sub);
      Execute(state, e, sub, out);
    }
    if (out.physical() != result.physical()) {
      Vector cast(expr.type);
      CastVector(out, rows.size(), expr.type, cast);
      out = std::move(cast);
    }
  };
  Vector cond, value;
  for (size_t p = 0; p < pairs && !remaining.empty(); p++) {
    if (remaining.size() == count) {
      Execute(state, *expr.children[2 * p], chunk, cond);
    } else {
      SliceChunk(chunk, remaining, sub);
      Execute(state, *expr.children[2 * p], sub, cond);
    }
    std::vector<uint32_t> hit, miss;
    const auto& cv = cond.validity();
    const auto& cd = cond.ints();
    for (size_t k = 0; k < remaining.size(); k++) {
      if (cv[k] && cd[k]) {
        hit.push_back(remaining[k]);
      } else {
        miss.push_back(remaining[k]);
      }
    }
    if (!hit.empty()) {
      eval_on(*expr.children[2 * p + 1], hit, value);
      ScatterVector(value, hit, result);
    }
    remaining.swap(miss);
  }
  if (!remaining.empty()) {
    eval_on(*expr.children.back(), remaining, value);
    ScatterVector(value, remaining, result);
  }
}

}  // namespace kadedb
