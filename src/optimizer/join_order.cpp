// join_order pass (see join_order.hpp).
#include "optimizer/join_order.hpp"

#include <algorithm>
#include <map>

#include "optimizer/cardinality_estimator.hpp"
#include "optimizer/column_usage.hpp"
#include "optimizer/expression_util.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_relational.hpp"

namespace kadedb {

namespace {

// A predicate of the flattened tree: an equi-join condition or any other (residual) predicate.
struct JoinPredicate {
  bool is_condition = false;
  JoinCondition condition;
  ExprPtr expression;
  std::set<idx_t> left_tables, right_tables;  // tables read by condition.left / .right
  std::set<size_t> relations;                 // relations the predicate reads
  bool known = true;                          // every table it reads belongs to a relation
  bool placed = false;
  // Index of the column equivalence class (a = b, b = c, ...) this `col = col` predicate joins
  // two relations of, or -1 (see AddImpliedEqualities).
  int eq_class = -1;
};

struct Relation {
  LogicalOperatorPtr op;
  // The scan this relation is, when it is one (stays valid after op moves into the tree).
  const LogicalGet* get = nullptr;
  std::set<idx_t> tables;
  double rows = 1;
  double width = 1;  // RowWidth of its output (columns read above only)
};

bool IsInnerJoinTree(const LogicalOperator& op) {
  if (op.kind == LogicalOperatorKind::kCrossProduct) return true;
  return op.kind == LogicalOperatorKind::kJoin &&
         static_cast<const LogicalJoin&>(op).join_type == LogicalJoinType::kInner;
}

bool AllMovable(const std::vector<ExprPtr>& list) {
  for (auto& e : list) {
    if (!IsMovable(*e)) return false;
  }
  return true;
}

// Whether the children of op must keep their column order: true when op (or an operator above
// it that passes columns through) reads them by position.
bool ChildIsPositional(const LogicalOperator& op, size_t child, bool positional) {
  switch (op.kind) {
    case LogicalOperatorKind::kProjection:
    case LogicalOperatorKind::kAggregate:
      return false;
    case LogicalOperatorKind::kFilter:
    case LogicalOperatorKind::kOrder:
    case LogicalOperatorKind::kLimit:
    case LogicalOperatorKind::kTopN:
    case LogicalOperatorKind::kDistinct:
    case LogicalOperatorKind::kWindow:
    case LogicalOperatorKind::kJoin:
    case LogicalOperatorKind::kCrossProduct:
      return positional;
    case LogicalOperatorKind::kMaterializedCTE:
      return child == 0 ? true : positional;
    default:
      return true;
  }
}

class JoinOrderer {
 public:
  JoinOrderer(StatisticsCache* stats, std::set<ColumnBinding> used)
      : estimator_(stats), used_(std::move(used)) {}

  LogicalOperatorPtr Visit(LogicalOperatorPtr op, bool positional) {
    if (!positional && IsInnerJoinTree(*op)) {
      std::vector<Relation> relations;
      std::vector<JoinPredicate> predicates;
      Flatten(std::move(op), relations, predicates);
      return Plan(std::move(relations), std::move(predicates));
    }
    if (!positional && op->kind == LogicalOperatorKind::kFilter &&
        IsInnerJoinTree(*op->children[0])) {
      // Movable filter predicates join the tree; the others stay on top of it.
      std::vector<Relation> relations;
      std::vector<JoinPredicate> predicates;
      std::vector<ExprPtr> kept;
      for (auto& e : op->expressions) {
        if (IsMovable(*e)) {
          AddPredicate(std::move(e), predicates);
        } else {
          kept.push_back(std::move(e));
        }
      }
      Flatten(std::move(op->children[0]), relations, predicates);
      auto tree = Plan(std::move(relations), std::move(predicates));
      if (kept.empty()) return tree;
      op->expressions = std::move(kept);
      op->children[0] = std::move(tree);
      return op;
    }
    for (size_t i = 0; i < op->children.size(); i++) {
      op->children[i] = Visit(std::move(op->children[i]), ChildIsPositional(*op, i, positional));
    }
    return op;
  }

 private:
  static void AddPredicate(ExprPtr e, std::vector<JoinPredicate>& predicates) {
    if (IsBoolConstant(*e, true)) return;
    JoinPredicate p;
    p.expression = std::move(e);
    predicates.push_back(std::move(p));
  }

  void Flatten(LogicalOperatorPtr op, std::vector<Relation>& relations,
               std::vector<JoinPredicate>& predicates) {
    if (op->kind == LogicalOperatorKind::kCrossProduct ||
        (op->kind == LogicalOperatorKind::kJoin && IsInnerJoinTree(*op))) {
      if (op->kind == LogicalOperatorKind::kJoin) {
        for (auto& c : static_cast<LogicalJoin&>(*op).conditions) {
          JoinPredicate p;
          p.is_condition = true;
          p.condition = std::move(c);
          predicates.push_back(std::move(p));
        }
        for (auto& e : op->expressions) {
          std::vector<ExprPtr> parts;
          SplitConjunction(std::move(e), parts);
          for (auto& part : parts) AddPredicate(std::move(part), predicates);
        }
      }
      Flatten(std::move(op->children[0]), relations, predicates);
      Flatten(std::move(op->children[1]), relations, predicates);
      return;
    }
    if (op->kind == LogicalOperatorKind::kFilter && IsInnerJoinTree(*op->children[0]) &&
        AllMovable(op->expressions)) {
      for (auto& e : op->expressions) AddPredicate(std::move(e), predicates);
      Flatten(std::move(op->children[0]), relations, predicates);
      return;
    }
    Relation r;
    r.op = Visit(std::move(op), false);
    if (r.op->kind == LogicalOperatorKind::kGet) r.get = static_cast<const LogicalGet*>(r.op.get());
    r.tables = OutputTableIndexes(*r.op);
    r.rows = estimator_.Rows(*r.op);
    r.width = RowWidth(*r.op, used_);
    relations.push_back(std::move(r));
  }

  // Estimated rows of joining the current tree (cur_rows rows, relations in joined) with
  // relation r through the given connecting conditions.
  double EstimateJoin(double cur_rows, const std::set<size_t>& joined, size_t r,
                      const std::vector<Relation>& relations,
                      const std::vector<const JoinPredicate*>& connecting) {
    const auto& rel = relations[r];
    for (auto* p : connecting) {
      const ExprPtr& r_side =
          IsSubset(p->left_tables, rel.tables) ? p->condition.left : p->condition.right;
      const ExprPtr& other = &r_side == &p->condition.left ? p->condition.right : p->condition.left;
      if (rel.get && IsUniqueKeyColumn(*rel.get, *r_side)) {
        return cur_rows;  // each current row finds at most one partner
      }
      if (joined.size() == 1) {
        auto& only = relations[*joined.begin()];
        if (only.get && IsUniqueKeyColumn(*only.get, *other)) {
          return rel.rows;
        }
      }
    }
    return std::max(cur_rows, rel.rows);
  }

  static constexpr size_t kMaxDpRelations = 10;

  LogicalOperatorPtr Plan(std::vector<Relation> relations, std::vector<JoinPredicate> predicates) {
    std::map<idx_t, size_t> owner;
    for (size_t i = 0; i < relations.size(); i++) {
      for (auto t : relations[i].tables) owner[t] = i;
    }
    auto resolve = [&](const std::set<idx_t>& tables, JoinPredicate& p) {
      for (auto t : tables) {
        auto it = owner.find(t);
        if (it == owner.end()) {
          p.known = false;
        } else {
          p.relations.insert(it->second);
        }
      }
    };
    for (auto& p : predicates) {
      if (p.is_condition) {
        p.left_tables = TableIndexesOf(*p.condition.left);
        p.right_tables = TableIndexesOf(*p.condition.right);
        resolve(p.left_tables, p);
        resolve(p.right_tables, p);
      } else {
        resolve(TableIndexesOf(*p.expression), p);
      }
    }

    AddImpliedEqualities(owner, predicates);
    PushSingleRelationPredicates(relations, predicates);
    if (relations.size() <= kMaxDpRelations) {
      return Finish(PlanDp(relations, predicates), predicates);
    }

    size_t start = 0;
    for (size_t i = 1; i < relations.size(); i++) {
      if (relations[i].rows < relations[start].rows) start = i;
    }
    std::set<size_t> joined = {start};
    std::set<idx_t> cur_tables = relations[start].tables;
    double cur_rows = relations[start].rows;
    cur_width_ = relations[start].width;
    LogicalOperatorPtr current = std::move(relations[start].op);

    while (joined.size() < relations.size()) {
      size_t best = relations.size();
      bool best_connected = false;
      double best_rows = 0;
      for (size_t r = 0; r < relations.size(); r++) {
        if (joined.count(r)) continue;
        std::vector<const JoinPredicate*> connecting;
        for (auto& p : predicates) {
          if (p.placed || !p.known || !p.is_condition || !p.relations.count(r)) continue;
          bool inside = true, touches_joined = false;
          for (auto rel : p.relations) {
            if (rel != r && !joined.count(rel)) inside = false;
            if (joined.count(rel)) touches_joined = true;
          }
          if (inside && touches_joined) connecting.push_back(&p);
        }
        bool connected = !connecting.empty();
        double rows = connected ? EstimateJoin(cur_rows, joined, r, relations, connecting)
                                : cur_rows * relations[r].rows;
        bool better =
            best == relations.size() || (connected && !best_connected) ||
            (connected == best_connected &&
             (rows < best_rows || (rows == best_rows && relations[r].rows < relations[best].rows)));
        if (better) {
          best = r;
          best_connected = connected;
          best_rows = rows;
        }
      }
      current = JoinStep(std::move(current), cur_tables, cur_rows, relations[best], predicates,
                         joined, best);
      joined.insert(best);
      cur_tables.insert(relations[best].tables.begin(), relations[best].tables.end());
      cur_rows = std::max(1.0, best_rows);
      current->estimated_cardinality = static_cast<idx_t>(cur_rows);
    }

    return Finish(std::move(current), predicates);
  }

  // The two column operands of a `col = col` predicate between two relations (same type, NULLs
  // never equal); false for any other predicate.
  static bool ColumnEquality(JoinPredicate& p, const BoundExpression** a,
                             const BoundExpression** b) {
    if (p.placed || !p.known || p.relations.size() != 2) return false;
    if (p.is_condition) {
      if (p.condition.null_equal) return false;
      *a = p.condition.left.get();
      *b = p.condition.right.get();
    } else {
      ExprPtr *lhs = nullptr, *rhs = nullptr;
      bool null_equal = false;
      if (!IsMovable(*p.expression) || !IsEqualityComparison(*p.expression, lhs, rhs, null_equal) ||
          null_equal) {
        return false;
      }
      *a = lhs->get();
      *b = rhs->get();
    }
    auto plain = [](const BoundExpression& e) {
      return e.kind == BoundExpressionKind::kColumnRef && e.depth == 0;
    };
    return plain(**a) && plain(**b) && (*a)->return_type == (*b)->return_type;
  }

  // Equalities between columns are transitive: a = b and b = c imply a = c. For every class of
  // columns made equal by `col = col` predicates (one column per relation, all of one type,
  // three relations or more), each pair of its relations without a predicate gets the implied
  // one, so the join order may join any two of them directly (TPC-H Q5: customer with nation
  // through c_nationkey = s_nationkey = n_nationkey). The class's predicates are tagged:
  // estimates count k - 1 of them for k joined relations, and a join attaches one per class.
  void AddImpliedEqualities(const std::map<idx_t, size_t>& owner,
                            std::vector<JoinPredicate>& predicates) {
    std::map<ColumnBinding, size_t> id;
    std::vector<const BoundExpression*> column;  // by id: a column reference
    std::vector<size_t> parent;
    auto find = [&](size_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    auto node = [&](const BoundExpression* e) {
      auto [it, added] = id.emplace(e->binding, column.size());
      if (added) {
        column.push_back(e);
        parent.push_back(parent.size());
      }
      return it->second;
    };
    std::vector<std::pair<size_t, std::pair<size_t, size_t>>> edges;  // predicate, columns
    for (size_t i = 0; i < predicates.size(); i++) {
      const BoundExpression *a = nullptr, *b = nullptr;
      if (!ColumnEquality(predicates[i], &a, &b)) continue;
      size_t x = node(a), y = node(b);
      if (column[x]->return_type != column[y]->return_type) continue;
      parent[find(x)] = find(y);
      edges.push_back({i, {x, y}});
    }
    std::map<size_t, std::vector<size_t>> classes;  // root -> columns
    for (size_t c = 0; c < column.size(); c++) classes[find(c)].push_back(c);
    int next_class = 0;
    for (auto& [root, cols] : classes) {
      std::map<size_t, size_t> by_relation;  // relation -> its column
      bool ok = true;
      for (size_t c : cols) {
        auto it = owner.find(column[c]->binding.table_index);
        if (it == owner.end() || column[c]->return_type != column[root]->return_type) {
          ok = false;
          break;
        }
        ok = by_relation.emplace(it->second, c).second && ok;
      }
      if (!ok || by_relation.size() < 3) continue;
      const int cls = next_class++;
      std::set<std::pair<size_t, size_t>> linked;  // relation pairs with a predicate
      for (auto& [i, xy] : edges) {
        if (find(xy.first) != root) continue;
        predicates[i].eq_class = cls;
        size_t ra = owner.at(column[xy.first]->binding.table_index);
        size_t rb = owner.at(column[xy.second]->binding.table_index);
        linked.insert({std::min(ra, rb), std::max(ra, rb)});
      }
      for (auto a = by_relation.begin(); a != by_relation.end(); ++a) {
        for (auto b = std::next(a); b != by_relation.end(); ++b) {
          if (linked.count({a->first, b->first})) continue;
          JoinPredicate p;
          p.is_condition = true;
          p.condition.left = column[a->second]->Copy();
          p.condition.right = column[b->second]->Copy();
          p.left_tables = {column[a->second]->binding.table_index};
          p.right_tables = {column[b->second]->binding.table_index};
          p.relations = {a->first, b->first};
          p.eq_class = cls;
          predicates.push_back(std::move(p));
        }
      }
    }
  }

  // Predicates not placed in the tree (over tables outside it: correlated columns) stay on top.
  static LogicalOperatorPtr Finish(LogicalOperatorPtr current,
                                   std::vector<JoinPredicate>& predicates) {
    std::vector<ExprPtr> rest;
    for (auto& p : predicates) {
      if (p.placed) continue;
      rest.push_back(p.is_condition
                         ? MakeEquality(std::move(p.condition.left), std::move(p.condition.right),
                                        p.condition.null_equal)
                         : std::move(p.expression));
    }
    if (rest.empty()) return current;
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = std::move(rest);
    filter->children.push_back(std::move(current));
    return filter;
  }

  // A predicate that reads one relation only filters that relation (below every join).
  void PushSingleRelationPredicates(std::vector<Relation>& relations,
                                    std::vector<JoinPredicate>& predicates) {
    std::vector<std::vector<ExprPtr>> filters(relations.size());
    for (auto& p : predicates) {
      if (p.placed || !p.known || p.relations.size() != 1) continue;
      p.placed = true;
      ExprPtr e = p.is_condition
                      ? MakeEquality(std::move(p.condition.left), std::move(p.condition.right),
                                     p.condition.null_equal)
                      : std::move(p.expression);
      filters[*p.relations.begin()].push_back(std::move(e));
    }
    for (size_t i = 0; i < relations.size(); i++) {
      if (filters[i].empty()) continue;
      auto filter = std::make_unique<LogicalFilter>();
      filter->expressions = std::move(filters[i]);
      filter->children.push_back(std::move(relations[i].op));
      relations[i].op = std::move(filter);
      relations[i].get = nullptr;
      relations[i].rows = estimator_.Rows(*relations[i].op);
    }
  }

  // Estimated fraction of the cross product of its relations that predicate p keeps.
  double PredicateSelectivity(const JoinPredicate& p, const std::vector<Relation>& relations) {
    auto inputs_of = [&](const std::set<idx_t>& tables, double& rows) {
      std::vector<const LogicalOperator*> inputs;
      rows = 1;
      for (size_t r = 0; r < relations.size(); r++) {
        bool uses = false;
        for (auto t : tables) uses = uses || relations[r].tables.count(t);
        if (!uses) continue;
        inputs.push_back(relations[r].op.get());
        rows *= relations[r].rows;
      }
      return inputs;
    };
    if (p.is_condition) {
      double lrows, rrows;
      auto linputs = inputs_of(p.left_tables, lrows);
      auto rinputs = inputs_of(p.right_tables, rrows);
      double dl = estimator_.Distinct(linputs, *p.condition.left, lrows);
      double dr = estimator_.Distinct(rinputs, *p.condition.right, rrows);
      return 1 / std::max({1.0, dl, dr});
    }
    double rows;
    std::set<idx_t> tables;
    for (auto r : p.relations)
      tables.insert(relations[r].tables.begin(), relations[r].tables.end());
    return estimator_.Selectivity(inputs_of(tables, rows), *p.expression);
  }

  // Exhaustive search over subsets of relations (bushy plans), minimising the sum of the
  // estimated intermediate result sizes; a split with no predicate between its halves (a cross
  // product) is only considered for subsets that have no other split.
  LogicalOperatorPtr PlanDp(std::vector<Relation>& relations,
                            std::vector<JoinPredicate>& predicates) {
    const size_t n = relations.size();
    const uint32_t full = (1u << n) - 1;
    std::vector<uint32_t> masks;  // per predicate: its relations (0 when not a join predicate)
    std::vector<double> selectivity;
    for (auto& p : predicates) {
      uint32_t m = 0;
      if (!p.placed && p.known) {
        for (auto r : p.relations) m |= 1u << r;
      }
      masks.push_back(m);
      selectivity.push_back(m && (m & (m - 1)) ? PredicateSelectivity(p, relations) : 1.0);
    }
    int classes = 0;
    for (auto& p : predicates) classes = std::max(classes, p.eq_class + 1);
    std::vector<std::vector<double>> class_sel(classes);  // per class: the selectivities inside
    std::vector<uint32_t> class_rels(classes);            // per class: its relations inside
    std::vector<double> rows(full + 1, 1), cost(full + 1, 0);
    std::vector<uint32_t> split(full + 1, 0);
    for (uint32_t set = 1; set <= full; set++) {
      double r = 1;
      for (size_t i = 0; i < n; i++) {
        if (set & (1u << i)) r *= relations[i].rows;
      }
      for (int c = 0; c < classes; c++) {
        class_sel[c].clear();
        class_rels[c] = 0;
      }
      for (size_t k = 0; k < masks.size(); k++) {
        if (!masks[k] || (masks[k] & ~set) != 0) continue;
        if (predicates[k].eq_class >= 0) {
          class_sel[predicates[k].eq_class].push_back(selectivity[k]);
          class_rels[predicates[k].eq_class] |= masks[k];
        } else {
          r *= selectivity[k];
        }
      }
      // k relations of one class: k - 1 equalities (the most selective) count, the others are
      // implied by them.
      for (int c = 0; c < classes; c++) {
        if (class_sel[c].empty()) continue;
        std::sort(class_sel[c].begin(), class_sel[c].end());
        size_t count = static_cast<size_t>(__builtin_popcount(class_rels[c])) - 1;
        for (size_t j = 0; j < count && j < class_sel[c].size(); j++) r *= class_sel[c][j];
      }
      rows[set] = std::max(1.0, r);
      if ((set & (set - 1)) == 0) continue;  // one relation
      double best = -1;
      bool best_connected = false;
      // Each unordered split once: the half holding the lowest relation of set is `a`.
      uint32_t low = set & (~set + 1);
      for (uint32_t a = (set - 1) & set; a > 0; a = (a - 1) & set) {
        if (!(a & low)) continue;
        uint32_t b = set & ~a;
        bool connected = false;
        for (size_t k = 0; k < masks.size() && !connected; k++) {
          connected = masks[k] && (masks[k] & ~set) == 0 && (masks[k] & a) && (masks[k] & b);
        }
        double c = cost[a] + cost[b];
        if (best < 0 || (connected && !best_connected) ||
            (connected == best_connected && c < best)) {
          best = c;
          best_connected = connected;
          split[set] = a;
        }
      }
      cost[set] = best + rows[set];
    }
    return BuildDp(full, split, rows, relations, predicates);
  }

  LogicalOperatorPtr BuildDp(uint32_t set, const std::vector<uint32_t>& split,
                             const std::vector<double>& rows, std::vector<Relation>& relations,
                             std::vector<JoinPredicate>& predicates) {
    if ((set & (set - 1)) == 0) {
      size_t i = static_cast<size_t>(__builtin_ctz(set));
      return std::move(relations[i].op);
    }
    uint32_t a = split[set], b = set & ~a;
    double width_a = 0, width_b = 0;
    for (size_t i = 0; i < relations.size(); i++) {
      if (a & (1u << i)) width_a += relations[i].width;
      if (b & (1u << i)) width_b += relations[i].width;
    }
    // The cheaper input to build is the right side.
    if (BuildRight(rows[b], width_b, rows[a]) > BuildRight(rows[a], width_a, rows[b])) {
      std::swap(a, b);
    }
    auto left = BuildDp(a, split, rows, relations, predicates);
    auto right = BuildDp(b, split, rows, relations, predicates);
    std::set<idx_t> left_tables, right_tables;
    std::set<size_t> members;
    for (size_t i = 0; i < relations.size(); i++) {
      if (!(set & (1u << i))) continue;
      members.insert(i);
      auto& into = (a & (1u << i)) ? left_tables : right_tables;
      into.insert(relations[i].tables.begin(), relations[i].tables.end());
    }
    auto join =
        MakeJoin(std::move(left), left_tables, std::move(right), right_tables, predicates, members);
    join->estimated_cardinality = static_cast<idx_t>(std::min(rows[set], 1e18));
    return join;
  }

  // Joins current (tables cur_tables) with relation `added`, attaching every unplaced predicate
  // whose relations are now all joined. The smaller input becomes the right (build) side.
  LogicalOperatorPtr JoinStep(LogicalOperatorPtr current, const std::set<idx_t>& cur_tables,
                              double cur_rows, Relation& added,
                              std::vector<JoinPredicate>& predicates,
                              const std::set<size_t>& joined, size_t added_index) {
    bool added_right = BuildRight(added.rows, added.width, cur_rows) <=
                       BuildRight(cur_rows, cur_width_, added.rows);
    cur_width_ += added.width;
    LogicalOperatorPtr left = added_right ? std::move(current) : std::move(added.op);
    LogicalOperatorPtr right = added_right ? std::move(added.op) : std::move(current);
    const std::set<idx_t>& left_tables = added_right ? cur_tables : added.tables;
    const std::set<idx_t>& right_tables = added_right ? added.tables : cur_tables;
    std::set<size_t> members = joined;
    members.insert(added_index);
    return MakeJoin(std::move(left), left_tables, std::move(right), right_tables, predicates,
                    members);
  }

  // Joins left and right (reading left_tables / right_tables; together the relations in
  // members), attaching every unplaced predicate whose relations are all in members: equalities
  // between the sides become hash join conditions, the rest residual predicates.
  static LogicalOperatorPtr MakeJoin(LogicalOperatorPtr left, const std::set<idx_t>& left_tables,
                                     LogicalOperatorPtr right, const std::set<idx_t>& right_tables,
                                     std::vector<JoinPredicate>& predicates,
                                     const std::set<size_t>& members) {
    std::vector<JoinCondition> conditions;
    std::vector<ExprPtr> residual;
    std::set<int> classes_joined;
    for (auto& p : predicates) {
      if (p.placed || !p.known) continue;
      bool ready = true;
      for (auto rel : p.relations) {
        if (!members.count(rel)) ready = false;
      }
      if (!ready) continue;
      p.placed = true;
      // Each side's columns of an equivalence class are already equal (every pair of its
      // relations has a predicate, placed where both joined): one equality across suffices.
      if (p.eq_class >= 0 && !classes_joined.insert(p.eq_class).second) continue;
      if (p.is_condition) {
        if (IsSubset(p.left_tables, left_tables) && IsSubset(p.right_tables, right_tables)) {
          conditions.push_back(std::move(p.condition));
          continue;
        }
        if (IsSubset(p.left_tables, right_tables) && IsSubset(p.right_tables, left_tables)) {
          std::swap(p.condition.left, p.condition.right);
          conditions.push_back(std::move(p.condition));
          continue;
        }
        p.expression = MakeEquality(std::move(p.condition.left), std::move(p.condition.right),
                                    p.condition.null_equal);
      }
      if (TryMakeJoinCondition(p.expression, left_tables, right_tables, conditions)) continue;
      residual.push_back(std::move(p.expression));
    }
    if (conditions.empty()) {
      auto cross = std::make_unique<LogicalCrossProduct>();
      cross->children.push_back(std::move(left));
      cross->children.push_back(std::move(right));
      if (residual.empty()) return cross;
      auto filter = std::make_unique<LogicalFilter>();
      filter->expressions = std::move(residual);
      filter->children.push_back(std::move(cross));
      return filter;
    }
    auto join = std::make_unique<LogicalJoin>(LogicalJoinType::kInner);
    join->conditions = std::move(conditions);
    join->expressions = std::move(residual);
    join->children.push_back(std::move(left));
    join->children.push_back(std::move(right));
    return join;
  }

  // Relative cost of a hash join building on `build` and probing with `probe` (rows and
  // RowWidth of the build): every build row is copied with all its columns and inserted into the
  // table, every probe row streams through one lookup. With equal widths the smaller input
  // builds; a narrow input builds even when somewhat larger than a wide one.
  static double BuildRight(double build_rows, double build_width, double probe_rows) {
    constexpr double kInsertCost = 3, kLookupCost = 2;
    return build_rows * (kInsertCost + build_width) + probe_rows * kLookupCost;
  }

  CardinalityEstimator estimator_;
  std::set<ColumnBinding> used_;
  double cur_width_ = 0;  // greedy order: width of the tree built so far
};

}  // namespace

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan, StorageEngine* storage) {
  StatisticsCache stats(storage);
  JoinOrderer orderer(&stats, ReferencedBindings(*plan));
  return orderer.Visit(std::move(plan), true);
}

}  // namespace kadedb
