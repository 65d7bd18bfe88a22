// Cardinality estimates for join ordering (see cardinality_estimator.hpp).
#include "optimizer/cardinality_estimator.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "catalog/catalog.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

// The key column sets of every unique index / constraint of the scanned table.
std::vector<std::vector<column_t>> UniqueKeys(const LogicalGet& get) {
  std::vector<std::vector<column_t>> keys;
  if (!get.table) return keys;
  for (auto& u : get.table->uniques) keys.push_back(u.columns);
  if (get.table->storage) {
    for (auto& index : get.table->storage->indexes()) {
      if (index.unique) keys.push_back(index.columns);
    }
  }
  return keys;
}

bool IsConstantLike(const BoundExpression& e) {
  return (e.kind == BoundExpressionKind::kConstant && !e.value.IsNull()) ||
         e.kind == BoundExpressionKind::kParameter ||
         (e.kind == BoundExpressionKind::kColumnRef && e.depth > 0);
}

// The table column a scan filter pins to one value (`col = constant/parameter`), if any.
bool PinnedColumn(const LogicalGet& get, const BoundExpression& filter, column_t& column) {
  if (filter.kind != BoundExpressionKind::kFunction || !filter.function.function ||
      filter.function.function->name != "=" || filter.children.size() != 2) {
    return false;
  }
  for (int side = 0; side < 2; side++) {
    auto& col = *filter.children[side];
    auto& other = *filter.children[1 - side];
    if (col.kind == BoundExpressionKind::kColumnRef && col.depth == 0 &&
        col.binding.table_index == get.table_index &&
        col.binding.column_index < get.column_ids.size() && IsConstantLike(other)) {
      column = get.column_ids[col.binding.column_index];
      return true;
    }
  }
  return false;
}

const BoundExpression& StripCasts(const BoundExpression& e) {
  const BoundExpression* p = &e;
  while (p->kind == BoundExpressionKind::kCast && !p->children.empty()) p = p->children[0].get();
  return *p;
}

enum class Comparison { kNone, kEq, kNe, kLt, kLe, kGt, kGe };

Comparison ComparisonOf(const BoundExpression& e) {
  if (e.kind != BoundExpressionKind::kFunction || !e.function.function || e.children.size() != 2) {
    return Comparison::kNone;
  }
  const std::string& n = e.function.function->name;
  if (n == "=") return Comparison::kEq;
  if (n == "<>" || n == "!=") return Comparison::kNe;
  if (n == "<") return Comparison::kLt;
  if (n == "<=") return Comparison::kLe;
  if (n == ">") return Comparison::kGt;
  if (n == ">=") return Comparison::kGe;
  return Comparison::kNone;
}

Comparison Flip(Comparison c) {
  switch (c) {
    case Comparison::kLt:
      return Comparison::kGt;
    case Comparison::kLe:
      return Comparison::kGe;
    case Comparison::kGt:
      return Comparison::kLt;
    case Comparison::kGe:
      return Comparison::kLe;
    default:
      return c;
  }
}

bool IntConstant(const BoundExpression& e, int64_t& out) {
  const BoundExpression& s = StripCasts(e);
  if (s.kind != BoundExpressionKind::kConstant || s.value.IsNull()) return false;
  if (PhysicalOf(s.value.type()) != PhysicalType::kInt64) return false;
  out = s.value.GetInt();
  return true;
}

}  // namespace

double CardinalityEstimator::TableRows(const LogicalGet& get) {
  if (stats_ && get.table) {
    const TableStatistics& s = stats_->Get(*get.table);
    if (s.known) return std::max(1.0, s.rows);
  }
  return kDefaultTableRows;
}

std::optional<CardinalityEstimator::Source> CardinalityEstimator::FindSource(
    const std::vector<const LogicalOperator*>& inputs, const BoundExpression& expr) {
  const BoundExpression& e = StripCasts(expr);
  if (e.kind != BoundExpressionKind::kColumnRef || e.depth != 0) return std::nullopt;
  const ColumnBinding b = e.binding;
  std::vector<const LogicalOperator*> stack(inputs.rbegin(), inputs.rend());
  while (!stack.empty()) {
    const LogicalOperator* op = stack.back();
    stack.pop_back();
    if (op->kind == LogicalOperatorKind::kGet) {
      auto& get = static_cast<const LogicalGet&>(*op);
      if (get.table_index != b.table_index) continue;
      if (!get.table || b.column_index >= get.column_ids.size()) return std::nullopt;
      column_t c = get.column_ids[b.column_index];
      if (c >= get.table->columns.size()) return std::nullopt;
      return Source{&get, c};
    }
    if (op->kind == LogicalOperatorKind::kProjection &&
        static_cast<const LogicalProjection&>(*op).table_index == b.table_index) {
      if (b.column_index >= op->expressions.size()) return std::nullopt;
      return FindSource({op->children[0].get()}, *op->expressions[b.column_index]);
    }
    if (op->kind == LogicalOperatorKind::kAggregate &&
        static_cast<const LogicalAggregate&>(*op).group_index == b.table_index) {
      if (b.column_index >= op->expressions.size()) return std::nullopt;
      return FindSource({op->children[0].get()}, *op->expressions[b.column_index]);
    }
    for (auto it = op->children.rbegin(); it != op->children.rend(); ++it) {
      stack.push_back(it->get());
    }
  }
  return std::nullopt;
}

const ColumnStatistics* CardinalityEstimator::ColumnStats(const Source& source) {
  if (!stats_ || !source.get->table) return nullptr;
  const TableStatistics& s = stats_->Get(*source.get->table);
  if (!s.known || source.column >= s.columns.size()) return nullptr;
  return &s.columns[source.column];
}

std::optional<double> CardinalityEstimator::KnownDistinct(const Source& source) {
  double rows = TableRows(*source.get);
  for (auto& key : UniqueKeys(*source.get)) {
    if (key.size() == 1 && key[0] == source.column) return rows;
  }
  const ColumnStatistics* c = ColumnStats(source);
  if (c && c->has_int_range) {
    double range = static_cast<double>(c->int_max) - static_cast<double>(c->int_min) + 1;
    return std::max(1.0, std::min(rows, range));
  }
  return std::nullopt;
}

double CardinalityEstimator::Distinct(const std::vector<const LogicalOperator*>& inputs,
                                      const BoundExpression& expr, double rows) {
  auto src = FindSource(inputs, expr);
  if (!src) return std::max(1.0, rows);
  auto d = KnownDistinct(*src);
  if (!d) return std::max(1.0, rows);
  return std::max(1.0, std::min(*d, rows));
}

double CardinalityEstimator::PredicateSelectivity(const std::vector<const LogicalOperator*>& inputs,
                                                  const BoundExpression& e) {
  switch (e.kind) {
    case BoundExpressionKind::kAnd: {
      std::vector<const BoundExpression*> parts;
      for (auto& c : e.children) parts.push_back(c.get());
      return ConjunctionSelectivity(inputs, parts);
    }
    case BoundExpressionKind::kOr: {
      double keep = 1;
      for (auto& c : e.children) keep *= 1 - PredicateSelectivity(inputs, *c);
      return 1 - keep;
    }
    case BoundExpressionKind::kNot:
      return 1 - PredicateSelectivity(inputs, *e.children[0]);
    case BoundExpressionKind::kConstant:
      return !e.value.IsNull() && e.value.type().id == TypeId::kBoolean && e.value.GetBool() ? 1
                                                                                             : 0;
    case BoundExpressionKind::kIsNull:
    case BoundExpressionKind::kIsNotNull: {
      double s = kFilterSelectivity;
      if (auto src = FindSource(inputs, *e.children[0])) {
        if (const ColumnStatistics* c = ColumnStats(*src)) {
          s = static_cast<double>(c->null_count) / TableRows(*src->get);
        }
      }
      s = std::clamp(s, 0.0, 1.0);
      return e.kind == BoundExpressionKind::kIsNull ? s : 1 - s;
    }
    case BoundExpressionKind::kIn:
    case BoundExpressionKind::kNotIn: {
      double k = static_cast<double>(e.children.size() - 1);
      double s = std::min(0.5, k * kFilterSelectivity);
      if (auto src = FindSource(inputs, *e.children[0])) {
        if (auto d = KnownDistinct(*src)) s = std::min(1.0, k / *d);
      }
      return e.kind == BoundExpressionKind::kIn ? s : 1 - s;
    }
    default:
      break;
  }
  Comparison cmp = ComparisonOf(e);
  if (cmp == Comparison::kNone) return kFilterSelectivity;
  auto l = FindSource(inputs, *e.children[0]);
  auto r = FindSource(inputs, *e.children[1]);
  if (cmp == Comparison::kEq || cmp == Comparison::kNe) {
    double eq = kFilterSelectivity;
    if (l && r) {
      auto dl = KnownDistinct(*l), dr = KnownDistinct(*r);
      double d = std::max(dl ? *dl : TableRows(*l->get), dr ? *dr : TableRows(*r->get));
      eq = 1 / std::max(1.0, d);
    } else if (l || r) {
      if (auto d = KnownDistinct(l ? *l : *r)) eq = 1 / *d;
    }
    return cmp == Comparison::kEq ? eq : 1 - eq;
  }
  // Ranges against a constant (single predicates; conjunctions combine bounds first).
  std::vector<const BoundExpression*> one = {&e};
  return ConjunctionSelectivity(inputs, one);
}

double CardinalityEstimator::ConjunctionSelectivity(
    const std::vector<const LogicalOperator*>& inputs,
    const std::vector<const BoundExpression*>& predicates) {
  struct Bounds {
    const ColumnStatistics* stats;
    double lo, hi;
  };
  std::map<std::pair<const LogicalGet*, column_t>, Bounds> ranges;
  double s = 1;
  for (const BoundExpression* p : predicates) {
    Comparison cmp = ComparisonOf(*p);
    if (cmp == Comparison::kLt || cmp == Comparison::kLe || cmp == Comparison::kGt ||
        cmp == Comparison::kGe) {
      int64_t value = 0;
      std::optional<Source> src;
      if (IntConstant(*p->children[1], value)) {
        src = FindSource(inputs, *p->children[0]);
      } else if (IntConstant(*p->children[0], value)) {
        src = FindSource(inputs, *p->children[1]);
        cmp = Flip(cmp);
      }
      const ColumnStatistics* c = src ? ColumnStats(*src) : nullptr;
      if (c && c->has_int_range) {
        auto it = ranges.find({src->get, src->column});
        if (it == ranges.end()) {
          it = ranges
                   .emplace(
                       std::make_pair(src->get, src->column),
                       Bounds{c, static_cast<double>(c->int_min), static_cast<double>(c->int_max)})
                   .first;
        }
        double v = static_cast<double>(value);
        Bounds& b = it->second;
        if (cmp == Comparison::kLt) b.hi = std::min(b.hi, v - 1);
        if (cmp == Comparison::kLe) b.hi = std::min(b.hi, v);
        if (cmp == Comparison::kGt) b.lo = std::max(b.lo, v + 1);
        if (cmp == Comparison::kGe) b.lo = std::max(b.lo, v);
        continue;
      }
      s *= 1.0 / 3;
      continue;
    }
    s *= PredicateSelectivity(inputs, *p);
  }
  for (auto& [key, b] : ranges) {
    double width = static_cast<double>(b.stats->int_max) - static_cast<double>(b.stats->int_min);
    double covered = b.hi - b.lo;
    if (covered < 0) {
      s *= 0;
    } else {
      s *= std::min(1.0, (covered + 1) / (width + 1));
    }
  }
  return std::clamp(s, 0.0, 1.0);
}

double CardinalityEstimator::Selectivity(const std::vector<const LogicalOperator*>& inputs,
                                         const BoundExpression& predicate) {
  return PredicateSelectivity(inputs, predicate);
}

double CardinalityEstimator::JoinRows(const LogicalOperator& op) {
  const LogicalOperator& left = *op.children[0];
  const LogicalOperator& right = *op.children[1];
  double l = Rows(left), r = Rows(right);
  auto& join = static_cast<const LogicalJoin&>(op);
  double inner = l * r;
  double semi = join.conditions.empty() ? 0.5 : 1;
  for (auto& c : join.conditions) {
    double dl = Distinct({&left}, *c.left, l);
    double dr = Distinct({&right}, *c.right, r);
    inner /= std::max(dl, dr);
    semi = std::min(semi, std::min(1.0, dr / dl));
  }
  if (!op.expressions.empty()) {
    std::vector<const BoundExpression*> parts;
    for (auto& e : op.expressions) parts.push_back(e.get());
    double s = ConjunctionSelectivity({&left, &right}, parts);
    inner *= s;
    semi *= std::max(s, kFilterSelectivity);
  }
  switch (join.join_type) {
    case LogicalJoinType::kInner:
      return inner;
    case LogicalJoinType::kLeft:
      return std::max(l, inner);
    case LogicalJoinType::kRight:
      return std::max(r, inner);
    case LogicalJoinType::kFull:
      return std::max({l, r, inner});
    case LogicalJoinType::kSemi:
      return l * semi;
    case LogicalJoinType::kAnti:
      return l * std::max(kFilterSelectivity, 1 - semi);
    case LogicalJoinType::kMark:
      return l;
  }
  return inner;
}

double CardinalityEstimator::Rows(const LogicalOperator& op) {
  auto child = [&](size_t i) { return Rows(*op.children[i]); };
  double rows = kDefaultTableRows;
  switch (op.kind) {
    case LogicalOperatorKind::kGet: {
      auto& get = static_cast<const LogicalGet&>(op);
      std::set<column_t> pinned;
      for (auto& f : get.table_filters) {
        column_t column;
        if (PinnedColumn(get, *f, column)) pinned.insert(column);
      }
      for (auto& key : UniqueKeys(get)) {
        bool all = !key.empty();
        for (auto c : key) all = all && pinned.count(c);
        if (all) return 1;
      }
      std::vector<const BoundExpression*> parts;
      for (auto& f : get.table_filters) parts.push_back(f.get());
      rows = TableRows(get) * ConjunctionSelectivity({&op}, parts);
      break;
    }
    case LogicalOperatorKind::kDummyScan:
      return 1;
    case LogicalOperatorKind::kExpressionGet:
      return std::max<double>(1, static_cast<const LogicalExpressionGet&>(op).rows.size());
    case LogicalOperatorKind::kFilter: {
      std::vector<const BoundExpression*> parts;
      for (auto& f : op.expressions) parts.push_back(f.get());
      rows = child(0) * ConjunctionSelectivity({op.children[0].get()}, parts);
      break;
    }
    case LogicalOperatorKind::kProjection:
    case LogicalOperatorKind::kOrder:
    case LogicalOperatorKind::kDistinct:
    case LogicalOperatorKind::kWindow:
      rows = child(0);
      break;
    case LogicalOperatorKind::kAggregate: {
      if (op.expressions.empty()) return 1;
      double in = child(0);
      double groups = 1;
      for (auto& g : op.expressions) {
        groups *= Distinct({op.children[0].get()}, *g, in);
        if (groups >= in) break;
      }
      rows = std::min(in, groups);
      break;
    }
    case LogicalOperatorKind::kLimit: {
      auto& limit = static_cast<const LogicalLimit&>(op);
      rows = child(0);
      if (limit.limit_value >= 0 && !limit.limit_expression) {
        rows = std::min(rows, static_cast<double>(std::max<int64_t>(1, limit.limit_value)));
      }
      break;
    }
    case LogicalOperatorKind::kTopN:
      rows = std::min(child(0), static_cast<double>(std::max<int64_t>(
                                    1, static_cast<const LogicalTopN&>(op).limit_value)));
      break;
    case LogicalOperatorKind::kCrossProduct:
      rows = child(0) * child(1);
      break;
    case LogicalOperatorKind::kJoin:
      rows = JoinRows(op);
      break;
    case LogicalOperatorKind::kSetOperation:
      rows = child(0) + child(1);
      break;
    case LogicalOperatorKind::kMaterializedCTE:
      rows = child(1);
      break;
    default:
      if (op.estimated_cardinality > 0) rows = static_cast<double>(op.estimated_cardinality);
      break;
  }
  return std::max(1.0, rows);
}

double EstimateCardinality(const LogicalOperator& op) {
  CardinalityEstimator estimator;
  return estimator.Rows(op);
}

bool IsUniqueKeyColumn(const LogicalGet& get, const BoundExpression& expr) {
  if (expr.kind != BoundExpressionKind::kColumnRef || expr.depth != 0 ||
      expr.binding.table_index != get.table_index ||
      expr.binding.column_index >= get.column_ids.size()) {
    return false;
  }
  column_t column = get.column_ids[expr.binding.column_index];
  for (auto& key : UniqueKeys(get)) {
    if (key.size() == 1 && key[0] == column) return true;
  }
  return false;
}

}  // namespace kadedb
