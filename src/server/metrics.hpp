// MetricsRegistry: counters, gauges and histograms shared by every server protocol, rendered in
// the Prometheus text exposition format (version 0.0.4) for GET /metrics.
//
// A metric family has a name, a help line, a type and one child per label set. Children are
// created on first use under a mutex and never destroyed, so callers may cache the returned
// reference for the life of the process and update it lock-free (relaxed atomics): a counter's
// Increment is one fetch_add, a histogram's Observe a few.
//
// Threading: every method is thread-safe. Render may run while other threads update; it reads
// each atomic once, so a scrape sees a consistent-enough snapshot (counts never go backwards).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace kadedb {

// Label pairs, e.g. {{"protocol", "http"}, {"outcome", "ok"}}. Order is kept as given.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// A monotonically increasing count.
class Counter {
 public:
  void Increment(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down (open connections, bytes in use).
class Gauge {
 public:
  void Set(int64_t v) { value_.store(v, std::memory_order_relaxed); }
  void Add(int64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  void Sub(int64_t n = 1) { value_.fetch_sub(n, std::memory_order_relaxed); }
  int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> value_{0};
};

// Observations counted into fixed buckets (upper bounds, ascending; +Inf is implicit), with their
// sum and count, as Prometheus histograms are. The sum is kept in micro-units (1e-6) so it can be
// an atomic integer: exact for latencies in seconds down to a microsecond.
class Histogram {
 public:
  // REQUIRES: bounds ascending and non-empty.
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);
  const std::vector<double>& bounds() const { return bounds_; }
  // Non-cumulative count of bucket i (i == bounds().size() is the +Inf overflow bucket).
  uint64_t BucketCount(size_t i) const { return counts_[i].load(std::memory_order_relaxed); }
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const { return sum_micros_.load(std::memory_order_relaxed) / 1e6; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // bounds_.size() + 1 slots
  std::atomic<uint64_t> count_{0};
  std::atomic<int64_t> sum_micros_{0};
};

// Latency buckets in seconds, 100 µs to 60 s.
std::vector<double> LatencyBuckets();

class MetricsRegistry {
 public:
  // The process-wide registry every protocol reports to.
  static MetricsRegistry& Global();

  // The child of family `name` with these labels, created on first call. The first call for a
  // name fixes its help text (and, for histograms, its buckets); later calls may pass anything.
  // REQUIRES: name is a valid Prometheus metric name and not used with another metric type.
  // The reference stays valid for the registry's lifetime.
  Counter& GetCounter(const std::string& name, const std::string& help,
                      const MetricLabels& labels = {});
  Gauge& GetGauge(const std::string& name, const std::string& help,
                  const MetricLabels& labels = {});
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const MetricLabels& labels, std::vector<double> bounds);

  // A gauge whose value is computed at scrape time (memory, RocksDB figures). A callback that
  // returns no value (std::nullopt-like: NaN) is left out of the output.
  void AddGaugeCallback(const std::string& name, const std::string& help,
                        const MetricLabels& labels, std::function<double()> read);

  // The whole registry in Prometheus text format, families sorted by name.
  std::string RenderPrometheus() const;

 private:
  enum class Kind : uint8_t { kCounter, kGauge, kHistogram, kCallback };
  struct Child {
    std::string labels;  // rendered: protocol="http",outcome="ok"
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
    std::function<double()> read;
  };
  struct Family {
    Kind kind = Kind::kCounter;
    std::string help;
    std::vector<std::unique_ptr<Child>> children;
  };
  Child& GetChild(const std::string& name, const std::string& help, Kind kind,
                  const MetricLabels& labels);

  mutable std::mutex mutex_;  // guards families_ structure, not the values
  std::map<std::string, Family> families_;
};

}  // namespace kadedb
