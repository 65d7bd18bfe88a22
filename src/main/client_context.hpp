// ClientContext: one session — its settings, its open transaction, and the path every statement
// takes: parse → plan (bind) → optimize → execute, with statement atomicity and error mapping.
//
// Transactions: outside BEGIN each statement runs in its own transaction (autocommit). Inside
// BEGIN ... COMMIT statements share one StorageTransaction; a failing statement aborts the
// transaction as PostgreSQL does (later statements get 25P02 until ROLLBACK or ROLLBACK TO
// SAVEPOINT). Every statement is atomic: it is wrapped in a savepoint and rolled back on error.
// Isolation levels and DDL isolation: docs/transactions.md. Under READ COMMITTED a statement
// that hits a write-write conflict is restarted on a fresh snapshot (as PostgreSQL re-reads the
// newest row version); at the other levels the conflict is a 40001 for the client to retry.
// DDL holds the database's CatalogLock exclusively until its transaction ends; every other
// statement holds it shared while it runs.
//
// Threading: one thread at a time per ClientContext, except Interrupt(), which any thread may call.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/sequence_functions.hpp"
#include "kadedb/database.hpp"
#include "main/database_instance.hpp"
#include "main/settings.hpp"
#include "storage/storage_engine.hpp"

namespace kadedb {

class Statement;
class GrantStatement;
struct PlannedStatement;
struct TriggerEntry;
struct CachedPlan;  // client_context.cpp

// What Connection::Prepare keeps: the parsed statement and what binding told about it.
// ALTER TABLE with one ADD PRIMARY KEY / UNIQUE (cols) action (alter_add_key.cpp).
bool IsAlterAddKey(const Statement& statement);

class PreparedStatementData {
 public:
  PreparedStatementData();
  ~PreparedStatementData();  // out of line: Statement is incomplete here
  std::unique_ptr<Statement> statement;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<LogicalType> parameter_types;
  const ClientContext* owner = nullptr;
  // The optimized plan of the last Execute, reused while the catalog version, the session's
  // settings and role and the parameter types stay the same (ClientContext::ExecutePlain).
  mutable std::unique_ptr<CachedPlan> cached_plan;
};

enum class TransactionState : uint8_t { kIdle, kInTransaction, kFailed };

class ClientContext {
 public:
  explicit ClientContext(DatabaseInstance& db);
  ~ClientContext();  // rolls back an open transaction

  // Runs every statement of sql; returns the last result or the first error.
  // params: $n values (only allowed when sql holds one statement), may be null.
  Result Query(std::string_view sql, const std::vector<Value>* params);
  Status Prepare(std::string_view sql, std::unique_ptr<PreparedStatementData>* out);
  Result Execute(const PreparedStatementData& prepared, const std::vector<Value>& params);

  // Asks the running statement to stop with 57014. Thread-safe.
  void Interrupt() { interrupted_.store(true); }
  // Rows of later row-returning statements go to sink as produced (Connection::SetChunkSink).
  void SetChunkSink(std::function<void(DataChunk&)> sink) { chunk_sink_ = std::move(sink); }
  TransactionState transaction_state() const;
  SessionSettings& settings() { return settings_; }
  // The role statements run as: privilege checks, current_user, owner of created objects.
  // Default: the bootstrap superuser "kadedb". Fails with 28000 when the role does not exist
  // (the server calls it after authentication; the embedded shell keeps the default).
  Status SetCurrentUser(const std::string& name);
  const std::string& CurrentUser() const { return current_user_; }
  uint64_t CurrentUserOid() const { return current_user_oid_; }
  // SET ROLE name / SET ROLE NONE / RESET ROLE: the session user (a superuser, or the role
  // itself) acts as another role until reset. Throws 42704 / 42501.
  void SetRole(const std::string& name);
  DatabaseInstance& db() { return db_; }

 private:
  Result RunStatement(const Statement& statement, const std::vector<Value>* params);
  Result RunTransactionControl(const Statement& statement);
  Result RunSession(const Statement& statement);  // SET / SHOW / RESET / VACUUM
  Result RunPlanned(const Statement& statement, const std::vector<Value>* params);
  // Inside the current transaction and the statement's savepoint: runs one statement, firing
  // its row-level triggers (trigger_firing.cpp). Throws on error.
  void ExecuteInTransaction(const Statement& statement, const std::vector<Value>* params,
                            Result& result);
  // Plan, optimize, execute; fills result (columns, rows, tag). No triggers. The statement of the
  // prepared statement being executed reuses its cached plan when still valid.
  void ExecutePlain(const Statement& statement, const std::vector<Value>* params, Result& result);
  // Runs an optimized plan (execute_plain.cpp).
  void ExecuteCached(CachedPlan& plan, const std::vector<Value>* params, Result& result);
  // The columns, row count and command tag of a cached plan's result, after its run.
  void FinishCached(const CachedPlan& plan, Result& result);
  // Whether statement is the prepared statement being executed and its kept plan is still valid
  // and a PointGet (execution/point_get.hpp): an autocommit run of it then reads from a
  // snapshot-only transaction (execute_plain.cpp).
  bool PointGetReady(const Statement& statement, const std::vector<Value>* params);
  // TRUNCATE: an unfiltered DELETE of each named table, in the current transaction.
  void ExecuteTruncate(const Statement& statement, Result& result);
  // ALTER TABLE ... ADD PRIMARY KEY / UNIQUE (alter_add_key.cpp).
  void ExecuteAlterAddKey(const Statement& statement, Result& result);
  // Per-statement values derived from settings_, recomputed when its generation changes.
  void RefreshDerivedSettings();
  // CREATE / DROP TRIGGER and REINDEX (trigger_firing.cpp).
  void RunTriggerDdl(const Statement& statement, Result& result);
  // INSERT / UPDATE / DELETE on a table with triggers for that event; false when none apply.
  bool ExecuteWithTriggers(const Statement& statement, const std::vector<Value>* params,
                           Result& result);
  // Runs one trigger for one row (WHEN, then the body); old_row / new_row may be empty.
  // columns: the names of the trigger's table (or view) columns, for NEW.x / OLD.x.
  void FireTrigger(const TriggerEntry& trigger, const std::vector<std::string>& columns,
                   const std::vector<Value>& old_row, const std::vector<Value>& new_row);
  StorageTransaction& EnsureTransaction();
  // CREATE/ALTER/DROP ROLE, GRANT, REVOKE (role_statements.cpp).
  void RunRoleStatement(const Statement& statement, Result& result);
  // CREATE / ALTER / DROP SEQUENCE (sequence_statements.cpp).
  void RunSequenceStatement(const Statement& statement, Result& result);
  // GRANT / REVOKE role membership (role_statements.cpp).
  void GrantRoles(const GrantStatement& statement, Result& result);
  // After a statement that changed the catalog: CREATE TABLE / VIEW / SCHEMA by a role other
  // than the bootstrap superuser records it as the owner; DROP forgets the ACLs of objects that
  // are gone (role_statements.cpp).
  void RecordOwner(const Statement& statement);
  // Rolls back the current transaction, if any, ignoring a failure to (the session is going
  // away or the statement already failed: nothing to report to, and RocksDB drops the
  // transaction), and releases the catalog lock.
  void AbandonTransaction();
  // Ends the current transaction's hold on the catalog lock (after commit / rollback).
  void ReleaseCatalogLock();
  // The level the next transaction starts at: default_transaction_isolation.
  IsolationLevel DefaultIsolation() const;
  // SET transaction_isolation / default_transaction_isolation (validated here).
  void SetIsolation(const std::string& name, const std::string& value);

  DatabaseInstance& db_;
  SessionSettings settings_;
  std::unique_ptr<StorageTransaction> transaction_;
  bool explicit_transaction_ = false;
  bool failed_ = false;
  int64_t transaction_start_micros_ = 0;
  std::vector<std::string> savepoints_;
  std::atomic<bool> interrupted_{false};
  std::function<void(DataChunk&)> chunk_sink_;  // empty: results are buffered
  int trigger_depth_ = 0;                       // nesting of trigger bodies (54001 past 32)
  std::string current_user_ = "kadedb";
  uint64_t current_user_oid_ = 10;       // kBootstrapRoleOid
  std::string session_user_ = "kadedb";  // the authenticated role (SetCurrentUser)
  uint64_t session_user_oid_ = 10;
  // currval / lastval state of this session (catalog/sequence_functions.hpp).
  SequenceSession sequence_session_;
  // The open transaction's isolation level (BEGIN ISOLATION LEVEL / SET TRANSACTION); the
  // default applies when none is open.
  IsolationLevel isolation_ = IsolationLevel::kReadCommitted;
  bool isolation_explicit_ = false;  // set by BEGIN ... / SET TRANSACTION for this transaction
  uint64_t statements_in_transaction_ = 0;
  // The prepared statement Execute is running (its plan cache), or null.
  const PreparedStatementData* executing_prepared_ = nullptr;
  // Derived from settings_ at settings_generation_ (RefreshDerivedSettings).
  uint64_t settings_generation_ = 0;
  std::vector<std::string> search_path_;
  std::string timezone_;
  uint64_t memory_limit_ = 0;
  size_t threads_ = 1;
  // DefaultIsolation's parse of default_transaction_isolation, valid while the settings'
  // generation (which starts at 1) is default_isolation_generation_.
  mutable uint64_t default_isolation_generation_ = 0;
  mutable IsolationLevel default_isolation_ = IsolationLevel::kReadCommitted;
};

}  // namespace kadedb
