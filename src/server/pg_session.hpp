// PgSession: one PostgreSQL protocol v3 connection, from the startup packet to Terminate.
//
// Runs on its own thread (Run), with blocking I/O on its PgStream. Replies are collected in an
// output buffer that is flushed before the session blocks to read (so pipelined messages are
// answered in one write) and whenever it grows past 64 KiB.
//
// Protocol phases: startup (SSLRequest / GSSENCRequest / CancelRequest / StartupMessage),
// authentication (trust or SCRAM-SHA-256, by the first matching auth rule), then the query loop:
// simple query (pg_simple_query.cpp), extended query (pg_extended_query.cpp), COPY (pg_copy.cpp).
// After an error in extended query mode every message up to Sync is skipped, as PostgreSQL does.
//
// Threading: Run and everything it calls are on the session thread; Cancel, CloseForShutdown and
// CheckDeadline may be called from other threads (they touch only atomics and the context's
// thread-safe Interrupt).
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kadedb/database.hpp"
#include "main/client_context.hpp"
#include "server/pg_message.hpp"
#include "server/pg_statement_cache.hpp"
#include "server/pg_stream.hpp"

namespace kadedb {

class Server;
struct NormalizedQuery;

// A prepared statement (Parse): the engine's prepared form plus what Describe reports.
struct PgStatement {
  std::string sql;
  bool empty = false;  // the query string had no statement
  std::unique_ptr<PreparedStatement> prepared;
  std::vector<LogicalType> param_types;  // declared by Parse, else inferred (kNull: unknown)
};

// A bound portal (Bind): parameters, result formats, and once executed its rows.
struct PgPortal {
  std::shared_ptr<PgStatement> statement;  // shared: a portal outlives Close of its statement
  std::vector<Value> params;
  std::vector<int16_t> result_formats;
  bool executed = false;
  Result result;
  size_t chunk = 0;  // the next row to send: chunk index and row within it
  size_t row = 0;
  uint64_t sent = 0;
};

class PgSession {
 public:
  PgSession(Server& server, boost::asio::ip::tcp::socket socket, uint64_t id, std::string peer);
  ~PgSession();

  void Run();

  int32_t pid() const { return pid_; }
  int32_t secret() const { return secret_; }
  // Interrupts the running statement (CancelRequest). No effect when idle.
  void Cancel();
  // Shutdown: an idle session closes at its next poll tick; a busy one after its statement.
  // force also cancels the running statement and shuts the socket.
  void CloseForShutdown(bool force);
  // Statement timeout watchdog: interrupts the statement when its deadline passed.
  void CheckDeadline(std::chrono::steady_clock::time_point now);
  bool busy() const { return busy_.load(); }

 private:
  // --- I/O (pg_session.cpp)
  // Reads one typed message; false when the peer closed cleanly between messages.
  bool ReadMessage(char* type, std::string* body);
  // Reads the untyped startup-phase packet (length + body).
  void ReadStartupPacket(std::string* body);
  void ReadExact(char* data, size_t n);
  // Waits for input, enforcing idle_in_transaction_session_timeout and shutdown. False: stop.
  bool WaitForInput();
  void Flush();
  void MaybeFlush() {
    if (out_.size() > 65536) Flush();
  }
  void SendError(const Status& status, bool fatal = false);
  void SendNotice(const std::string& severity, const std::string& sqlstate,
                  const std::string& message);
  void SendReadyForQuery();
  void SendParameterStatus(const std::string& name, const std::string& value);
  void Log(int level, const std::string& message);

  // --- startup and authentication (pg_startup.cpp)
  // False: the connection is to close (error already sent, or a cancel/refused packet).
  bool Startup();
  bool Authenticate();
  bool AuthenticateScram();
  // The stored password or verifier of user_ ("" when none): role catalog, then config.
  std::string LookupSecret(bool* user_exists);
  void SendStartupParameters();
  // After SET/RESET: ParameterStatus for reported settings that changed.
  void ReportChangedParameters();

  // --- query execution (pg_simple_query.cpp)
  void HandleSimpleQuery(const std::string& sql);
  // Runs one statement text through the engine under the statement timeout; fills *result.
  Result RunStatement(const std::string& sql, const std::vector<Value>* params);
  Result RunPrepared(PreparedStatement& prepared, const std::vector<Value>& params);
  void BeginStatement();
  void EndStatement(Result& result);
  // statement_timeout or idle_in_transaction_session_timeout in ms (0: none), parsed once per
  // settings generation.
  int64_t SessionTimeoutMs(const char* name);
  void SendRowDescription(const Result& result, const std::vector<int16_t>& formats);
  // Sends up to max_rows (0: all) DataRows of portal's result from its cursor; true when done.
  bool SendDataRows(PgPortal& portal, int64_t max_rows);
  void SendCommandComplete(const Result& result);
  void SendResult(Result& result);  // RowDescription + rows + CommandComplete (simple query)
  void WarnTransactionControl(const std::string& sql, TransactionState before);

  // --- simple-query statement cache (pg_statement_cache.cpp)
  // Runs one statement text through the statement cache; false when it must take the uncached
  // path (not cacheable, first sighting, or a literal that does not convert).
  bool RunCachedQuery(const std::string& sql, Result* result);
  // Prepares entry's statement from query; false when the key is not cacheable.
  bool PrepareCached(const NormalizedQuery& query, PgStatementCache::Entry& entry);

  // --- extended query (pg_extended_query.cpp)
  void HandleExtended(PgMessageReader& message);
  void HandleParse(PgMessageReader& message);
  void HandleBind(PgMessageReader& message);
  void HandleDescribe(PgMessageReader& message);
  void HandleExecute(PgMessageReader& message);
  void HandleClose(PgMessageReader& message);
  void ExecutePortal(PgPortal& portal, bool from_describe);
  // Whether the buffered input already holds the Sync that ends this batch, with nothing before
  // it that runs another statement (pg_extended_query.cpp).
  bool SyncFollows(bool from_describe) const;
  void DescribeRows(const std::vector<std::string>& names, const std::vector<LogicalType>& types,
                    const std::vector<int16_t>& formats);

  // --- COPY (pg_copy.cpp)
  // Whether sql is COPY ... FROM STDIN / TO STDOUT; handles it fully (including errors).
  bool MaybeHandleCopy(const std::string& sql, Result* result);

  Server& server_;
  std::unique_ptr<PgStream> stream_;
  uint64_t id_;
  std::string peer_;
  std::string peer_ip_;
  int32_t pid_ = 0;
  int32_t secret_ = 0;
  std::string user_;
  std::string database_;
  std::string application_name_;
  std::unique_ptr<Connection> connection_;
  std::map<std::string, std::string> reported_;  // ParameterStatus values the client has
  std::map<std::string, std::shared_ptr<PgStatement>> statements_;
  std::map<std::string, std::unique_ptr<PgPortal>> portals_;
  PgStatementCache statement_cache_;  // simple-query statements by normalised text
  bool skip_until_sync_ = false;
  // Extended query: the Executes before one Sync run in one implicit transaction that this
  // session opened (committed at Sync, rolled back on an error).
  bool extended_implicit_ = false;

  std::string in_;  // received, not yet consumed bytes
  size_t in_pos_ = 0;
  std::string out_;  // replies not yet written

  std::atomic<bool> busy_{false};
  std::atomic<bool> timed_out_{false};
  std::atomic<bool> closing_{false};
  std::atomic<int64_t> deadline_ns_{0};  // steady_clock; 0 = no statement timeout running
  bool registered_ = false;
  struct TimeoutCache {
    uint64_t generation = 0;  // SessionSettings::generation() when ms was parsed (0: never)
    int64_t ms = 0;
  };
  TimeoutCache statement_timeout_;
  TimeoutCache idle_timeout_;
};

}  // namespace kadedb
