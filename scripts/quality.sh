#!/usr/bin/env bash
# The quality suite in one command (docs/quality.md holds its figures). Last line: N passed, N failed, N skipped.
#   1. fuzz every route of the OpenAPI document (every generated case, TV_FUZZ_FULL=1), auth coverage, SSRF
#   2. real Chromium: stored XSS on every page that shows data, axe-core on every page
#   3. the front: nginx with TLS (self-signed, generated here) in front of the host-run app and the fake SmugMug:
#      MDN HTTP Observatory (A+), Lighthouse 12.2.3 (≥ 95), load (50 clients × 60 s, 0 errors) — loopback only
#   4. --containers: fault injection and backup safety on the container stack (scripts/quality/faults.sh,
#      scripts/quality/backup.sh), when present
# Options: --containers, --no-front (skip 3), --front-only (only 3), --no-build (use the last Release build),
# --keep (keep the log folder). Docker for 3 and 4.
# scripts/test.sh runs the CI-sized part of 1 and 2 (a seeded fuzz sample) on every run.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CONTAINERS=0; FRONT=1; KEEP=0; TESTS=1; BUILD=1
for arg in "$@"; do
  case $arg in
    --containers) CONTAINERS=1 ;;
    --no-front) FRONT=0 ;;
    --front-only) TESTS=0 ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done
LOGS=$(mktemp -d /tmp/targetvision-quality.XXXXXX)
chmod 755 "$LOGS"
REPORT="$LOGS/report"
mkdir -p "$REPORT"
PASSED=0; FAILED=0; SKIPPED=0
PG_DIR="$LOGS/pg"
pids=()
WEB_CONTAINER=""
WEB_IMAGE="targetvision-web-quality:$$"

step() { printf '==> %s\n' "$*"; }
fail_tail() { echo "    see $1"; tail -n 30 "$1" | sed 's/^/    | /'; }
count_suite() { # name passed failed skipped
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3)); SKIPPED=$((SKIPPED + $4))
  printf '    %s: %s passed, %s failed, %s skipped\n' "$1" "$2" "$3" "$4"
}
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$WEB_CONTAINER" ] && docker rm -f "$WEB_CONTAINER" >/dev/null 2>&1
  docker image rm "$WEB_IMAGE" >/dev/null 2>&1 || true
  scripts/lib/pg-cluster.sh stop "$PG_DIR/data" >/dev/null 2>&1 || true
  rm -rf "$LOGS/cache" "$ROOT/scripts/quality/.lighthouse"
  if [ "$KEEP" != 1 ] && [ "$FAILED" -eq 0 ]; then rm -rf "$LOGS"; fi
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Runs one test project with a filter and counts its results from the trx file.
run_tests() { # name project filter [env...]
  local name=$1 project=$2 filter=$3; shift 3
  local trx="$LOGS/$name.trx"
  env "$@" dotnet test "$project" -c Release --no-build --filter "$filter" --logger "trx;LogFileName=$trx" >"$LOGS/$name.log" 2>&1
  local rc=$?
  if [ -f "$trx" ]; then
    local counters; counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    local p f total executed
    p=$(get passed); f=$(( $(get failed || echo 0) + $(get error || echo 0) )); total=$(get total); executed=$(get executed)
    count_suite "$name" "${p:-0}" "$f" $(( ${total:-0} - ${executed:-0} ))
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && count_suite "$name (runner)" 0 1 0
  else
    count_suite "$name" 0 1 0
  fi
  [ "$rc" -ne 0 ] && fail_tail "$LOGS/$name.log"
  # Skipped tests name the issue item they wait for.
  grep -h -A1 '\[SKIP\]' "$LOGS/$name.log" | grep -v '\[SKIP\]' | grep -v '^--' | sed 's/^ *\[xUnit[^]]*\] */    skipped: /' | sort -u
}

step "starting a throwaway PostgreSQL cluster"
if ! TV_TEST_PG=$(scripts/lib/pg-cluster.sh start "$PG_DIR/data" 2>"$LOGS/pg.log"); then fail_tail "$LOGS/pg.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; fi
export TV_TEST_PG
export TV_CHROMIUM=${TV_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}

step "building the solution"
if [ "$BUILD" = 1 ] && ! dotnet build TargetVision.slnx -c Release -warnaserror >"$LOGS/build.log" 2>&1; then
  fail_tail "$LOGS/build.log"; count_suite build 0 1 0; echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; exit 1
fi

step "installing the pinned tools (npm ci: repository and scripts/quality)"
# The repository's packages (axe-core for the browser tests) only when the tests run.
if ! { { [ "$TESTS" = 0 ] || npm ci --no-audit --no-fund >"$LOGS/npm.log" 2>&1; } && (cd scripts/quality && npm ci --no-audit --no-fund --ignore-scripts) >>"$LOGS/npm.log" 2>&1; }; then
  fail_tail "$LOGS/npm.log"; count_suite "npm ci" 0 1 0; FRONT=0
fi

if [ "$TESTS" = 1 ]; then
  step "fuzzing every route (all cases), auth coverage, SSRF"
  run_tests "quality (API)" tests/TargetVision.Tests/TargetVision.Tests.csproj "FullyQualifiedName~TargetVision.Tests.Quality" \
    TV_FUZZ_FULL=1 TV_QUALITY_REPORT="$REPORT"

  step "stored XSS and axe-core on every page (Chromium)"
  run_tests "quality (browser)" tests/TargetVision.Browser.Tests/TargetVision.Browser.Tests.csproj \
    "FullyQualifiedName~StoredXssBrowserTests|FullyQualifiedName~ScreensBrowserTests.Every_page_has_no_serious_or_critical_axe_findings"
fi

if [ "$FRONT" = 1 ]; then
  step "the front: nginx (TLS) → host app + fake SmugMug, loopback only"
  front_ok=1
  admin_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$TV_TEST_PG")
  db="tv_quality_$$"
  psql_admin() { psql -h 127.0.0.1 -p "$admin_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  psql_admin -d postgres -c "CREATE DATABASE $db" >/dev/null && \
    psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;" >/dev/null || front_ok=0
  APP_PORT=$(free_port); SMUG_PORT=$(free_port); HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
  OWNER_EMAIL=quality@example.com; OWNER_PASSWORD="quality suite password $$"

  dotnet tests/FakeSmugMug/bin/Release/net10.0/FakeSmugMug.dll --urls "http://localhost:$SMUG_PORT" \
    --public-url "http://localhost:$SMUG_PORT" --seed demo --quiet >"$LOGS/fake-smugmug.log" 2>&1 &
  pids+=($!)
  (
    export ConnectionStrings__Default="${TV_TEST_PG/Database=postgres/Database=$db}"
    export Database__MigrateOnStartup=true Frontend__Path="$ROOT/frontend" Storage__CacheDirectory="$LOGS/cache"
    export ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" ASPNETCORE_ENVIRONMENT=Production
    unset ASPNETCORE_HTTP_PORTS
    export Admin__Email=$OWNER_EMAIL Admin__Password=$OWNER_PASSWORD Auth__LoginAttemptsPerMinute=1000
    export SMUGMUG_API_KEY=demo-key SMUGMUG_API_SECRET=demo-secret
    export SmugMug__ApiBaseUrl="http://localhost:$SMUG_PORT/api/v2" SmugMug__OAuthBaseUrl="http://localhost:$SMUG_PORT/services/oauth/1.0a"
    export SmugMug__AllowedImageHosts__0="localhost:$SMUG_PORT" SmugMug__AllowInsecureHosts=true
    export Logging__LogLevel__Default=Warning
    exec dotnet src/TargetVision.Api/bin/Release/net10.0/TargetVision.Api.dll
  ) >"$LOGS/app.log" 2>&1 &
  pids+=($!)

  # A certificate for localhost, trusted only by the tools of this run (NODE_EXTRA_CA_CERTS, Chromium's flag).
  mkdir -p "$LOGS/tls" "$LOGS/templates"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$LOGS/tls/tls.key" -out "$LOGS/tls/tls.crt" >"$LOGS/tls.log" 2>&1 || front_ok=0
  chmod 644 "$LOGS/tls/tls.key"
  # Chromium (Lighthouse) trusts exactly this key, so the page counts as a secure origin without a system CA change.
  SPKI=$(openssl x509 -in "$LOGS/tls/tls.crt" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)
  # The production image and templates, with the listen ports moved to free ones (the container shares the host's
  # network so that it reaches the host-run app on loopback).
  cp -r docker/nginx/templates/. "$LOGS/templates/"
  sed -i "s/listen 8443 /listen 127.0.0.1:$HTTPS_PORT /; s/listen 8080 /listen 127.0.0.1:$HTTP_PORT /" "$LOGS/templates/"*.conf.template
  if ! docker build -f docker/nginx/Dockerfile --build-arg NGINX_IMAGE=localhost/sandbox/nginx:1-alpine -t "$WEB_IMAGE" . >"$LOGS/web-build.log" 2>&1; then
    fail_tail "$LOGS/web-build.log"; front_ok=0
  fi
  WEB_CONTAINER="tv-quality-web-$$"
  docker run -d --name "$WEB_CONTAINER" --network host -e BACKEND_HOST=127.0.0.1 -e BACKEND_PORT="$APP_PORT" \
    -e HTTPS_PUBLIC_PORT="$HTTPS_PORT" -v "$LOGS/tls:/etc/nginx/certs:ro" \
    -v "$LOGS/templates:/etc/nginx/targetvision/templates:ro" "$WEB_IMAGE" >"$LOGS/web-run.log" 2>&1 || front_ok=0

  ready=0
  for _ in $(seq 1 120); do
    if curl -fsS --cacert "$LOGS/tls/tls.crt" "https://localhost:$HTTPS_PORT/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    sleep 1
  done
  if [ "$front_ok" = 1 ] && [ "$ready" = 1 ]; then
    FRONT_URL="https://localhost:$HTTPS_PORT" FRONT_HTTP_PORT=$HTTP_PORT FRONT_HTTPS_PORT=$HTTPS_PORT \
      OWNER_EMAIL=$OWNER_EMAIL OWNER_PASSWORD=$OWNER_PASSWORD REPORT_DIR="$REPORT" CHROMIUM="$TV_CHROMIUM" CHROME_SPKI="$SPKI" \
      NODE_EXTRA_CA_CERTS="$LOGS/tls/tls.crt" LOAD_CLIENTS=${LOAD_CLIENTS:-50} LOAD_SECONDS=${LOAD_SECONDS:-60} \
      node scripts/quality/front.mjs observatory lighthouse load >"$LOGS/front.log" 2>&1
    rc=$?
    # nginx's own view of every request (rt = its request time): which kind of request was slow when load fails.
    docker logs "$WEB_CONTAINER" >"$LOGS/web-access.log" 2>/dev/null
    python3 - "$LOGS/web-access.log" >"$REPORT/load-by-kind.txt" <<'PY'
import re, sys, collections
kinds = collections.defaultdict(list)
for line in open(sys.argv[1], errors='replace'):
    m = re.search(r'"[A-Z]+ (\S+) HTTP/[^"]*" (\d{3}) .* rt=([0-9.]+)', line)
    if not m: continue
    path, status, rt = m.group(1).split('?')[0], int(m.group(2)), float(m.group(3))
    kind = ('thumbnail' if path.endswith('/thumbnail') else 'photo' if re.match(r'^/api/photos/\d+', path)
            else 'module' if path.startswith(('/js/', '/css/')) else re.sub(r'/[^/]*\d[^/]*', '/{id}', path))
    kinds[kind].append((rt, status))
print('load by kind (nginx request time): ' + ', '.join(f'{k} {len(v)}' for k, v in sorted(kinds.items(), key=lambda kv: -len(kv[1]))))
for kind, rows in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
    times = sorted(r for r, _ in rows)
    failed = sum(1 for _, s in rows if s >= 500)
    # 499: the client closed first (the load tool stops mid-request when its time is up).
    closed = sum(1 for _, s in rows if s == 499)
    pick = lambda p: times[min(len(times) - 1, int(p * len(times)))]
    print(f'  {kind}: {len(rows)} requests, p50 {pick(0.5)*1000:.0f} ms, p95 {pick(0.95)*1000:.0f} ms, p99 {pick(0.99)*1000:.0f} ms, max {times[-1]*1000:.0f} ms, 5xx {failed}, closed by the client {closed}')
PY
    sed 's/^/    /' "$REPORT/load-by-kind.txt"
    grep -v '^RESULT' "$LOGS/front.log" | grep -v '^\s*$' | tail -n 8 | sed 's/^/    /'
    while read -r _ name verdict detail; do
      if [ "$verdict" = pass ]; then count_suite "$name" 1 0 0; else count_suite "$name" 0 1 0; fi
      echo "      $detail"
    done < <(grep '^RESULT ' "$LOGS/front.log")
    if [ "$rc" -ne 0 ]; then count_suite "front (runner)" 0 1 0; fail_tail "$LOGS/front.log"; fi
  else
    count_suite "front (start)" 0 1 0
    for f in app.log fake-smugmug.log web-run.log; do [ -s "$LOGS/$f" ] && fail_tail "$LOGS/$f"; done
    docker logs "$WEB_CONTAINER" 2>&1 | tail -n 20 | sed 's/^/    | /'
  fi
else
  step "the front skipped (--no-front)"; SKIPPED=$((SKIPPED + 1))
fi

if [ "$CONTAINERS" = 1 ] && [ "$TESTS" = 1 ]; then
  for script in scripts/quality/faults.sh scripts/quality/backup.sh; do
    if [ -x "$script" ]; then
      step "container stack: $script"
      "$script" >"$LOGS/$(basename "$script").log" 2>&1
      rc=$?
      last=$(tail -n 1 "$LOGS/$(basename "$script").log")
      if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
        count_suite "$(basename "$script" .sh)" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" 0
        [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && count_suite "$(basename "$script" .sh) (runner)" 0 1 0
      else
        count_suite "$(basename "$script" .sh)" 0 1 0
      fi
      grep -E '^(  )?(figure|measure)' "$LOGS/$(basename "$script").log" | sed 's/^/    /' || true
      [ "$rc" -ne 0 ] && fail_tail "$LOGS/$(basename "$script").log"
    else
      step "container stack: $script not present"; SKIPPED=$((SKIPPED + 1))
    fi
  done
else
  step "container faults and backup skipped (pass --containers)"; SKIPPED=$((SKIPPED + 1))
fi

step "figures"
for f in "$REPORT"/*.txt; do [ -f "$f" ] && head -n 1 "$f" | sed 's/^/    /'; done
grep -h '\[known:' "$REPORT"/fuzz.txt 2>/dev/null | sed 's/.*\[known: \(.*\)\]$/    known failure: \1/' | sort | uniq -c | sed 's/^ */    /'
echo "    report: $REPORT (kept with --keep or on failure)"
[ "$FAILED" -gt 0 ] && echo "logs kept in $LOGS"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
