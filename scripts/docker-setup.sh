#!/usr/bin/env bash
# One-command container setup for TargetVision. Idempotent: re-running keeps existing .env values and secrets.
#   scripts/docker-setup.sh            local stack (docker-compose.yml)
#   scripts/docker-setup.sh --dev      + docker-compose.dev.yml (hot reload, db port, debug logs)
#   scripts/docker-setup.sh --prod     + docker-compose.prod.yml (secret files, TLS, read-only containers)
# Options: --no-up (prepare only), --env-file FILE (extra env file, e.g. base-image mirrors), -h.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
MODE=local
UP=1
EXTRA_ENV=()
APP_UID=1654   # the app user of the .NET runtime image; owns the secret files it must read

usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "docker-setup: $*" >&2; exit 1; }
say() { echo "docker-setup: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --dev) MODE=dev ;;
    --prod) MODE=prod ;;
    --no-up) UP=0 ;;
    --env-file) [ $# -ge 2 ] || die "--env-file needs a file"; EXTRA_ENV+=(--env-file "$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

# ---- prerequisites ------------------------------------------------------------------------------------
command -v docker >/dev/null 2>&1 || die "Docker is not installed: https://docs.docker.com/engine/install/"
docker info >/dev/null 2>&1 || die "the Docker daemon is not reachable (is it running? is your user in the docker group?)"
engine=$(docker version --format '{{.Server.Version}}' 2>/dev/null || echo 0)
compose=$(docker compose version --short 2>/dev/null) || die "Docker Compose v2 plugin missing (docker compose ...)"
compose=${compose#v}
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
version_ge "${engine%%[-+]*}" 20.10 || die "Docker Engine $engine is too old; 20.10 or newer is needed"
# 2.24: `!reset` in the prod overlay; 2.20: optional depends_on.
version_ge "${compose%%[-+]*}" 2.24 || die "Docker Compose $compose is too old; 2.24 or newer is needed"
say "Docker Engine $engine, Compose $compose"

random_secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

# ---- .env ---------------------------------------------------------------------------------------------
set_env() {  # set_env KEY VALUE: replace the KEY= line (commented or not) or append it
  local key=$1 value=$2
  if grep -qE "^#?${key}=" .env; then
    local tmp; tmp=$(mktemp)
    awk -v k="$key" -v v="$value" 'BEGIN{done=0} $0 ~ "^#?"k"=" && !done {print k"="v; done=1; next} {print}' .env >"$tmp"
    cat "$tmp" >.env && rm -f "$tmp"
  else
    printf '%s=%s\n' "$key" "$value" >>.env
  fi
}
get_env() { grep -E "^$1=" .env | tail -n1 | cut -d= -f2- || true; }

# PostgreSQL sets the password only when it creates the volume; later values are ignored. A database from an earlier
# `docker compose up` (no .env: the compose default, or an exported DB_PASSWORD) must keep its password.
project=$(docker compose -f docker-compose.yml config 2>/dev/null | sed -n 's/^name: //p' | head -n1)
db_volume="${project:-targetvision}_db-data"
existing_db=0
docker volume inspect "$db_volume" >/dev/null 2>&1 && existing_db=1

if [ ! -f .env ]; then
  cp .env.template .env
  chmod 600 .env
  if [ "$existing_db" = 1 ]; then
    set_env DB_PASSWORD "${DB_PASSWORD:-targetvision-dev}"
    # The superuser's password, as the volume has it (db-init sets it when it upgrades a volume of an older version).
    set_env DB_ADMIN_PASSWORD "${DB_ADMIN_PASSWORD:-targetvision-admin-dev}"
    say "kept the password of the existing database volume $db_volume (the one it was created with); to change it, see docs/deployment.md, Troubleshooting"
  else
    set_env DB_PASSWORD "$(random_secret)"
    set_env DB_ADMIN_PASSWORD "$(random_secret)"
  fi
  set_env ADMIN_EMAIL "admin@targetvision.local"
  set_env ADMIN_PASSWORD "$(random_secret | cut -c1-20)"
  say "created .env$([ "$existing_db" = 1 ] || echo ' with a random database password') and a random admin password"
else
  say ".env exists, keeping it"
fi

if [ "$MODE" = prod ]; then
  [ -n "$(get_env TARGETVISION_VERSION)" ] && [ "$(get_env TARGETVISION_VERSION)" != local ] \
    || set_env TARGETVISION_VERSION "$(git describe --tags --always 2>/dev/null | sed 's/^v//' || echo local)"
  [ "$(get_env HTTP_BIND)" != "127.0.0.1" ] || set_env HTTP_BIND 0.0.0.0
  [ "$(get_env HTTP_PORT)" != "8080" ] || set_env HTTP_PORT 80
  secrets_dir=$(get_env SECRETS_DIR); secrets_dir=${secrets_dir:-./secrets}
  mkdir -p "$secrets_dir" certs
  chmod 700 "$secrets_dir"
  write_secret() {  # write_secret NAME VALUE: only when absent, mode 0600
    local f="$secrets_dir/$1"
    [ -e "$f" ] && return 0
    (umask 077; printf '%s' "$2" >"$f")
    chmod 600 "$f"
    say "wrote $f"
  }
  # Values from .env move into files once; the prod overlay ignores the plain variables.
  write_secret db_password "$(get_env DB_PASSWORD)"
  write_secret admin_password "$(get_env ADMIN_PASSWORD)"
  write_secret anthropic_api_key "$(get_env ANTHROPIC_API_KEY)"
  write_secret openai_api_key "$(get_env OPENAI_API_KEY)"
  write_secret smugmug_api_key "$(get_env SMUGMUG_API_KEY)"
  write_secret smugmug_api_secret "$(get_env SMUGMUG_API_SECRET)"
  admin_pw=$(get_env DB_ADMIN_PASSWORD)
  if [ -z "$admin_pw" ]; then
    if [ "$existing_db" = 1 ]; then admin_pw=targetvision-admin-dev; else admin_pw=$(random_secret); fi
  fi
  write_secret db_admin_password "$admin_pw"
  # The Data Protection key ring is encrypted with this certificate (docs/deployment.md, "Key ring"); without it a
  # copy of the database decrypts every saved key. Back it up with the database: a restore needs both.
  if [ ! -e "$secrets_dir/keyring.pfx" ]; then
    command -v openssl >/dev/null 2>&1 || die "openssl is needed to create the key-ring certificate ($secrets_dir/keyring.pfx)"
    keyring_pw=$(random_secret)
    rm -f "$secrets_dir/keyring_password"
    write_secret keyring_password "$keyring_pw"
    keytmp=$(mktemp -d)
    openssl req -x509 -newkey rsa:3072 -nodes -days 36500 -subj "/CN=TargetVision key ring" \
      -keyout "$keytmp/key.pem" -out "$keytmp/cert.pem" >/dev/null 2>&1 || { rm -rf "$keytmp"; die "openssl could not create the key-ring certificate"; }
    (umask 077; KEYRING_PW=$keyring_pw openssl pkcs12 -export -inkey "$keytmp/key.pem" -in "$keytmp/cert.pem" \
      -name "TargetVision key ring" -passout env:KEYRING_PW -out "$secrets_dir/keyring.pfx")
    rm -rf "$keytmp"
    chmod 600 "$secrets_dir/keyring.pfx"
    say "wrote $secrets_dir/keyring.pfx (key-ring certificate; back it up with secrets/keyring_password)"
  fi
  # Compose (outside Swarm) bind-mounts secret files with their host owner and mode, so the non-root backend
  # (uid 1654) can only read a 0600 file it owns. The database entrypoint reads them as root.
  if [ "$(id -u)" = 0 ]; then
    chown "$APP_UID:$APP_UID" "$secrets_dir"/*
  elif [ "$(stat -c %u "$secrets_dir/db_password")" != "$APP_UID" ]; then
    say "handing the secret files to uid $APP_UID (the backend's user) through a throw-away container"
    docker run --rm --user 0 --network none -v "$(cd "$secrets_dir" && pwd):/s" --entrypoint chown \
      "${DEBIAN_IMAGE:-debian:trixie-slim}" -R "$APP_UID:$APP_UID" /s
  fi
fi

# ---- build and start ----------------------------------------------------------------------------------
files=(-f docker-compose.yml)
case "$MODE" in
  dev) files+=(-f docker-compose.dev.yml) ;;
  prod) files+=(-f docker-compose.prod.yml) ;;
esac
env_args=()
if [ ${#EXTRA_ENV[@]} -gt 0 ]; then env_args=(--env-file .env "${EXTRA_ENV[@]}"); fi

compose_cmd=(docker compose "${env_args[@]}" "${files[@]}")
"${compose_cmd[@]}" config -q || die "compose configuration is invalid"
if [ "$UP" = 0 ]; then
  say "prepared ($MODE); start with: ${compose_cmd[*]} up -d --wait"
  exit 0
fi
say "building and starting ($MODE)"
"${compose_cmd[@]}" up -d --build --wait

# An exported variable wins over .env, as it does for Compose itself.
port=${HTTP_PORT:-$(get_env HTTP_PORT)}; port=${port:-8080}
scheme=http
if [ "$MODE" = prod ] && [ -f certs/tls.crt ]; then scheme=https; port=${HTTPS_PORT:-$(get_env HTTPS_PORT)}; port=${port:-443}; fi
url="$scheme://localhost"; [ "$port" = 80 ] || [ "$port" = 443 ] || url="$url:$port"
say "TargetVision is running: $url"
if [ "$existing_db" = 1 ]; then
  say "the existing data was kept: sign in with your owner account (none yet? $(get_env ADMIN_EMAIL) with the ADMIN_PASSWORD from .env)"
elif [ -n "$(get_env ADMIN_EMAIL)" ]; then
  say "log in as $(get_env ADMIN_EMAIL) with the ADMIN_PASSWORD from .env$( [ "$MODE" = prod ] && echo ' (also in secrets/admin_password)')"
else
  say "open the URL and create the owner account on the first-run page"
fi
