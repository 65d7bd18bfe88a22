// Difference printing and the summary (see report.hpp).
#include "report.hpp"

#include <cstdio>
#include <string>

namespace kadedb::difftest {

namespace {

void PrintTally(const char* title, const std::map<std::string, uint64_t>& m) {
  if (m.empty()) return;
  std::printf("  %s\n", title);
  for (const auto& [k, v] : m)
    std::printf("    %6llu  %s\n", static_cast<unsigned long long>(v), k.c_str());
}

std::string Indent(const std::string& s) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

}  // namespace

void Report::Unsupported(const std::string& category, const std::string& feature) {
  ++unsupported_[category + ": " + feature];
}

void Report::Add(const Difference& d) {
  std::string status = !d.known_reason.empty() ? "known: " + d.known_reason
                       : d.baselined           ? "in the CI baseline"
                                               : "UNEXPLAINED";
  std::printf("\n-- difference [%s] category=%s query=%llu seed=%llu (%s)\n", d.kind.c_str(),
              d.category.c_str(), static_cast<unsigned long long>(d.index),
              static_cast<unsigned long long>(seed_), status.c_str());
  std::printf("  SQL: %s\n", Indent(d.sql).c_str());
  if (!d.postgres.empty()) std::printf("  PostgreSQL: %s\n", Indent(d.postgres).c_str());
  if (!d.kadedb.empty()) std::printf("  KadeDB:     %s\n", Indent(d.kadedb).c_str());
  if (!d.detail.empty()) std::printf("  %s\n", Indent(d.detail).c_str());
  std::fflush(stdout);
  differing_.insert(d.index);
  if (!d.known_reason.empty()) {
    ++known_;
    ++known_reasons_[d.known_reason];
    return;
  }
  unknown_differing_.insert(d.index);
  d.baselined ? ++baselined_ : ++unexplained_;
  ++by_kind_[d.kind];
  ++by_category_[d.category];
}

uint64_t Report::PrintSummary(const std::string& version, const std::string& reproduce) const {
  auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  uint64_t unsupported = 0;
  for (const auto& [k, v] : unsupported_) unsupported += v;
  uint64_t differences = unexplained_ + known_ + baselined_;
  std::printf("\n== difftest summary (seed %llu, PostgreSQL %s)\n", u(seed_), version.c_str());
  std::printf("queries run:            %llu\n", u(queries_));
  std::printf(
      "  matched:              %llu (equal results %llu, errors of the same SQLSTATE class %llu)\n",
      u(results_matched_ + errors_matched_), u(results_matched_), u(errors_matched_));
  std::printf("  unsupported by KadeDB: %llu\n", u(unsupported));
  if (baseline_path_.empty()) {
    // Without --baseline nothing can be baselined: say so rather than "in the CI baseline 0".
    std::printf(
        "  differences:          %llu (unexplained %llu, known %llu; no CI baseline given)\n",
        u(differences), u(unexplained_), u(known_));
  } else {
    std::printf(
        "  differences:          %llu (unexplained %llu, known %llu, in the CI baseline %llu; "
        "%s lists %zu)\n",
        u(differences), u(unexplained_), u(known_), u(baselined_), baseline_path_.c_str(),
        baseline_entries_);
  }
  PrintTally("differences (unexplained + baselined) by kind:", by_kind_);
  PrintTally("differences (unexplained + baselined) by query category:", by_category_);
  PrintTally("known differences by reason:", known_reasons_);
  PrintTally("unsupported by KadeDB (category: feature):", unsupported_);
  PrintTally("same SQLSTATE class, other code (PostgreSQL vs KadeDB; not a failure):",
             within_class_);
  uint64_t checks = 0;
  for (const auto& [k, v] : oracle_) checks += v;
  std::printf("TLP checks (KadeDB alone): %llu", u(checks));
  for (const auto& [k, v] : oracle_) std::printf(", %s %llu", k.c_str(), u(v));
  std::printf("\n");
  if (unexplained_ > 0) std::printf("reproduce one: %s\n", reproduce.c_str());
  std::printf("result: %s\n", unexplained_ == 0 ? "PASS" : "FAIL");
  std::printf("difftest: %llu passed, %llu failed, %llu skipped\n",
              u(results_matched_ + errors_matched_), u(unexplained_),
              u(unsupported + known_ + baselined_));
  std::fflush(stdout);
  return unexplained_;
}

}  // namespace kadedb::difftest
