#!/usr/bin/env bash
# Side-by-side benchmarks of KadeDB against its peers (docs/bench.md).
#
#   bench/run.sh analytics [--sf N] [--engines kadedb,duckdb,sqlite,postgres] [--runs 5]
#                          [--timeout SECONDS] [--grp-rows N]
#
# analytics: generates a TPC-H-shaped data set at scale factor N (default 1; 0.1 for a quick run)
# once into bench/data/sfN/ with our own generator (bench/tpch_gen), loads the same CSVs into
# KadeDB, DuckDB (npm @duckdb/node-api), SQLite (sqlite3 CLI) and PostgreSQL (a private cluster),
# checks that the answers agree and prints load time, size, the median of 5 warm runs per query and
# the KadeDB/peer ratios, ending with the `analytics: ...geomean...` line.
#
# Environment: KADEDB_BIN (default build/release/kadedb; the driver kadedb-bench is looked up next
# to it and built with CMake when missing), BENCH_PG_PORT (default 54329), BENCH_SLOW_MS (a KadeDB
# query whose warm-up takes longer gets 1 timed run instead of 5; default 20000).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
PEERS="$BENCH/.peers"

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

[[ $# -ge 1 ]] || usage
MODE=$1
shift
# Point lookups (bench/point.sh): bench/run.sh point [--rows N] [--lookups M]
[[ $MODE == point ]] && exec "$BENCH/point.sh" "$@"
[[ $MODE == analytics ]] || usage
SF=1
ENGINES=kadedb,duckdb,sqlite,postgres
RUNS=5
TIMEOUT=""
GRP_ROWS=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --sf) SF=$2; shift 2 ;;
    --engines) ENGINES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --grp-rows) GRP_ROWS=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ $SF =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "bad --sf $SF" >&2; exit 2; }
# Per-query limit: 10 minutes at SF >= 1, 5 below.
if [[ -z $TIMEOUT ]]; then
  TIMEOUT=$(awk -v sf="$SF" 'BEGIN { print (sf >= 1 ? 600 : 300) }')
fi
has_engine() { [[ ",$ENGINES," == *",$1,"* ]]; }
log() { echo "[bench] $*" >&2; }

# ---------------------------------------------------------------- peers and tools
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
APT_UPDATED=0
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "missing $* and no apt-get: install it by hand" >&2
    return 1
  fi
  if [[ $APT_UPDATED -eq 0 ]]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
need=()
command -v g++ >/dev/null || need+=(g++)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if has_engine sqlite; then command -v sqlite3 >/dev/null || need+=(sqlite3); fi
if has_engine postgres; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v psql >/dev/null || need+=(postgresql-client)
fi
if [[ ${#need[@]} -gt 0 ]]; then apt_install "${need[@]}"; fi

mkdir -p "$PEERS"
if has_engine duckdb && [[ ! -d $PEERS/node_modules/@duckdb/node-api ]]; then
  log "npm install @duckdb/node-api into bench/.peers"
  npm install --silent --no-audit --no-fund --prefix "$PEERS" @duckdb/node-api >&2
fi

# ---------------------------------------------------------------- data
GEN="$PEERS/tpch_gen"
if [[ ! -x $GEN || $BENCH/tpch_gen/tpch_gen.cpp -nt $GEN ]]; then
  log "building the generator"
  g++ -O2 -std=c++17 -o "$GEN" "$BENCH/tpch_gen/tpch_gen.cpp"
fi
DATA="$BENCH/data/sf$SF"
# .complete records the generator options; other options regenerate the data.
GEN_KEY="sf=$SF grp_rows=${GRP_ROWS:-default}"
if [[ ! -f $DATA/.complete || $(cat "$DATA/.complete") != "$GEN_KEY" ]]; then
  log "generating SF $SF into bench/data/sf$SF"
  rm -rf "$DATA" "$DATA.tmp"
  mkdir -p "$DATA.tmp"
  "$GEN" "$SF" "$DATA.tmp" $GRP_ROWS >&2
  echo "$GEN_KEY" > "$DATA.tmp/.complete"
  mv "$DATA.tmp" "$DATA"
fi

# ---------------------------------------------------------------- KadeDB driver
KADEDB_BIN=${KADEDB_BIN:-$ROOT/build/release/kadedb}
KBUILD=$(dirname "$KADEDB_BIN")
KADEDB_BENCH="$KBUILD/kadedb-bench"
if has_engine kadedb && [[ ! -x $KADEDB_BENCH ]]; then
  log "building kadedb-bench in $KBUILD"
  if [[ -f $KBUILD/build.ninja || -f $KBUILD/Makefile ]]; then
    cmake --build "$KBUILD" --target kadedb-bench -j "$(nproc)" >&2 || true
  else
    (cd "$ROOT" && cmake --preset release >&2 && cmake --build --preset release --target kadedb-bench \
      -j "$(nproc)" >&2) || true
  fi
fi
KADEDB_VERSION="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# ---------------------------------------------------------------- PostgreSQL private cluster
source "$BENCH/lib/pg_cluster.sh"
trap pg_cluster_stop EXIT
trap 'exit 130' INT TERM
if has_engine postgres; then
  log "initdb + start PostgreSQL on port ${BENCH_PG_PORT:-54329}"
  pg_cluster_start "$PEERS/pg" "${BENCH_PG_PORT:-54329}" \
    "-c listen_addresses='' -c shared_buffers=1GB -c work_mem=256MB -c max_wal_size=8GB \
     -c maintenance_work_mem=512MB"
  export PGHOST="$PG_SOCK" PGPORT="$PG_PORT" PGUSER=kadebench PGDATABASE=bench
fi

# ---------------------------------------------------------------- run
RESULTS="$PEERS/results/sf$SF"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
WORK="$PEERS/work/sf$SF"
HEADER="$RESULTS/header.txt"
{
  echo "KadeDB analytics benchmark, SF $SF, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)"
  echo "load average at start (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg) (timings are only comparable on an idle machine)"
  echo "kadedb: $KADEDB_BENCH (commit $KADEDB_VERSION); per-query timeout ${TIMEOUT}s"
  echo "data: bench/data/sf$SF: $(cd "$DATA" && for t in lineitem orders grp; do printf '%s %s rows  ' "$t" "$(wc -l < $t.csv)"; done)"
} > "$HEADER"
cat "$HEADER" >&2
for e in duckdb sqlite postgres kadedb; do
  has_engine "$e" || continue
  log "== $e"
  node "$BENCH/lib/main.mjs" run "$e" --data "$DATA" --work "$WORK" --peers "$PEERS" \
    --out "$RESULTS/$e.json" --runs "$RUNS" --timeout "$TIMEOUT" --slow-ms "${BENCH_SLOW_MS:-20000}" \
    --kadedb-bench "$KADEDB_BENCH" --kadedb-version "$KADEDB_VERSION" || log "$e runner failed"
  if [[ $e == postgres ]]; then pg_cluster_stop; fi
done
rm -rf "$WORK"
node "$BENCH/lib/main.mjs" report --results "$RESULTS" --data "$DATA" --header "$HEADER" | tee "$RESULTS/report.txt"
