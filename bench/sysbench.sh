#!/usr/bin/env bash
# sysbench oltp_read_write (Debian `sysbench`, pgsql driver) against `kadedb serve` and a private
# PostgreSQL 15 cluster started by this script on the same machine, same parameters, one after
# the other; prints both TPS / QPS / p95 latency and the error counts. See docs/server.md.
#
#   bench/sysbench.sh [--tables 4] [--table-size 10000] [--threads 8] [--seconds 30]
#                     [--engines kadedb,postgres]
#
# Environment: KADEDB_BUILD (default build/release), BENCH_PG_PORT (default 54332),
# BENCH_KADEDB_PORT (default 54333), BENCH_WORK (default bench/.peers/sysbench).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TABLES=4
TABLE_SIZE=10000
THREADS=8
SECONDS_EACH=30
ENGINES=kadedb,postgres
while [[ $# -gt 0 ]]; do
  case $1 in
    --tables) TABLES=$2; shift 2 ;;
    --table-size) TABLE_SIZE=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --engines) ENGINES=$2; shift 2 ;;
    *) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
has_engine() { [[ ",$ENGINES," == *",$1,"* ]]; }
log() { echo "[sysbench] $*" >&2; }

if ! command -v sysbench >/dev/null; then
  log "installing sysbench (apt-get)"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y sysbench >&2; else sudo apt-get install -y sysbench >&2; fi
fi
BUILD=${KADEDB_BUILD:-$ROOT/build/release}
KADEDB=$BUILD/kadedb
[[ -x $KADEDB ]] || { log "$KADEDB not built (make release)"; exit 1; }
WORK=${BENCH_WORK:-$ROOT/bench/.peers/sysbench}
mkdir -p "$WORK"

# ---------------------------------------------------------------- servers
source "$ROOT/bench/lib/pg_cluster.sh"
source "$ROOT/bench/lib/kadedb_serve.sh"
stop_all() {
  pg_cluster_stop
  kadedb_serve_stop
}
trap stop_all EXIT
trap 'exit 130' INT TERM
start_pg() {
  PGPORT_BENCH=${BENCH_PG_PORT:-54332}
  log "initdb + start PostgreSQL on port $PGPORT_BENCH"
  pg_cluster_start "$WORK/pg" "$PGPORT_BENCH" \
    "-c listen_addresses='127.0.0.1' -c max_connections=300"
}
start_kadedb() {
  KPORT=${BENCH_KADEDB_PORT:-54333}
  rm -rf "$WORK/kadedb"
  mkdir -p "$WORK/kadedb"
  cat > "$WORK/kadedb.toml" <<TOML
data = "$WORK/kadedb/data"
listen = "127.0.0.1"
pg_port = $KPORT
http_port = 0
max_connections = 300
[auth]
rules = ["127.0.0.1/32 trust"]
TOML
  log "starting kadedb serve on port $KPORT"
  "$KADEDB" serve --config "$WORK/kadedb.toml" >"$WORK/kadedb/server.log" 2>&1 &
  KADEDB_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$KPORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "kadedb serve did not start"; cat "$WORK/kadedb/server.log" >&2; exit 1
}

# ---------------------------------------------------------------- runs
sb() {  # engine, command, extra args...
  local engine=$1 cmd=$2
  shift 2
  local conn
  if [[ $engine == postgres ]]; then
    conn=(--pgsql-host=127.0.0.1 --pgsql-port="$PGPORT_BENCH" --pgsql-user=kadebench --pgsql-db=bench)
  else
    conn=(--pgsql-host=127.0.0.1 --pgsql-port="$KPORT" --pgsql-user=kadedb --pgsql-db=kadedb)
  fi
  sysbench oltp_read_write --db-driver=pgsql "${conn[@]}" --tables="$TABLES" \
    --table-size="$TABLE_SIZE" "$@" "$cmd"
}

echo "sysbench oltp_read_write: $TABLES tables x $TABLE_SIZE rows, $THREADS threads x ${SECONDS_EACH} s, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %10s %12s %10s %12s\n' engine tps qps p95_ms errors prepare_s
STATUS=0
for e in kadedb postgres; do
  has_engine "$e" || continue
  if [[ $e == postgres ]]; then start_pg; else start_kadedb; fi
  started=$SECONDS
  if ! sb "$e" prepare >"$WORK/$e-prepare.log" 2>&1; then
    log "$e: prepare failed"; tail -5 "$WORK/$e-prepare.log" >&2; STATUS=1; stop_all; continue
  fi
  prepare_s=$((SECONDS - started))
  if ! sb "$e" run --threads="$THREADS" --time="$SECONDS_EACH" --report-interval=0 \
      >"$WORK/$e-run.log" 2>&1; then
    log "$e: run failed"; tail -5 "$WORK/$e-run.log" >&2; STATUS=1
  fi
  tps=$(sed -n 's/.*transactions: *[0-9]* *(\([0-9.]*\) per sec.).*/\1/p' "$WORK/$e-run.log")
  qps=$(sed -n 's/.*queries: *[0-9]* *(\([0-9.]*\) per sec.).*/\1/p' "$WORK/$e-run.log")
  p95=$(sed -n 's/.*95th percentile: *\([0-9.]*\).*/\1/p' "$WORK/$e-run.log")
  errors=$(sed -n 's/.*ignored errors: *\([0-9]*\).*/\1/p' "$WORK/$e-run.log")
  if grep -q "FATAL" "$WORK/$e-run.log"; then STATUS=1; errors="FATAL"; fi
  printf '%-10s %10s %10s %12s %10s %12s\n' "$e" "${tps:-?}" "${qps:-?}" "${p95:-?}" \
    "${errors:-?}" "$prepare_s"
  stop_all
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs: $WORK/*-run.log"
exit $STATUS
