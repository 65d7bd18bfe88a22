// kadedb-difftest: differential tester of KadeDB against PostgreSQL, plus the TLP oracle on
// KadeDB alone. Generates random schemas, data and queries from a seed, runs every query on both
// engines (KadeDB in-process, PostgreSQL through libpq), and reports every difference with the
// SQL, both answers and how to reproduce it. Exits 1 when a difference is not explained by
// test/difftest/known_differences.txt (or by --baseline), 2 on a usage or setup error.
//
//   kadedb-difftest --pg "host=/tmp/sock port=55432 dbname=postgres user=difftest"
//                   --queries 10000 --seed 42 --known test/difftest/known_differences.txt
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <string>

#include "comparer.hpp"
#include "data_gen.hpp"
#include "kadedb_runner.hpp"
#include "known_differences.hpp"
#include "oracle.hpp"
#include "postgres_runner.hpp"
#include "query_gen.hpp"
#include "report.hpp"
#include "schema_gen.hpp"

namespace kadedb::difftest {
namespace {

struct Flags {
  std::string pg;  // empty: oracle only
  uint64_t queries = 10000;
  uint64_t seed = 0;
  bool seed_set = false;
  uint64_t per_schema = 100;
  int max_rows = 12;
  double tlp_rate = 0.5;
  std::string known;
  std::string baseline, write_baseline;
  std::string kadedb_dir = "difftest-kadedb";
  int64_t only = -1;
  bool dump_setup = false;
  int timeout_seconds = 60;
};

const char* kUsage =
    "usage: kadedb-difftest [--pg CONNINFO] [--queries N] [--seed S] [--per-schema N]\n"
    "         [--max-rows N] [--tlp-rate R] [--known FILE] [--baseline FILE]\n"
    "         [--write-baseline FILE] [--kadedb-dir DIR] [--only I [--dump-setup]]\n"
    "         [--timeout SECONDS]\n"
    "Without --pg only the TLP oracle runs (on KadeDB alone).\n";

// The statement in flight, for the crash and timeout handlers (async-signal-safe writes only).
std::string g_current;
uint64_t g_seed = 0, g_index = 0;

void OnFatal(int sig) {
  char buf[160];
  int n = std::snprintf(
      buf, sizeof buf, "\n!! kadedb-difftest: %s while running query %llu (seed %llu):\n",
      sig == SIGALRM ? "timeout" : strsignal(sig), static_cast<unsigned long long>(g_index),
      static_cast<unsigned long long>(g_seed));
  (void)!write(2, buf, n);
  (void)!write(2, g_current.c_str(), g_current.size());
  (void)!write(2, "\n", 1);
  signal(sig, SIG_DFL);
  if (sig == SIGALRM) _exit(3);
  raise(sig);
}

bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--pg")
      f->pg = next();
    else if (a == "--queries")
      f->queries = std::stoull(next());
    else if (a == "--seed")
      f->seed = std::stoull(next()), f->seed_set = true;
    else if (a == "--per-schema")
      f->per_schema = std::max<uint64_t>(1, std::stoull(next()));
    else if (a == "--max-rows")
      f->max_rows = std::stoi(next());
    else if (a == "--tlp-rate")
      f->tlp_rate = std::stod(next());
    else if (a == "--known")
      f->known = next();
    else if (a == "--baseline")
      f->baseline = next();
    else if (a == "--write-baseline")
      f->write_baseline = next();
    else if (a == "--kadedb-dir")
      f->kadedb_dir = next();
    else if (a == "--only")
      f->only = std::stoll(next());
    else if (a == "--dump-setup")
      f->dump_setup = true;
    else if (a == "--timeout")
      f->timeout_seconds = std::stoi(next());
    else
      return false;
  }
  return true;
}

// Reads a CI baseline (query numbers, `q123` or `123` a line). Fails, instead of silently
// baselining nothing, when the file cannot be read, a line is not a query number, or the header
// says it was written for another seed (its query numbers would name other queries).
bool LoadBaseline(const std::string& path, uint64_t seed, std::set<uint64_t>* out,
                  std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot open the baseline " + path;
    return false;
  }
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      size_t at = line.find("for seed ");
      if (at != std::string::npos) {
        uint64_t written = std::strtoull(line.c_str() + at + 9, nullptr, 10);
        if (written != seed) {
          *error = path + " is the baseline of seed " + std::to_string(written) +
                   ", this run uses seed " + std::to_string(seed);
          return false;
        }
      }
      continue;
    }
    std::string digits = line.substr(line[0] == 'q' ? 1 : 0);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
      *error =
          path + ":" + std::to_string(lineno) + ": expected a query number, got '" + line + "'";
      return false;
    }
    out->insert(std::stoull(digits));
  }
  return true;
}

// KadeDB's errors that mean "PostgreSQL has this, KadeDB does not yet" rather than a wrong answer.
bool IsUnsupported(const ResultSet& kd) {
  return kd.sqlstate == "0A000" || kd.sqlstate == "42601" || kd.sqlstate == "42883";
}

// A feature name for an unsupported error: the message without positions and literal details.
std::string FeatureOf(const ResultSet& kd) {
  std::string m;
  int depth = 0;
  for (char c : kd.message) {
    if (c == '(') {
      if (depth++ == 0) m += "(...)";
    } else if (c == ')') {
      --depth;
    } else if (depth == 0) {
      m += c;
    }
  }
  if (m.size() > 70) m = m.substr(0, 70) + "...";
  return kd.sqlstate + " " + m;
}

class Tester {
 public:
  Tester(const Flags& flags, Report& report, const KnownDifferences& known,
         std::set<uint64_t> baseline)
      : flags_(flags),
        report_(report),
        known_(known),
        baseline_(std::move(baseline)),
        oracle_(kadedb_) {}

  bool Start(std::string* error) {
    if (!kadedb_.Open(flags_.kadedb_dir, error)) return false;
    if (!flags_.pg.empty()) {
      postgres_ = std::make_unique<PostgresRunner>();
      if (!postgres_->Connect(flags_.pg, error)) return false;
      version_ = postgres_->Version();
    }
    return true;
  }
  const std::string& version() const { return version_; }

  // Sets up the schema round that query index belongs to (when not already there).
  bool EnterRound(uint64_t round) {
    if (round == round_) return setup_ok_;
    for (const std::string& s : schema_.DropStatements()) Both(s);
    round_ = round;
    RandomSource rng(MixSeed(flags_.seed, 1000000000ull + round));
    schema_ = GenerateSchema(rng);
    std::vector<std::string> setup = schema_.CreateStatements();
    for (const std::string& s : GenerateData(rng, schema_, flags_.max_rows)) setup.push_back(s);
    setup_ok_ = true;
    for (const std::string& s : setup) {
      if (flags_.dump_setup) std::printf("%s;\n", s.c_str());
      auto [pg, kd] = Both(s);
      if (!pg.ok || !kd.ok) {
        Difference d;
        d.index = round * flags_.per_schema;
        d.kind = "setup";
        d.category = "setup";
        d.sql = s;
        d.postgres = pg.Render(4);
        d.kadedb = kd.Render(4);
        d.detail = "schema round " + std::to_string(round) + " skipped";
        Classify(d);
        setup_ok_ = false;
        return false;
      }
    }
    return true;
  }

  void RunQuery(uint64_t index) {
    g_index = index;
    if (!EnterRound(index / flags_.per_schema)) return;
    RandomSource rng(MixSeed(flags_.seed, index));
    QueryGen gen(rng, schema_);
    Query q = gen.Generate();
    if (postgres_) Differential(index, q);
    if (rng.Chance(flags_.tlp_rate)) Tlp(index, gen, rng);
  }

 private:
  std::pair<ResultSet, ResultSet> Both(const std::string& sql) {
    g_current = sql;
    alarm(flags_.timeout_seconds);
    ResultSet pg = postgres_ ? postgres_->Run(sql) : ResultSet{};
    ResultSet kd = kadedb_.Run(sql);
    alarm(0);
    return {std::move(pg), std::move(kd)};
  }

  void Classify(Difference& d) {
    if (const std::string* reason = known_.Match(d.kind, d.sql)) d.known_reason = *reason;
    d.baselined = baseline_.count(d.index) > 0;
    report_.Add(d);
  }

  void Differential(uint64_t index, const Query& q) {
    report_.Query();
    if (q.in_transaction) Both("BEGIN");
    auto [pg, kd] = Both(q.sql);
    if (q.in_transaction) {
      auto [pr, kr] = Both("ROLLBACK");
      if (!kr.ok) kadedb_.Run("ROLLBACK");
    }
    Difference d;
    d.index = index;
    d.category = CategoryName(q.category);
    d.sql = q.sql;
    if (pg.ok && kd.ok) {
      Comparison c = CompareResults(pg, kd, q.ordered);
      if (c.equal && pg.columns.empty() && pg.rows_affected != kd.rows_affected) {
        c = {false, "rows-affected", ""};
      }
      if (c.equal) return report_.Match(false);
      d.kind = c.kind;
      d.detail = c.detail + (q.ordered ? " (ordered comparison)" : " (multiset comparison)");
    } else if (!pg.ok && !kd.ok) {
      if (pg.sqlstate.substr(0, 2) == kd.sqlstate.substr(0, 2)) {
        if (pg.sqlstate != kd.sqlstate) report_.SqlstateWithinClass(pg.sqlstate, kd.sqlstate);
        return report_.Match(true);
      }
      d.kind = "error-class";
    } else if (!pg.ok) {
      d.kind = "pg-error-kadedb-ok";
    } else if (IsUnsupported(kd)) {
      return report_.Unsupported(d.category, FeatureOf(kd));
    } else {
      d.kind = "kadedb-error-pg-ok";
      // KadeDB's NUMERIC overflows past 38 digits where PostgreSQL's goes on (CAST(1e308 AS
      // NUMERIC)): the numeric-precision kind when PostgreSQL's answer has such a value (or
      // a float that large, converted from one).
      if (kd.sqlstate == "22003" && kd.message.find("numeric") != std::string::npos) {
        for (const Row& row : pg.rows) {
          for (size_t c = 0; c < row.size() && c < pg.columns.size(); ++c) {
            if (!row[c]) continue;
            size_t digits = 0;
            if (pg.columns[c].kind == ValueKind::kNumeric) {
              for (char ch : *row[c]) digits += ch >= '0' && ch <= '9';
            } else if (pg.columns[c].kind == ValueKind::kFloat) {
              // A float of 1e38 or more, e.g. CAST(numeric * numeric AS DOUBLE PRECISION).
              double v = std::strtod(row[c]->c_str(), nullptr);
              if (std::isfinite(v) && std::fabs(v) >= 1e38) digits = 39;
            }
            if (digits > 38) {
              d.kind = "numeric-precision";
              d.detail = "a result wider than 38 digits: " + row[c]->substr(0, 60) + "...";
            }
          }
        }
      }
    }
    d.postgres = pg.Render(8);
    d.kadedb = kd.Render(8);
    Classify(d);
  }

  void Tlp(uint64_t index, QueryGen& gen, RandomSource& rng) {
    SelectCore core = gen.GenerateCore();
    std::string p = gen.expressions().Predicate(core.scope, 2);
    OracleOutcome o;
    g_current = "TLP on: " + core.Sql();
    alarm(flags_.timeout_seconds);
    if (rng.Chance(0.6)) {
      o = oracle_.CheckRows(core, p);
    } else {
      static const std::vector<std::string> kAggs = {"min", "max", "count", "sum"};
      std::string agg = rng.Pick(kAggs);
      std::vector<Family> fams = gen.expressions().FamiliesIn(core.scope);
      Family f = agg == "sum" ? Family::kNum : rng.Pick(fams);
      if (f == Family::kBool && agg != "count") f = Family::kNum;
      std::string arg = gen.expressions().Generate(f, core.scope, 1, false).sql;
      o = oracle_.CheckAggregate(core, agg, arg, p);
    }
    alarm(0);
    if (o.status == OracleOutcome::Status::kPass) return report_.Oracle("pass");
    if (o.status == OracleOutcome::Status::kSkipped) {
      // A query KadeDB cannot run says nothing about partitioning; count it and move on.
      return report_.Oracle("skipped (a query failed)");
    }
    report_.Oracle("fail");
    Difference d;
    d.index = index;
    d.kind = o.kind;
    d.category = "oracle";
    d.sql = o.sql;
    d.detail = o.detail;
    Classify(d);
  }

  const Flags& flags_;
  Report& report_;
  const KnownDifferences& known_;
  std::set<uint64_t> baseline_;
  KadedbRunner kadedb_;
  std::unique_ptr<PostgresRunner> postgres_;
  TlpOracle oracle_;
  std::string version_ = "(not used)";
  Schema schema_;
  uint64_t round_ = ~0ull;
  bool setup_ok_ = false;
};

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (!flags.seed_set) {
    flags.seed =
        static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) %
        1000000007;
  }
  g_seed = flags.seed;
  for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL, SIGALRM}) signal(sig, OnFatal);
  KnownDifferences known;
  std::string error;
  if (!flags.known.empty() && !known.Load(flags.known, &error)) {
    std::fprintf(stderr, "kadedb-difftest: %s\n", error.c_str());
    return 2;
  }
  std::set<uint64_t> baseline;
  if (!flags.baseline.empty() && !LoadBaseline(flags.baseline, flags.seed, &baseline, &error)) {
    std::fprintf(stderr, "kadedb-difftest: %s\n", error.c_str());
    return 2;
  }
  Report report(flags.seed);
  if (!flags.baseline.empty()) report.UseBaseline(flags.baseline, baseline.size());
  Tester tester(flags, report, known, baseline);
  if (!tester.Start(&error)) {
    std::fprintf(stderr, "kadedb-difftest: %s\n", error.c_str());
    return 2;
  }
  std::printf(
      "kadedb-difftest: seed %llu, %llu queries, %llu per schema, PostgreSQL %s, %zu known "
      "differences\n",
      static_cast<unsigned long long>(flags.seed), static_cast<unsigned long long>(flags.queries),
      static_cast<unsigned long long>(flags.per_schema), tester.version().c_str(), known.size());
  auto start = std::chrono::steady_clock::now();
  if (flags.only >= 0) {
    tester.RunQuery(static_cast<uint64_t>(flags.only));
  } else {
    for (uint64_t i = 0; i < flags.queries; ++i) tester.RunQuery(i);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\nelapsed %.1f s\n", secs);
  if (!flags.write_baseline.empty()) {
    std::ofstream out(flags.write_baseline);
    out << "# kadedb-difftest CI baseline: queries with unexplained differences for seed "
        << flags.seed << ", " << flags.queries
        << " queries.\n# Regenerate with `make difftest-baseline`; each line is a query number.\n";
    // Known differences are explained by known_differences.txt and need no baseline entry.
    for (uint64_t i : report.unknown_differing_queries()) out << "q" << i << "\n";
  }
  std::string reproduce = "kadedb-difftest --pg '<conninfo>' --seed " + std::to_string(flags.seed) +
                          " --per-schema " + std::to_string(flags.per_schema) +
                          " --only <query> --dump-setup";
  uint64_t unexplained = report.PrintSummary(tester.version(), reproduce);
  if (!baseline.empty()) {
    uint64_t fixed = 0;
    for (uint64_t i : baseline) fixed += report.differing_queries().count(i) == 0;
    if (fixed)
      std::printf("note: %llu baselined queries now agree; tighten the baseline\n",
                  static_cast<unsigned long long>(fixed));
  }
  return unexplained == 0 ? 0 : 1;
}

}  // namespace
}  // namespace kadedb::difftest

int main(int argc, char** argv) {
  return kadedb::difftest::Main(argc, argv);
}
