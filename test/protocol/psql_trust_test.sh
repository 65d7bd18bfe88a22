#!/usr/bin/env bash
# With a trust rule: psql logs in without a password, plain and over TLS; an unknown role is
# refused with 28000.
set -uo pipefail
command -v psql >/dev/null || { echo "psql not installed"; exit 77; }
unset PGPASSWORD
CONN="host=127.0.0.1 port=$KADEDB_TEST_PORT dbname=kadedb"
[ "$(psql "$CONN user=kadedb sslmode=disable" -X -A -t -c 'select 40 + 2')" = "42" ] || exit 1
[ "$(psql "$CONN user=kadedb sslmode=require" -X -A -t -c 'select count(*) from psql_t')" != "" ] || exit 1
out="$(psql "$CONN user=nobody sslmode=disable" -X -c 'select 1' 2>&1)"
echo "$out" | grep -q 'role "nobody" does not exist' || { echo "$out"; exit 1; }
out="$(psql "host=127.0.0.1 port=$KADEDB_TEST_PORT user=kadedb dbname=other" -X -c 'select 1' 2>&1)"
echo "$out" | grep -q 'database "other" does not exist' || { echo "$out"; exit 1; }
