// The server's metric families (server_metrics.hpp) on top of MetricsRegistry::Global().
#include "server/server_metrics.hpp"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <fstream>

#include "main/database_instance.hpp"
#include "server/metrics.hpp"
#include "storage/engine_properties.hpp"

namespace kadedb {

namespace {

const char* OutcomeName(QueryOutcome outcome) {
  switch (outcome) {
    case QueryOutcome::kOk:
      return "ok";
    case QueryOutcome::kError:
      return "error";
    case QueryOutcome::kCancelled:
      return "cancelled";
  }
  return "error";
}

// The database the scrape-time gauges read; null when none is registered.
std::atomic<Database*> g_metrics_database{nullptr};

double ReadProperty(const char* name) {
  Database* db = g_metrics_database.load();
  if (db == nullptr) return NAN;
  auto v = EngineIntProperty(db->instance().storage(), name);
  return v ? static_cast<double>(*v) : NAN;
}

}  // namespace

void RecordQuery(const std::string& protocol, QueryOutcome outcome, double seconds) {
  auto& registry = MetricsRegistry::Global();
  registry
      .GetCounter("kadedb_queries_total", "Statements run, by protocol and outcome.",
                  {{"protocol", protocol}, {"outcome", OutcomeName(outcome)}})
      .Increment();
  registry
      .GetHistogram("kadedb_query_duration_seconds", "Statement latency in seconds.",
                    {{"protocol", protocol}}, LatencyBuckets())
      .Observe(seconds);
}

void RecordConnectionOpened(const std::string& protocol) {
  auto& registry = MetricsRegistry::Global();
  registry
      .GetGauge("kadedb_connections_active", "Open client connections.", {{"protocol", protocol}})
      .Add();
  registry
      .GetCounter("kadedb_connections_total", "Client connections accepted.",
                  {{"protocol", protocol}})
      .Increment();
}

void RecordConnectionClosed(const std::string& protocol) {
  MetricsRegistry::Global()
      .GetGauge("kadedb_connections_active", "Open client connections.", {{"protocol", protocol}})
      .Sub();
}

void RecordTransaction(const std::string& protocol, bool committed) {
  MetricsRegistry::Global()
      .GetCounter("kadedb_transactions_total", "Transactions ended, by outcome.",
                  {{"protocol", protocol}, {"outcome", committed ? "commit" : "rollback"}})
      .Increment();
}

uint64_t ProcessResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

void RegisterDatabaseMetrics(Database& db) {
  g_metrics_database.store(&db);
  auto& registry = MetricsRegistry::Global();
  struct Figure {
    const char* metric;
    const char* help;
    const char* property;
  };
  static const Figure kFigures[] = {
      {"kadedb_rocksdb_block_cache_usage_bytes", "RocksDB block cache memory in use.",
       "rocksdb.block-cache-usage"},
      {"kadedb_rocksdb_memtable_bytes", "RocksDB memtable size, all column families.",
       "rocksdb.cur-size-all-mem-tables"},
      {"kadedb_rocksdb_sst_bytes", "Total size of RocksDB SST files.",
       "rocksdb.total-sst-files-size"},
      {"kadedb_rocksdb_live_sst_bytes", "Size of the SST files of the current version.",
       "rocksdb.live-sst-files-size"},
      {"kadedb_rocksdb_compaction_pending", "1 when RocksDB has a compaction waiting.",
       "rocksdb.compaction-pending"},
      {"kadedb_rocksdb_pending_compaction_bytes", "RocksDB's estimate of bytes to compact.",
       "rocksdb.estimate-pending-compaction-bytes"},
      {"kadedb_rocksdb_estimated_keys", "RocksDB's estimate of live keys.",
       "rocksdb.estimate-num-keys"},
  };
  for (const Figure& f : kFigures) {
    const char* property = f.property;
    registry.AddGaugeCallback(f.metric, f.help, {}, [property] { return ReadProperty(property); });
  }
  registry.AddGaugeCallback("process_resident_memory_bytes", "Resident memory size in bytes.", {},
                            [] { return static_cast<double>(ProcessResidentBytes()); });
}

void UnregisterDatabaseMetrics(Database& db) {
  Database* expected = &db;
  g_metrics_database.compare_exchange_strong(expected, nullptr);
}

}  // namespace kadedb
