#!/usr/bin/env bash
# Durable-commit throughput: THREADS concurrent writers doing single-row autocommit INSERTs for
# SECONDS each on KadeDB (synced WAL, the default), SQLite (WAL, synchronous=FULL, one connection
# per thread, busy_timeout) and PostgreSQL 15 (fsync on, synchronous_commit on; a private cluster
# on its own port and socket directory, stopped at the end). See docs/transactions.md.
#
#   bench/writers.sh [--threads 16] [--seconds 10] [--engines kadedb,sqlite,postgres]
#
# Environment: KADEDB_BUILD (default build/release; kadedb-writebench is built there when
# missing), BENCH_PG_PORT (default 54331), BENCH_WORK (default bench/.peers/writers; the data
# directories live there, on the same disk for every engine).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
THREADS=16
SECONDS_EACH=10
ENGINES=kadedb,sqlite,postgres
while [[ $# -gt 0 ]]; do
  case $1 in
    --threads) THREADS=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --engines) ENGINES=$2; shift 2 ;;
    *) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
has_engine() { [[ ",$ENGINES," == *",$1,"* ]]; }
log() { echo "[writers] $*" >&2; }

BUILD=${KADEDB_BUILD:-$ROOT/build/release}
BIN="$BUILD/kadedb-writebench"
if [[ ! -x $BIN ]]; then
  log "building kadedb-writebench in $BUILD"
  if [[ -f $BUILD/build.ninja ]]; then
    cmake --build "$BUILD" --target kadedb-writebench >&2
  else
    (cd "$ROOT" && cmake --preset release >&2 && cmake --build --preset release --target kadedb-writebench >&2)
  fi
fi
WORK=${BENCH_WORK:-$ROOT/bench/.peers/writers}
mkdir -p "$WORK"

# ---------------------------------------------------------------- PostgreSQL private cluster
source "$ROOT/bench/lib/pg_cluster.sh"
trap pg_cluster_stop EXIT
trap 'exit 130' INT TERM
start_pg() {
  log "initdb + start PostgreSQL on port ${BENCH_PG_PORT:-54331} (fsync on)"
  pg_cluster_start "$WORK/pg" "${BENCH_PG_PORT:-54331}" \
    "-c listen_addresses='' -c fsync=on -c synchronous_commit=on -c max_connections=64"
  export PGHOST="$PG_SOCK" PGPORT="$PG_PORT" PGUSER=kadebench PGDATABASE=bench
}

echo "writers: $THREADS threads x ${SECONDS_EACH} s of single-row committed INSERTs, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), work dir $WORK"
for e in kadedb sqlite postgres; do
  has_engine "$e" || continue
  if [[ $e == postgres ]]; then start_pg; fi
  if [[ $e == postgres && $(id -u) -eq 0 ]]; then
    chmod 755 "$BIN" 2>/dev/null || true
  fi
  "$BIN" --engine "$e" --threads "$THREADS" --seconds "$SECONDS_EACH" --dir "$WORK/$e"
  if [[ $e == postgres ]]; then pg_cluster_stop; fi
done
