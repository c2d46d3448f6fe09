#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests and host runs: its own data folder and a free port on 127.0.0.1, never the
# system cluster.
#   pg-cluster.sh start DIR   → initialises DIR if empty, starts, prints the superuser connection string
#   pg-cluster.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data folder}
PGBIN=""
for v in 17 16 15; do [ -x "/usr/lib/postgresql/$v/bin/initdb" ] && { PGBIN="/usr/lib/postgresql/$v/bin"; break; }; done
[ -n "$PGBIN" ] || { echo "PostgreSQL server binaries not found; run scripts/lib/install-deps.sh" >&2; exit 1; }

# initdb and postgres refuse to run as root: run them as the postgres system user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      # The postgres user must be able to reach the folder (mktemp -d makes 0700 parents).
      chmod 755 "$(dirname "$dir")"
      chown postgres:postgres "$dir"
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$PGBIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1
    fi
    port=$(cat "$dir/.port" 2>/dev/null || true)
    if ! as_owner "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      port=$(free_port)
      as_owner sh -c "echo $port > '$dir/.port'"
      as_owner "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then as_owner "$PGBIN/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true; fi
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
