#!/bin/bash
# One-shot `db-init` service, run before `migrate` on every `up` (idempotent). As the cluster's superuser it:
#   - creates the extensions the migrations need (creating `vector` requires a superuser),
#   - makes sure the app's role (DB_USER) exists WITHOUT superuser rights, with DB_PASSWORD, and owns the database
#     and every table/sequence/view in it (also after a restore, which the superuser performs),
#   - upgrades a volume made by the earlier compose file, where DB_USER was the cluster's bootstrap superuser: that
#     role is renamed to DB_ADMIN_USER (its password becomes DB_ADMIN_PASSWORD) and a plain DB_USER role replaces it.
# Secrets come as NAME or NAME_FILE (Docker secrets). Never prints a password.
set -euo pipefail

secret() {  # secret NAME -> the value of $NAME, or of the file named by ${NAME}_FILE
  local file_var="${1}_FILE"
  if [ -n "${!file_var:-}" ]; then tr -d '\r\n' <"${!file_var}"; else printf '%s' "${!1:-}"; fi
}
export ADMIN_USER=${DB_ADMIN_USER:-postgres}
ADMIN_PASSWORD=$(secret DB_ADMIN_PASSWORD)
export APP_USER=${DB_USER:-targetvision}
APP_PASSWORD=$(secret DB_PASSWORD)
export ADMIN_PASSWORD APP_PASSWORD
DB=${DB_NAME:-targetvision}
export PGHOST=${DB_HOST:-db} PGPORT=${DB_PORT:-5432} PGCONNECT_TIMEOUT=10
[ -n "$ADMIN_PASSWORD" ] || { echo "db-init: DB_ADMIN_PASSWORD (or DB_ADMIN_PASSWORD_FILE) is empty" >&2; exit 1; }
[ -n "$APP_PASSWORD" ] || { echo "db-init: DB_PASSWORD (or DB_PASSWORD_FILE) is empty" >&2; exit 1; }
[ "$ADMIN_USER" != "$APP_USER" ] || { echo "db-init: DB_ADMIN_USER and DB_USER must differ (the app must not be the superuser)" >&2; exit 1; }

# The db healthcheck probes the unix socket, which the image's first-start initialisation server also answers while
# TCP is still closed: wait for the real server on the network (at most DB_INIT_WAIT_SECONDS).
deadline=$((SECONDS + ${DB_INIT_WAIT_SECONDS:-90}))
until pg_isready -q -h "$PGHOST" -p "$PGPORT" -U "$ADMIN_USER" -d "$DB" -t 2; do
  [ $SECONDS -lt $deadline ] || { echo "db-init: $PGHOST:$PGPORT does not accept connections" >&2; exit 1; }
  sleep 1
done

psql_as() {  # psql_as USER PASSWORD [psql args...]
  local user=$1 password=$2; shift 2
  PGUSER=$user PGPASSWORD=$password psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"
}
as_admin() { psql_as "$ADMIN_USER" "$ADMIN_PASSWORD" "$@"; }

if ! admin_error=$(as_admin -c 'SELECT 1' 2>&1 >/dev/null); then
  # A volume from the earlier compose file: the superuser is the app's own role, with the app's password.
  if [ "$(psql_as "$APP_USER" "$APP_PASSWORD" -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user' 2>/dev/null)" != t ]; then
    echo "db-init: cannot sign in as the superuser $ADMIN_USER:" >&2; echo "$admin_error" >&2
    echo "db-init: check DB_ADMIN_USER / DB_ADMIN_PASSWORD (docs/deployment.md, \"Database roles\")" >&2
    exit 1
  fi
  echo "db-init: upgrading an existing volume: $APP_USER is a superuser; moving superuser rights to $ADMIN_USER"
  TMP_USER="tv_upgrade_$$"
  TMP_PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export TMP_USER TMP_PASSWORD
  psql_as "$APP_USER" "$APP_PASSWORD" <<'SQL'
\getenv tmp_user TMP_USER
\getenv tmp_password TMP_PASSWORD
SELECT format('CREATE ROLE %I SUPERUSER LOGIN PASSWORD %L', :'tmp_user', :'tmp_password') \gexec
SQL
  # A second superuser session: a session cannot rename its own role.
  psql_as "$TMP_USER" "$TMP_PASSWORD" <<'SQL'
\getenv app_user APP_USER
\getenv admin_user ADMIN_USER
\getenv admin_password ADMIN_PASSWORD
\getenv app_password APP_PASSWORD
-- The bootstrap superuser (oid 10) can never lose SUPERUSER, so it is renamed to become the admin; any other
-- superuser app role is simply demoted.
SELECT CASE WHEN r.oid = 10 AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'admin_user')
            THEN format('ALTER ROLE %I RENAME TO %I', :'app_user', :'admin_user')
            WHEN r.oid = 10 THEN format('DO $e$ BEGIN RAISE EXCEPTION %L; END $e$',
              'role ' || :'admin_user' || ' exists but ' || :'app_user' || ' is the bootstrap superuser; rename it by hand (docs/deployment.md)')
            ELSE format('ALTER ROLE %I NOSUPERUSER', :'app_user') END
FROM pg_roles r WHERE r.rolname = :'app_user' \gexec
SELECT format('CREATE ROLE %I SUPERUSER LOGIN', :'admin_user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'admin_user') \gexec
SELECT format('ALTER ROLE %I WITH SUPERUSER LOGIN PASSWORD %L', :'admin_user', :'admin_password') \gexec
SQL
  as_admin -c "DROP ROLE IF EXISTS \"$TMP_USER\""
fi

as_admin <<'SQL'
\getenv app_user APP_USER
\getenv app_password APP_PASSWORD
SELECT format('CREATE ROLE %I LOGIN', :'app_user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', :'app_user', :'app_password') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'app_user') \gexec
SELECT format('ALTER SCHEMA public OWNER TO %I', :'app_user') \gexec
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
-- Tables, views and free-standing sequences that another role created (the old superuser, or a restore run as the
-- superuser) pass to the app; extension members stay with the extension, owned sequences follow their table.
SELECT format('ALTER %s %s OWNER TO %I',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
              c.oid::regclass, :'app_user')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = :'app_user')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                  AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
\gexec
SQL
echo "db-init: role $APP_USER (no superuser) owns database $DB; extensions present"
