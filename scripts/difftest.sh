#!/usr/bin/env bash
# Differential test of KadeDB against a private PostgreSQL 15 (see docs/difftest.md).
#
#   scripts/difftest.sh [QUERIES] [SEED] [-- extra kadedb-difftest flags]
#
# Starts PostgreSQL from the Debian package (/usr/lib/postgresql/15/bin) with its own data
# directory under $DIFFTEST_DIR, its own socket directory and port, no TCP listener and
# fsync=off; as root it runs the server as the system user kadedb-test (PostgreSQL refuses to
# run as root). The server is stopped on exit, whatever happens. Exits with kadedb-difftest's
# status (0: no unexplained difference).
#
# Environment: DIFFTEST_BIN (default build/release/kadedb-difftest), DIFFTEST_DIR (default
# build/difftest), DIFFTEST_PORT (default 55432), PG_BIN (default /usr/lib/postgresql/15/bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

QUERIES="${1:-10000}"
SEED="${2:-$(date +%s)}"
shift $(( $# >= 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift

BIN="${DIFFTEST_BIN:-build/release/kadedb-difftest}"
WORK="${DIFFTEST_DIR:-build/difftest}"
PORT="${DIFFTEST_PORT:-55432}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_USER=kadedb-test

if [ ! -x "$BIN" ]; then
  echo "difftest: $BIN not built (it needs libpq-dev: run scripts/install-deps.sh, then make)" >&2
  exit 2
fi
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "difftest: PostgreSQL 15 not found in $PG_BIN (install the postgresql-15 package)" >&2
  exit 2
fi

mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
SOCK="$(mktemp -d /tmp/kadedb-difftest.XXXXXX)"  # short path: socket names are limited to ~100 bytes
PGDATA="$WORK/pgdata"
rm -rf "$PGDATA"
mkdir -p "$PGDATA"

AS=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id -u "$PG_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
  fi
  AS=(runuser -u "$PG_USER" --)
  chown "$PG_USER" "$PGDATA" "$SOCK"
  # The server user must reach the data directory; fall back to /tmp when a parent is private.
  if ! "${AS[@]}" test -w "$PGDATA"; then
    echo "difftest: $PGDATA is not reachable by $PG_USER; using a data directory under /tmp" >&2
    PGDATA="$SOCK/pgdata"
    mkdir -p "$PGDATA"
    chown "$PG_USER" "$PGDATA"
  fi
fi
chmod 700 "$PGDATA"
LOG="$SOCK/postgres.log"
touch "$LOG"
[ ${#AS[@]} -gt 0 ] && chown "$PG_USER" "$LOG"

stop_server() {
  if [ -f "$PGDATA/postmaster.pid" ]; then
    "${AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  cp "$LOG" "$WORK/postgres.log" 2>/dev/null || true
  rm -rf "$SOCK"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

"${AS[@]}" "$PG_BIN/initdb" -D "$PGDATA" --auth=trust --username=difftest --no-locale \
  --encoding=UTF8 --no-sync >"$SOCK/initdb.log" 2>&1 || { cat "$SOCK/initdb.log" >&2; exit 2; }
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 60 start -o \
  "-c port=$PORT -c listen_addresses='' -c unix_socket_directories=$SOCK -c fsync=off \
   -c synchronous_commit=off -c full_page_writes=off -c max_connections=5 -c shared_buffers=32MB" \
  >/dev/null || { cat "$LOG" >&2; exit 2; }

set +e
"$BIN" --pg "host=$SOCK port=$PORT dbname=postgres user=difftest" --queries "$QUERIES" \
  --seed "$SEED" --known test/difftest/known_differences.txt --kadedb-dir "$WORK/kadedb" "$@"
status=$?
exit $status
