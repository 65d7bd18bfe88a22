#!/usr/bin/env bash
# node-postgres against kadedb serve. Installs npm `pg` and `pg-copy-streams` into the git-ignored
# test/protocol/node_modules on first use (skipped, exit 77, when node/npm or the registry is
# unavailable).
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
command -v node >/dev/null || { echo "node not installed"; exit 77; }
if [ ! -d "$HERE/node_modules/pg" ] || [ ! -d "$HERE/node_modules/pg-copy-streams" ]; then
  command -v npm >/dev/null || { echo "npm not installed"; exit 77; }
  (cd "$HERE" && timeout 120 npm install --no-save --no-audit --no-fund --silent \
     pg@8 pg-copy-streams@6 >/dev/null 2>&1) || { echo "npm install pg failed"; exit 77; }
fi
exec node "$HERE/node_test.js"
