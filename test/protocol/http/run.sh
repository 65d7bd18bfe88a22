#!/usr/bin/env bash
# The HTTP API against a live server: starts `kadedb serve` on free ports with a temporary data
# directory and drives it with python3 (urllib, raw sockets) and curl (http_client_test.py).
# usage: test/protocol/http/run.sh [path/to/kadedb]      (default build/release/kadedb)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-build/release/kadedb}"
if [ ! -x "$bin" ]; then
  echo "http protocol test: $bin not built" >&2
  exit 1
fi
# Until `kadedb serve` is built in, there is no server to test.
if ! "$bin" serve --help >/dev/null 2>&1; then
  echo "http protocol test: skipped ($bin has no serve command)"
  exit 0
fi
exec python3 "$here/http_client_test.py" "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
