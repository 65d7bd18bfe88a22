// unnest(a [, b ...]) [WITH ORDINALITY] in FROM: one row per element, several arrays side by
// side padded with NULLs to the longest (PostgreSQL's multi-argument unnest), plus a bigint
// ordinality column. Like every function in FROM it is implicitly LATERAL. Executed by
// PhysicalUnnest (execution/operator/physical_unnest.cpp).
#include "binder/binder.hpp"
#include "common/exception.hpp"

namespace kadedb {

FromItem Binder::BindUnnest(const TableFunctionRef& ref) {
  auto& f = *ref.function;
  if (f.args.empty()) {
    throw Exception(sqlstate::kUndefinedFunction, "function unnest() does not exist", ref.location);
  }
  Binder sub(shared_, this, BinderKind::kSubquery);
  sub.clause_ = ExprClause::kFunctionFrom;
  std::vector<ExprPtr> args;
  std::vector<LogicalType> types;
  for (auto& a : f.args) {
    auto e = sub.BindExpr(*a);
    if (IsUnknown(*e)) {
      // unnest('{1,2}') cannot know its element type; PostgreSQL: "function unnest(unknown) is
      // not unique". unnest(NULL) likewise.
      throw Exception("42725", "function unnest(unknown) is not unique", a->location, "",
                      "Could not choose a best candidate function. You might need to add "
                      "explicit type casts.");
    }
    if (!e->return_type.IsArray()) {
      throw Exception(sqlstate::kUndefinedFunction,
                      "function unnest(" + e->return_type.ToString() + ") does not exist",
                      a->location, "",
                      "No function matches the given name and argument types. You might need "
                      "to add explicit type casts.");
    }
    types.push_back(e->return_type.ElementType());
    args.push_back(std::move(e));
  }
  std::string alias = ref.alias.empty() ? "unnest" : ref.alias;
  std::vector<std::string> names;
  if (args.size() == 1) {
    names.push_back(alias);
  } else {
    for (size_t i = 0; i < args.size(); i++) names.push_back("unnest");
  }
  if (ref.with_ordinality) {
    types.push_back(TypeId::kBigInt);
    names.push_back("ordinality");
  }
  auto fn = std::make_unique<LogicalTableFunction>(NewTableIndex(), "unnest", std::move(types));
  fn->expressions = std::move(args);
  FromItem item = AddFromItem(std::move(fn), alias, names, ref.column_aliases, ref.location);
  item.lateral_refs = TakeLateralRefs(sub);
  return item;
}

}  // namespace kadedb
