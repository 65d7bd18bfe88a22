#!/usr/bin/env bash
# Many concurrent connections: CLIENTS psycopg2 connections (default 200) each run a mix of short
# queries (point SELECT by key, SELECT 1, a small aggregate, a single-row UPDATE, an INSERT) for
# SECONDS (default 60) against `kadedb serve` and then against a private PostgreSQL 15 cluster
# started by this script on the same machine. Prints per engine: queries, QPS, p50 / p99 / max
# latency and the number of unexpected errors (any error is unexpected; the script exits 1 when
# KadeDB had one). See docs/server.md.
#
#   bench/connections.sh [--clients 200] [--seconds 60] [--engines kadedb,postgres]
#
# Environment: KADEDB_BUILD (default build/release), BENCH_PG_PORT (default 54334),
# BENCH_KADEDB_PORT (default 54335), BENCH_WORK (default bench/.peers/connections).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLIENTS=200
SECONDS_EACH=60
ENGINES=kadedb,postgres
while [[ $# -gt 0 ]]; do
  case $1 in
    --clients) CLIENTS=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --engines) ENGINES=$2; shift 2 ;;
    *) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
has_engine() { [[ ",$ENGINES," == *",$1,"* ]]; }
log() { echo "[connections] $*" >&2; }

BUILD=${KADEDB_BUILD:-$ROOT/build/release}
KADEDB=$BUILD/kadedb
[[ -x $KADEDB ]] || { log "$KADEDB not built (make release)"; exit 1; }
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || { log "python3-psycopg2 missing"; exit 1; }
WORK=${BENCH_WORK:-$ROOT/bench/.peers/connections}
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
  PGPORT_BENCH=${BENCH_PG_PORT:-54334}
  log "initdb + start PostgreSQL on port $PGPORT_BENCH"
  pg_cluster_start "$WORK/pg" "$PGPORT_BENCH" \
    "-c listen_addresses='127.0.0.1' -c max_connections=$((CLIENTS + 20))"
  DSN="host=127.0.0.1 port=$PGPORT_BENCH user=kadebench dbname=bench sslmode=disable"
}
start_kadedb() {
  KPORT=${BENCH_KADEDB_PORT:-54335}
  rm -rf "$WORK/kadedb"
  mkdir -p "$WORK/kadedb"
  cat > "$WORK/kadedb.toml" <<TOML
data = "$WORK/kadedb/data"
listen = "127.0.0.1"
pg_port = $KPORT
http_port = 0
max_connections = $((CLIENTS + 20))
[auth]
rules = ["127.0.0.1/32 trust"]
TOML
  log "starting kadedb serve on port $KPORT"
  "$KADEDB" serve --config "$WORK/kadedb.toml" >"$WORK/kadedb/server.log" 2>&1 &
  KADEDB_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$KPORT") 2>/dev/null; then break; fi
    sleep 0.1
  done
  DSN="host=127.0.0.1 port=$KPORT user=kadedb dbname=kadedb sslmode=disable"
}

# ---------------------------------------------------------------- the client
cat > "$WORK/clients.py" <<'PY'
import random, sys, threading, time
import psycopg2

dsn, clients, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
setup = psycopg2.connect(dsn)
setup.autocommit = True
c = setup.cursor()
c.execute("drop table if exists conn_items")
c.execute("create table conn_items (id int primary key, grp int, v int, note text)")
c.execute("insert into conn_items select g, g % 50, 0, 'row ' || g from generate_series(1, 10000) g")
c.execute("drop table if exists conn_log")
c.execute("create table conn_log (client int, n int, at timestamp, primary key (client, n))")
setup.close()

QUERIES = [
    ("point", "select note from conn_items where id = %s", lambda: (random.randint(1, 10000),)),
    ("one", "select 1", lambda: None),
    ("agg", "select count(*), sum(v) from conn_items where grp = %s", lambda: (random.randint(0, 49),)),
    ("update", "update conn_items set v = v + 1 where id = %s", lambda: (random.randint(1, 10000),)),
]
lock = threading.Lock()
latencies, errors, connect_errors = [], [], []
start_barrier = threading.Barrier(clients + 1)
deadline = [0.0]


def client(n):
    try:
        conn = psycopg2.connect(dsn)
        conn.autocommit = True
    except Exception as e:
        with lock:
            connect_errors.append(str(e).strip())
        start_barrier.wait()
        return
    cur = conn.cursor()
    mine, errs, i = [], [], 0
    start_barrier.wait()
    while time.monotonic() < deadline[0]:
        i += 1
        if i % 5 == 0:
            name, sql, args = "insert", "insert into conn_log values (%s, %s, now())", (n, i)
        else:
            name, sql, make = random.choice(QUERIES)
            args = make()
        t0 = time.monotonic()
        try:
            cur.execute(sql, args)
            if cur.description is not None:
                cur.fetchall()
        except psycopg2.Error as e:
            # A serialization failure on the hot UPDATE would be retried by an application; it
            # still counts here (the isolation level is READ COMMITTED, so there should be none).
            errs.append(f"{name}: {e.pgcode} {str(e).strip()[:120]}")
            if conn.closed:
                break
        mine.append(time.monotonic() - t0)
    conn.close()
    with lock:
        latencies.extend(mine)
        errors.extend(errs)


threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
for t in threads:
    t.start()
deadline[0] = time.monotonic() + seconds + 3600  # until everyone is connected
start_barrier.wait()
began = time.monotonic()
deadline[0] = began + seconds
for t in threads:
    t.join()
elapsed = time.monotonic() - began
latencies.sort()
q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0
print(f"{len(latencies)} {len(latencies) / elapsed:.0f} {q(0.5):.2f} {q(0.99):.2f} "
      f"{(latencies[-1] * 1000 if latencies else 0):.1f} {len(errors) + len(connect_errors)}")
for e in (connect_errors + errors)[:10]:
    print("ERROR " + e, file=sys.stderr)
PY

echo "connections: $CLIENTS concurrent psycopg2 connections x ${SECONDS_EACH} s of short queries (point select, select 1, small aggregate, single-row update, insert), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %8s %8s %8s %9s %7s\n' engine queries qps p50_ms p99_ms max_ms errors
STATUS=0
for e in kadedb postgres; do
  has_engine "$e" || continue
  if [[ $e == postgres ]]; then start_pg; else start_kadedb; fi
  if ! out=$(/usr/bin/python3 "$WORK/clients.py" "$DSN" "$CLIENTS" "$SECONDS_EACH" 2>"$WORK/$e-errors.log"); then
    log "$e: client failed"; tail -5 "$WORK/$e-errors.log" >&2; STATUS=1; stop_all; continue
  fi
  read -r queries qps p50 p99 max errors <<<"$out"
  printf '%-10s %10s %8s %8s %8s %9s %7s\n' "$e" "$queries" "$qps" "$p50" "$p99" "$max" "$errors"
  if [[ $errors != 0 ]]; then
    sed 's/^/    /' "$WORK/$e-errors.log" | head -10
    if [[ $e == kadedb ]]; then STATUS=1; fi
  fi
  stop_all
done
exit $STATUS
