#!/usr/bin/env bash
# Primary-key point lookups on one thread: KadeDB through its C++ API (Prepare + Execute with
# $1) against SQLite's C API, same table and key sequence (tools/pointbench, docs/bench.md).
#
#   bench/run.sh point [--rows N] [--lookups M]      (defaults: 1000000 rows, 300000 lookups)
#
# Environment: KADEDB_BIN (default build/release/kadedb): kadedb-pointbench is looked up next to
# it and built with CMake when missing. Ends with the line
#   point: kadedb X lookups/s, sqlite Y lookups/s (rows N, 1 thread)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KADEDB_BIN=${KADEDB_BIN:-$ROOT/build/release/kadedb}
BUILD_DIR=$(dirname "$KADEDB_BIN")
TOOL="$BUILD_DIR/kadedb-pointbench"
if [[ ! -x $TOOL ]]; then
  if [[ ! -f $BUILD_DIR/build.ninja && ! -f $BUILD_DIR/Makefile ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$BUILD_DIR" --target kadedb-pointbench -j2 >&2
fi
echo "[bench] $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exec "$TOOL" "$@"
