#!/usr/bin/env bash
# Container tests for TargetVision: lint, build, start the real compose stacks (base, prod overlay) with the
# sandbox's stand-in base images, and check them through the nginx port only. One line per check; measured
# figures are printed; the last line is "N passed, N failed". Cleans up everything it started, also on failure.
# Needs root or docker access; installs Docker and the stand-in images through ../shared/sandbox when missing.
#   TV_CONTAINERS_KEEP=1  keep the stack running after the run (debugging)
set -uo pipefail

# Table/column that hold encrypted settings (owned by the backend's migrations).
SETTINGS_TABLE=${TV_SETTINGS_TABLE:-app_settings}
SETTINGS_COLUMN=${TV_SETTINGS_COLUMN:-value_encrypted}
OWNERS_TABLE=${TV_OWNERS_TABLE:-owners}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$REPO/tests/containers"
SANDBOX=${TV_SANDBOX_DIR:-$REPO/../shared/sandbox}
PROJECT="tvtest-$$"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tvtest.XXXXXX")
LOG="$WORK/log.txt"
PASSED=0
FAILED=0
T_START=$SECONDS
FIGURES=()

say() { echo "$*"; }
pass() { PASSED=$((PASSED + 1)); echo "ok   - $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; [ -z "${2:-}" ] || echo "       $2"; }
# check DESCRIPTION COMMAND...: the command's output goes to the log; its last lines are shown on failure.
check() {
  local desc=$1; shift
  if "$@" >>"$LOG" 2>&1; then pass "$desc"; else fail "$desc"; tail -n 8 "$LOG" | sed 's/^/       | /'; fi
}
figure() { FIGURES+=("$1"); echo "info - $1"; }
finish() {
  local rc=0
  [ "$FAILED" -eq 0 ] || rc=1
  echo "info - container tests took $((SECONDS - T_START)) s"
  for f in "${FIGURES[@]}"; do echo "figure: $f"; done
  echo "$PASSED passed, $FAILED failed"
  exit "$rc"
}

# ---- environment -----------------------------------------------------------------------------------------
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! docker info >/dev/null 2>&1; then
  say "info - installing Docker via $SANDBOX/install-docker.sh"
  $SUDO bash "$SANDBOX/install-docker.sh" >>"$LOG" 2>&1 || { fail "docker available" "$(tail -n 5 "$LOG")"; finish; }
fi
set -a; . "$SANDBOX/images.env"; set +a
missing=0
for img in "$DOTNET_SDK_IMAGE" "$DOTNET_RUNTIME_IMAGE" "$POSTGRES_IMAGE" "$NGINX_IMAGE" "$REDIS_IMAGE"; do
  docker image inspect "$img" >/dev/null 2>&1 || missing=1
done
if [ "$missing" = 1 ]; then
  say "info - building stand-in base images via $SANDBOX/build-base-images.sh"
  $SUDO bash "$SANDBOX/build-base-images.sh" >>"$LOG" 2>&1 || { fail "stand-in base images" "$(tail -n 5 "$LOG")"; finish; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
while [ "$HTTPS_PORT" = "$HTTP_PORT" ]; do HTTPS_PORT=$(free_port); done
BASE="http://127.0.0.1:$HTTP_PORT"

ENVF="$WORK/test.env"
cp "$SANDBOX/images.env" "$ENVF"
cat >>"$ENVF" <<ENV
HTTP_BIND=127.0.0.1
HTTP_PORT=$HTTP_PORT
HTTPS_PORT=$HTTPS_PORT
PUBLIC_BASE_URL=$BASE
TARGETVISION_VERSION=$PROJECT
TARGETVISION_IMAGE=targetvision-test
TARGETVISION_WEB_IMAGE=targetvision-web-test
DB_PASSWORD=test-$RANDOM$RANDOM
COMPOSE_PROFILES=redis
REDIS_CONNECTION=redis:6379
SECRETS_DIR=$WORK/secrets
TLS_CERT_DIR=$WORK/certs
ENV
export COMPOSE_PROGRESS=plain   # no terminal animations in the log
F_BASE=(-f "$REPO/docker-compose.yml")
F_DEV=(-f "$REPO/docker-compose.yml" -f "$REPO/docker-compose.dev.yml")
F_PROD=(-f "$REPO/docker-compose.yml" -f "$REPO/docker-compose.prod.yml")
dc() { docker compose -p "$PROJECT" --env-file "$ENVF" "${F_BASE[@]}" "$@"; }
dcp() { docker compose -p "$PROJECT" --env-file "$ENVF" "${F_PROD[@]}" "$@"; }

cleanup() {
  if [ -n "${TV_CONTAINERS_KEEP:-}" ]; then echo "info - kept project $PROJECT (env $ENVF)"; return; fi
  dcp --profile redis down -v --remove-orphans >>"$LOG" 2>&1 || true
  dc --profile redis down -v --remove-orphans >>"$LOG" 2>&1 || true
  # shellcheck disable=SC2086  # a list of volume names
  [ -z "${ANON_VOLUMES:-}" ] || docker volume rm $ANON_VOLUMES >>"$LOG" 2>&1 || true
  if [ -d "${COPY:-/nonexistent}" ]; then
    (cd "$COPY" && COMPOSE_PROJECT_NAME="${SETUP_PROJECT:-x}" docker compose down -v --remove-orphans) >>"$LOG" 2>&1 || true
    (cd "$COPY" && COMPOSE_PROJECT_NAME="${DEMO_PROJECT:-x}" docker compose -f docker-compose.yml -f docker-compose.dev.yml \
      -f docker-compose.demo.yml --profile seed down -v --remove-orphans) >>"$LOG" 2>&1 || true
  fi
  docker image rm "targetvision-test:$PROJECT" "targetvision-web-test:$PROJECT" "targetvision-test-copy:$PROJECT" \
    "targetvision-web-test-copy:$PROJECT" "targetvision-test-demo:$PROJECT" "targetvision-web-test-demo:$PROJECT" "targetvision-test-demo-dev:local" \
    targetvision-fake-smugmug:local targetvision-fake-ai:local >>"$LOG" 2>&1 || true
  if [ "$FAILED" -gt 0 ]; then cp "$LOG" "${TMPDIR:-/tmp}/tvtest-last-failure.log" 2>/dev/null && echo "info - log: ${TMPDIR:-/tmp}/tvtest-last-failure.log"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

# ---- 1. lint -------------------------------------------------------------------------------------------
say "# 1 lint"
check "compose config: base" dc config -q
check "compose config: base + dev" docker compose -p "$PROJECT" --env-file "$ENVF" "${F_DEV[@]}" config -q
check "compose config: base + dev + demo" docker compose -p "$PROJECT" --env-file "$ENVF" "${F_DEV[@]}" -f "$REPO/docker-compose.demo.yml" config -q
check "compose: the app's own images are built, never pulled; migrate reuses the backend's image (one build, one tag)" bash -c "
  cfg=\$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_BASE[*]} config --format json) &&
  echo \"\$cfg\" | jq -e '.services.backend.pull_policy == \"build\" and .services.web.pull_policy == \"build\" and
    .services.migrate.pull_policy == \"never\" and (.services.migrate | has(\"build\") | not) and
    .services.migrate.image == .services.backend.image and ([.services[] | select(.build != null)] | length) == 2'"
check "compose config: base + prod" dcp config -q
check "compose config: base works without any env file (fresh clone)" \
  bash -c "cd '$WORK' && env -i PATH=\"\$PATH\" HOME=\"\$HOME\" docker compose -p '$PROJECT' --project-directory '$REPO' -f '$REPO/docker-compose.yml' config -q"
check "compose config: prod refuses to run without TARGETVISION_VERSION" \
  bash -c "! env -i PATH=\"\$PATH\" HOME=\"\$HOME\" docker compose -p '$PROJECT' --project-directory '$REPO' ${F_PROD[*]} config -q"
check "prod overlay removes plain secrets from the backend environment" \
  bash -c "dcpc=\$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} config --format json) && \
    echo \"\$dcpc\" | jq -e '.services.backend.environment | has(\"DB_PASSWORD\") | not' && \
    echo \"\$dcpc\" | jq -e '.services.backend.environment.DB_PASSWORD_FILE == \"/run/secrets/db_password\"' && \
    echo \"\$dcpc\" | jq -e '.services.db.environment | has(\"POSTGRES_PASSWORD\") | not'"

if [ ! -x "$HERE/node_modules/.bin/dclint" ] || [ ! -x "$HERE/node_modules/.bin/dockerfile-utils" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >>"$LOG" 2>&1
fi
check "dclint: compose files" "$HERE/node_modules/.bin/dclint" -c "$HERE/.dclintrc.json" \
  "$REPO/docker-compose.yml" "$REPO/docker-compose.dev.yml" "$REPO/docker-compose.demo.yml" "$REPO/docker-compose.prod.yml"
for df in Dockerfile docker/nginx/Dockerfile docker/fakes/Dockerfile; do
  check "dockerfile-utils lint: $df" bash -c "out=\$('$HERE/node_modules/.bin/dockerfile-utils' lint '$REPO/$df'); echo \"\$out\"; [ -z \"\$out\" ]"
  if command -v hadolint >/dev/null 2>&1; then check "hadolint: $df" hadolint "$REPO/$df"; fi
done
check "Dockerfiles: base images are ARGs with upstream defaults, no syntax line, no COPY --link" bash -c "
  grep -q '^ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0' '$REPO/Dockerfile' &&
  grep -q '^ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0' '$REPO/Dockerfile' &&
  grep -q '^ARG NGINX_IMAGE=nginx:alpine' '$REPO/docker/nginx/Dockerfile' &&
  ! grep -qiE '^# *syntax=|COPY --link' '$REPO/Dockerfile' '$REPO/docker/nginx/Dockerfile' '$REPO/docker/fakes/Dockerfile'"
if ! command -v shellcheck >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get install -y -qq shellcheck || { apt-get update -qq && apt-get install -y -qq shellcheck; }) >>"$LOG" 2>&1 || true
fi
if command -v shellcheck >/dev/null 2>&1; then
  check "shellcheck (warnings and errors): container scripts" shellcheck -S warning -x "$REPO/scripts/docker-setup.sh" "$REPO/scripts/backup.sh" \
    "$REPO/scripts/restore.sh" "$REPO/scripts/start.sh" "$HERE/run.sh" "$REPO/docker/nginx/entrypoint/40-targetvision.sh" "$REPO/deploy/helm/render-test.sh" "$REPO/docker/postgres/db-init.sh"
fi
check "helm chart renders and every manifest validates" bash "$REPO/deploy/helm/render-test.sh"

# ---- 2. build + start ----------------------------------------------------------------------------------
say "# 2 build, start, smoke test through nginx"
# A plain `up` on a machine without the images: builds them (pull_policy: build), asks no registry, tags one backend
# image and leaves no dangling image behind.
dangling_before=$(docker images -q -f dangling=true | sort -u | wc -l)
t=$SECONDS
if dc up -d --wait >"$WORK/up1.log" 2>&1; then pass "docker compose up --wait (builds the images): every service healthy"
else cat "$WORK/up1.log" >>"$LOG"; fail "docker compose up --wait (builds the images): every service healthy" "$(dc ps -a 2>&1 | tail -n 8)"; dc logs --tail 15 --no-color >>"$LOG" 2>&1; tail -n 30 "$LOG" | cut -c1-300 | sed 's/^/       | /'; finish; fi
cat "$WORK/up1.log" >>"$LOG"
figure "build + up -> healthy (fresh volumes, migrations included, this run's build cache): $((SECONDS - t)) s"
check "no pull attempt during up (no Pulling / pull access denied lines)" bash -c "! grep -iE 'pulling|pull access|pulled' '$WORK/up1.log'"
check "one backend image: migrate runs the backend's tag, no dangling image left by the build" bash -c "
  [ \"\$(docker inspect -f '{{.Image}}' \$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' ps -aq migrate))\" = \"\$(docker image inspect -f '{{.Id}}' targetvision-test:$PROJECT)\" ] &&
  [ \$(docker images -q -f dangling=true | sort -u | wc -l) -le $dangling_before ]"
BACKEND_IMAGE_ID=$(docker image inspect -f '{{.Id}}' "targetvision-test:$PROJECT" 2>/dev/null)
for img in "targetvision-test:$PROJECT" "targetvision-web-test:$PROJECT"; do
  figure "image size $img: $(docker image inspect -f '{{.Size}}' "$img" | awk '{printf "%.0f MB", $1/1000/1000}')"
done
check "backend image: OCI labels, non-root user, /app workdir, health probe without a .NET process" bash -c "
  docker image inspect targetvision-test:$PROJECT | jq -e '.[0].Config as \$c |
    (\$c.Labels[\"org.opencontainers.image.version\"] == \"$PROJECT\") and
    (\$c.Labels[\"org.opencontainers.image.source\"] | length > 0) and
    (\$c.User != \"\" and \$c.User != \"root\" and \$c.User != \"0\") and
    (\$c.WorkingDir == \"/app\") and
    (\$c.Healthcheck.Test[0:2] == [\"CMD\",\"bash\"]) and (\$c.Healthcheck.Test | tostring | contains(\"dotnet\") | not)'"
# The image holds bash and no other tool (docker/runtime-fs.sh): these probes use bash builtins only.
check "backend image: linux-x64 only (no other native runtimes)" bash -c "
  out=\$(docker run --rm --entrypoint bash targetvision-test:$PROJECT -c 'shopt -s nullglob; for d in /app/runtimes/*; do echo \$d; done; echo end') &&
  echo \"\$out\" && echo \"\$out\" | grep -qx end && ! echo \"\$out\" | grep -v -e 'linux-x64$' -e '^end$' | grep ."
check "backend image: the runtime's files only (no package manager, coreutils or shell tools besides bash); ICU, CA certificates, time zones" bash -c "
  docker run --rm --entrypoint bash targetvision-test:$PROJECT -c '
    for tool in apt-get dpkg ls cat perl; do ! command -v \$tool || exit 1; done
    shopt -s nullglob; icu=(/usr/lib/*-linux-gnu/libicuuc.so.*); [ \${#icu[@]} -gt 0 ] || exit 1
    [ -s /etc/ssl/certs/ca-certificates.crt ] && [ -e /usr/share/zoneinfo/Europe/Paris ] && echo ok'"
check "web image: nginx -t passes for the plain-HTTP site" \
  docker run --rm --entrypoint /docker-entrypoint.sh -e BACKEND_HOST=localhost "targetvision-web-test:$PROJECT" nginx -t

check "backend health probe answers inside the container in under a second" bash -c "
  cid=\$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' ps -q backend);
  probe=\$(docker inspect \$cid | jq -r '.[0].Config.Healthcheck.Test[3]'); echo \"\$probe\";
  start=\$(date +%s%N); docker exec \$cid bash -c \"\$probe\" || exit 1; ms=\$(( (\$(date +%s%N) - start) / 1000000 )); echo \"probe \$ms ms\"; [ \$ms -lt 1000 ]"

JAR="$WORK/cookies.txt"
curl_() { curl -sS --max-time 15 "$@"; }

check "GET / serves the UI" bash -c "curl -sS --max-time 10 -o '$WORK/index.html' -w '%{http_code}' '$BASE/' | grep -qx 200 && grep -qi '<html' '$WORK/index.html'"
curl_ -D "$WORK/h_index.txt" -o /dev/null "$BASE/" >>"$LOG" 2>&1
check "security headers: CSP without unsafe-inline, frame-ancestors 'none'" bash -c "
  csp=\$(grep -i '^content-security-policy:' '$WORK/h_index.txt'); echo \"\$csp\";
  [ -n \"\$csp\" ] && ! echo \"\$csp\" | grep -q unsafe-inline && echo \"\$csp\" | grep -q \"frame-ancestors 'none'\""
check "security headers: nosniff, Referrer-Policy, Permissions-Policy; no HSTS on plain HTTP" bash -c "
  grep -qi '^x-content-type-options: nosniff' '$WORK/h_index.txt' && grep -qi '^referrer-policy:' '$WORK/h_index.txt' &&
  grep -qi '^permissions-policy:' '$WORK/h_index.txt' && ! grep -qi '^strict-transport-security:' '$WORK/h_index.txt'"
HEADERS_FILE="$REPO/src/TargetVision.Api/Infrastructure/Http/security-headers.txt"
curl_ -D "$WORK/h_api.txt" -o /dev/null "$BASE/api/auth/status" >>"$LOG" 2>&1
for hf in h_index h_api; do
  check "security headers on ${hf#h_} are exactly those of security-headers.txt (the shared file)" bash -c "
    tr -d '\r' <'$WORK/$hf.txt' >'$WORK/$hf.clean'; n=0
    while IFS= read -r line; do
      case \$line in ''|'#'*) continue ;; esac
      name=\${line%%:*}; want=\$(echo \"\${line#*:}\" | sed 's/^ *//')
      got=\$(grep -i \"^\$name:\" '$WORK/$hf.clean' | sed 's/^[^:]*: *//')
      [ \"\$(grep -ci \"^\$name:\" '$WORK/$hf.clean')\" = 1 ] && [ \"\$got\" = \"\$want\" ] || { echo \"\$name: got '\$got', want '\$want'\"; exit 1; }
      n=\$((n + 1))
    done <'$HEADERS_FILE'; echo \"\$n headers match\"; [ \$n -ge 5 ]"
done
check "server_tokens off (no nginx version)" bash -c "! grep -i '^server:' '$WORK/h_index.txt' | grep -q '[0-9]'"
check "index.html is served with Cache-Control: no-cache" bash -c "grep -i '^cache-control:' '$WORK/h_index.txt' | grep -q no-cache"
asset=$(cd "$REPO/frontend" && find . -name '*.js' -size +1k | head -n1 | sed 's|^\./||')
if [ -n "$asset" ]; then
  check "gzip for static assets (/$asset)" bash -c "curl -sS --max-time 10 -D - -o /dev/null -H 'Accept-Encoding: gzip' '$BASE/$asset' | grep -qi '^content-encoding: gzip'"
fi
check "missing asset is a 404, not the UI shell" bash -c "curl -sS --max-time 10 -o /dev/null -w '%{http_code}' '$BASE/js/does-not-exist.js' | grep -qx 404"
check "/metrics is not exposed through the proxy" bash -c "curl -sS --max-time 10 -o /dev/null -w '%{http_code}' '$BASE/metrics' | grep -qx 404"
check "GET /health/ready -> 200" bash -c "curl -sS --max-time 10 -o /dev/null -w '%{http_code}' '$BASE/health/ready' | grep -qx 200"
check "GET /api/auth/status -> setupRequired, XSRF cookie" bash -c "
  curl -sS --max-time 10 -c '$JAR' -b '$JAR' '$BASE/api/auth/status' | tee '$WORK/status.json' | jq -e '.setupRequired == true and .authenticated == false' &&
  grep -q XSRF-TOKEN '$JAR'"
check "unauthenticated GET /api/settings -> 401" bash -c "curl -sS --max-time 10 -o /dev/null -w '%{http_code}' '$BASE/api/settings' | grep -qx 401"
OWNER_EMAIL="owner@example.test"; OWNER_PASSWORD="Correct-Horse-Battery-42"
check "POST /api/auth/setup -> 201" bash -c "
  curl -sS --max-time 15 -c '$JAR' -b '$JAR' -o '$WORK/setup.json' -w '%{http_code}' -H 'Content-Type: application/json' \
    -H \"X-XSRF-TOKEN: \$(awk '\$6 == \"XSRF-TOKEN\" { v = \$7 } END { print v }' '$JAR')\" \
    -d '{\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}' '$BASE/api/auth/setup' | grep -qx 201"
curl_ -c "$JAR" -b "$JAR" -o /dev/null "$BASE/api/auth/status" >>"$LOG" 2>&1   # fresh antiforgery token for the session
# The local text model (ONNX Runtime + MiniLM) loads inside the image: everything its native library links is there.
check "semantic search (logged in) embeds the query with the local model inside the container" bash -c "
  curl -sS --max-time 60 -b '$JAR' '$BASE/api/search?q=lighthouse&mode=semantic' | tee /dev/stderr | jq -e '.signals == [\"semantic\"]'"
check "GET /api/settings (logged in) -> 200" bash -c "curl -sS --max-time 10 -b '$JAR' -o /dev/null -w '%{http_code}' '$BASE/api/settings' | grep -qx 200"
check "PUT /api/settings stores an API key; response shows last4 only" bash -c "
  curl -sS --max-time 15 -c '$JAR' -b '$JAR' -X PUT -H 'Content-Type: application/json' \
    -H \"X-XSRF-TOKEN: \$(awk '\$6 == \"XSRF-TOKEN\" { v = \$7 } END { print v }' '$JAR')\" \
    -d '{\"secrets\":{\"anthropicApiKey\":\"sk-ant-test-1234abcd\"}}' -w '\n%{http_code}' '$BASE/api/settings' >'$WORK/put.txt';
  cat '$WORK/put.txt'; tail -n1 '$WORK/put.txt' | grep -qx 200 && grep -q '\"last4\":\"abcd\"' '$WORK/put.txt' && ! grep -q 'sk-ant-test-1234abcd' '$WORK/put.txt'"
# /api/docs through nginx: the page, every script it loads and the OpenAPI document come from the backend (the static
# file location must not swallow .js/.json under /api/), and nothing points at another host.
check "GET /api/docs/ through nginx: the page, with lang and a nonce policy without any host" bash -c "
  curl -sS --max-time 15 -b '$JAR' -D '$WORK/h_docs.txt' -o '$WORK/docs.html' -w '%{http_code}' '$BASE/api/docs/' | grep -qx 200 &&
  grep -q '<html lang=\"en\">' '$WORK/docs.html' &&
  csp=\$(grep -i '^content-security-policy:' '$WORK/h_docs.txt' | tr -d '\r') && echo \"\$csp\" &&
  [ \$(grep -ci '^content-security-policy:' '$WORK/h_docs.txt') = 1 ] &&
  echo \"\$csp\" | grep -q \"script-src 'self' 'nonce-\" && ! echo \"\$csp\" | grep -qiE 'https?:|\\*' &&
  grep -qi '^x-content-type-options: nosniff' '$WORK/h_docs.txt'"
check "GET /api/docs/ without a session through nginx: 401 with the strict shared policy" bash -c "
  curl -sS --max-time 15 -D '$WORK/h_docs401.txt' -o /dev/null -w '%{http_code}' '$BASE/api/docs/' | grep -qx 401 &&
  want=\$(sed -n 's/^Content-Security-Policy: *//p' '$HEADERS_FILE') &&
  got=\$(tr -d '\r' <'$WORK/h_docs401.txt' | sed -n 's/^[Cc]ontent-[Ss]ecurity-[Pp]olicy: *//p') && [ \"\$got\" = \"\$want\" ]"
check "docs page references no other host (fonts, CDN, telemetry)" bash -c "! grep -oiE '(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}' '$WORK/docs.html'"
check "every script of the docs page loads through nginx as JavaScript" bash -c "
  refs=\$(grep -oE '(src=\"|from .)[^\"'\"'\"']+' '$WORK/docs.html' | sed -E 's/^(src=\"|from .)//' | sort -u); echo \"\$refs\"; [ -n \"\$refs\" ] || exit 1
  for r in \$refs; do
    case \$r in /*) url='$BASE'\$r ;; *) url='$BASE/api/docs/'\${r#./} ;; esac
    out=\$(curl -sS --max-time 30 -b '$JAR' -o /dev/null -w '%{http_code} %{content_type} %{size_download}' \"\$url\"); echo \"\$url -> \$out\"
    echo \"\$out\" | grep -qE '^200 (text|application)/javascript' || exit 1
  done"
check "GET /api/openapi/v1.json through nginx (logged in) -> the OpenAPI document" bash -c "
  curl -sS --max-time 15 -b '$JAR' '$BASE/api/openapi/v1.json' | jq -e '.openapi and (.paths | has(\"/api/auth/status\"))' >/dev/null"
check "database holds ciphertext, not the key" bash -c "
  out=\$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' exec -T db sh -c 'psql -At -U \"\$POSTGRES_USER\" -d \"\$POSTGRES_DB\" -c \"select $SETTINGS_COLUMN::text from $SETTINGS_TABLE\"');
  echo \"\$out\" | head -c 300; [ -n \"\$out\" ] && ! echo \"\$out\" | grep -q 'sk-ant-test-1234abcd'"
check "extensions vector, pg_trgm, unaccent installed by init.sql" bash -c "
  ext=\$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' exec -T db sh -c 'psql -At -U \"\$POSTGRES_USER\" -d \"\$POSTGRES_DB\" -c \"select extname from pg_extension\"');
  echo \"\$ext\"; for e in vector pg_trgm unaccent; do echo \"\$ext\" | grep -qx \$e || exit 1; done"

# ---- 2b. issue 15 hardening: app role, metrics port, served files, key-ring warning, forwarding chain ---------
say "# 2b hardening: database role, metrics, served files, forwarding chain"
DB_APP_PASSWORD=$(sed -n 's/^DB_PASSWORD=//p' "$ENVF" | tail -n1)
app_sql() {  # app_sql SQL: as the app's role (DB_USER/DB_PASSWORD) over TCP, the way the backend connects
  dc exec -T -e PGPASSWORD="$DB_APP_PASSWORD" db psql -h 127.0.0.1 -U targetvision -d targetvision -At -c "$1"
}
check "the app's role is not a superuser (rolsuper of current_user is false)" bash -c "
  out=\$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' exec -T -e PGPASSWORD='$DB_APP_PASSWORD' db \
    psql -h 127.0.0.1 -U targetvision -d targetvision -At -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user'); echo \"rolsuper: \$out\"; [ \"\$out\" = f ]"
check "the backend's own connections use a role without superuser, CREATEROLE or CREATEDB" bash -c "
  out=\$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' exec -T db sh -c 'psql -At -U \"\$POSTGRES_USER\" -d \"\$POSTGRES_DB\" -c \"
    SELECT count(*), bool_or(r.rolsuper OR r.rolcreaterole OR r.rolcreatedb) FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
    WHERE a.datname = current_database() AND a.client_addr IS NOT NULL AND a.pid <> pg_backend_pid()\"'); echo \"connections|privileged: \$out\"
  [ \"\${out#*|}\" = f ] && [ \"\${out%%|*}\" -ge 1 ]"
check "the app's role owns the database and every table (migrations ran as it)" bash -c "
  out=\$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' exec -T db sh -c 'psql -At -U \"\$POSTGRES_USER\" -d \"\$POSTGRES_DB\" -c \"
    SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()
    UNION ALL SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = '\\''public'\\''\"'); echo \"\$out\"; [ \"\$(echo \"\$out\" | sort -u)\" = targetvision ]"
check "/metrics: 404 on the backend's app port inside the network, Prometheus text on the management port 9090" bash -c "
  dcx() { docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' exec -T web \"\$@\"; }
  app=\$(dcx curl -s -o /dev/null -w '%{http_code}' http://backend:8080/metrics); spoof=\$(dcx curl -s -o /dev/null -w '%{http_code}' -H 'Host: backend:9090' http://backend:8080/metrics)
  mgmt=\$(dcx curl -s http://backend:9090/metrics | grep -c '^http_server_request_duration_seconds'); echo \"8080: \$app, 8080 with Host :9090: \$spoof, 9090 series: \$mgmt\"
  [ \"\$app\" = 404 ] && [ \"\$spoof\" = 404 ] && [ \"\$mgmt\" -gt 0 ]"
for path in /README.md /jsconfig.json /js/main.js.gz /.env /css/../README.md /img/.hidden.svg; do
  check "nginx does not serve non-app files: $path -> 404" bash -c "
    code=\$(curl -sS --max-time 10 --path-as-is -o '$WORK/nonapp.txt' -w '%{http_code}' '$BASE$path'); echo \"\$code\"; [ \"\$code\" = 404 ] && ! grep -q 'TargetVision frontend\|compilerOptions' '$WORK/nonapp.txt'"
done
check "deep links still get the UI shell; assets still load" bash -c "
  curl -sS --max-time 10 '$BASE/library/album/x' | grep -qi '<html' && curl -sS --max-time 10 -o /dev/null -w '%{http_code}' '$BASE/js/main.js' | grep -qx 200 &&
  curl -sS --max-time 10 -o /dev/null -w '%{http_code}' '$BASE/img/logo.svg' | grep -qx 200"
check "base stack (no key-ring certificate, Production): the backend warns at start-up that the ring is unencrypted" bash -c "
  docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' logs backend 2>&1 | grep -q 'key ring is NOT encrypted'"

# Forwarding chain: find the address nginx sees for this host's requests, then trust exactly it as the TLS proxy.
curl -sS --max-time 10 -o /dev/null "$BASE/?peer-probe=$PROJECT" >>"$LOG" 2>&1
sleep 1
HOST_PEER=$(dc logs web 2>/dev/null | grep "peer-probe=$PROJECT" | tail -n1 | sed -E 's/^[^|]*\| *//' | awk '{print $1}')
say "info - nginx sees this host as $HOST_PEER"
if [ -n "$HOST_PEER" ] && TRUSTED_PROXY_CIDRS="$HOST_PEER/32" dc up -d --wait --no-deps web >>"$LOG" 2>&1; then
  pass "web restarted with TRUSTED_PROXY_CIDRS=$HOST_PEER/32"
  check "via the trusted proxy: X-Forwarded-Proto https -> Secure cookies and HSTS" bash -c "
    h=\$(curl -sS --max-time 10 -D - -o /dev/null -H 'X-Forwarded-Proto: https' '$BASE/api/auth/status' | tr -d '\r'); echo \"\$h\" | grep -i '^set-cookie\|^strict'
    n=\$(echo \"\$h\" | grep -ci '^set-cookie:'); s=\$(echo \"\$h\" | grep -i '^set-cookie:' | grep -ci '; secure')
    [ \"\$n\" -ge 2 ] && [ \"\$s\" = \"\$n\" ] && echo \"\$h\" | grep -qi '^strict-transport-security: max-age'"
  check "via the trusted proxy: its X-Forwarded-For names the client (nginx logs 203.0.113.77)" bash -c "
    curl -sS --max-time 10 -o /dev/null -H 'X-Forwarded-For: 203.0.113.77' '$BASE/?xff-trusted=$PROJECT'; sleep 1
    docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' logs web 2>/dev/null | grep 'xff-trusted=$PROJECT' | tail -n1 | tee /dev/stderr | grep -q '203.0.113.77 '"
  FRONT_NET="${PROJECT}_front"
  untrusted() { docker run --rm --network "$FRONT_NET" --entrypoint sh "$NGINX_IMAGE" -c "$1"; }
  check "from an untrusted hop: X-Forwarded-Proto https is ignored (no Secure cookie, no HSTS)" bash -c "
    h=\$(docker run --rm --network '$FRONT_NET' --entrypoint curl '$NGINX_IMAGE' -sS --max-time 10 -D - -o /dev/null -H 'X-Forwarded-Proto: https' http://web:8080/api/auth/status | tr -d '\r')
    echo \"\$h\" | grep -i '^set-cookie'; echo \"\$h\" | grep -qi '^set-cookie:' && ! echo \"\$h\" | grep -i '^set-cookie:' | grep -qi '; secure' && ! echo \"\$h\" | grep -qi '^strict-transport'"
  check "from an untrusted hop: a spoofed X-Forwarded-For does not change the client address (nginx log, login limiter)" bash -c "
    out=\$(docker run --rm --network '$FRONT_NET' --entrypoint sh '$NGINX_IMAGE' -c '
      curl -s -o /dev/null -H \"X-Forwarded-For: 203.0.113.99\" \"http://web:8080/?xff-untrusted=$PROJECT\"
      j=/tmp/jar; curl -s -c \$j -b \$j -o /dev/null http://web:8080/api/auth/status
      for i in \$(seq 1 12); do
        t=\$(awk \"\\\$6 == \\\"XSRF-TOKEN\\\" { v = \\\$7 } END { print v }\" \$j)
        curl -s -c \$j -b \$j -o /dev/null -w \"%{http_code} \" -H \"Content-Type: application/json\" -H \"X-XSRF-TOKEN: \$t\" \
          -H \"X-Forwarded-For: 198.51.100.\$i\" -d \"{\\\"email\\\":\\\"spoof\$i@example.test\\\",\\\"password\\\":\\\"wrong-password-\$i\\\"}\" http://web:8080/api/auth/login
      done'); echo \"login statuses: \$out\"
    sleep 1; line=\$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' logs web 2>/dev/null | grep 'xff-untrusted=$PROJECT' | tail -n1); echo \"\$line\"
    ! echo \"\$line\" | grep -q '203.0.113.99 ' && echo \"\$out\" | grep -q 429"
else
  fail "web restarted with TRUSTED_PROXY_CIDRS (peer '$HOST_PEER')"
fi

# ---- 3. isolation --------------------------------------------------------------------------------------
say "# 3 users, ports, networks"
check "backend processes run as non-root" bash -c "out=\$(docker top \$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' ps -q backend) -eo pid,uid,comm | tail -n +2); echo \"\$out\"; [ -n \"\$out\" ] && ! echo \"\$out\" | awk '{print \$2}' | grep -qx 0"
check "nginx master and workers run as non-root" bash -c "out=\$(docker top \$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' ps -q web) -eo pid,uid,comm | tail -n +2); echo \"\$out\"; [ -n \"\$out\" ] && ! echo \"\$out\" | awk '{print \$2}' | grep -qx 0"
check "db and redis publish no ports; only web does" bash -c "
  for s in db redis backend; do p=\$(docker port \$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' ps -q \$s)); echo \"\$s: \$p\"; [ -z \"\$p\" ] || exit 1; done"
check "back network is internal; db and redis only on it" bash -c "
  [ \"\$(docker network inspect -f '{{.Internal}}' ${PROJECT}_back)\" = true ] &&
  [ \"\$(docker network inspect -f '{{.Internal}}' ${PROJECT}_front)\" = false ] &&
  for s in db redis; do n=\$(docker inspect -f '{{range \$k, \$v := .NetworkSettings.Networks}}{{\$k}} {{end}}' \$(docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' ps -q \$s)); echo \"\$s: \$n\"; [ \"\$n\" = '${PROJECT}_back ' ] || exit 1; done"
check "redis answers inside the stack" bash -c "docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' exec -T redis redis-cli ping | grep -q PONG"

sleep 5
# shellcheck disable=SC2046  # one argument per container id
docker stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.CPUPerc}}' $(dc ps -q) >"$WORK/stats.txt" 2>>"$LOG"
while read -r name mem _ _ cpu; do figure "idle memory ${name#"$PROJECT"-}: $mem (cpu $cpu)"; done <"$WORK/stats.txt"

# ---- 4. persistence ------------------------------------------------------------------------------------
say "# 4 persistence, idempotent migrations"
# Images with a VOLUME (redis /data) get a new anonymous volume per container; down without -v orphans the old one.
# shellcheck disable=SC2046  # one argument per container id
ANON_VOLUMES=$(docker inspect -f '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}' $(dc ps -q) 2>>"$LOG" | tr ' ' '\n' | grep -E '^[0-9a-f]{64}$' | tr '\n' ' ')
check "docker compose down (volumes kept)" dc down
t=$SECONDS
check "docker compose up --wait again" dc up -d --wait
figure "up -> healthy (existing volumes, rebuild from cache): $((SECONDS - t)) s"
check "second up rebuilt from cache: same backend image, still no dangling image" bash -c "
  [ \"\$(docker image inspect -f '{{.Id}}' targetvision-test:$PROJECT)\" = '$BACKEND_IMAGE_ID' ] && [ \$(docker images -q -f dangling=true | sort -u | wc -l) -le $dangling_before ]"
check "data survived down/up: session still valid, key still stored (last4 abcd)" bash -c "
  curl -sS --max-time 10 -b '$JAR' '$BASE/api/settings' | tee /dev/stderr | grep -q '\"last4\":\"abcd\"'"
hist_count() { dc exec -T db sh -c 'psql -At -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "select count(*) from \"__ef_migrations_history\""' 2>>"$LOG"; }
before=$(hist_count)
check "migrate run twice more exits 0" bash -c "docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' run --rm --no-deps migrate && docker compose -p '$PROJECT' --env-file '$ENVF' -f '$REPO/docker-compose.yml' run --rm --no-deps migrate"
after=$(hist_count)
check "migrate is a no-op when up to date (history rows $before -> $after)" test -n "$before" -a "$before" = "$after"

# ---- 6. graceful shutdown ------------------------------------------------------------------------------
say "# 6 graceful shutdown"
cid=$(dc ps -q backend)
t=$SECONDS
dc stop backend >>"$LOG" 2>&1
stop_s=$((SECONDS - t))
figure "backend stop took $stop_s s"
check "backend exits 0 on SIGTERM within the grace period ($stop_s s < 40 s)" bash -c "
  [ \"\$(docker inspect -f '{{.State.ExitCode}}' $cid)\" = 0 ] && [ $stop_s -lt 40 ]"
check "backend logs a graceful shutdown" bash -c "docker logs $cid 2>&1 | grep -qiE 'shutting down|stopping|stopped'"
check "backend starts again" dc up -d --wait backend

# ---- 7. backup / restore -------------------------------------------------------------------------------
say "# 7 backup and restore"
export COMPOSE_ARGS="-p $PROJECT --env-file $ENVF -f $REPO/docker-compose.yml"
check "backup.sh writes a pg_dump archive" bash -c "'$REPO/scripts/backup.sh' --dir '$WORK/backups' --keep 2 && ls '$WORK'/backups/targetvision-*.dump"
sleep 1; "$REPO/scripts/backup.sh" --dir "$WORK/backups" --keep 2 >>"$LOG" 2>&1
sleep 1; "$REPO/scripts/backup.sh" --dir "$WORK/backups" --keep 2 >>"$LOG" 2>&1
check "backup retention keeps the newest 2" bash -c "[ \$(ls '$WORK'/backups/targetvision-*.dump | wc -l) = 2 ]"
dump=$(ls -1 "$WORK"/backups/targetvision-*.dump 2>/dev/null | sort | tail -n1)
count_rows() { dc exec -T db sh -c 'psql -At -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "$0"' "select (select count(*) from $SETTINGS_TABLE) || ',' || (select count(*) from $OWNERS_TABLE)" 2>>"$LOG"; }
rows_before=$(count_rows)
dc exec -T db sh -c 'psql -q -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "$0"' "delete from $SETTINGS_TABLE; delete from $OWNERS_TABLE" >>"$LOG" 2>&1
check "data dropped (rows $rows_before -> $(count_rows))" test "$(count_rows)" = "0,0"
check "restore.sh refuses without --yes and without a terminal" bash -c "! '$REPO/scripts/restore.sh' '$dump' </dev/null"
check "restore.sh --yes restores, migrates, restarts the backend" "$REPO/scripts/restore.sh" --yes "$dump"
check "rows are back ($rows_before)" test "$(count_rows)" = "$rows_before"
check "restored key readable through the API" bash -c "curl -sS --max-time 10 -b '$JAR' '$BASE/api/settings' | grep -q '\"last4\":\"abcd\"'"
unset COMPOSE_ARGS

# ---- 5. production overlay -----------------------------------------------------------------------------
say "# 5 production overlay"
check "base stack down -v" dc down -v
mkdir -p "$WORK/secrets" "$WORK/certs"
printf 'prod-%s' "$RANDOM$RANDOM$RANDOM" >"$WORK/secrets/db_password"
printf 'Prod-Admin-Password-1' >"$WORK/secrets/admin_password"
for s in anthropic_api_key openai_api_key smugmug_api_key smugmug_api_secret; do : >"$WORK/secrets/$s"; done
printf 'prod-admin-%s' "$RANDOM$RANDOM$RANDOM" >"$WORK/secrets/db_admin_password"
# The key-ring certificate the way docker-setup.sh --prod makes it.
KEYRING_PW="keyring-$RANDOM$RANDOM"; printf '%s' "$KEYRING_PW" >"$WORK/secrets/keyring_password"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=TargetVision key ring" -keyout "$WORK/keyring.key" -out "$WORK/keyring.crt" >>"$LOG" 2>&1
KEYRING_PW=$KEYRING_PW openssl pkcs12 -export -inkey "$WORK/keyring.key" -in "$WORK/keyring.crt" -passout env:KEYRING_PW -out "$WORK/secrets/keyring.pfx" >>"$LOG" 2>&1
rm -f "$WORK/keyring.key"
chmod 600 "$WORK"/secrets/*
chown 1654:1654 "$WORK"/secrets/* 2>>"$LOG" || true
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$WORK/certs/tls.key" -out "$WORK/certs/tls.crt" >>"$LOG" 2>&1
chown 101:101 "$WORK/certs/tls.key" 2>>"$LOG" || true; chmod 600 "$WORK/certs/tls.key"
cat >>"$ENVF" <<ENV
ADMIN_EMAIL=admin@example.test
PUBLIC_BASE_URL=https://127.0.0.1:$HTTPS_PORT
ENV
HTTPS="https://127.0.0.1:$HTTPS_PORT"
t=$SECONDS
if dcp up -d --wait >>"$LOG" 2>&1; then pass "prod overlay: up --wait healthy"
else fail "prod overlay: up --wait healthy" "$(dcp ps -a 2>&1 | tail -n 8)"; dcp logs --tail 15 --no-color >>"$LOG" 2>&1; tail -n 30 "$LOG" | cut -c1-300 | sed 's/^/       | /'; fi
figure "prod overlay up -> healthy: $((SECONDS - t)) s"
check "prod: backend and web health checks run every <= 5 s, so up --wait ends as soon as they are ready" bash -c "
  for s in backend web; do
    i=\$(docker inspect \$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} ps -q \$s) | jq -r '.[0].Config.Healthcheck.Interval // 0'); echo \"\$s: \$i ns\"
    [ -n \"\$i\" ] && [ \"\$i\" -gt 0 ] && [ \"\$i\" -le 5000000000 ] || exit 1
  done"
# From container start to the first passing probe: the backend's own readiness plus at most one interval.
bcid=$(dcp ps -q backend 2>>"$LOG")
if [ -n "$bcid" ]; then
  figure "prod backend: container start -> first healthy probe: $(docker inspect "$bcid" | jq -r '.[0] as $c | ($c.State.StartedAt | sub("\\.[0-9]+"; "") | fromdateiso8601) as $s |
    ([$c.State.Health.Log[] | select(.ExitCode == 0) | .Start | sub("\\.[0-9]+"; "") | fromdateiso8601] | min) as $h | if $h then "\($h - $s) s" else "n/a (log rotated)" end') "
fi
for s in backend web db redis; do
  check "prod: $s has a read-only root filesystem, no-new-privileges, dropped capabilities" bash -c "
    docker inspect \$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} ps -q $s) | jq -e '.[0].HostConfig |
      .ReadonlyRootfs == true and (.SecurityOpt | index(\"no-new-privileges:true\")) != null and (.CapDrop | index(\"ALL\")) != null
      and .RestartPolicy.Name == \"unless-stopped\" and .Memory > 0 and .LogConfig.Config[\"max-size\"] == \"10m\"'"
done
check "prod: backend reads secrets from files, no plain secret variables" bash -c "
  env=\$(docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' \$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} ps -q backend));
  echo \"\$env\" | grep -qx 'DB_PASSWORD_FILE=/run/secrets/db_password' && ! echo \"\$env\" | grep -qE '^(DB_PASSWORD|ADMIN_PASSWORD|ANTHROPIC_API_KEY)='"
check "prod: HTTPS serves the UI with HSTS" bash -c "curl -sS -k --max-time 10 -D - -o /dev/null '$HTTPS/' | tee /dev/stderr | grep -qi '^strict-transport-security: max-age'"
check "prod: HTTPS /health/ready -> 200" bash -c "curl -sS -k --max-time 10 -o /dev/null -w '%{http_code}' '$HTTPS/health/ready' | grep -qx 200"
check "prod: admin from secret file exists (setupRequired false)" bash -c "curl -sS -k --max-time 10 '$HTTPS/api/auth/status' | tee /dev/stderr | jq -e '.setupRequired == false'"
check "prod: the key ring in the database is encrypted with the certificate (encryptedSecret, no plain key material)" bash -c "
  xml=\$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} exec -T db sh -c 'psql -At -U \"\$POSTGRES_USER\" -d \"\$POSTGRES_DB\" -c \"select xml from data_protection_keys\"');
  echo \"\$xml\" | head -c 400; echo; [ -n \"\$xml\" ] && echo \"\$xml\" | grep -q '<encryptedSecret' && ! echo \"\$xml\" | grep -q '<masterKey'"
check "prod: no unprotected-key-ring warning at start-up" bash -c "
  logs=\$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} logs --no-color backend 2>&1) || { echo \"\$logs\"; exit 1; }
  ! echo \"\$logs\" | grep -q 'key ring is NOT encrypted'"
check "prod: the app's database role is not a superuser" bash -c "
  out=\$(docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} exec -T -e PGPASSWORD=\"\$(cat '$WORK/secrets/db_password')\" db \
    psql -h 127.0.0.1 -U targetvision -d targetvision -At -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user'); echo \"rolsuper: \$out\"; [ \"\$out\" = f ]"
check "prod: plain HTTP redirects to HTTPS" bash -c "curl -sS --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' '$BASE/' | tee /dev/stderr | grep -q '^308 https://'"
check "prod: backend cannot write outside /tmp and its volumes" bash -c "
  ! docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} exec -T backend bash -c ': >/app/x' 2>/dev/null &&
  docker compose -p '$PROJECT' --env-file '$ENVF' ${F_PROD[*]} exec -T backend bash -c ': >/tmp/x && : >/data/cache/x && : >/data/models/x'"
# shellcheck disable=SC2046  # one argument per container id
docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' $(dcp ps -q) >"$WORK/stats-prod.txt" 2>>"$LOG"
while read -r name mem _ _; do figure "prod idle memory ${name#"$PROJECT"-}: $mem"; done <"$WORK/stats-prod.txt"

# ---- 8. setup after a plain `up`, fast failure on a wrong password -------------------------------------------
say "# 8 docker-setup.sh after a plain up keeps the data; migrate fails fast on a rejected login"
check "prod stack down -v" dcp --profile redis down -v --remove-orphans
# A copy of the checkout, so that the scripts' .env does not touch the real working tree.
COPY="$WORK/repo"
mkdir -p "$COPY"
(cd "$REPO" && git ls-files -co --exclude-standard -z | tar --null -T - -cf - 2>/dev/null) | tar -xf - -C "$COPY"
SETUP_PORT=$(free_port)
SETUP_PROJECT="$PROJECT-setup"
# Own tags: Compose labels the images it builds with the project name, so rebuilding the main run's tags from another
# project would leave their previous images dangling (layers come from the build cache either way).
export TARGETVISION_IMAGE=targetvision-test-copy TARGETVISION_WEB_IMAGE=targetvision-web-test-copy TARGETVISION_VERSION=$PROJECT
in_copy() { (cd "$COPY" && env -u DB_PASSWORD COMPOSE_PROJECT_NAME="$SETUP_PROJECT" HTTP_PORT="$SETUP_PORT" "$@"); }
SBASE="http://127.0.0.1:$SETUP_PORT"
SJAR="$WORK/setup-cookies.txt"
t=$SECONDS
# The volume is made by the compose file of the release before the non-superuser app role (issue 15 item 8), where
# the app's role was the cluster's bootstrap superuser: docker-setup.sh (the current files) must upgrade it in place.
git -C "$REPO" show "${TV_LEGACY_COMPOSE_REV:-621674d}:docker-compose.yml" >"$COPY/docker-compose.legacy.yml" 2>>"$LOG"
check "plain docker compose up (no .env) in a fresh checkout, with the previous release's compose file" in_copy docker compose -f docker-compose.legacy.yml up -d --wait
figure "plain up -> healthy (images from the build cache): $((SECONDS - t)) s"
check "legacy volume: the app's role is the superuser there (what the upgrade must fix)" bash -c "
  out=\$(cd '$COPY' && COMPOSE_PROJECT_NAME='$SETUP_PROJECT' docker compose -f docker-compose.legacy.yml exec -T db psql -U targetvision -d targetvision -At -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user'); echo \"\$out\"; [ \"\$out\" = t ]"
check "owner created on the plain stack" bash -c "
  curl -sS --max-time 10 -c '$SJAR' -b '$SJAR' -o /dev/null '$SBASE/api/auth/status' &&
  curl -sS --max-time 15 -c '$SJAR' -b '$SJAR' -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -H \"X-XSRF-TOKEN: \$(awk '\$6 == \"XSRF-TOKEN\" { v = \$7 } END { print v }' '$SJAR')\" \
    -d '{\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}' '$SBASE/api/auth/setup' | grep -qx 201"
t=$SECONDS
check "scripts/docker-setup.sh afterwards succeeds (keeps the volume's password)" in_copy scripts/docker-setup.sh
figure "docker-setup.sh on the existing stack: $((SECONDS - t)) s"
check "docker-setup.sh wrote the volume's password into .env, not a new random one" grep -qx 'DB_PASSWORD=targetvision-dev' "$COPY/.env"
check "upgraded volume: the app's role is no longer a superuser; the superuser is postgres" bash -c "
  q() { (cd '$COPY' && COMPOSE_PROJECT_NAME='$SETUP_PROJECT' docker compose exec -T -e PGPASSWORD=targetvision-dev db psql -h 127.0.0.1 -U targetvision -d targetvision -At -c \"\$1\"); }
  a=\$(q 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user'); b=\$(q \"SELECT string_agg(rolname, ',') FROM pg_roles WHERE rolsuper\");
  c=\$(q \"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'targetvision'\"); echo \"app rolsuper: \$a, superusers: \$b, tables not owned by the app: \$c\"
  [ \"\$a\" = f ] && [ \"\$b\" = postgres ] && [ \"\$c\" = 0 ]"
check "db-init on the upgraded volume is idempotent (second run: no upgrade, exit 0)" bash -c "
  out=\$(cd '$COPY' && COMPOSE_PROJECT_NAME='$SETUP_PROJECT' docker compose run --rm --no-deps db-init 2>&1); echo \"\$out\" | tail -n 3
  ! echo \"\$out\" | grep -q 'upgrading an existing volume' && echo \"\$out\" | grep -q 'no superuser'"
check "the data survived: the owner signs in" bash -c "
  rm -f '$SJAR'; curl -sS --max-time 10 -c '$SJAR' -b '$SJAR' -o /dev/null '$SBASE/api/auth/status' &&
  curl -sS --max-time 15 -c '$SJAR' -b '$SJAR' -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -H \"X-XSRF-TOKEN: \$(awk '\$6 == \"XSRF-TOKEN\" { v = \$7 } END { print v }' '$SJAR')\" \
    -d '{\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}' '$SBASE/api/auth/login' | grep -qx 200"
t=$SECONDS
(cd "$COPY" && COMPOSE_PROJECT_NAME="$SETUP_PROJECT" DB_PASSWORD=not-the-volume-password timeout 120 docker compose run --rm --no-deps migrate) >"$WORK/migrate-wrong.log" 2>&1
rc=$?; wrong_s=$((SECONDS - t)); cat "$WORK/migrate-wrong.log" >>"$LOG"
figure "migrate with a wrong password exits after $wrong_s s (rc $rc)"
check "migrate with a wrong password fails at once (28P01, not retried, < 20 s)" bash -c "
  [ $rc -ne 0 ] && [ $rc -ne 124 ] && [ $wrong_s -lt 20 ] && grep -q '28P01' '$WORK/migrate-wrong.log' &&
  grep -q 'not retrying' '$WORK/migrate-wrong.log' && ! grep -q 'retrying in' '$WORK/migrate-wrong.log'"
check "setup stack down -v" in_copy docker compose down -v

# ---- 9. demo: start.sh --demo, the documented seed command with a .env, the printed stop command ----------------
say "# 9 demo stack: start.sh --demo, seed with .env, stop command"
DEMO_PROJECT="$PROJECT-demo"
DEMO_PORT=$(free_port)
DEMO_FILES="-f docker-compose.yml -f docker-compose.dev.yml -f docker-compose.demo.yml"
# A user's .env with its own database password: every documented command must keep reading it. No ADMIN_* in it,
# so the database starts without an owner and start.sh must say to create one.
sed -i -e "s/^DB_PASSWORD=.*/DB_PASSWORD=demo-$RANDOM$RANDOM/" -e '/^ADMIN_\(EMAIL\|PASSWORD\)=/d' "$COPY/.env"
export TARGETVISION_IMAGE=targetvision-test-demo TARGETVISION_WEB_IMAGE=targetvision-web-test-demo
in_demo() { (cd "$COPY" && COMPOSE_PROJECT_NAME="$DEMO_PROJECT" FAKE_SMUGMUG_PORT="$FAKE_PORT" DB_PORT="$DEMO_DB_PORT" "$@"); }
FAKE_PORT=$(free_port); DEMO_DB_PORT=$(free_port)
docker volume ls -q | sort >"$WORK/volumes-before-demo.txt"
t=$SECONDS
in_demo scripts/start.sh --demo --port "$DEMO_PORT" >"$WORK/start-demo.log" 2>&1
rc=$?; cat "$WORK/start-demo.log" >>"$LOG"
figure "start.sh --demo (dev images, first dotnet watch build) -> healthy: $((SECONDS - t)) s"
check "start.sh --demo starts the stack" test "$rc" = 0
check "start.sh --demo says to create the owner on a new database" grep -q 'create the owner account' "$WORK/start-demo.log"
check "start.sh --demo prints the stop command with every compose file it used" \
  grep -qF "Stop everything it started with: docker compose $DEMO_FILES down" "$WORK/start-demo.log"
demo_ids() { in_demo docker compose $DEMO_FILES ps -q backend db 2>>"$LOG" | sort | tr '\n' ' '; }
ids_before=$(demo_ids)
t=$SECONDS
# shellcheck disable=SC2086  # the documented file list
check "documented seed command works with a .env (syncs the demo library)" in_demo docker compose $DEMO_FILES run --rm seed
figure "seed: $((SECONDS - t)) s"
check "seeding did not recreate the running backend or database" test "$(demo_ids)" = "$ids_before" -a -n "$ids_before"
stop_cmd=$(sed -n 's/^Stop everything it started with: //p' "$WORK/start-demo.log")
# shellcheck disable=SC2086  # the documented file list
demo_backend=$(in_demo docker compose $DEMO_FILES ps -q backend 2>>"$LOG")
t=$SECONDS
# Listen before stopping: a `docker events --until now` read afterwards can miss a die event of the last second.
docker events --since "$(date +%s)" --filter "container=$demo_backend" \
  --format '{{.Action}} {{index .Actor.Attributes "signal"}} {{index .Actor.Attributes "exitCode"}}' \
  >"$WORK/demo-backend-events.txt" 2>>"$LOG" &
events_pid=$!
# shellcheck disable=SC2086  # the printed command, word-split as a user's shell would
[ -n "$stop_cmd" ] && in_demo $stop_cmd >>"$LOG" 2>&1
stop_s=$((SECONDS - t))
# The events stream is asynchronous; give the die event up to 10 s to arrive.
for _ in $(seq 100); do grep -q '^die' "$WORK/demo-backend-events.txt" && break; sleep 0.1; done
kill "$events_pid" 2>/dev/null; wait "$events_pid" 2>/dev/null
figure "demo stop (printed command): $stop_s s"
check "the dev backend (dotnet watch) stops on SIGTERM, without a SIGKILL after the grace period" bash -c "
  ev=\$(cat '$WORK/demo-backend-events.txt'); echo \"\$ev\"
  echo \"\$ev\" | grep -q '^kill 15' && ! echo \"\$ev\" | grep -qE '^kill (9|SIGKILL)' && echo \"\$ev\" | grep -qE '^die +0$'"
check "the demo stack leaves no anonymous volume behind (only its named, project-labelled ones)" bash -c "
  new=\$(docker volume ls -q | sort | comm -13 '$WORK/volumes-before-demo.txt' -); echo \"\$new\"
  for v in \$new; do [ \"\$(docker volume inspect -f '{{index .Labels \"com.docker.compose.project\"}}' \$v)\" = '$DEMO_PROJECT' ] || exit 1; done"
check "the printed stop command stops every demo container (fakes included) in < 10 s" bash -c "
  grep -q \"Container $DEMO_PROJECT-fake-ai-1  Removed\" '$LOG' &&
  left=\$(docker ps -q --filter label=com.docker.compose.project=$DEMO_PROJECT); echo \"left: \$left\"; [ -z \"\$left\" ] && [ $stop_s -lt 10 ]"

finish
