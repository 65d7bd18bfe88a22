#!/usr/bin/env bash
# Installs every Debian package KadeDB's build and tests need (Debian 12 "bookworm").
# Idempotent: when everything is already installed it returns at once without touching apt.
# Runs as root, or through sudo when available.
set -euo pipefail

# Required packages.
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  clang clang-format clang-tidy
  librocksdb-dev libfmt-dev libgtest-dev libgmock-dev libreadline-dev
  libssl-dev libzstd-dev liblz4-dev libsnappy-dev libbz2-dev zlib1g-dev
  python3
  libpq-dev postgresql-15 libsqlite3-dev
  libboost-system-dev
  postgresql-client python3-psycopg2 libpostgresql-jdbc-java default-jdk-headless nodejs
  libboost-dev curl
)
# Installed when the distribution offers them (ccache speeds rebuilds; libclang-rt-14-dev holds
# libFuzzer for clang 14 on bookworm).
OPTIONAL=(ccache libclang-rt-14-dev npm sysbench)

missing() {
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      echo "$p"
    fi
  done
}

mapfile -t need < <(missing "${PACKAGES[@]}" "${OPTIONAL[@]}")
if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; install these by hand: ${need[*]}" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-deps: not root and no sudo; install these by hand: ${need[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${need[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q

mapfile -t need_required < <(missing "${PACKAGES[@]}")
if [ "${#need_required[@]}" -gt 0 ]; then
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${need_required[@]}"
fi
for p in $(missing "${OPTIONAL[@]}"); do
  if apt-cache show "$p" >/dev/null 2>&1; then
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "$p" || echo "install-deps: optional package $p not installed" >&2
  else
    echo "install-deps: optional package $p is not available here; skipping" >&2
  fi
done
