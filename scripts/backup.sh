#!/usr/bin/env bash
# Dumps the TargetVision database through the running `db` service (pg_dump custom format, compressed) into a
# timestamped file and keeps the newest N backups.
#   scripts/backup.sh [--dir DIR] [--keep N] [-- compose options, e.g. -f docker-compose.yml -f docker-compose.prod.yml]
# Defaults: --dir ${BACKUP_DIR:-./backups}, --keep ${BACKUP_KEEP:-14}; compose options from $COMPOSE_ARGS.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

dir=${BACKUP_DIR:-./backups}
keep=${BACKUP_KEEP:-14}
read -r -a compose_args <<<"${COMPOSE_ARGS:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift ;;
    --keep) keep=$2; shift ;;
    --) shift; compose_args+=("$@"); break ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "backup: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || { echo "backup: --keep must be a positive number" >&2; exit 2; }

dc() { docker compose "${compose_args[@]}" "$@"; }

mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
file="$dir/targetvision-$stamp.dump"
tmp="$file.partial"
trap 'rm -f "$tmp"' EXIT

# The db container knows its own user and database (POSTGRES_USER/POSTGRES_DB) and connects over the local
# socket, so no password is needed and none passes through this script.
(umask 077; dc exec -T db sh -c 'exec pg_dump -U "$POSTGRES_USER" -d "$POSTGRES_DB" --format=custom --compress=6 --no-owner' >"$tmp")
[ -s "$tmp" ] || { echo "backup: pg_dump produced no output" >&2; exit 1; }
mv "$tmp" "$file"
trap - EXIT
echo "backup: wrote $file ($(du -h "$file" | cut -f1))"

# Retention: newest $keep files stay (names sort by time).
mapfile -t old < <(ls -1 "$dir"/targetvision-*.dump 2>/dev/null | sort -r | tail -n +"$((keep + 1))")
for f in "${old[@]}"; do
  rm -f -- "$f"
  echo "backup: removed old $f"
done
