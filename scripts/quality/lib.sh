# Shared by scripts/quality/faults.sh and backup.sh: a throw-away compose project (base + demo fakes + redis) on free
# loopback ports with the sandbox's stand-in base images when present, owner sign-in, JSON API helpers, checks.
# shellcheck shell=bash
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SANDBOX=${TV_SANDBOX_DIR:-$REPO/../shared/sandbox}
PASSED=0; FAILED=0; T_START=$SECONDS; FIGURES=()
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tvquality.XXXXXX")
LOG="$WORK/log.txt"
pass() { PASSED=$((PASSED + 1)); echo "ok   - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; [ -z "${2:-}" ] || echo "       $2"; }
check() {
  local desc=$1; shift
  if "$@" >>"$LOG" 2>&1; then pass "$desc"; else fail "$desc"; tail -n 8 "$LOG" | sed 's/^/       | /'; fi
}
figure() { FIGURES+=("$1"); echo "info - $1"; }
finish() {
  echo "info - took $((SECONDS - T_START)) s"
  for f in "${FIGURES[@]}"; do echo "figure: $f"; done
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]; exit $?
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- the stack ---------------------------------------------------------------------------------------------
start_stack() {  # start_stack PROJECT_PREFIX
  PROJECT="$1-$$"
  HTTP_PORT=$(free_port); FAKE_PORT=$(free_port)
  BASE="http://127.0.0.1:$HTTP_PORT"
  ENVF="$WORK/stack.env"
  : >"$ENVF"
  [ ! -f "$SANDBOX/images.env" ] || cat "$SANDBOX/images.env" >>"$ENVF"
  OWNER_EMAIL=owner@example.test; OWNER_PASSWORD="Quality-Suite-Owner-$RANDOM$RANDOM"
  cat >>"$ENVF" <<ENV
HTTP_BIND=127.0.0.1
HTTP_PORT=$HTTP_PORT
FAKE_SMUGMUG_PORT=$FAKE_PORT
PUBLIC_BASE_URL=$BASE
TARGETVISION_VERSION=$PROJECT
TARGETVISION_IMAGE=targetvision-quality
TARGETVISION_WEB_IMAGE=targetvision-web-quality
DB_PASSWORD=q-$RANDOM$RANDOM
DB_ADMIN_PASSWORD=qa-$RANDOM$RANDOM
COMPOSE_PROFILES=redis
REDIS_CONNECTION=redis:6379
ADMIN_EMAIL=$OWNER_EMAIL
ADMIN_PASSWORD=$OWNER_PASSWORD
ENV
  export COMPOSE_PROGRESS=plain
  FILES=(-f "$REPO/docker-compose.yml" -f "$REPO/docker-compose.demo.yml" -f "$REPO/scripts/quality/faults.compose.yml")
  trap stop_stack EXIT
  trap 'echo interrupted; exit 130' INT TERM
  local t=$SECONDS
  if ! dc up -d --build --wait >>"$LOG" 2>&1; then
    fail "stack up (base + demo fakes + redis)" "$(dc ps -a 2>&1 | tail -n 8)"; dc logs --tail 20 --no-color >>"$LOG" 2>&1; finish
  fi
  pass "stack up (base + demo fakes + redis): $((SECONDS - t)) s"
  t=$SECONDS
  if dc --profile seed run --rm seed >>"$LOG" 2>&1; then pass "seed: demo library synced ($((SECONDS - t)) s)"; else fail "seed"; tail -n 20 "$LOG"; finish; fi
  JAR="$WORK/jar.txt"
  sign_in || { fail "owner signs in"; finish; }
}
dc() { docker compose -p "$PROJECT" --env-file "$ENVF" "${FILES[@]}" "$@"; }
stop_stack() {
  if [ -n "${TV_QUALITY_KEEP:-}" ]; then echo "info - kept project $PROJECT (env $ENVF)"; return; fi
  dc --profile seed --profile redis down -v --remove-orphans >>"$LOG" 2>&1 || true
  docker image rm "targetvision-quality:$PROJECT" "targetvision-web-quality:$PROJECT" "targetvision-fake-ai-quality:$PROJECT" \
    "targetvision-fake-smugmug-quality:$PROJECT" >>"$LOG" 2>&1 || true
  if [ "$FAILED" -gt 0 ]; then cp "$LOG" "${TMPDIR:-/tmp}/tvquality-last-failure.log" 2>/dev/null && echo "info - log: ${TMPDIR:-/tmp}/tvquality-last-failure.log"; fi
  rm -rf "$WORK"
}

# ---- API ---------------------------------------------------------------------------------------------------
xsrf() { awk '$6 == "XSRF-TOKEN" { v = $7 } END { print v }' "$JAR"; }
api_get() { curl -sS --max-time 20 -b "$JAR" -c "$JAR" "$BASE$1"; }
api_post() {  # api_post PATH JSON -> body, then a line with the status
  curl -sS --max-time 30 -b "$JAR" -c "$JAR" -H 'Content-Type: application/json' -H "X-XSRF-TOKEN: $(xsrf)" -d "$2" -w '\n%{http_code}' "$BASE$1"
}
sign_in() {
  rm -f "$JAR"
  curl -sS --max-time 20 -c "$JAR" -b "$JAR" -o /dev/null "$BASE/api/auth/status" &&
    api_post /api/auth/login "{\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}" | tail -n1 | grep -qx 200 &&
    curl -sS --max-time 20 -c "$JAR" -b "$JAR" -o /dev/null "$BASE/api/auth/status"
}
# SQL as the cluster superuser inside the db container (read-only checks of the test's own data).
sql() { dc exec -T db sh -c 'psql -At -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "$0"' "$1"; }
ready_status() { curl -sS --max-time 10 -o "$WORK/ready.json" -w '%{http_code}' "$BASE/health/ready" 2>/dev/null || echo 000; }
