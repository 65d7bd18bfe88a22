// ClientContext: statement execution, transactions and error mapping.
#include "main/client_context.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <new>
#include <optional>

#include "catalog/pg_functions.hpp"
#include "catalog/role_catalog.hpp"
#include "common/exception.hpp"
#include "execution/executor.hpp"
#include "optimizer/optimizer.hpp"
#include "parser/parser.hpp"
#include "planner/planner.hpp"
#include "storage/backup.hpp"
#include "storage/snapshot_read.hpp"

namespace kadedb {

namespace {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Maps anything thrown by the pipeline to a Status. Positions inside a statement are shifted by
// offset so they point into the text the caller passed.
Status ToStatus(const std::exception_ptr& error, int offset) {
  try {
    std::rethrow_exception(error);
  } catch (const Exception& e) {
    int pos = e.position() > 0 ? e.position() + offset : 0;
    return Status::Error(e.sqlstate(), e.what(), pos, e.detail(), e.hint());
  } catch (const std::bad_alloc&) {
    return Status::Error(sqlstate::kOutOfMemory, "out of memory");
  } catch (const std::exception& e) {
    return Status::Error(sqlstate::kInternalError, std::string("internal error: ") + e.what());
  } catch (...) {
    return Status::Error(sqlstate::kInternalError, "internal error: unknown exception");
  }
}

std::string ConstantText(const ParsedExpression& e) {
  if (e.kind == ExpressionKind::kConstant) {
    auto& c = e.Cast<ConstantExpression>();
    switch (c.value_kind) {
      case ConstantKind::kNull:
        return "";
      case ConstantKind::kBoolean:
        return c.boolean_value ? "on" : "off";
      case ConstantKind::kInteger:
        return std::to_string(c.integer_value);
      case ConstantKind::kNumeric:
      case ConstantKind::kString:
        return c.text;
    }
  }
  if (e.kind == ExpressionKind::kColumnRef) return e.ToString();
  // e.g. SET x = -1 parses as an operator; its text is what the user wrote.
  return e.ToString();
}

// How long a statement waits for another session's DDL transaction (and DDL for running
// statements) before failing with 55P03. Bounded, so a forgotten open DDL transaction cannot
// hang every other session forever.
constexpr std::chrono::milliseconds kCatalogLockTimeout{10000};
// READ COMMITTED restarts a statement that hit a write-write conflict at most this often.
constexpr int kMaxStatementRestarts = 100;

bool IsDdl(StatementKind kind) {
  switch (kind) {
    case StatementKind::kCreateTable:
    case StatementKind::kCreateSchema:
    case StatementKind::kCreateView:
    case StatementKind::kCreateIndex:
    case StatementKind::kDrop:
    case StatementKind::kAlterTable:
    case StatementKind::kCreateTrigger:
    case StatementKind::kDropTrigger:
    case StatementKind::kReindex:
    case StatementKind::kCreateSequence:
    case StatementKind::kAlterSequence:
    case StatementKind::kDropSequence:
      return true;
    default:
      return false;
  }
}

// "read committed" etc. (any case and spacing); read uncommitted is read committed, as in
// PostgreSQL. Throws 22023 for anything else.
IsolationLevel ParseIsolationLevel(const std::string& text) {
  std::string v;
  for (char c : text) {
    if (c == '_' || c == '-') c = ' ';
    if (c == ' ' && (v.empty() || v.back() == ' ')) continue;
    v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!v.empty() && v.back() == ' ') v.pop_back();
  if (v == "read committed" || v == "read uncommitted") return IsolationLevel::kReadCommitted;
  if (v == "repeatable read") return IsolationLevel::kRepeatableRead;
  if (v == "serializable") return IsolationLevel::kSerializable;
  throw Exception(sqlstate::kInvalidParameterValue,
                  "invalid value for parameter \"transaction_isolation\": \"" + text + "\"", 0, {},
                  "Available values: serializable, repeatable read, read committed, read "
                  "uncommitted.");
}

const char* IsolationName(IsolationLevel level) {
  switch (level) {
    case IsolationLevel::kReadCommitted:
      return "read committed";
    case IsolationLevel::kRepeatableRead:
      return "repeatable read";
    case IsolationLevel::kSerializable:
      return "serializable";
  }
  return "read committed";
}

// Holds the catalog lock shared for one statement (unless the session owns it exclusively).
class SharedCatalogHold {
 public:
  SharedCatalogHold(CatalogLock& lock, const void* owner) : lock_(lock) {
    if (lock.HeldExclusivelyBy(owner)) return;
    if (!lock.LockShared(owner, kCatalogLockTimeout)) {
      throw Exception("55P03", "canceling statement due to lock timeout", 0,
                      "Another session's transaction holds uncommitted schema changes.");
    }
    held_ = true;
  }
  ~SharedCatalogHold() {
    if (held_) lock_.UnlockShared();
  }
  SharedCatalogHold(const SharedCatalogHold&) = delete;
  SharedCatalogHold& operator=(const SharedCatalogHold&) = delete;

 private:
  CatalogLock& lock_;
  bool held_ = false;
};

}  // namespace

ClientContext::ClientContext(DatabaseInstance& db) : db_(db) {}

ClientContext::~ClientContext() {
  AbandonTransaction();
}

void ClientContext::AbandonTransaction() {
  if (transaction_) {
    try {
      transaction_->Rollback();
    } catch (...) {
    }
    transaction_.reset();
  }
  ReleaseCatalogLock();
}

void ClientContext::ReleaseCatalogLock() {
  db_.catalog_lock().UnlockExclusive(this);
}

IsolationLevel ClientContext::DefaultIsolation() const {
  // Parsed once per settings generation (every autocommit statement asks).
  if (default_isolation_generation_ != settings_.generation()) {
    default_isolation_ = ParseIsolationLevel(settings_.Get("default_transaction_isolation"));
    default_isolation_generation_ = settings_.generation();
  }
  return default_isolation_;
}

void ClientContext::SetIsolation(const std::string& name, const std::string& value) {
  IsolationLevel level = ParseIsolationLevel(value);
  if (name == "default_transaction_isolation") {
    settings_.Set(name, IsolationName(level));
    return;
  }
  // transaction_isolation: outside a transaction block PostgreSQL only warns; nothing to do.
  if (!explicit_transaction_) return;
  if (statements_in_transaction_ > 0) {
    throw Exception("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query");
  }
  isolation_ = level;
  isolation_explicit_ = true;
  if (transaction_ && transaction_->isolation_level() != level) {
    transaction_->Rollback();  // nothing read or written yet
    transaction_ = db_.storage().BeginTransaction(level);
  }
}

TransactionState ClientContext::transaction_state() const {
  if (!explicit_transaction_) return TransactionState::kIdle;
  return failed_ ? TransactionState::kFailed : TransactionState::kInTransaction;
}

StorageTransaction& ClientContext::EnsureTransaction() {
  if (!transaction_) {
    if (!isolation_explicit_) isolation_ = DefaultIsolation();
    transaction_ = db_.storage().BeginTransaction(isolation_);
    transaction_start_micros_ = NowMicros();
    statements_in_transaction_ = 0;
  }
  return *transaction_;
}

Result ClientContext::Query(std::string_view sql, const std::vector<Value>* params) {
  std::vector<std::unique_ptr<Statement>> statements;
  try {
    statements = Parser::ParseStatements(sql);
  } catch (...) {
    return Result(ToStatus(std::current_exception(), 0));
  }
  if (params && !params->empty() && statements.size() > 1) {
    return Result(Status::Error(sqlstate::kSyntaxError,
                                "cannot insert multiple commands into a prepared statement"));
  }
  Result last;
  last.SetCommandTag("EMPTY");
  for (auto& statement : statements) {
    last = RunStatement(*statement, params);
    if (!last.ok()) {
      if (last.status().position() > 0) {
        const Status& s = last.status();
        last.SetStatus(Status::Error(s.sqlstate(), s.message(),
                                     s.position() + statement->text_offset, s.detail(), s.hint()));
      }
      return last;
    }
  }
  return last;
}

Status ClientContext::Prepare(std::string_view sql, std::unique_ptr<PreparedStatementData>* out) {
  try {
    auto statements = Parser::ParseStatements(sql);
    if (statements.size() != 1) {
      return Status::Error(sqlstate::kSyntaxError,
                           statements.empty()
                               ? "cannot prepare an empty statement"
                               : "cannot insert multiple commands into a prepared statement");
    }
    auto data = std::make_unique<PreparedStatementData>();
    data->owner = this;
    StatementKind kind = statements[0]->kind;
    bool plannable = kind != StatementKind::kTransaction && kind != StatementKind::kSet &&
                     kind != StatementKind::kShow && kind != StatementKind::kReset &&
                     kind != StatementKind::kVacuum && kind != StatementKind::kCreateTrigger &&
                     kind != StatementKind::kDropTrigger && kind != StatementKind::kReindex &&
                     kind != StatementKind::kBackupDatabase && kind != StatementKind::kCheckpoint &&
                     kind != StatementKind::kCreateRole && kind != StatementKind::kAlterRole &&
                     kind != StatementKind::kDropRole && kind != StatementKind::kGrant &&
                     kind != StatementKind::kTruncate && kind != StatementKind::kCreateSequence &&
                     kind != StatementKind::kAlterSequence &&
                     kind != StatementKind::kDropSequence &&
                     kind != StatementKind::kGrantSequence && !IsAlterAddKey(*statements[0]);
    if (plannable) {
      // Bind once to report errors now and learn the parameter and result types.
      SharedCatalogHold hold(db_.catalog_lock(), this);
      BindSettings bind_settings;
      bind_settings.search_path = settings_.SearchPath();
      bind_settings.user_oid = current_user_oid_;
      bind_settings.user_name = current_user_;
      PlannedStatement planned = PlanStatement(db_.catalog(), *statements[0], bind_settings);
      data->names = planned.names;
      data->types = planned.types;
      data->parameter_types = planned.parameter_types;
    } else if (kind == StatementKind::kShow) {
      data->names = {statements[0]->Cast<ShowStatement>().name};
      data->types = {TypeId::kText};
    }
    data->statement = std::move(statements[0]);
    *out = std::move(data);
    return Status::OK();
  } catch (...) {
    return ToStatus(std::current_exception(), 0);
  }
}

Result ClientContext::Execute(const PreparedStatementData& prepared,
                              const std::vector<Value>& params) {
  if (params.size() != prepared.parameter_types.size()) {
    return Result(Status::Error("08P01", "bind message supplies " + std::to_string(params.size()) +
                                             " parameters, but prepared statement requires " +
                                             std::to_string(prepared.parameter_types.size())));
  }
  executing_prepared_ = &prepared;
  Result result = RunStatement(*prepared.statement, &params);
  executing_prepared_ = nullptr;
  return result;
}

Result ClientContext::RunStatement(const Statement& statement, const std::vector<Value>* params) {
  interrupted_.store(false);
  switch (statement.kind) {
    case StatementKind::kTransaction:
      return RunTransactionControl(statement);
    case StatementKind::kSet:
    case StatementKind::kShow:
    case StatementKind::kReset:
    case StatementKind::kVacuum:
    case StatementKind::kBackupDatabase:
    case StatementKind::kCheckpoint:
      if (failed_) break;
      return RunSession(statement);
    default:
      break;
  }
  if (failed_) {
    return Result(Status::Error("25P02",
                                "current transaction is aborted, commands ignored until end of "
                                "transaction block"));
  }
  return RunPlanned(statement, params);
}

Result ClientContext::RunPlanned(const Statement& statement, const std::vector<Value>* params) {
  bool autocommit = !explicit_transaction_;
  Result result;
  if (chunk_sink_) result.SetChunkSink(chunk_sink_);
  try {
    // DDL keeps the catalog lock until its transaction ends; other statements hold it shared
    // while they run, so they never bind against another session's uncommitted catalog.
    std::optional<SharedCatalogHold> shared;
    if (!db_.options().read_only) {
      if (IsDdl(statement.kind)) {
        if (!db_.catalog_lock().LockExclusive(this, kCatalogLockTimeout)) {
          throw Exception("55P03", "canceling statement due to lock timeout", 0,
                          "Other sessions' statements kept the catalog busy.");
        }
      } else {
        shared.emplace(db_.catalog_lock(), this);
      }
    }
    bool point_get = autocommit && !transaction_ && PointGetReady(statement, params);
    if (point_get) {
      // A prepared point lookup writes nothing: a snapshot is all the transaction it needs.
      if (!isolation_explicit_) isolation_ = DefaultIsolation();
      transaction_ = BeginSnapshotRead(db_.storage(), isolation_);
      transaction_start_micros_ = NowMicros();
      statements_in_transaction_ = 0;
    }
    StorageTransaction& txn = EnsureTransaction();
    txn.BeginStatement();
    statements_in_transaction_++;
    for (int attempt = 0;; attempt++) {
      txn.SetSavePoint();
      try {
        trigger_depth_ = 0;
        if (point_get) {
          // PointGetReady made ExecutePlain's plan-cache checks (the catalog lock, held shared,
          // keeps them true) and a SELECT fires no trigger: run the kept plan directly.
          ExecuteCached(*executing_prepared_->cached_plan, params, result);
        } else {
          ExecuteInTransaction(statement, params, result);
        }
      } catch (const Exception& e) {
        txn.RollbackToSavePoint();
        // READ COMMITTED: a row changed by a transaction that committed after this statement's
        // snapshot. Re-run the whole statement on a fresh snapshot (PostgreSQL re-checks the
        // newest row version instead; the outcome for the statement is the same).
        // Not when rows may already have been streamed to the client (a chunk sink).
        bool restart = txn.isolation_level() == IsolationLevel::kReadCommitted && !chunk_sink_ &&
                       e.sqlstate() == "40001" && attempt < kMaxStatementRestarts &&
                       std::string_view(e.what()).find("concurrent update") != std::string::npos;
        if (!restart) throw;
        result = Result();
        txn.BeginStatement();
        continue;
      } catch (...) {
        txn.RollbackToSavePoint();
        throw;
      }
      txn.PopSavePoint();
      break;
    }
    if (autocommit) {
      transaction_->Commit();
      transaction_.reset();
      ReleaseCatalogLock();
    }
    return result;
  } catch (...) {
    Status s = ToStatus(std::current_exception(), 0);
    if (autocommit) {
      AbandonTransaction();
    } else {
      failed_ = true;
    }
    return Result(std::move(s));
  }
}

Result ClientContext::RunTransactionControl(const Statement& statement) {
  auto& t = statement.Cast<TransactionStatement>();
  Result result;
  try {
    switch (t.transaction_kind) {
      case TransactionKind::kBegin:
        if (explicit_transaction_) {
          // PostgreSQL: WARNING there is already a transaction in progress; not an error.
          result.SetCommandTag("BEGIN");
          return result;
        }
        isolation_explicit_ = !t.isolation_level.empty();
        if (isolation_explicit_) isolation_ = ParseIsolationLevel(t.isolation_level);
        EnsureTransaction();
        explicit_transaction_ = true;
        failed_ = false;
        result.SetCommandTag("BEGIN");
        return result;
      case TransactionKind::kCommit: {
        std::string tag = failed_ ? "ROLLBACK" : "COMMIT";
        if (transaction_) {
          if (failed_) {
            transaction_->Rollback();
          } else {
            try {
              transaction_->Commit();
            } catch (...) {
              // A failed COMMIT (40001 at validation, I/O error) has rolled the transaction
              // back: the session leaves the transaction block, as in PostgreSQL.
              transaction_.reset();
              explicit_transaction_ = false;
              isolation_explicit_ = false;
              failed_ = false;
              savepoints_.clear();
              ReleaseCatalogLock();
              throw;
            }
          }
        }
        transaction_.reset();
        explicit_transaction_ = false;
        isolation_explicit_ = false;
        failed_ = false;
        savepoints_.clear();
        ReleaseCatalogLock();
        result.SetCommandTag(tag);
        return result;
      }
      case TransactionKind::kRollback:
        if (transaction_) transaction_->Rollback();
        transaction_.reset();
        explicit_transaction_ = false;
        isolation_explicit_ = false;
        failed_ = false;
        savepoints_.clear();
        ReleaseCatalogLock();
        result.SetCommandTag("ROLLBACK");
        return result;
      case TransactionKind::kSavepoint:
        if (!explicit_transaction_) {
          throw Exception("25P01", "SAVEPOINT can only be used in transaction blocks");
        }
        if (failed_) {
          throw Exception("25P02",
                          "current transaction is aborted, commands ignored until end of "
                          "transaction block");
        }
        transaction_->SetSavePoint();
        savepoints_.push_back(t.savepoint);
        result.SetCommandTag("SAVEPOINT");
        return result;
      case TransactionKind::kRelease:
      case TransactionKind::kRollbackToSavepoint: {
        if (!explicit_transaction_) {
          throw Exception("25P01", std::string(t.transaction_kind == TransactionKind::kRelease
                                                   ? "RELEASE SAVEPOINT"
                                                   : "ROLLBACK TO SAVEPOINT") +
                                       " can only be used in transaction blocks");
        }
        int found = -1;
        for (int i = static_cast<int>(savepoints_.size()) - 1; i >= 0; i--) {
          if (savepoints_[i] == t.savepoint) {
            found = i;
            break;
          }
        }
        if (found < 0) {
          throw Exception("3B001", "savepoint \"" + t.savepoint + "\" does not exist");
        }
        if (t.transaction_kind == TransactionKind::kRelease) {
          if (failed_) {
            throw Exception("25P02",
                            "current transaction is aborted, commands ignored until end of "
                            "transaction block");
          }
          while (static_cast<int>(savepoints_.size()) > found) {
            transaction_->PopSavePoint();
            savepoints_.pop_back();
          }
          result.SetCommandTag("RELEASE");
        } else {
          // Undo everything after the named savepoint; the savepoint itself stays.
          while (static_cast<int>(savepoints_.size()) > found + 1) {
            transaction_->PopSavePoint();
            savepoints_.pop_back();
          }
          transaction_->RollbackToSavePoint();
          transaction_->SetSavePoint();
          failed_ = false;
          result.SetCommandTag("ROLLBACK");
        }
        return result;
      }
    }
  } catch (...) {
    if (explicit_transaction_) failed_ = true;
    return Result(ToStatus(std::current_exception(), 0));
  }
  return result;
}

Result ClientContext::RunSession(const Statement& statement) {
  Result result;
  try {
    switch (statement.kind) {
      case StatementKind::kSet: {
        auto& s = statement.Cast<SetStatement>();
        bool isolation =
            s.name == "transaction_isolation" || s.name == "default_transaction_isolation";
        if (s.is_default && s.name == "role") {
          SetRole("none");
        } else if (s.is_default) {
          if (s.name != "transaction_isolation") settings_.Reset(s.name);
        } else {
          std::string value;
          for (size_t i = 0; i < s.values.size(); i++) {
            if (i) value += ", ";
            value += ConstantText(*s.values[i]);
          }
          if (isolation) {
            SetIsolation(s.name, value);
          } else if (s.name == "role") {
            SetRole(value);
          } else {
            settings_.Set(s.name, value);
          }
        }
        result.SetCommandTag("SET");
        return result;
      }
      case StatementKind::kReset:
        if (statement.Cast<ResetStatement>().name == "role") {
          SetRole("none");
          result.SetCommandTag("RESET");
          return result;
        }
        settings_.Reset(statement.Cast<ResetStatement>().name);
        result.SetCommandTag("RESET");
        return result;
      case StatementKind::kShow: {
        auto& s = statement.Cast<ShowStatement>();
        DataChunk chunk;
        if (s.name == "all") {
          chunk.Initialize({TypeId::kText, TypeId::kText});
          chunk.SetSize(0);
          for (auto& [name, value] : settings_.All()) {
            chunk.AppendRow({Value::Text(name), Value::Text(value)});
          }
          result.SetColumns({"name", "setting"}, {TypeId::kText, TypeId::kText});
        } else {
          chunk.Initialize({TypeId::kText});
          chunk.SetSize(0);
          std::string value = s.name == "transaction_isolation"
                                  ? IsolationName(transaction_ ? transaction_->isolation_level()
                                                               : DefaultIsolation())
                                  : settings_.Get(s.name);
          chunk.AppendRow({Value::Text(value)});
          result.SetColumns({s.name}, {TypeId::kText});
        }
        result.SetRowsAffected(chunk.size());
        result.AddChunk(std::move(chunk));
        result.SetHasRows(true);
        result.SetCommandTag("SHOW");
        return result;
      }
      case StatementKind::kVacuum:
        result.SetCommandTag(statement.Cast<VacuumStatement>().is_vacuum ? "VACUUM" : "ANALYZE");
        return result;
      case StatementKind::kBackupDatabase: {
        if (explicit_transaction_) {
          throw Exception("25001", "BACKUP DATABASE cannot run inside a transaction block");
        }
        BackupInfo info;
        Status st = BackupOpenEngine(db_.storage(),
                                     statement.Cast<BackupDatabaseStatement>().destination, &info);
        if (!st.ok()) return Result(st);
        result.SetCommandTag("BACKUP " + std::to_string(info.backup_id));
        return result;
      }
      case StatementKind::kCheckpoint: {
        if (current_user_oid_ != kBootstrapRoleOid &&
            !db_.catalog().roles().HasPrivsOfRole(current_user_oid_, kPgCheckpointOid)) {
          throw Exception("42501",
                          "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
        }
        Status st = db_.storage().Checkpoint();
        if (!st.ok()) return Result(st);
        result.SetCommandTag("CHECKPOINT");
        return result;
      }
      default:
        ThrowInternal("RunSession got a statement it does not handle");
    }
  } catch (...) {
    if (explicit_transaction_) failed_ = true;
    return Result(ToStatus(std::current_exception(), 0));
  }
}

}  // namespace kadedb
