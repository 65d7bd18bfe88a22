// The embedded C++ API: open a database directory, connect, run SQL.
//
//   std::unique_ptr<kadedb::Database> db;
//   kadedb::Status s = kadedb::Database::Open("./data", {}, &db);
//   auto conn = db->Connect();
//   kadedb::Result r = conn->Query("SELECT 1 + 1");
//   if (r.ok()) std::cout << r.GetValue(0, 0).ToString();
//
// Threading: a Database may be shared by many threads; each Connection is used by one thread at a
// time. Results own their data and outlive the statement that made them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kadedb/data_chunk.hpp"
#include "kadedb/status.hpp"
#include "kadedb/types.hpp"
#include "kadedb/value.hpp"

namespace kadedb {

class DatabaseInstance;  // internal (src/main)
class ClientContext;     // internal (src/main)
class PreparedStatementData;

struct Options {
  // Create the directory and an empty database when missing. Default true.
  bool create_if_missing = true;
  // Fail Open when the directory already holds a database. Default false.
  bool error_if_exists = false;
  // Open without writing anything. Default false.
  bool read_only = false;
  // Sync the write-ahead log on every commit (durable against power loss and kill -9). Default
  // true. false is the relaxed bulk-load mode: commits survive a process crash only once the
  // operating system has written them back.
  bool sync_commits = true;
  // Block cache for RocksDB, bytes. Default 64 MiB.
  uint64_t block_cache_bytes = 64ull << 20;
};

// The outcome of one statement: a status, and for queries the column names, types and rows.
class Result {
 public:
  Result() = default;
  explicit Result(Status status) : status_(std::move(status)) {}
  Result(Result&&) = default;
  Result& operator=(Result&&) = default;

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // Column metadata; empty for statements that return no rows.
  size_t ColumnCount() const { return names_.size(); }
  const std::string& ColumnName(size_t i) const { return names_[i]; }
  const LogicalType& ColumnType(size_t i) const { return types_[i]; }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<LogicalType>& types() const { return types_; }

  // Rows touched by INSERT/UPDATE/DELETE (without RETURNING), else the number of rows returned.
  uint64_t RowsAffected() const { return rows_affected_; }
  // PostgreSQL command tag: "SELECT 3", "INSERT 0 2", "CREATE TABLE", ...
  const std::string& CommandTag() const { return tag_; }
  // Whether the statement produces a row set (a query or RETURNING), even an empty one.
  bool HasRows() const { return has_rows_; }

  // By chunk.
  size_t ChunkCount() const { return chunks_.size(); }
  const DataChunk& Chunk(size_t i) const { return chunks_[i]; }
  // By row. REQUIRES: row < RowCount(), col < ColumnCount(). GetValue is O(chunks) per call;
  // iterate chunks for bulk reads.
  uint64_t RowCount() const;
  Value GetValue(size_t col, uint64_t row) const;
  std::vector<Value> Row(uint64_t row) const;

  // Builders used by the engine.
  void SetColumns(std::vector<std::string> names, std::vector<LogicalType> types);
  void AddChunk(DataChunk chunk);
  void SetRowsAffected(uint64_t n) { rows_affected_ = n; }
  void SetCommandTag(std::string tag) { tag_ = std::move(tag); }
  void SetHasRows(bool v) { has_rows_ = v; }
  void SetStatus(Status s) { status_ = std::move(s); }
  // Streaming: when a sink is set, AddChunk hands each non-empty chunk to it instead of keeping
  // it (RowCount still counts it; ChunkCount/GetValue/Row see only kept chunks).
  void SetChunkSink(std::function<void(DataChunk&)> sink) { sink_ = std::move(sink); }

 private:
  Status status_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
  std::function<void(DataChunk&)> sink_;
  uint64_t streamed_rows_ = 0;  // rows handed to sink_
  uint64_t rows_affected_ = 0;
  std::string tag_;
  bool has_rows_ = false;
};

// A parsed and bound statement with $1..$n parameters, reusable across Execute calls on the
// Connection that prepared it.
class PreparedStatement {
 public:
  ~PreparedStatement();
  // Number of $n parameters and their inferred types (kNull when unknown: any value is accepted).
  size_t ParameterCount() const;
  const std::vector<LogicalType>& ParameterTypes() const;
  // Result columns (empty for statements without rows).
  const std::vector<std::string>& ColumnNames() const;
  const std::vector<LogicalType>& ColumnTypes() const;
  PreparedStatementData& data() { return *data_; }

  explicit PreparedStatement(std::unique_ptr<PreparedStatementData> data);

 private:
  std::unique_ptr<PreparedStatementData> data_;
};

class Connection {
 public:
  ~Connection();
  // Runs every statement in sql in order and returns the result of the last one, or of the first
  // that fails (the statements before it stay applied; the failing one applies nothing).
  Result Query(std::string_view sql);
  // Runs one statement with $n parameters bound to params (params[0] is $1).
  Result Query(std::string_view sql, const std::vector<Value>& params);
  // Parses and binds a single statement. On error *out is untouched.
  Status Prepare(std::string_view sql, std::unique_ptr<PreparedStatement>* out);
  // REQUIRES: stmt was prepared by this connection; params.size() == stmt.ParameterCount().
  Result Execute(PreparedStatement& stmt, const std::vector<Value>& params = {});
  // Streams the rows of the following statements: each chunk of a row-returning statement goes
  // to sink as it is produced, one call at a time — from the calling thread or, for a parallel
  // plan, from an engine worker thread, in no particular chunk order without ORDER BY (the Result
  // then keeps none; a sink that throws fails the statement). An empty function restores
  // buffering. A slow sink slows the statement; to stop it from another thread use
  // context().Interrupt().
  void SetChunkSink(std::function<void(DataChunk&)> sink);

  // Splits a script into statements (on ';' outside quotes, comments and dollar quotes).
  // The last piece is returned even when it has no ';' (the shell uses IsComplete to wait).
  static std::vector<std::string> SplitStatements(std::string_view sql);
  // Whether sql ends with a ';' outside quotes and comments (the shell's multi-line test).
  static bool IsComplete(std::string_view sql);

  ClientContext& context() { return *context_; }
  explicit Connection(std::unique_ptr<ClientContext> context);

 private:
  std::unique_ptr<ClientContext> context_;
};

class Database {
 public:
  // Opens (and by default creates) the database in directory path. On success *db owns it.
  // Fails with a clear Status when the directory holds a corrupt or foreign database, or is
  // locked by another writer.
  static Status Open(const std::string& path, const Options& options,
                     std::unique_ptr<Database>* db);
  ~Database();
  // A new session. Thread-safe.
  std::unique_ptr<Connection> Connect();
  const std::string& path() const;
  DatabaseInstance& instance() { return *instance_; }

  explicit Database(std::unique_ptr<DatabaseInstance> instance);

 private:
  std::unique_ptr<DatabaseInstance> instance_;
};

}  // namespace kadedb
