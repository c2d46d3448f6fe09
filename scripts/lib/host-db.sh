#!/usr/bin/env bash
# Prepares the private PostgreSQL cluster used when TargetVision runs directly on the host (no Docker):
# data under ./.data/postgres, a free port on 127.0.0.1, database "targetvision" with pgvector installed by the
# superuser (the extension is not trusted). Prints the connection string for the app.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA="$ROOT/.data/postgres"
admin=$("$ROOT/scripts/lib/pg-cluster.sh" start "$DATA")
port=$(cat "$DATA/.port")
psql_admin() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'targetvision'")" != 1 ]; then
  psql_admin -d postgres -c "CREATE DATABASE targetvision" >/dev/null
fi
psql_admin -d targetvision -c "CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;" >/dev/null
echo "${admin/Database=postgres/Database=targetvision}"
