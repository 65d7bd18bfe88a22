#!/usr/bin/env bash
# Runs every libFuzzer target for FUZZ_SECONDS (default 60) each and prints one summary line per
# target: executions, executions per second, new corpus size and the findings (crash-/leak-/
# timeout-/oom- files libFuzzer wrote). Exits non-zero when any target found something.
#
#   test/fuzz/run.sh BUILD_DIR [target ...]     (targets default to parser binder http pgwire)
#
# Corpora grow in BUILD_DIR/corpus-<target> (seeded from test/fuzz/corpus-<target> when present,
# and test/fuzz/corpus-sql for parser and binder);
# findings land in BUILD_DIR/findings-<target>/ and each run's log in BUILD_DIR/fuzz-<target>.log.
set -u
build=${1:?usage: run.sh BUILD_DIR [target ...]}
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(parser binder http pgwire)
seconds=${FUZZ_SECONDS:-60}
src=$(cd "$(dirname "$0")" && pwd)
status=0
summary=()
for t in "${targets[@]}"; do
  bin=$build/kadedb-fuzz-$t
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin is not built" >&2
    status=1
    continue
  fi
  corpus=$build/corpus-$t
  findings=$build/findings-$t
  log=$build/fuzz-$t.log
  mkdir -p "$corpus" "$findings"
  seeds=()
  [ -d "$src/corpus-$t" ] && seeds+=("$src/corpus-$t")
  # The SQL targets start from statements taken from the sqllogictests.
  if [ "$t" = parser ] || [ "$t" = binder ]; then seeds+=("$src/corpus-sql"); fi
  max_len=4096
  [ "$t" = http ] && max_len=8192
  echo "== fuzz $t for ${seconds}s (log $log)"
  # detect_leaks stays on: a leak is a finding like any other.
  "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
    -max_len=$max_len -artifact_prefix="$findings/" "$corpus" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
  found=$(find "$findings" -type f | wc -l)
  corpus_n=$(find "$corpus" -type f | wc -l)
  line="$t: rc=$rc executions=${execs:-?} exec/s=${rate:-?} corpus=$corpus_n findings=$found"
  summary+=("$line")
  echo "$line"
  if [ $rc -ne 0 ] || [ "$found" -ne 0 ]; then
    status=1
    grep -m 5 -E 'ERROR: |SUMMARY: |runtime error' "$log" | sed 's/^/  /'
  fi
done
echo "== fuzz summary (${seconds}s each)"
printf '%s\n' "${summary[@]}"
exit $status
