#!/usr/bin/env bash
# pgbench against `kadedb serve` and a private PostgreSQL 15, side by side (docs/bench.md,
# "pgbench").
#
#   bench/pgbench.sh [--scale 10] [--clients 16] [--jobs 2] [--time 30]
#                    [--engines kadedb,postgres] [--modes simple,prepared]
#
# For each engine: `pgbench -i -I dtgp -s SCALE` (unchanged pgbench, over TCP to KadeDB and over
# a socket to PostgreSQL), then for each protocol mode (-M simple, -M prepared) the select-only
# workload (-S) and the default TPC-B-like script, CLIENTS clients on JOBS threads for TIME
# seconds each. Prints the TPS of both engines with the ratio and ends with
#   pgbench: select-only kadedb/postgres X, tpcb kadedb/postgres Y (simple protocol)
#
# Both engines run durable commits (KadeDB: synced WAL, the default; PostgreSQL: fsync on,
# synchronous_commit on). Environment: KADEDB_BIN (default build/release/kadedb; built with CMake
# when missing), BENCH_PG_PORT (default 54335), BENCH_KADEDB_PORT (default 54336), BENCH_WORK
# (default bench/.peers/pgbench; the data directories, deleted and recreated).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=10
CLIENTS=16
JOBS=2
TIME=30
ENGINES=kadedb,postgres
MODES=simple,prepared
while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --time) TIME=$2; shift 2 ;;
    --engines) ENGINES=$2; shift 2 ;;
    --modes) MODES=$2; shift 2 ;;
    *) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
has_engine() { [[ ",$ENGINES," == *",$1,"* ]]; }
log() { echo "[pgbench] $*" >&2; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! command -v pgbench >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  log "apt-get install postgresql postgresql-contrib"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
    postgresql-contrib >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGBENCH=$PGBIN/pgbench
[[ -x $PGBENCH ]] || PGBENCH=$(command -v pgbench)

KADEDB_BIN=${KADEDB_BIN:-$ROOT/build/release/kadedb}
if has_engine kadedb && [[ ! -x $KADEDB_BIN ]]; then
  BUILD_DIR=$(dirname "$KADEDB_BIN")
  log "building kadedb in $BUILD_DIR"
  if [[ ! -f $BUILD_DIR/build.ninja ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$BUILD_DIR" --target kadedb -j2 >&2
fi

WORK=${BENCH_WORK:-$ROOT/bench/.peers/pgbench}
mkdir -p "$WORK"
PG_PORT=${BENCH_PG_PORT:-54335}
KD_PORT=${BENCH_KADEDB_PORT:-54336}

# ---------------------------------------------------------------- servers (stopped on exit)
KD_PID=""
source "$ROOT/bench/lib/pg_cluster.sh"
stop_kadedb() {
  if [[ -n $KD_PID ]]; then
    log "stopping kadedb serve"
    kill -TERM "$KD_PID" 2>/dev/null || true
    wait "$KD_PID" 2>/dev/null || true
    KD_PID=""
  fi
}
cleanup() {
  stop_kadedb
  pg_cluster_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_pg() {
  log "initdb + start PostgreSQL ($PGBIN) on port $PG_PORT (fsync on)"
  pg_cluster_start "$WORK/pg" "$PG_PORT" \
    "-c listen_addresses='' -c fsync=on -c synchronous_commit=on -c max_connections=64"
}

start_kadedb() {
  rm -rf "$WORK/kadedb"
  mkdir -p "$WORK/kadedb"
  log "starting kadedb serve on 127.0.0.1:$KD_PORT ($KADEDB_BIN)"
  "$KADEDB_BIN" serve --data "$WORK/kadedb/data" --listen 127.0.0.1 --pg-port "$KD_PORT" \
    --http-port 0 >"$WORK/kadedb/server.log" 2>&1 &
  KD_PID=$!
  for _ in $(seq 1 100); do
    if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$KD_PORT"; then return 0; fi
    if ! kill -0 "$KD_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  log "kadedb serve did not start; its log:"
  cat "$WORK/kadedb/server.log" >&2
  exit 1
}

# pgbench as the engine's client: conn_args for each engine.
run_pgbench() {
  local engine=$1
  shift
  if [[ $engine == postgres ]]; then
    pg_as "$PGBENCH" -h "$PG_SOCK" -p "$PG_PORT" "$@" bench
  else
    "$PGBENCH" -h 127.0.0.1 -p "$KD_PORT" -U kadedb "$@" kadedb
  fi
}

declare -A TPS
run_engine() {
  local engine=$1
  log "$engine: pgbench -i -I dtgp -s $SCALE"
  local t0 t1
  t0=$(date +%s.%N)
  if ! run_pgbench "$engine" -i -I dtgp -s "$SCALE" -q >"$WORK/$engine-init.log" 2>&1; then
    log "$engine: initialisation FAILED:"
    tail -5 "$WORK/$engine-init.log" >&2
    INIT[$engine]="FAILED"
    return 0
  fi
  t1=$(date +%s.%N)
  INIT[$engine]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f s", b - a }')
  local mode workload flag out tps
  for mode in ${MODES//,/ }; do
    for workload in select-only tpcb; do
      flag=""
      [[ $workload == select-only ]] && flag="-S"
      log "$engine: pgbench $flag -M $mode -c $CLIENTS -j $JOBS -T $TIME"
      out="$WORK/$engine-$workload-$mode.log"
      # shellcheck disable=SC2086
      if run_pgbench "$engine" $flag -M "$mode" -c "$CLIENTS" -j "$JOBS" -T "$TIME" >"$out" 2>&1; then
        tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out" | head -1)
        local failed
        failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out" | head -1)
        TPS[$engine/$workload/$mode]=${tps:-ERR}
        if [[ -n $failed && $failed != 0 ]]; then
          TPS[$engine/$workload/$mode]="${tps} (${failed} failed)"
        fi
      else
        TPS[$engine/$workload/$mode]=ERR
        log "$engine $workload $mode failed:"
        tail -5 "$out" >&2
      fi
    done
  done
  return 0
}

declare -A INIT
echo "pgbench: scale $SCALE, $CLIENTS clients, $JOBS threads, $TIME s per run, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pgbench: $("$PGBENCH" --version)"
if has_engine kadedb; then
  start_kadedb
  run_engine kadedb
  stop_kadedb
fi
if has_engine postgres; then
  start_pg
  run_engine postgres
  pg_cluster_stop
fi

ratio() {
  awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN {
    if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'
}
echo
printf '%-12s %-9s %14s %14s %8s\n' workload mode kadedb_tps postgres_tps ratio
for mode in ${MODES//,/ }; do
  for workload in select-only tpcb; do
    k=${TPS[kadedb/$workload/$mode]:--}
    p=${TPS[postgres/$workload/$mode]:--}
    printf '%-12s %-9s %14s %14s %8s\n' "$workload" "$mode" "$k" "$p" "$(ratio "$k" "$p")"
  done
done
echo "init (pgbench -i -I dtgp -s $SCALE): kadedb ${INIT[kadedb]:--}, postgres ${INIT[postgres]:--}"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg) (compare ratios of runs made under similar load)"
first_mode=${MODES%%,*}
echo "pgbench: select-only kadedb/postgres $(ratio "${TPS[kadedb/select-only/$first_mode]:--}" \
  "${TPS[postgres/select-only/$first_mode]:--}"), tpcb kadedb/postgres $(ratio \
  "${TPS[kadedb/tpcb/$first_mode]:--}" "${TPS[postgres/tpcb/$first_mode]:--}") ($first_mode protocol)"
