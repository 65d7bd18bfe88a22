// Subquery expressions: scalar, EXISTS / NOT EXISTS, ANY / ALL (IN / NOT IN).
//
// An uncorrelated subquery runs once per statement (its result is cached under the empty key).
// A correlated one runs once per distinct set of correlated values: those values are pushed as
// an OuterFrame, which correlated column references inside the subquery plan read.
#include "common/exception.hpp"
#include "execution/expression/expression_executor.hpp"
#include "function/cast/cast.hpp"

namespace kadedb {

constexpr size_t kMaxCachedSubqueryResults = 65536;

static SubqueryResult RunSubquery(ExecState& state, ExprNode& expr) {
  SubqueryResult res;
  PhysicalOperator& plan = *expr.subquery;
  switch (expr.subquery_kind) {
    case BoundSubqueryKind::kScalar: {
      size_t rows = 0;
      plan.Run(state, [&](DataChunk& chunk) {
        rows += chunk.size();
        if (rows > 1) {
          throw Exception(sqlstate::kCardinalityViolation,
                          "more than one row returned by a subquery used as an expression");
        }
        res.scalar = chunk.GetValue(0, 0);
        return true;
      });
      if (rows == 0) res.scalar = Value::Null(expr.type);
      if (!res.scalar.IsNull() && res.scalar.type() != expr.type) {
        res.scalar = CastValue(res.scalar, expr.type);
      }
      return res;
    }
    case BoundSubqueryKind::kExists:
    case BoundSubqueryKind::kNotExists:
      plan.Run(state, [&](DataChunk& chunk) {
        if (chunk.size() > 0) res.any_row = true;
        return !res.any_row;  // one row is enough
      });
      return res;
    case BoundSubqueryKind::kAny:
    case BoundSubqueryKind::kAll: {
      LogicalType right_type =
          expr.function_arg_types.size() > 1 ? expr.function_arg_types[1] : plan.types[0];
      auto rows = std::make_shared<Vector>(right_type);
      plan.Run(state, [&](DataChunk& chunk) {
        Vector& col = chunk.column(0);
        if (col.type() != right_type && right_type.id != TypeId::kNull) {
          Vector cast(right_type);
          CastVector(col, chunk.size(), right_type, cast);
          AppendVector(*rows, cast, chunk.size());
        } else {
          AppendVector(*rows, col, chunk.size());
        }
        return true;
      });
      res.any_row = rows->size() > 0;
      for (size_t i = 0; i < rows->size(); i++) {
        if (rows->IsNull(i)) res.has_null = true;
      }
      const std::string& op = expr.function->name;
      bool hashable = (op == "=" || op == "<>") && expr.function_arg_types.size() == 2 &&
                      expr.function_arg_types[0] == expr.function_arg_types[1];
      if (hashable) {
        res.keys = std::make_shared<std::unordered_set<std::string>>();
        std::string key;
        for (size_t i = 0; i < rows->size(); i++) {
          if (rows->IsNull(i)) continue;
          key.clear();
          AppendKeyBytes(*rows, i, key);
          res.keys->insert(key);
        }
      }
      res.rows = std::move(rows);
      return res;
    }
  }
  return res;
}

// Result of `left[i] op ANY/ALL rows` for one row: 1 true, 0 false, -1 NULL.
static int CompareAnyAll(ExecState& state, ExprNode& expr, const Vector& left, size_t i,
                         const SubqueryResult& res) {
  bool is_any = expr.subquery_kind == BoundSubqueryKind::kAny;
  if (!res.any_row) return is_any ? 0 : 1;
  if (res.keys) {
    // '=' ANY (IN) and '<>' ALL (NOT IN) through the hash set.
    bool is_eq = expr.function->name == "=";
    if (left.IsNull(i)) return -1;
    std::string key;
    AppendKeyBytes(left, i, key);
    bool found = res.keys->count(key) > 0;
    if (is_eq == is_any) {
      // = ANY: true if found; <> ALL: false if found
      if (found) return is_any ? 1 : 0;
      return res.has_null ? -1 : (is_any ? 0 : 1);
    }
    // <> ANY / = ALL: decided by the existence of a different (non-NULL) value
    size_t distinct_non_null = res.keys->size();
    bool other_exists = distinct_non_null > (found ? 1 : 0);
    if (is_any) {  // <> ANY
      if (other_exists) return 1;
      return res.has_null ? -1 : 0;
    }
    // = ALL
    if (other_exists) return 0;
    return res.has_null ? -1 : 1;
  }
  size_t m = res.rows->size();
  Vector l(left.type());
  AppendVectorIdx(l, left, std::vector<uint64_t>(m, i).data(), m);
  Vector out{LogicalType(TypeId::kBoolean)};  // braces: not a function declaration (clang)
  out.Resize(m);
  std::vector<const Vector*> args = {&l, res.rows.get()};
  expr.function->exec(args, m, out, state.context.function_context);
  bool saw_null = false;
  for (size_t k = 0; k < m; k++) {
    if (l.IsNull(k) || res.rows->IsNull(k) || out.IsNull(k)) {
      saw_null = true;
      continue;
    }
    bool b = out.ints()[k] != 0;
    if (is_any && b) return 1;
    if (!is_any && !b) return 0;
  }
  if (saw_null) return -1;
  return is_any ? 0 : 1;
}

void ExpressionExecutor::ExecuteSubquery(ExecState& state, ExprNode& expr, DataChunk& chunk,
                                         Vector& result) {
  size_t count = chunk.size();
  bool is_any_all = expr.subquery_kind == BoundSubqueryKind::kAny ||
                    expr.subquery_kind == BoundSubqueryKind::kAll;
  Vector left;
  if (is_any_all) {
    Execute(state, *expr.children[0], chunk, left);
    if (!expr.function_arg_types.empty() && expr.function_arg_types[0].id != TypeId::kNull &&
        left.type() != expr.function_arg_types[0]) {
      Vector cast(expr.function_arg_types[0]);
      CastVector(left, count, expr.function_arg_types[0], cast);
      left = std::move(cast);
    }
  }
  result = Vector(expr.type);
  result.Resize(count);

  auto fill_row = [&](size_t i, const SubqueryResult& res) {
    switch (expr.subquery_kind) {
      case BoundSubqueryKind::kScalar:
        result.SetValue(i, res.scalar);
        break;
      case BoundSubqueryKind::kExists:
        result.SetValue(i, Value::Boolean(res.any_row));
        break;
      case BoundSubqueryKind::kNotExists:
        result.SetValue(i, Value::Boolean(!res.any_row));
        break;
      default: {
        int r = CompareAnyAll(state, expr, left, i, res);
        if (r < 0) {
          result.SetNull(i, true);
        } else {
          result.ints()[i] = r;
          result.SetNull(i, false);
        }
      }
    }
  };

  if (expr.correlated.empty()) {
    auto it = expr.cache.find(std::string());
    if (it == expr.cache.end()) {
      it = expr.cache.emplace(std::string(), RunSubquery(state, expr)).first;
    }
    for (size_t i = 0; i < count; i++) fill_row(i, it->second);
    return;
  }
  std::vector<Vector> corr(expr.correlated.size());
  for (size_t c = 0; c < corr.size(); c++) Execute(state, *expr.correlated[c], chunk, corr[c]);
  std::string key;
  for (size_t i = 0; i < count; i++) {
    key.clear();
    for (auto& v : corr) AppendKeyBytes(v, i, key);
    auto it = expr.cache.find(key);
    if (it == expr.cache.end()) {
      OuterFrame frame;
      frame.bindings = expr.correlated_bindings;
      for (auto& v : corr) frame.values.push_back(v.GetValue(i));
      state.frames.push_back(std::move(frame));
      SubqueryResult res;
      try {
        res = RunSubquery(state, expr);
      } catch (...) {
        state.frames.pop_back();
        throw;
      }
      state.frames.pop_back();
      // Bound the cache: outer rows with (nearly) unique correlated values gain nothing from it.
      if (expr.cache.size() >= kMaxCachedSubqueryResults) expr.cache.clear();
      it = expr.cache.emplace(key, std::move(res)).first;
    }
    fill_row(i, it->second);
  }
}

}  // namespace kadedb
