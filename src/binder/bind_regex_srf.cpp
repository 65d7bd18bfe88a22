// regexp_matches(s, p [, flags]) and regexp_split_to_table(s, p [, flags]): PostgreSQL's
// set-returning regular-expression functions, as rewrites onto unnest. regexp_split_to_table is
// unnest(regexp_split_to_array(...)); regexp_matches unnests the hidden regexp_matches$rows(...),
// a text[] holding each match's text[] in its text form (one match, or every match with 'g';
// none when nothing matches), each cast back to text[]. In FROM the call becomes a LATERAL
// subquery (functions in FROM are implicitly LATERAL); in a select list the unnest rewrite of
// bind_select_unnest.cpp takes it (rows in lockstep with other set-returning calls).
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

namespace {

constexpr const char* kRowsAlias = "regex$rows";

TypeName TextArrayType() {
  TypeName t;
  t.type = LogicalType::Array(LogicalType(TypeId::kText));
  t.is_array = true;
  return t;
}

}  // namespace

bool Binder::IsRegexSetFunction(const ParsedExpression& e) {
  if (e.kind != ExpressionKind::kFunction) return false;
  auto& f = e.Cast<FunctionExpression>();
  if (f.over || f.star || f.distinct || !f.order_by.empty() || !f.within_group.empty() ||
      f.filter) {
    return false;
  }
  if (!(f.name.size() == 1 || (f.name.size() == 2 && f.name[0] == "pg_catalog"))) return false;
  const std::string& n = f.function_name();
  return n == "regexp_matches" || n == "regexp_split_to_table";
}

ParsedExpressionPtr Binder::RegexSetFunctionArray(const FunctionExpression& f) {
  auto call = std::make_unique<FunctionExpression>(f.location);
  call->name = {f.function_name() == "regexp_matches" ? "regexp_matches$rows"
                                                      : "regexp_split_to_array"};
  for (auto& a : f.args) call->args.push_back(a->Copy());
  return call;
}

ParsedExpressionPtr Binder::RegexSetFunctionOutput(ParsedExpressionPtr element,
                                                   const FunctionExpression& f) {
  if (f.function_name() != "regexp_matches") return element;
  auto cast = std::make_unique<CastExpression>(f.location);
  cast->child = std::move(element);
  cast->type = TextArrayType();
  return cast;
}

FromItem Binder::BindRegexTableFunction(const TableFunctionRef& ref) {
  auto& f = *ref.function;
  std::string alias = ref.alias.empty() ? f.function_name() : ref.alias;
  auto select = std::make_unique<SelectNode>(ref.location);
  auto rows = std::make_unique<TableFunctionRef>(ref.location);
  rows->function = std::make_unique<FunctionExpression>(ref.location);
  rows->function->name = {"unnest"};
  rows->function->args.push_back(RegexSetFunctionArray(f));
  rows->alias = kRowsAlias;
  rows->with_ordinality = ref.with_ordinality;
  select->from = std::move(rows);
  auto element = std::make_unique<ColumnRefExpression>(ref.location);
  element->names = {kRowsAlias, kRowsAlias};
  ParsedExpressionPtr item = RegexSetFunctionOutput(std::move(element), f);
  item->alias = alias;
  select->select_list.push_back(std::move(item));
  if (ref.with_ordinality) {
    auto ordinality = std::make_unique<ColumnRefExpression>(ref.location);
    ordinality->names = {kRowsAlias, "ordinality"};
    select->select_list.push_back(std::move(ordinality));
  }
  SubqueryRef sub(ref.location);
  sub.lateral = true;
  sub.alias = alias;
  sub.column_aliases = ref.column_aliases;
  sub.query = std::move(select);
  FromItem out = BindSubqueryRef(sub);
  owned_nodes_.push_back(std::move(sub.query));
  return out;
}

}  // namespace kadedb
