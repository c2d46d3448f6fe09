#!/usr/bin/env bash
# Installs what the test suite needs on Debian/Ubuntu: PostgreSQL 15 + pgvector (built from Debian's
# source package, because bookworm ships no pgvector binary) and Chromium for the browser tests.
# Idempotent and quiet: each step prints one line; details go to $TV_LOG (default /tmp/targetvision-install.log).
set -euo pipefail
LOG=${TV_LOG:-/tmp/targetvision-install.log}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
step() { printf '  - %s\n' "$*"; }

pg_bin() {
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then echo "/usr/lib/postgresql/$v/bin"; return 0; fi
  done
  return 1
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update >>"$LOG" 2>&1; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "$@" >>"$LOG" 2>&1
}

if ! pg_bin >/dev/null; then
  step "installing PostgreSQL 15"
  apt_install postgresql-15 postgresql-server-dev-15
fi
PGBIN=$(pg_bin)
PGVER=$(basename "$(dirname "$PGBIN")")

if [ ! -f "/usr/share/postgresql/$PGVER/extension/vector.control" ]; then
  step "building pgvector for PostgreSQL $PGVER from Debian's source package"
  apt_install "postgresql-server-dev-$PGVER" dpkg-dev make gcc
  if ! grep -rqs "Suites: trixie" /etc/apt/sources.list.d/*trixie-src* 2>/dev/null; then
    $SUDO tee /etc/apt/sources.list.d/trixie-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  $SUDO apt-get update >>"$LOG" 2>&1
  work=$(mktemp -d)
  (cd "$work" && apt-get source pgvector >>"$LOG" 2>&1 && cd pgvector-*/ \
    && make PG_CONFIG="$PGBIN/pg_config" >>"$LOG" 2>&1 \
    && $SUDO make install PG_CONFIG="$PGBIN/pg_config" >>"$LOG" 2>&1)
  rm -rf "$work"
fi

if ! command -v chromium >/dev/null 2>&1; then
  step "installing Chromium"
  apt_install chromium
fi
step "dependencies ready (PostgreSQL $PGVER + pgvector, Chromium)"
