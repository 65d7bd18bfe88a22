// ClientContext::ExecutePlain: bind, optimize and run one statement, with the plan cache of
// prepared statements; TRUNCATE; the per-statement values derived from the session settings.
//
// Plan cache: Execute of a prepared SELECT / INSERT / UPDATE / DELETE keeps the optimized logical
// plan in its PreparedStatementData, and from its first run its physical plan (Executor::Prepare;
// not for plans with subqueries), and reuses both while nothing it was bound against changed: the
// catalog version (every DDL, GRANT / REVOKE and role change bumps it, so dropped or altered
// tables and revoked privileges force a new bind), the session's settings generation (search_path,
// timezone ...), the current role and the parameter value types. A session holding the catalog
// lock exclusively (its own DDL not yet committed) neither stores nor reuses plans: a rollback
// could free the catalog entries such a plan points to. Statements hold the catalog lock shared
// while they run, so the version cannot change between the check and the execution.
#include <chrono>

#include "binder/bind_privileges.hpp"
#include "catalog/pg_functions.hpp"
#include "catalog/role_catalog.hpp"
#include "catalog/search_path.hpp"
#include "catalog/sequence_counter.hpp"
#include "common/exception.hpp"
#include "execution/executor.hpp"
#include "execution/point_get.hpp"
#include "main/client_context.hpp"
#include "optimizer/optimizer.hpp"
#include "parser/parser.hpp"
#include "planner/planner.hpp"

namespace kadedb {

struct CachedPlan {
  uint64_t catalog_version = 0;
  uint64_t settings_generation = 0;
  uint64_t user_oid = 0;
  std::vector<LogicalType> param_types;
  LogicalOperatorPtr plan;
  // The physical plan of a kept plan, built at its first run and reused by later ones (null
  // when Executor::Prepare cannot keep it); declared after plan, which it points into.
  bool keep_physical = false;
  bool physical_prepared = false;
  std::shared_ptr<PhysicalOperator> physical;
  std::unique_ptr<PointGet> point_get;  // set when physical is a unique-key lookup
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::string command_tag;
  bool returns_rows = false;
};

PreparedStatementData::PreparedStatementData() = default;
PreparedStatementData::~PreparedStatementData() = default;

namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string CommandTag(const std::string& tag, uint64_t rows) {
  if (tag == "SELECT") return "SELECT " + std::to_string(rows);
  if (tag == "INSERT") return "INSERT 0 " + std::to_string(rows);
  if (tag == "UPDATE" || tag == "DELETE" || tag == "COPY" || tag == "MERGE") {
    return tag + " " + std::to_string(rows);
  }
  return tag;
}

bool SameTypes(const std::vector<LogicalType>& a, const std::vector<Value>* params) {
  size_t n = params ? params->size() : 0;
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; i++) {
    if (!(a[i] == (*params)[i].type())) return false;
  }
  return true;
}

}  // namespace

void ClientContext::RefreshDerivedSettings() {
  if (settings_generation_ == settings_.generation()) return;
  search_path_ = settings_.SearchPath();
  timezone_ = settings_.Get("timezone");
  memory_limit_ = settings_.MemoryLimitBytes();
  threads_ = settings_.Threads();
  settings_generation_ = settings_.generation();
}

void ClientContext::ExecutePlain(const Statement& statement, const std::vector<Value>* params,
                                 Result& result) {
  if (statement.kind == StatementKind::kTruncate) {
    ExecuteTruncate(statement, result);
    return;
  }
  RefreshDerivedSettings();
  Catalog& catalog = db_.catalog();
  // The plan cache applies to the prepared statement itself (not to trigger bodies it fires).
  const PreparedStatementData* prepared =
      executing_prepared_ && executing_prepared_->statement.get() == &statement
          ? executing_prepared_
          : nullptr;
  bool cacheable = prepared && !db_.catalog_lock().HeldExclusivelyBy(this);
  uint64_t version = cacheable ? catalog.version() : 0;
  CachedPlan* cached = nullptr;
  if (cacheable && prepared->cached_plan) {
    CachedPlan& c = *prepared->cached_plan;
    if (c.catalog_version == version && c.settings_generation == settings_generation_ &&
        c.user_oid == current_user_oid_ && SameTypes(c.param_types, params)) {
      cached = &c;
    }
  }
  if (!cached) {
    BindSettings bind_settings;
    bind_settings.search_path = search_path_;
    bind_settings.user_oid = current_user_oid_;
    bind_settings.user_name = current_user_;
    std::vector<LogicalType> param_types;
    if (params) {
      for (auto& v : *params) param_types.push_back(v.type());
    }
    PlannedStatement planned = PlanStatement(catalog, statement, bind_settings, param_types);
    if (!planned.read_only && db_.options().read_only) {
      throw Exception(sqlstate::kReadOnly,
                      "cannot execute " + planned.command_tag + " in a read-only database");
    }
    OptimizerSettings optimizer_settings;
    optimizer_settings.catalog = &catalog;        // index selection looks indexes up by table
    optimizer_settings.storage = &db_.storage();  // join order reads table statistics
    auto fresh = std::make_unique<CachedPlan>();
    fresh->plan = Optimize(std::move(planned.plan), optimizer_settings);
    fresh->names = std::move(planned.names);
    fresh->types = std::move(planned.types);
    fresh->command_tag = std::move(planned.command_tag);
    fresh->returns_rows = planned.returns_rows;
    fresh->catalog_version = version;
    fresh->settings_generation = settings_generation_;
    fresh->user_oid = current_user_oid_;
    fresh->param_types = std::move(param_types);
    const std::string& tag = fresh->command_tag;
    bool keep =
        cacheable && (tag == "SELECT" || tag == "INSERT" || tag == "UPDATE" || tag == "DELETE");
    if (keep) {
      fresh->keep_physical = true;
      prepared->cached_plan = std::move(fresh);
      cached = prepared->cached_plan.get();
    } else {
      // One-off: run it from a local holder.
      CachedPlan local = std::move(*fresh);
      ExecuteCached(local, params, result);
      return;
    }
  }
  ExecuteCached(*cached, params, result);
}

bool ClientContext::PointGetReady(const Statement& statement, const std::vector<Value>* params) {
  if (executing_prepared_ == nullptr || executing_prepared_->statement.get() != &statement) {
    return false;
  }
  const CachedPlan* c = executing_prepared_->cached_plan.get();
  if (c == nullptr || !c->point_get || db_.catalog_lock().HeldExclusivelyBy(this)) return false;
  RefreshDerivedSettings();
  // The checks ExecutePlain makes before reusing the plan (the caller holds the catalog lock
  // shared, so the version cannot move in between).
  return c->catalog_version == db_.catalog().version() &&
         c->settings_generation == settings_generation_ && c->user_oid == current_user_oid_ &&
         SameTypes(c->param_types, params);
}

void ClientContext::ExecuteCached(CachedPlan& plan, const std::vector<Value>* params,
                                  Result& result) {
  StorageTransaction& txn = EnsureTransaction();
  ExecutionContext context;
  context.catalog = &db_.catalog();
  context.transaction = &txn;
  context.function_context.transaction_timestamp_micros = transaction_start_micros_;
  context.function_context.statement_timestamp_micros = NowMicros();
  context.function_context.timezone = timezone_;
  context.parameters = params;
  context.interrupted = &interrupted_;
  context.memory_limit = memory_limit_;
  context.threads = threads_;
  if (plan.point_get) {
    // A unique-key lookup calls no function but comparisons (PointGet::Match): it needs none of
    // the session's function state, whose setting-up would cost as much as the lookup.
    plan.point_get->Run(context, result);
    FinishCached(plan, result);
    return;
  }
  PgSessionFunctions session_functions(db_.catalog(), current_user_, session_user_, search_path_);
  SequenceFunctions sequence_functions(db_.catalog(), sequence_session_, current_user_oid_,
                                       current_user_, search_path_);
  session_functions.SetSequenceFunctions(&sequence_functions);
  context.function_context.session = &session_functions;
  if (plan.keep_physical && !plan.physical_prepared) {
    plan.physical = Executor::Prepare(*plan.plan, context);
    plan.physical_prepared = true;
    if (plan.physical && plan.command_tag == "SELECT") {
      plan.point_get = PointGet::Match(*plan.physical);
    }
  }
  if (plan.point_get) {
    plan.point_get->Run(context, result);
  } else if (plan.physical) {
    Executor::ExecutePrepared(*plan.plan, *plan.physical, context, result);
  } else {
    Executor::Execute(*plan.plan, context, result);
  }
  FinishCached(plan, result);
}

void ClientContext::FinishCached(const CachedPlan& plan, Result& result) {
  if (plan.returns_rows) {
    result.SetColumns(plan.names, plan.types);
    result.SetHasRows(true);
    if (plan.command_tag == "SELECT" || plan.command_tag == "EXPLAIN" ||
        plan.command_tag == "SHOW") {
      result.SetRowsAffected(result.RowCount());
    }
  }
  result.SetCommandTag(CommandTag(plan.command_tag, result.RowsAffected()));
}

void ClientContext::ExecuteTruncate(const Statement& statement, Result& result) {
  auto& t = statement.Cast<TruncateStatement>();
  // TRUNCATE needs the TRUNCATE privilege (and schema USAGE), not DELETE: check it for every
  // table first, then run the deletes with the per-statement checks suspended.
  BindSettings privileges;
  privileges.user_oid = current_user_oid_;
  privileges.user_name = current_user_;
  for (size_t i = 0; i < t.tables.size(); i++) {
    const std::vector<std::string>& name = t.tables[i];
    std::string schema = RelationSchema(db_.catalog(), settings_.SearchPath(), current_user_, name);
    if (TableEntry* table = db_.catalog().GetTable(schema, name.back())) {
      CheckRelationPrivilege(db_.catalog(), privileges, table->oid, table->name, kPrivTruncate,
                             false, t.locations[i]);
    }
  }
  ViewBodyScope checked;
  std::vector<SequenceEntry*> restart;  // RESTART IDENTITY: the tables' owned sequences
  for (size_t i = 0; i < t.tables.size() && t.restart_identity; i++) {
    const std::vector<std::string>& name = t.tables[i];
    std::string schema = name.size() >= 2 ? name[name.size() - 2] : std::string();
    if (TableEntry* table = db_.catalog().GetTable(schema, name.back())) {
      for (SequenceEntry* q : db_.catalog().OwnedSequences(table->oid)) restart.push_back(q);
    }
  }
  for (size_t i = 0; i < t.tables.size(); i++) {
    DeleteStatement del;
    del.text = statement.text;
    del.table = std::make_unique<BaseTableRef>(t.locations[i]);
    del.table->name = t.tables[i];
    Result ignored;
    ExecutePlain(del, nullptr, ignored);
  }
  // (Not undone by a rollback, unlike PostgreSQL's: the counters are non-transactional.)
  for (SequenceEntry* q : restart) q->counter->Restart(q->start);
  result.SetCommandTag("TRUNCATE TABLE");
}

}  // namespace kadedb
