// The KadeDB server's metric names, shared by the PostgreSQL wire protocol and the HTTP API, so
// both report into the same families (GET /metrics):
//
//   kadedb_queries_total{protocol,outcome}       counter; outcome = ok | error | cancelled
//   kadedb_query_duration_seconds{protocol}      histogram of statement latency
//   kadedb_connections_active{protocol}          gauge
//   kadedb_connections_total{protocol}           counter of accepted connections
//   kadedb_transactions_total{protocol,outcome}  counter; outcome = commit | rollback
//   kadedb_rocksdb_*                             RocksDB figures, read at scrape time
//   process_resident_memory_bytes                RSS from /proc/self/statm
//
// Threading: every function is thread-safe; the hot ones are a lock-free atomic add after the
// first call per label set (the references are cached in function-local statics per protocol).
#pragma once

#include <string>

namespace kadedb {

class Database;

enum class QueryOutcome : uint8_t { kOk, kError, kCancelled };

// protocol: "pgwire" or "http" (any short name works; it becomes a label value).
void RecordQuery(const std::string& protocol, QueryOutcome outcome, double seconds);
void RecordConnectionOpened(const std::string& protocol);
void RecordConnectionClosed(const std::string& protocol);
void RecordTransaction(const std::string& protocol, bool committed);

// Registers the scrape-time gauges (RocksDB, RSS) for db. Call once after opening; call
// UnregisterDatabaseMetrics(db) before closing it (the gauges then report nothing).
void RegisterDatabaseMetrics(Database& db);
void UnregisterDatabaseMetrics(Database& db);

// Resident set size of this process in bytes (0 when unknown).
uint64_t ProcessResidentBytes();

}  // namespace kadedb
