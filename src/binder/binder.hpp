// Binder: resolves names and types of a parsed statement and builds its logical plan directly
// (binding and planning are one pass; see planner/planner.cpp).
//
// One Binder per query level. Subquery expressions get a child Binder of kind kSubquery: a
// column found in an enclosing level becomes a correlated kColumnRef (depth = levels out) and is
// registered in each crossed subquery's correlated list. FROM subqueries, CTE bodies and set
// operation branches get a kDerived child: they see the CTEs and outer levels of their parent,
// but not the parent's own FROM items. Views bind in a kIsolated child that sees nothing.
//
// State shared by all levels of a statement (table index counter, parameter types) lives in
// BinderShared. Not thread-safe; one statement at a time.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "binder/bind_context.hpp"
#include "catalog/catalog.hpp"
#include "function/cast/cast.hpp"
#include "parser/parser.hpp"
#include "planner/logical_operator.hpp"
#include "planner/operator/logical_get.hpp"
#include "planner/operator/logical_modify.hpp"
#include "planner/operator/logical_relational.hpp"
#include "planner/operator/logical_simple.hpp"
#include "planner/planner.hpp"

namespace kadedb {

struct BinderShared {
  Catalog& catalog;
  const BindSettings& settings;
  idx_t next_table_index = 1;  // 0 is the pseudo index of EXPLAIN/SHOW outputs
  idx_t next_cte_index = 0;
  std::vector<LogicalType> parameter_types;
  // Oids of the tables and views the statement reads (CREATE VIEW's depends_on).
  std::vector<uint64_t> referenced_oids;
  // Data-modifying CTEs (bind_dml_cte.cpp): their plans in WITH order, run once before the
  // statement; the tables they change, which the rest of the statement reads through a snapshot
  // taken before any of them runs (snapshot_ctes: table oid -> cte index).
  std::vector<std::pair<idx_t, LogicalOperatorPtr>> dml_ctes;
  std::set<uint64_t> dml_targets;
  std::map<uint64_t, idx_t> snapshot_ctes;
  std::vector<std::pair<idx_t, LogicalOperatorPtr>> snapshots;
};

// A bound query expression: its plan and its output columns.
struct BoundQuery {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> bindings;  // == plan->GetColumnBindings()
  // Per column: an untyped literal ('x' or NULL) typed as text only for want of context; set
  // operations and INSERT may still coerce it to another type (empty = none).
  std::vector<bool> unknown;
  bool IsUnknown(size_t i) const { return i < unknown.size() && unknown[i]; }
};

enum class BinderKind : uint8_t { kRoot, kSubquery, kDerived, kIsolated };

// Where an expression is being bound: decides what is allowed (aggregates) and error wording.
enum class ExprClause : uint8_t {
  kSelect,
  kWhere,
  kHaving,
  kGroupBy,
  kOrderBy,
  kJoinOn,
  kValues,
  kLimit,
  kDefault,
  kCheck,
  kReturning,
  kUpdateSet,
  kFunctionFrom,
  kOther,
};

// Aggregates collected while binding a grouped SELECT.
struct AggregateState {
  idx_t group_index = 0;
  idx_t aggregate_index = 0;
  std::vector<ExprPtr> groups;
  std::vector<BoundAggregate> aggregates;
  // GROUPING(...) calls: group key indices each, output as (groupings_index, k).
  idx_t groupings_index = 0;
  std::vector<std::vector<idx_t>> grouping_functions;
  bool inside_aggregate = false;
};

struct CteEntry {
  const CommonTableExpression* cte = nullptr;
  bool recursive = false;      // defined in WITH RECURSIVE
  bool working_table = false;  // reference to the recursive working table
  bool in_progress = false;    // its own body is being bound
  bool referenced = false;     // working table: read by the recursive part
  bool dml = false;  // data-modifying CTE: read through cte_index (no RETURNING: no names)
  bool has_returning = false;
  idx_t cte_index = 0;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
};

// The result of binding one FROM item.
struct FromItem {
  LogicalOperatorPtr plan;
  std::vector<StarColumn> columns;
  // A LATERAL item's references (depth 0) to the FROM items before it; the join that has those
  // items on its left consumes them by becoming a LogicalLateralJoin (bind_lateral.cpp).
  std::vector<ExprPtr> lateral_refs;
};

class Binder {
 public:
  Binder(BinderShared& shared, Binder* parent, BinderKind kind);

  // --- statements (bind_*.cpp) ---
  PlannedStatement BindStatement(const Statement& statement);
  PlannedStatement BindInsert(const InsertStatement& stmt);
  PlannedStatement BindUpdate(const UpdateStatement& stmt);
  PlannedStatement BindDelete(const DeleteStatement& stmt);
  // The rows UPDATE / DELETE change: a scan of the target (row id first), crossed with the FROM /
  // USING items (extra, may be null) and filtered by where (may be null).
  LogicalOperatorPtr BindModifyTarget(TableEntry* table, const std::string& alias,
                                      const TableRef* extra, const ParsedExpression* where);
  PlannedStatement BindCreateTable(const CreateTableStatement& stmt);
  // CREATE SCHEMA / VIEW / INDEX and DROP.
  PlannedStatement BindCreateOther(const Statement& stmt);
  PlannedStatement BindAlterTable(const AlterTableStatement& stmt);
  // Data-modifying CTEs (bind_dml_cte.cpp): binds one at its place in WITH; the scan of a table
  // some DML CTE changes (null when none does); wraps a finished statement so that the
  // snapshots and the DML CTEs run once before it.
  void BindDmlCte(const CommonTableExpression& cte, CteEntry& entry);
  LogicalOperatorPtr SnapshotScan(TableEntry& table);
  void AttachDmlCtes(PlannedStatement& out);
  std::unique_ptr<LogicalAlterTable> BindAlterTableAction(const AlterTableCommand& cmd,
                                                          TableEntry& real,
                                                          const TableEntry& table);
  // COPY, SET/SHOW/RESET, transaction control, CHECK DATABASE, VACUUM/ANALYZE.
  PlannedStatement BindUtility(const Statement& stmt);

  // --- queries ---
  BoundQuery BindQuery(const QueryNode& node);
  BoundQuery BindSelect(const SelectNode& node);
  BoundQuery BindSetOperation(const SetOperationNode& node);
  BoundQuery BindValues(const ValuesNode& node);
  void BindWith(const WithClause& with);
  // ORDER BY / LIMIT / OFFSET over a finished query whose outputs are the only names visible.
  BoundQuery BindModifiersOverOutputs(BoundQuery query, const QueryNode& node);
  LogicalOperatorPtr BindLimit(LogicalOperatorPtr plan, const QueryNode& node);

  // --- FROM ---
  FromItem BindTableRef(const TableRef& ref);
  FromItem BindBaseTable(const BaseTableRef& ref);
  FromItem BindJoin(const JoinRef& ref);
  FromItem BindSubqueryRef(const SubqueryRef& ref);
  FromItem BindTableFunction(const TableFunctionRef& ref);
  FromItem BindUnnest(const TableFunctionRef& ref);  // bind_table_function_unnest.cpp
  // node with its select-list unnest() calls moved into FROM (owned by this binder), or null
  // when it has none (bind_select_unnest.cpp).
  const SelectNode* RewriteSelectListUnnest(const SelectNode& node);
  // regexp_matches / regexp_split_to_table (bind_regex_srf.cpp).
  static bool IsRegexSetFunction(const ParsedExpression& e);
  static ParsedExpressionPtr RegexSetFunctionArray(const FunctionExpression& f);
  static ParsedExpressionPtr RegexSetFunctionOutput(ParsedExpressionPtr element,
                                                    const FunctionExpression& f);
  FromItem BindRegexTableFunction(const TableFunctionRef& ref);
  // Row values and row comparisons (bind_row_value.cpp).
  ParsedExpressionList WholeRowColumns(const std::string& alias, int location);
  ExprPtr BindRowValue(const RowExpression& row);
  ExprPtr TryBindWholeRow(const std::string& alias, int location);
  ExprPtr TryBindRowComparison(const OperatorExpression& expr);
  FromItem BindCteRef(CteEntry& cte, Binder& owner, const BaseTableRef& ref);
  // SELECT ... FROM sequence: one row (last_value, log_cnt, is_called) read when the statement
  // runs (bind_sequence_ref.cpp).
  FromItem BindSequenceRef(const SequenceEntry& sequence, const BaseTableRef& ref);
  // LATERAL (bind_lateral.cpp): sub's references to this level's FROM items, and the join of
  // left with a right item that reads left's columns (42P10-style errors for RIGHT/FULL).
  static std::vector<ExprPtr> TakeLateralRefs(const Binder& sub);
  FromItem MakeLateralJoin(FromItem left, FromItem right, LogicalJoinType type,
                           std::vector<ExprPtr> predicates, std::vector<StarColumn> columns,
                           int location);
  FromItem AddFromItem(LogicalOperatorPtr plan, const std::string& alias,
                       const std::vector<std::string>& names,
                       const std::vector<std::string>& column_aliases, int location);

  // --- expressions (bind_expression_*.cpp) ---
  ExprPtr BindExpr(const ParsedExpression& expr);
  // Binds and coerces to target (implicit cast; 42804 when impossible).
  ExprPtr BindExprAs(const ParsedExpression& expr, const LogicalType& target,
                     CastStrength strength = CastStrength::kImplicit);
  // Binds a condition; 42804 "argument of <clause> must be type boolean, not type x".
  ExprPtr BindCondition(const ParsedExpression& expr, const char* clause);
  ExprPtr Coerce(ExprPtr expr, const LogicalType& target,
                 CastStrength strength = CastStrength::kImplicit, int location = 0);
  // Fixes the type of untyped literals / parameters that no context typed (text / unknown).
  static void ResolveUnknown(ExprPtr& expr);
  static bool IsUnknown(const BoundExpression& expr);
  ExprPtr BindColumnRef(const ColumnRefExpression& expr);
  ExprPtr BindConstant(const ConstantExpression& expr);
  ExprPtr BindParameter(const ParameterExpression& expr);
  ExprPtr BindOperator(const OperatorExpression& expr);
  ExprPtr BindFunction(const FunctionExpression& expr);
  ExprPtr BindAggregate(const FunctionExpression& expr);
  ExprPtr BindGrouping(const FunctionExpression& expr);
  // The query level (0 = this one) an aggregate belongs to: the innermost level whose columns
  // its arguments read.
  static idx_t AggregateLevel(const BoundAggregate& agg);
  static void ShiftDepth(BoundAggregate& agg, idx_t level);
  ExprPtr BindBoolean(const BooleanExpression& expr);
  ExprPtr BindBetween(const BetweenExpression& expr);
  ExprPtr BindInList(const InListExpression& expr);
  ExprPtr BindLike(const LikeExpression& expr);
  ExprPtr BindCase(const CaseExpression& expr);
  ExprPtr BindCast(const CastExpression& expr);
  ExprPtr BindSubquery(const SubqueryExpression& expr);
  // Arrays (bind_expression_array.cpp): ARRAY[...], a[i] / a[i:j], x op ANY|ALL (array),
  // ARRAY(subquery); BindCast's empty ARRAY[]::t[].
  ExprPtr BindArrayConstructor(const ArrayExpression& expr);
  ExprPtr BindSubscript(const SubscriptExpression& expr);
  ExprPtr BindArrayComparison(const ArrayComparisonExpression& expr);
  ExprPtr BindArraySubquery(const SubqueryExpression& expr);
  // Resolves a call of a scalar function/operator over bound arguments and inserts the casts.
  ExprPtr CallScalar(const std::string& name, std::vector<ExprPtr> args, int location);
  // Comparison `op` over two bound expressions.
  ExprPtr Compare(const std::string& op, ExprPtr left, ExprPtr right, int location);
  // Coerces all expressions to their common type (CASE/IN/COALESCE/UNION rules).
  LogicalType UnifyTypes(std::vector<ExprPtr*> exprs, int location);

  // --- helpers ---
  idx_t NewTableIndex() { return shared_.next_table_index++; }
  Catalog& catalog() { return shared_.catalog; }
  // A projection over query's outputs that casts them to types (no-op when equal).
  static BoundQuery CastOutputs(BoundQuery query, const std::vector<LogicalType>& types,
                                idx_t table_index, CastStrength strength);
  TableEntry* LookupTable(const std::vector<std::string>& name, int location);
  // Where CREATE puts an unqualified name (search_path.hpp CreationSchema; 3F000 when none).
  std::string DefaultSchema();
  // The schema CREATE puts the relation `name` in (its qualifier, else DefaultSchema()): its
  // name and oid into *schema_name and *schema_oid. Throws 3F000 when it does not exist and
  // 42501 when the session's user may not create in it.
  void ResolveCreationSchema(const std::vector<std::string>& name, int location,
                             std::string* schema_name, uint64_t* schema_oid);
  // The schema a (possibly unqualified) relation name refers to under the session's search_path
  // (search_path.hpp RelationSchema).
  std::string RelationSchemaOf(const std::vector<std::string>& name);
  // DEFAULT of column c of table (re-parsed), cast to the column type; NULL constant if none.
  ExprPtr BindColumnDefault(const TableEntry& table, column_t c);
  // CHECK constraints of table bound over (row_index, c).
  void BindChecks(const TableEntry& table, idx_t row_index, std::vector<ExprPtr>& checks,
                  std::vector<std::string>& names);
  // RETURNING list bound against the current context.
  void BindReturning(const ParsedExpressionList& list, std::vector<ExprPtr>& out,
                     std::vector<std::string>& names, std::vector<LogicalType>& types);
  // A binding named alias over (row_index, c) for every column of table.
  void AddRowBinding(const TableEntry& table, const std::string& alias, idx_t row_index,
                     idx_t column_offset = 0);
  // SET items of UPDATE / ON CONFLICT DO UPDATE: column indexes and values cast to their types.
  void BindSetItems(const TableEntry& table, const std::vector<SetItem>& items,
                    std::vector<column_t>& columns, std::vector<ExprPtr>& values);
  // PostgreSQL's result column name of a select-list item (alias, column, function name, ...).
  std::string OutputName(const ParsedExpression& expr) const;

  BinderShared& shared_;
  Binder* parent_;
  BinderKind kind_;
  BindContext context_;
  std::map<std::string, CteEntry> ctes_;
  // Outer columns this subquery level reads (as seen from the parent: depth - 1).
  std::vector<ExprPtr> correlated_;
  ExprClause clause_ = ExprClause::kOther;
  std::vector<std::unique_ptr<QueryNode>> owned_nodes_;  // rewritten ASTs bound by this binder
  AggregateState* aggregates_ = nullptr;
  // "t.a" names of column bindings, for grouping errors.
  std::map<ColumnBinding, std::string> binding_names_;
  // LATERAL subquery: the parent's FROM items are visible.
  bool lateral_ = false;

 private:
  CteEntry* FindCte(const std::string& name, Binder** owner);
  void AddCorrelated(const ColumnBinding& binding, const LogicalType& type, idx_t depth,
                     const std::string& name);
};

// Plan helpers.
// Renames column `from` to `to` where plan reads it as an outer column `depth` levels out.
void RewriteCorrelatedBinding(LogicalOperator& plan, const ColumnBinding& from,
                              const ColumnBinding& to, idx_t depth);
LogicalOperatorPtr MakeFilter(LogicalOperatorPtr child, ExprPtr predicate);
// PostgreSQL's short type name used as the result name of a cast constant ("int4", "text").
std::string PostgresTypeName(const LogicalType& type);
// Lower-case check for a parsed integer constant (ORDER BY 1, GROUP BY 1).
bool IsIntegerConstant(const ParsedExpression& expr, int64_t* value);
// The sort order an ORDER BY item asks for, and where its NULLs go: as said, else (PostgreSQL)
// last for ASC and first for DESC.
OrderType ToOrderType(OrderDirection direction);
NullOrder ToNullOrder(NullsOrder nulls, OrderType type);

}  // namespace kadedb
