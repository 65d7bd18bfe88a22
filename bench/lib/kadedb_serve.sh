# Stopping a `kadedb serve` started in the background by a bench script (sourced, never run):
# kadedb_serve_stop sends SIGTERM to $KADEDB_PID (the server drains and exits), waits for it and
# clears KADEDB_PID; safe to call when nothing runs.

KADEDB_PID=""

kadedb_serve_stop() {
  if [[ -n $KADEDB_PID ]]; then
    log "stopping kadedb serve"
    kill -TERM "$KADEDB_PID" 2>/dev/null || true
    wait "$KADEDB_PID" 2>/dev/null || true
    KADEDB_PID=""
  fi
}
