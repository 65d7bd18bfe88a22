#!/usr/bin/env bash
# Real-client tests of the PostgreSQL wire protocol (`make test` runs this).
#
#   test/protocol/run.sh [KADEDB_BINARY]     (default build/release/kadedb)
#
# Starts `kadedb serve` on a free port with a temporary data directory, a self-signed TLS pair and
# SCRAM-SHA-256 for 127.0.0.1, then runs psql, Python psycopg2, node-postgres and the PostgreSQL
# JDBC driver against it; restarts it with trust authentication for the trust checks; stops it at
# the end. A client whose runtime is missing is reported as SKIPPED (the others still run); any
# failure makes the script exit 1.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${1:-$ROOT/build/release/kadedb}"
[ -x "$BIN" ] || { echo "protocol tests: $BIN not built"; exit 1; }
WORK="$(mktemp -d /tmp/kadedb-protocol.XXXXXX)"
SERVER_PID=""
FAILED=0
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export KADEDB_TEST_PORT="$PORT" KADEDB_TEST_PASSWORD="pw-$RANDOM-secret" KADEDB_TEST_CA="$WORK/server.crt"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -keyout "$WORK/server.key" -out "$WORK/server.crt" 2>/dev/null

start_server() {  # $1: auth method for 127.0.0.1, $2: extra top-level TOML lines
  cat > "$WORK/kadedb.toml" <<TOML
data = "$WORK/data"
listen = "127.0.0.1"
pg_port = $PORT
http_port = 0
max_connections = 20
${2:-}
[tls]
cert = "$WORK/server.crt"
key = "$WORK/server.key"
[auth]
rules = ["127.0.0.1/32 $1"]
password = "$KADEDB_TEST_PASSWORD"
TOML
  "$BIN" serve --config "$WORK/kadedb.toml" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "protocol tests: server did not start"; cat "$WORK/server.log"; exit 1
}
stop_server() {
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; local rc=$?; SERVER_PID=""
  if [ "$rc" -ne 0 ]; then echo "FAIL: server exited with $rc after SIGTERM"; FAILED=1; fi
}
run_client() {  # name, command...
  local name="$1"; shift
  local start=$SECONDS
  if "$@" >"$WORK/$name.out" 2>&1; then
    echo "  ok   $name ($((SECONDS - start))s)"
  elif [ $? -eq 77 ]; then
    echo "  SKIPPED $name: $(tail -1 "$WORK/$name.out")"
  else
    echo "  FAIL $name"; sed 's/^/       /' "$WORK/$name.out" | tail -40; FAILED=1
  fi
}

echo "== protocol tests (kadedb serve on 127.0.0.1:$PORT)"
start_server scram-sha-256
run_client psql "$HERE/psql_test.sh"
run_client psycopg2 /usr/bin/python3 "$HERE/psycopg2_test.py"
run_client node-postgres "$HERE/node_test.sh"
run_client jdbc "$HERE/jdbc_test.sh" "$WORK"
run_client robustness /usr/bin/python3 "$HERE/robustness_test.py"
run_client session /usr/bin/python3 "$HERE/session_test.py"
run_client statement-cache /usr/bin/python3 "$HERE/statement_cache_test.py"
stop_server
start_server trust "idle_in_transaction_session_timeout_ms = 1500"
run_client psql-trust "$HERE/psql_trust_test.sh"
run_client idle-timeout /usr/bin/python3 "$HERE/idle_test.py"
run_client pipeline /usr/bin/python3 "$HERE/pipeline_test.py"
run_client binary-arrays /usr/bin/python3 "$HERE/binary_array_test.py"
run_client psql-tab-completion /usr/bin/python3 "$HERE/psql_tab_test.py"
run_client stalled-client /usr/bin/python3 "$HERE/stalled_client_test.py"
stop_server
if [ "$FAILED" -ne 0 ]; then
  echo "protocol tests FAILED; server log:"; tail -30 "$WORK/server.log"; exit 1
fi
echo "protocol tests passed"
