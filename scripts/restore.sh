#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: stops the backend, replaces the database content, runs the
# migrations (a dump from an older version is brought up to date), starts the backend again.
#   scripts/restore.sh [--yes] FILE [-- compose options, e.g. -f docker-compose.yml -f docker-compose.prod.yml]
# Compose options may also come from $COMPOSE_ARGS.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
orig_pwd=$PWD
cd "$ROOT"

yes=0
file=""
read -r -a compose_args <<<"${COMPOSE_ARGS:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    -y|--yes) yes=1 ;;
    --) shift; compose_args+=("$@"); break ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "restore: unknown option $1" >&2; exit 2 ;;
    *) file=$1 ;;
  esac
  shift
done
[ -n "$file" ] || { echo "restore: which backup file? (see --help)" >&2; exit 2; }
case "$file" in /*) ;; *) [ -f "$file" ] || file="$orig_pwd/$file" ;; esac
[ -s "$file" ] || { echo "restore: $file does not exist or is empty" >&2; exit 2; }

dc() { docker compose "${compose_args[@]}" "$@"; }

if [ "$yes" != 1 ]; then
  [ -t 0 ] || { echo "restore: not a terminal; pass --yes to confirm" >&2; exit 2; }
  read -r -p "Replace ALL TargetVision data with $(basename "$file")? Type 'yes': " answer
  [ "$answer" = yes ] || { echo "restore: cancelled"; exit 1; }
fi

# Check the archive before anything is stopped.
dc exec -T db pg_restore --list >/dev/null <"$file" || { echo "restore: $file is not a pg_dump archive" >&2; exit 1; }

echo "restore: stopping the backend"
dc stop backend

restart_backend() { dc up -d --wait backend >/dev/null 2>&1 || true; }
trap restart_backend ERR

echo "restore: restoring $(basename "$file")"
# --clean --if-exists drops what the dump contains before recreating it; single transaction: all or nothing.
dc exec -T db sh -c 'exec pg_restore -U "$POSTGRES_USER" -d "$POSTGRES_DB" --clean --if-exists --no-owner --single-transaction --exit-on-error' <"$file"

# The superuser restored the objects: db-init hands them back to the app's role (no superuser rights).
echo "restore: restoring the app role's ownership"
dc run --rm --no-deps db-init
echo "restore: running migrations"
dc run --rm --no-deps migrate

echo "restore: starting the backend"
trap - ERR
dc up -d --wait backend
echo "restore: done"
