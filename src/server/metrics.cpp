// MetricsRegistry and Histogram (metrics.hpp): creation under a lock, Prometheus text rendering.
#include "server/metrics.hpp"

#include <cmath>
#include <cstdio>

namespace kadedb {

namespace {

// Label values escape backslash, double quote and newline (the exposition format's rule).
std::string RenderLabels(const MetricLabels& labels) {
  std::string out;
  for (auto& [key, value] : labels) {
    if (!out.empty()) out += ',';
    out += key;
    out += "=\"";
    for (char c : value) {
      if (c == '\\')
        out += "\\\\";
      else if (c == '"')
        out += "\\\"";
      else if (c == '\n')
        out += "\\n";
      else
        out += c;
    }
    out += '"';
  }
  return out;
}

std::string FormatDouble(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

// name{labels} value, with extra label (le="...") merged in.
void AppendSample(std::string& out, const std::string& name, const std::string& labels,
                  const std::string& extra, const std::string& value) {
  out += name;
  if (!labels.empty() || !extra.empty()) {
    out += '{';
    out += labels;
    if (!labels.empty() && !extra.empty()) out += ',';
    out += extra;
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); i++) counts_[i].store(0);
}

void Histogram::Observe(double v) {
  size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) i++;
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<int64_t>(std::llround(v * 1e6)), std::memory_order_relaxed);
}

std::vector<double> LatencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,    0.5,    1,     2.5,    5,     10,   30,    60};
}

MetricsRegistry& MetricsRegistry::Global() {
  static MetricsRegistry* registry = new MetricsRegistry();  // never destroyed: used at exit
  return *registry;
}

MetricsRegistry::Child& MetricsRegistry::GetChild(const std::string& name, const std::string& help,
                                                  Kind kind, const MetricLabels& labels) {
  std::string rendered = RenderLabels(labels);
  Family& family = families_[name];
  if (family.children.empty() && family.help.empty()) {
    family.kind = kind;
    family.help = help;
  }
  for (auto& child : family.children) {
    if (child->labels == rendered) return *child;
  }
  family.children.push_back(std::make_unique<Child>());
  family.children.back()->labels = std::move(rendered);
  return *family.children.back();
}

Counter& MetricsRegistry::GetCounter(const std::string& name, const std::string& help,
                                     const MetricLabels& labels) {
  std::lock_guard<std::mutex> lock(mutex_);
  Child& child = GetChild(name, help, Kind::kCounter, labels);
  if (!child.counter) child.counter = std::make_unique<Counter>();
  return *child.counter;
}

Gauge& MetricsRegistry::GetGauge(const std::string& name, const std::string& help,
                                 const MetricLabels& labels) {
  std::lock_guard<std::mutex> lock(mutex_);
  Child& child = GetChild(name, help, Kind::kGauge, labels);
  if (!child.gauge) child.gauge = std::make_unique<Gauge>();
  return *child.gauge;
}

Histogram& MetricsRegistry::GetHistogram(const std::string& name, const std::string& help,
                                         const MetricLabels& labels, std::vector<double> bounds) {
  std::lock_guard<std::mutex> lock(mutex_);
  Child& child = GetChild(name, help, Kind::kHistogram, labels);
  if (!child.histogram) child.histogram = std::make_unique<Histogram>(std::move(bounds));
  return *child.histogram;
}

void MetricsRegistry::AddGaugeCallback(const std::string& name, const std::string& help,
                                       const MetricLabels& labels, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(mutex_);
  Child& child = GetChild(name, help, Kind::kCallback, labels);
  child.read = std::move(read);
}

std::string MetricsRegistry::RenderPrometheus() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  for (auto& [name, family] : families_) {
    const char* type = "gauge";
    if (family.kind == Kind::kCounter) type = "counter";
    if (family.kind == Kind::kHistogram) type = "histogram";
    std::string body;
    for (auto& child : family.children) {
      switch (family.kind) {
        case Kind::kCounter:
          AppendSample(body, name, child->labels, "", std::to_string(child->counter->value()));
          break;
        case Kind::kGauge:
          AppendSample(body, name, child->labels, "", std::to_string(child->gauge->value()));
          break;
        case Kind::kCallback: {
          double v = child->read ? child->read() : NAN;
          if (!std::isnan(v)) AppendSample(body, name, child->labels, "", FormatDouble(v));
          break;
        }
        case Kind::kHistogram: {
          const Histogram& h = *child->histogram;
          uint64_t cumulative = 0;
          for (size_t i = 0; i <= h.bounds().size(); i++) {
            cumulative += h.BucketCount(i);
            std::string le = i < h.bounds().size() ? FormatDouble(h.bounds()[i]) : "+Inf";
            AppendSample(body, name + "_bucket", child->labels, "le=\"" + le + "\"",
                         std::to_string(cumulative));
          }
          AppendSample(body, name + "_sum", child->labels, "", FormatDouble(h.sum()));
          AppendSample(body, name + "_count", child->labels, "", std::to_string(cumulative));
          break;
        }
      }
    }
    if (body.empty()) continue;
    out += "# HELP " + name + " " + family.help + "\n";
    out += "# TYPE " + name + " " + type + "\n";
    out += body;
  }
  return out;
}

}  // namespace kadedb
