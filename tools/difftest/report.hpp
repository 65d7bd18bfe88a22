// Report: the tester's tallies (matches, differences by kind and query category, unsupported
// features, the oracle's checks) and the printing of each difference and of the summary.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "query_gen.hpp"
#include "result_set.hpp"

namespace kadedb::difftest {

struct Difference {
  uint64_t index = 0;    // query number (reproduce with --only)
  std::string kind;      // "value", "error-class", "tlp-rows", ...
  std::string category;  // query category ("join", ...) or "oracle"
  std::string sql;
  std::string postgres;  // rendered answers (truncated)
  std::string kadedb;
  std::string detail;
  std::string known_reason;  // non-empty when listed in known_differences.txt
  bool baselined = false;    // listed in the CI baseline
};

class Report {
 public:
  explicit Report(uint64_t seed) : seed_(seed) {}

  void Match(bool errors) { errors ? ++errors_matched_ : ++results_matched_; }
  void SqlstateWithinClass(const std::string& pg, const std::string& kd) {
    ++within_class_[pg + " vs " + kd];
  }
  void Unsupported(const std::string& category, const std::string& feature);
  void Oracle(const std::string& status) { ++oracle_[status]; }
  void Query() { ++queries_; }
  // The run suppresses the `entries` queries listed in the CI baseline `path`.
  void UseBaseline(const std::string& path, size_t entries) {
    baseline_path_ = path;
    baseline_entries_ = entries;
  }
  // Prints the difference at once and tallies it.
  void Add(const Difference& d);

  // The summary; returns the number of unexplained differences.
  uint64_t PrintSummary(const std::string& postgres_version, const std::string& reproduce) const;
  const std::set<uint64_t>& differing_queries() const { return differing_; }
  // The queries whose difference is not a known one (what a CI baseline lists).
  const std::set<uint64_t>& unknown_differing_queries() const { return unknown_differing_; }

 private:
  uint64_t seed_;
  uint64_t queries_ = 0;
  uint64_t results_matched_ = 0;
  uint64_t errors_matched_ = 0;
  uint64_t unexplained_ = 0, known_ = 0, baselined_ = 0;
  std::string baseline_path_;  // empty: no --baseline, nothing is baselined
  size_t baseline_entries_ = 0;
  std::map<std::string, uint64_t> by_kind_, by_category_, known_reasons_;
  std::map<std::string, uint64_t> within_class_;
  std::map<std::string, uint64_t> unsupported_;  // "category: feature"
  std::map<std::string, uint64_t> oracle_;       // "pass", "fail", "skipped"
  std::set<uint64_t> differing_;
  std::set<uint64_t> unknown_differing_;
};

}  // namespace kadedb::difftest
