// Ternary logic partitioning (TLP) oracle, run on KadeDB alone: for a query Q and a predicate P,
// rows(Q) must equal the multiset union of Q WHERE P, Q WHERE NOT P and Q WHERE P IS NULL
// (SELECT DISTINCT: the union, deduplicated). For MIN, MAX, COUNT and SUM without GROUP BY the
// three partial aggregates recombine (min of mins, sum of counts, ...) into the whole one.
#pragma once

#include <string>

#include "kadedb_runner.hpp"
#include "query_gen.hpp"

namespace kadedb::difftest {

struct OracleOutcome {
  enum class Status : uint8_t { kPass, kFail, kSkipped };
  Status status = Status::kPass;
  std::string kind;    // "tlp-rows" or "tlp-aggregate"
  std::string sql;     // the whole query
  std::string detail;  // on failure: the partitions and the two answers; on skip: why
};

class TlpOracle {
 public:
  explicit TlpOracle(KadedbRunner& kadedb) : kadedb_(kadedb) {}

  // Partitions core's rows by predicate.
  OracleOutcome CheckRows(const SelectCore& core, const std::string& predicate);
  // Partitions aggregate(argument) over core's FROM/WHERE (core.items is ignored).
  // REQUIRES: aggregate is one of "min", "max", "count", "sum".
  OracleOutcome CheckAggregate(const SelectCore& core, const std::string& aggregate,
                               const std::string& argument, const std::string& predicate);

 private:
  KadedbRunner& kadedb_;
};

}  // namespace kadedb::difftest
