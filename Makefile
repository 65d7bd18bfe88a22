# KadeDB developer commands; a thin wrapper over the CMake presets (CMakePresets.json).
#
#   make            release build in build/release (the shell is build/release/kadedb)
#   make run        install dependencies, build, start the server on ./kadedb-data (kadedb serve)
#   make test       install dependencies, build, run every CI test tier
#   make debug      ASan + UBSan build in build/debug
#   make relassert  optimised build with assertions in build/relassert
#   make fuzz       libFuzzer build (clang, ASan + UBSan, -O1) and FUZZ_SECONDS (60) each of the
#                   parser, binder, HTTP and pgwire targets (test/fuzz/run.sh)
#   make crashtest  the long crash test (CRASH_CYCLES kill -9 cycles of concurrent writers)
#   make stress     60 s mixed read/write stress with 16 sessions (STRESS_SECONDS, STRESS_THREADS)
#   make tsan-stress  ThreadSanitizer build (build/tsan) running a short stress (TSAN_STRESS_SECONDS,
#                   TSAN_STRESS_THREADS; TSAN_SUPP=/dev/null shows what the suppressions hide)
#   make bench-writers  16 durable single-row writers: KadeDB vs SQLite vs PostgreSQL
#   make bench-sysbench / bench-connections  sysbench oltp_read_write; 200 connections x 60 s
#   make bench-pgbench  pgbench select-only and TPC-B-like against kadedb serve and PostgreSQL 15
#   make baseline   rewrite test/baselines/sqllogictest.txt from the current pass counts
#   make difftest   differential test against a private PostgreSQL 15 (DIFFTEST_QUERIES queries,
#                   DIFFTEST_SEED); see docs/difftest.md
#   make difftest-baseline  rewrite test/difftest/ci_baseline.txt for the `make test` run
#   make format     clang-format every C++ file
#   make clean      remove build/

NPROC        ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60
CRASH_CYCLES ?= 500
STRESS_SECONDS ?= 60
STRESS_THREADS ?= 16
TSAN_STRESS_SECONDS ?= 15
TSAN_STRESS_THREADS ?= 8
TSAN_SUPP    ?= $(CURDIR)/tools/stress/tsan.supp
DBDIR        ?= ./kadedb-data
SHARED       ?= ../shared/testdata/sqllogictest
BASELINE     := test/baselines/sqllogictest.txt
SLT_TIMEOUT  ?= 600
DIFFTEST_QUERIES ?= 10000
DIFFTEST_SEED    ?= 1
DIFFTEST_CI_QUERIES := 600
DIFFTEST_CI_SEED    := 20261122
DIFFTEST_BASELINE   := test/difftest/ci_baseline.txt

RELEASE := build/release
SLT     := $(RELEASE)/kadedb-sqllogictest
SLT_SUITES := \
  --suite kadedb=test/sql \
  --skip-list test/baselines/sqlite_differences.txt \
  --suite sqlite-select=$(SHARED)/sqlite/select1.test,$(SHARED)/sqlite/select2.test,$(SHARED)/sqlite/select3.test,$(SHARED)/sqlite/select4.test,$(SHARED)/sqlite/select5.test \
  --suite sqlite-evidence=$(SHARED)/sqlite/evidence \
  --suite sqlite-index=$(SHARED)/sqlite/index \
  --suite sqlite-random=$(SHARED)/sqlite/random \
  --skip-list test/baselines/duckdb_differences.txt --suite duckdb=$(SHARED)/duckdb

.PHONY: all release relassert debug fuzz run test unittest sqllogictest parallel-test crashtest-ci crashtest \
        http-protocol-test pg-protocol-test \
        baseline deps format clean difftest difftest-ci difftest-baseline stress tsan-stress \
        bench-writers

all: release

deps:
	@scripts/install-deps.sh

release:
	cmake --preset release
	cmake --build --preset release --parallel $(NPROC)

relassert:
	cmake --preset relassert
	cmake --build --preset relassert --parallel $(NPROC)

debug:
	cmake --preset debug
	cmake --build --preset debug --parallel $(NPROC)

# Starts the server (docs/server.md); the shell on a data directory is `kadedb DBDIR`.
run: deps release
	@echo "KadeDB server on $(DBDIR). Connect with:"
	@echo "  psql -h 127.0.0.1 -p 5433 -U kadedb kadedb"
	@echo "  curl http://127.0.0.1:8080/health        (HTTP API)"
	@echo "Stop with Ctrl-C."
	$(RELEASE)/kadedb serve --data $(DBDIR)

test: deps release
	$(MAKE) --no-print-directory unittest sqllogictest parallel-test crashtest-ci difftest-ci http-protocol-test pg-protocol-test

unittest:
	@if [ -x $(RELEASE)/kadedb-unittest ]; then \
	  echo "== unit tests"; $(RELEASE)/kadedb-unittest --gtest_brief=1; \
	else echo "== unit tests: none built"; fi

sqllogictest:
	@echo "== sqllogictest (baseline $(BASELINE))"
	$(SLT) -j $(NPROC) --timeout-per-file $(SLT_TIMEOUT) --baseline $(BASELINE) $(SLT_SUITES)

# Our own SQL tests under serial (threads = 1) and parallel (threads = 4) execution must agree:
# the same records pass and fail.
parallel-test:
	@echo "== sqllogictest test/sql: threads = 1 and threads = 4 must agree"
	@mkdir -p $(RELEASE)/parallel-test
	@$(SLT) -j $(NPROC) -v --timeout-per-file $(SLT_TIMEOUT) --threads 1 test/sql \
	  > $(RELEASE)/parallel-test/t1.log 2>&1 || true
	@$(SLT) -j $(NPROC) -v --timeout-per-file $(SLT_TIMEOUT) --threads 4 test/sql \
	  > $(RELEASE)/parallel-test/t4.log 2>&1 || true
	@for t in 1 4; do grep -E '^(FAIL|ERROR) ' $(RELEASE)/parallel-test/t$$t.log | sort \
	  > $(RELEASE)/parallel-test/t$$t.failures; \
	  echo "threads=$$t $$(tail -n 1 $(RELEASE)/parallel-test/t$$t.log)"; done
	@diff $(RELEASE)/parallel-test/t1.failures $(RELEASE)/parallel-test/t4.failures \
	  || { echo "parallel-test: threads = 1 and threads = 4 disagree (see the logs in $(RELEASE)/parallel-test)"; exit 1; }

crashtest-ci:
	@echo "== crash test (20 cycles)"
	$(RELEASE)/kadedb-crashtest --cycles 20 --dir $(RELEASE)/crashtest-data

crashtest: release
	$(RELEASE)/kadedb-crashtest --cycles $(CRASH_CYCLES) --dir $(RELEASE)/crashtest-data

stress: release
	$(RELEASE)/kadedb-stress --threads $(STRESS_THREADS) --seconds $(STRESS_SECONDS)

tsan-stress:
	cmake --preset tsan
	cmake --build --preset tsan --target kadedb-stress --parallel $(NPROC)
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(TSAN_SUPP)" \
	  build/tsan/kadedb-stress --threads $(TSAN_STRESS_THREADS) --seconds $(TSAN_STRESS_SECONDS)

bench-writers: release
	bench/writers.sh

# sysbench oltp_read_write and 200 concurrent connections, each beside a private PostgreSQL 15
# (docs/server.md); not part of `make test`.
.PHONY: bench-sysbench bench-connections
bench-sysbench: release
	bench/sysbench.sh

bench-connections: release
	bench/connections.sh

baseline: release
	-$(SLT) -j $(NPROC) --timeout-per-file $(SLT_TIMEOUT) --write-baseline $(BASELINE) $(SLT_SUITES)
	@echo "wrote $(BASELINE); review the diff and say why in the commit message"

difftest: release
	DIFFTEST_BIN=$(RELEASE)/kadedb-difftest scripts/difftest.sh $(DIFFTEST_QUERIES) $(DIFFTEST_SEED)

# A short fixed-seed run; fails on a difference that is neither known nor in the CI baseline.
difftest-ci:
	@echo "== difftest ($(DIFFTEST_CI_QUERIES) queries, seed $(DIFFTEST_CI_SEED), baseline $(DIFFTEST_BASELINE))"
	DIFFTEST_BIN=$(RELEASE)/kadedb-difftest scripts/difftest.sh $(DIFFTEST_CI_QUERIES) $(DIFFTEST_CI_SEED) \
	  -- --baseline $(DIFFTEST_BASELINE)

# psql, psycopg2, node-postgres and JDBC against a live `kadedb serve` (test/protocol/run.sh).
pg-protocol-test:
	test/protocol/run.sh $(RELEASE)/kadedb

# The HTTP API against a live `kadedb serve` with curl and python3 (test/protocol/http/run.sh).
http-protocol-test:
	@echo "== HTTP API protocol test"
	test/protocol/http/run.sh $(RELEASE)/kadedb

difftest-baseline: release
	-DIFFTEST_BIN=$(RELEASE)/kadedb-difftest scripts/difftest.sh $(DIFFTEST_CI_QUERIES) $(DIFFTEST_CI_SEED) \
	  -- --write-baseline $(DIFFTEST_BASELINE)
	@echo "wrote $(DIFFTEST_BASELINE); review the diff and say why in the commit message"

fuzz:
	cmake --preset fuzz
	cmake --build --preset fuzz --parallel $(NPROC) --target kadedb-fuzz-parser kadedb-fuzz-binder \
	  kadedb-fuzz-http kadedb-fuzz-pgwire
	FUZZ_SECONDS=$(FUZZ_SECONDS) test/fuzz/run.sh build/fuzz

format:
	find src include tools test bench \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) -print0 \
	  | xargs -0 -r clang-format -i

clean:
	rm -rf build

# Side-by-side analytics benchmark against DuckDB, SQLite and PostgreSQL (docs/bench.md);
# not part of `make test`. SF=0.1 for a quick run.
SF ?= 1
.PHONY: bench-analytics
bench-analytics: release
	bench/run.sh analytics --sf $(SF)

# pgbench against `kadedb serve` and a private PostgreSQL 15 (docs/bench.md, "pgbench"); not part
# of `make test`.
.PHONY: bench-pgbench
bench-pgbench: release
	bench/pgbench.sh
