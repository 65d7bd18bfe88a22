# A private PostgreSQL cluster for the bench scripts (sourced, never run): its own data directory,
# port and socket directory, owned by the system user `kadebench` when the script runs as root
# (PostgreSQL refuses to run as root), stopped by pg_cluster_stop (call it from the script's EXIT
# trap). Uses the newest /usr/lib/postgresql/*/bin (Debian `postgresql`).
#
#   pg_cluster_start ROOT PORT [SETTINGS]
#       wipes ROOT (stopping a cluster an interrupted run left there), runs initdb (trust auth,
#       UTF8, C locale), starts the server on PORT with the socket in a fresh short directory and
#       SETTINGS appended to the server options (e.g. "-c fsync=on -c listen_addresses=''"),
#       and creates the database `bench`. Sets PGBIN, PG_ROOT, PG_PORT and PG_SOCK.
#   pg_cluster_stop     fast shutdown if running; safe to call more than once.
#   pg_as CMD...        runs CMD as the cluster's owner.

PG_CLUSTER_STARTED=0

pg_as() { if [[ $(id -u) -eq 0 ]]; then runuser -u kadebench -- "$@"; else "$@"; fi; }

pg_cluster_start() {
  PG_ROOT=$1
  PG_PORT=$2
  local settings=${3:-}
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [[ $(id -u) -eq 0 ]] && ! id kadebench >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin kadebench
  fi
  if [[ -f $PG_ROOT/data/postmaster.pid ]]; then
    pg_as "$PGBIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_ROOT"
  mkdir -p "$PG_ROOT"
  PG_SOCK=$(mktemp -d /tmp/kadebench-pg.XXXXXX)  # short: socket paths are limited to ~100 bytes
  if [[ $(id -u) -eq 0 ]]; then chown -R kadebench "$PG_ROOT" "$PG_SOCK"; fi
  pg_as "$PGBIN/initdb" -D "$PG_ROOT/data" -U kadebench --auth=trust -E UTF8 --locale=C >/dev/null
  pg_as "$PGBIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w \
    -o "-p $PG_PORT -k $PG_SOCK $settings" start >/dev/null
  PG_CLUSTER_STARTED=1
  pg_as "$PGBIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U kadebench -d postgres \
    -c "CREATE DATABASE bench" >/dev/null
}

pg_cluster_stop() {
  if [[ $PG_CLUSTER_STARTED -eq 1 ]]; then
    pg_as "$PGBIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
    PG_CLUSTER_STARTED=0
  fi
  if [[ -n ${PG_SOCK:-} ]]; then rm -rf "$PG_SOCK"; fi
  return 0
}
