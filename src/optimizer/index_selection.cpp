// index_selection pass (see index_selection.hpp).
#include "optimizer/index_selection.hpp"

#include <cstdint>
#include <memory>

#include "common/integer_width.hpp"
#include "function/cast/cast.hpp"
#include "function/function.hpp"
#include "planner/operator/logical_get.hpp"

namespace kadedb {

namespace {

enum class CompareKind : uint8_t { kEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

// A scan filter of the form `column <op> value`.
struct KeyPredicate {
  column_t column;  // table column
  CompareKind compare;
  const BoundExpression* value;
  std::shared_ptr<BoundExpression> owned;  // value, when built here (a clamped wider integer)
};

bool ParseCompare(const std::string& name, CompareKind& out) {
  if (name == "=") {
    out = CompareKind::kEqual;
  } else if (name == "<") {
    out = CompareKind::kLess;
  } else if (name == "<=") {
    out = CompareKind::kLessEqual;
  } else if (name == ">") {
    out = CompareKind::kGreater;
  } else if (name == ">=") {
    out = CompareKind::kGreaterEqual;
  } else {
    return false;
  }
  return true;
}

CompareKind Flip(CompareKind c) {
  switch (c) {
    case CompareKind::kLess:
      return CompareKind::kGreater;
    case CompareKind::kLessEqual:
      return CompareKind::kGreaterEqual;
    case CompareKind::kGreater:
      return CompareKind::kLess;
    case CompareKind::kGreaterEqual:
      return CompareKind::kLessEqual;
    default:
      return c;
  }
}

// Whether comparing a column of type column_type with value can use the index keys unchanged.
bool ValueFitsColumn(const BoundExpression& value, const LogicalType& column_type) {
  // Parameters and outer columns of a correlated subquery are fixed for one run of the plan.
  if (value.kind == BoundExpressionKind::kParameter ||
      (value.kind == BoundExpressionKind::kColumnRef && value.depth > 0)) {
    return value.return_type == column_type;
  }
  if (value.kind != BoundExpressionKind::kConstant || value.value.IsNull()) return false;
  if (value.return_type == column_type && value.value.type() == column_type) return true;
  // A string literal compared with a varchar(n) column: same bytes as long as it fits.
  if (column_type.id == TypeId::kVarchar && value.return_type.id == TypeId::kVarchar &&
      value.value.type().IsString()) {
    return column_type.length == 0 || value.value.GetString().size() <= column_type.length;
  }
  return false;
}

// f(value, bound) for greatest / least over value's type.
ExprPtr CallWithBound(const char* name, ExprPtr value, int64_t bound) {
  LogicalType type = value->return_type;
  auto call = FunctionRegistry::Builtin().ResolveScalar(name, {type, type});
  auto e = std::make_unique<BoundExpression>(BoundExpressionKind::kFunction, call.return_type);
  e->function = call;
  e->children.push_back(std::move(value));
  e->children.push_back(MakeConstant(CastValue(Value::BigInt(bound), type)));
  return e;
}

// `CAST(col AS wider integer) <op> $n` (an int4 key compared with an int8 parameter, as
// drivers that declare every integer parameter int8 send): the key range uses value clamped to
// the column type's range. Clamping only widens the range (a value past the range bounds it at
// the type's end, where no row compares true), and the filter itself still runs on every row.
bool ParseWideningKeyPredicate(const LogicalGet& get, const BoundExpression& cast,
                               const BoundExpression& value, KeyPredicate& out) {
  if (cast.kind != BoundExpressionKind::kCast || cast.children.size() != 1) return false;
  auto& col = *cast.children[0];
  if (col.kind != BoundExpressionKind::kColumnRef || col.depth != 0 ||
      col.binding.table_index != get.table_index ||
      col.binding.column_index >= get.column_ids.size()) {
    return false;
  }
  column_t column = get.column_ids[col.binding.column_index];
  if (column == kRowIdColumn || column >= get.table->columns.size()) return false;
  const LogicalType& column_type = get.table->columns[column].type;
  int narrow = IntegerWidth(column_type.id);
  int wide = IntegerWidth(cast.return_type.id);
  if (col.return_type != column_type || narrow == 0 || wide <= narrow ||
      value.kind != BoundExpressionKind::kParameter || value.return_type != cast.return_type) {
    return false;
  }
  int64_t low = narrow == 2 ? INT16_MIN : INT32_MIN;
  int64_t high = narrow == 2 ? INT16_MAX : INT32_MAX;
  ExprPtr clamped = CallWithBound("least", CallWithBound("greatest", value.Copy(), low), high);
  out.column = column;
  out.owned = std::shared_ptr<BoundExpression>(clamped.release());
  out.value = out.owned.get();
  return true;
}

bool ParseKeyPredicate(const LogicalGet& get, const BoundExpression& filter, KeyPredicate& out) {
  if (filter.kind != BoundExpressionKind::kFunction || !filter.function.function ||
      filter.children.size() != 2) {
    return false;
  }
  CompareKind compare;
  if (!ParseCompare(filter.function.function->name, compare)) return false;
  for (int side = 0; side < 2; side++) {
    auto& col = *filter.children[side];
    auto& value = *filter.children[1 - side];
    if (ParseWideningKeyPredicate(get, col, value, out)) {
      out.compare = side == 0 ? compare : Flip(compare);
      return true;
    }
    if (col.kind != BoundExpressionKind::kColumnRef || col.depth != 0 ||
        col.binding.table_index != get.table_index ||
        col.binding.column_index >= get.column_ids.size()) {
      continue;
    }
    column_t column = get.column_ids[col.binding.column_index];
    if (column == kRowIdColumn || column >= get.table->columns.size()) return false;
    const LogicalType& column_type = get.table->columns[column].type;
    if (col.return_type != column_type || !ValueFitsColumn(value, column_type)) return false;
    out.column = column;
    out.compare = side == 0 ? compare : Flip(compare);
    out.value = &value;
    return true;
  }
  return false;
}

// The access path one index offers for the scan's predicates.
struct IndexMatch {
  IndexEntry* index = nullptr;
  std::vector<const BoundExpression*> equal;
  const BoundExpression* lower = nullptr;
  const BoundExpression* upper = nullptr;
  bool lower_inclusive = true, upper_inclusive = true;

  // Higher is better: equalities count most, a fully matched unique index wins outright.
  int Score() const {
    if (!index) return 0;
    int score = static_cast<int>(equal.size()) * 4 + (lower ? 1 : 0) + (upper ? 1 : 0);
    if (index->info.unique && equal.size() == index->info.columns.size()) score += 1000;
    return score;
  }
};

IndexMatch MatchIndex(IndexEntry* index, const std::vector<KeyPredicate>& predicates) {
  IndexMatch match;
  match.index = index;
  for (auto column : index->info.columns) {
    const KeyPredicate* eq = nullptr;
    for (auto& p : predicates) {
      if (p.column == column && p.compare == CompareKind::kEqual) {
        eq = &p;
        break;
      }
    }
    if (eq) {
      match.equal.push_back(eq->value);
      continue;
    }
    for (auto& p : predicates) {
      if (p.column != column) continue;
      if (!match.lower &&
          (p.compare == CompareKind::kGreater || p.compare == CompareKind::kGreaterEqual)) {
        match.lower = p.value;
        match.lower_inclusive = p.compare == CompareKind::kGreaterEqual;
      } else if (!match.upper &&
                 (p.compare == CompareKind::kLess || p.compare == CompareKind::kLessEqual)) {
        match.upper = p.value;
        match.upper_inclusive = p.compare == CompareKind::kLessEqual;
      }
    }
    break;
  }
  if (match.equal.empty() && !match.lower && !match.upper) match.index = nullptr;
  return match;
}

void SelectIndex(LogicalGet& get,
                 const std::function<std::vector<IndexEntry*>(uint64_t)>& indexes_of) {
  if (get.index || get.table_filters.empty() || !get.table) return;
  std::vector<KeyPredicate> predicates;
  for (auto& f : get.table_filters) {
    KeyPredicate p;
    if (ParseKeyPredicate(get, *f, p)) predicates.push_back(p);
  }
  if (predicates.empty()) return;
  IndexMatch best;
  for (auto* index : indexes_of(get.table->oid)) {
    auto match = MatchIndex(index, predicates);
    if (match.Score() > best.Score()) best = std::move(match);
  }
  if (!best.index) return;
  get.index = best.index;
  for (auto* e : best.equal) get.index_equal.push_back(e->Copy());
  if (best.lower) get.index_lower = best.lower->Copy();
  if (best.upper) get.index_upper = best.upper->Copy();
  get.lower_inclusive = best.lower_inclusive;
  get.upper_inclusive = best.upper_inclusive;
}

}  // namespace

void SelectIndexes(LogicalOperator& plan,
                   const std::function<std::vector<IndexEntry*>(uint64_t)>& indexes_of) {
  if (plan.kind == LogicalOperatorKind::kGet) {
    SelectIndex(static_cast<LogicalGet&>(plan), indexes_of);
  }
  for (auto& child : plan.children) SelectIndexes(*child, indexes_of);
}

void SelectIndexes(LogicalOperator& plan, Catalog* catalog) {
  if (!catalog) return;
  SelectIndexes(plan, [catalog](uint64_t oid) { return catalog->Indexes(oid); });
}

}  // namespace kadedb
