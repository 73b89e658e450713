#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's package, installed by js/build/system-packages.sh) for the Node host's tests and prints its
# URL on stdout; everything else goes to stderr. Idempotent: a second run reuses the server.
#
#   export USERSYNC_TEST_DATABASE_URL="$(bash tests/js/node/pg-setup.sh)"
#
# The cluster is private (its own directory and port), so it never touches a system
# PostgreSQL. Stop it with: bash tests/js/node/pg-setup.sh stop
set -euo pipefail

DIR="${USERSYNC_PG_DIR:-/tmp/usersync-test-pg}"
PORT="${USERSYNC_PG_PORT:-55432}"
URL="postgres://usersync@127.0.0.1:${PORT}/usersync"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN="$(find_bin)"
[ -n "$BIN" ] || { echo "pg-setup: no PostgreSQL binaries under /usr/lib/postgresql (js/build/system-packages.sh installs them)" >&2; exit 1; }

# initdb and postgres refuse to run as root: run them as the package's postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
  exit 0
fi

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"

if [ ! -f "$DIR/data/PG_VERSION" ]; then
  as_owner "$BIN/initdb" -D "$DIR/data" -U usersync -A trust -E UTF8 --locale=C.UTF-8 >&2
fi

if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi

if ! as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U usersync -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'usersync'" | grep -q 1; then
  as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U usersync usersync >&2
fi

echo "$URL"
