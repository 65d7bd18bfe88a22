// unnest(a) in a select list (PostgreSQL's set-returning function in the target list): the query
// is rewritten so that the calls become one multi-argument unnest in FROM, cross-joined LATERAL
// with the original FROM items, and each call a reference to that function's column. Several
// calls advance in lockstep, NULL-padded to the longest array, as PostgreSQL 10+ does; an empty
// or NULL array gives no rows for its input row.
//
// Only top-level select items are rewritten; queries with GROUP BY/HAVING or a * item are
// refused (0A000), since there the function would run after grouping or change the * columns.
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

bool IsUnnestCall(const ParsedExpression& e) {
  if (Binder::IsRegexSetFunction(e)) return true;  // regexp_matches, regexp_split_to_table
  if (e.kind != ExpressionKind::kFunction) return false;
  auto& f = e.Cast<FunctionExpression>();
  if (f.function_name() != "unnest" || f.over || f.star || f.distinct) return false;
  return f.name.size() == 1 || (f.name.size() == 2 && f.name[0] == "pg_catalog");
}

constexpr const char* kUnnestAlias = "unnest$select";

}  // namespace

const SelectNode* Binder::RewriteSelectListUnnest(const SelectNode& node) {
  bool any = false;
  for (auto& e : node.select_list) any |= IsUnnestCall(*e);
  if (!any) return nullptr;
  for (auto& e : node.select_list) {
    if (e->kind == ExpressionKind::kStar) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "unnest() in a select list with * is not supported", e->location);
    }
  }
  if (!node.group_by.empty() || node.having) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "unnest() in the select list of a grouped query is not supported",
                    node.location);
  }
  auto copy_ptr = node.Copy();
  auto& copy = static_cast<SelectNode&>(*copy_ptr);
  auto fn = std::make_unique<TableFunctionRef>(node.location);
  fn->function = std::make_unique<FunctionExpression>(node.location);
  fn->function->name = {"unnest"};
  fn->alias = kUnnestAlias;
  fn->lateral = true;
  for (auto& item : copy.select_list) {
    if (!IsUnnestCall(*item)) continue;
    auto& call = item->Cast<FunctionExpression>();
    std::string column = "c" + std::to_string(fn->function->args.size());
    auto ref = std::make_unique<ColumnRefExpression>(item->location);
    ref->names = {kUnnestAlias, column};
    if (Binder::IsRegexSetFunction(call)) {
      fn->function->args.push_back(Binder::RegexSetFunctionArray(call));
      fn->column_aliases.push_back(column);
      std::string alias = item->alias.empty() ? call.function_name() : item->alias;
      item = Binder::RegexSetFunctionOutput(std::move(ref), call);
      item->alias = alias;
      continue;
    }
    if (call.args.size() != 1 || !call.order_by.empty() || call.filter) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "this form of unnest() is only supported in FROM", item->location);
    }
    fn->function->args.push_back(std::move(call.args[0]));
    fn->column_aliases.push_back(column);
    ref->alias = item->alias.empty() ? "unnest" : item->alias;
    item = std::move(ref);
  }
  if (copy.from) {
    auto join = std::make_unique<JoinRef>(node.location);
    join->join_type = JoinType::kCross;
    join->is_comma = true;
    join->left = std::move(copy.from);
    join->right = std::move(fn);
    copy.from = std::move(join);
  } else {
    copy.from = std::move(fn);
  }
  owned_nodes_.push_back(std::move(copy_ptr));
  return &copy;
}

}  // namespace kadedb
