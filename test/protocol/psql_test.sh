#!/usr/bin/env bash
# psql against kadedb serve: SCRAM over TLS, DDL, DML, types, transactions, COPY (text and CSV,
# both directions), errors with SQLSTATE, NULLs, multi-statement strings, prepared statements.
# Compares psql's unaligned output with psql_test.expected.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
command -v psql >/dev/null || { echo "psql not installed"; exit 77; }
export PGPASSWORD="$KADEDB_TEST_PASSWORD" PGSSLMODE=require PGCONNECT_TIMEOUT=10
CONN="host=127.0.0.1 port=$KADEDB_TEST_PORT user=kadedb dbname=kadedb"
# The TLS session and SCRAM: \conninfo names the protocol.
psql "$CONN" -X -c '\conninfo' | grep -q 'SSL connection (protocol: TLSv1' || {
  echo "not connected over TLS"; exit 1; }
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
psql "$CONN" -X -A -q -v ON_ERROR_STOP=0 -v VERBOSITY=verbose -f "$HERE/psql_test.sql" >"$OUT" 2>&1
sed -i -e 's/^psql:[^:]*:[0-9]*: //' "$OUT"
if ! diff -u "$HERE/psql_test.expected" "$OUT"; then
  echo "psql output differs from psql_test.expected"; exit 1
fi
