#!/usr/bin/env bash
# THE test command. On Debian/Ubuntu it installs what is missing (PostgreSQL + pgvector, Chromium, Node tooling),
# starts a throwaway PostgreSQL cluster on a free port, builds once, runs every suite (.NET test projects, frontend
# lint + type check, format check, container tests), stops the cluster and prints the totals as its last line:
#   N passed, N failed, N skipped
# Environment: TV_SKIP_CONTAINERS=1 skips the container tests (never in CI), TV_TEST_FILTER passes a
# `dotnet test --filter` expression, TV_KEEP_LOGS=1 keeps the log folder.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOGS=$(mktemp -d /tmp/targetvision-test.XXXXXX)
# The cluster runs as the postgres user when the tests run as root: it must be able to reach its data folder.
chmod 755 "$LOGS"
export TV_LOG="$LOGS/install.log"
PASSED=0; FAILED=0; SKIPPED=0
PG_DIR="$LOGS/pg"

step() { printf '==> %s\n' "$*"; }
fail_tail() { echo "    see $1"; tail -n 40 "$1" | sed 's/^/    | /'; }

cleanup() {
  scripts/lib/pg-cluster.sh stop "$PG_DIR/data" >/dev/null 2>&1 || true
  if [ "${TV_KEEP_LOGS:-0}" != 1 ] && [ "$FAILED" -eq 0 ]; then rm -rf "$LOGS"; fi
}
trap cleanup EXIT

count_suite() { # name passed failed skipped
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3)); SKIPPED=$((SKIPPED + $4))
  printf '    %s: %s passed, %s failed, %s skipped\n' "$1" "$2" "$3" "$4"
}

step "installing prerequisites"
if ! scripts/lib/install-deps.sh; then fail_tail "$TV_LOG"; echo "0 passed, 1 failed"; exit 1; fi

step "starting a throwaway PostgreSQL cluster"
if ! TV_TEST_PG=$(scripts/lib/pg-cluster.sh start "$PG_DIR/data" 2>"$LOGS/pg.log"); then fail_tail "$LOGS/pg.log"; [ -f "$PG_DIR/data.initdb.log" ] && fail_tail "$PG_DIR/data.initdb.log"; echo "0 passed, 1 failed"; exit 1; fi
export TV_TEST_PG
export TV_CHROMIUM=${TV_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
# The CI-sized quality checks (seeded fuzz sample, auth coverage, SSRF) leave their figures here; scripts/quality.sh
# runs the full suite.
export TV_QUALITY_REPORT="$LOGS/quality"

step "building the solution"
if ! dotnet build TargetVision.slnx -c Release -warnaserror >"$LOGS/build.log" 2>&1; then
  fail_tail "$LOGS/build.log"; count_suite build 0 1 0; echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; exit 1
fi

# Before the tests: the browser tests inject axe-core from node_modules.
step "installing frontend tooling (npm ci)"
NPM_OK=1
npm ci --no-audit --no-fund >"$LOGS/npm.log" 2>&1 || NPM_OK=0

for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  step "running $name"
  trx="$LOGS/$name.trx"
  filter=()
  [ -n "${TV_TEST_FILTER:-}" ] && filter=(--filter "$TV_TEST_FILTER")
  dotnet test "$project" -c Release --no-build "${filter[@]}" --logger "trx;LogFileName=$trx" >"$LOGS/$name.log" 2>&1
  rc=$?
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    p=$(get passed); f=$(get failed); total=$(get total); executed=$(get executed)
    f=$(( ${f:-0} + $(get error || echo 0) ))
    s=$(( ${total:-0} - ${executed:-0} ))
    count_suite "$name" "${p:-0}" "$f" "$s"
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && { count_suite "$name (runner)" 0 1 0; }
  else
    count_suite "$name" 0 1 0
  fi
  [ "$rc" -ne 0 ] && fail_tail "$LOGS/$name.log"
done

for f in "$TV_QUALITY_REPORT"/*.txt; do [ -f "$f" ] && head -n 1 "$f" | sed 's/^/    figure: /'; done

step "checking frontend (ESLint, TypeScript checkJs)"
if [ "$NPM_OK" -eq 1 ]; then
  for script in lint typecheck; do
    if npm run --silent "$script" >"$LOGS/$script.log" 2>&1; then count_suite "frontend $script" 1 0 0
    else count_suite "frontend $script" 0 1 0; fail_tail "$LOGS/$script.log"; fi
  done
else
  count_suite "npm ci" 0 1 0; fail_tail "$LOGS/npm.log"
fi

step "checking formatting (dotnet format)"
if dotnet format TargetVision.slnx --verify-no-changes --no-restore >"$LOGS/format.log" 2>&1; then count_suite "dotnet format" 1 0 0
else count_suite "dotnet format" 0 1 0; fail_tail "$LOGS/format.log"; fi

if [ "${TV_SKIP_CONTAINERS:-0}" = 1 ] && [ "${CI:-}" != true ]; then
  step "container tests skipped (TV_SKIP_CONTAINERS=1)"
  SKIPPED=$((SKIPPED + 1))
else
  step "running container tests"
  tests/containers/run.sh >"$LOGS/containers.log" 2>&1
  rc=$?
  last=$(tail -n 1 "$LOGS/containers.log")
  if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    count_suite containers "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" 0
    [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ] && count_suite "containers (runner)" 0 1 0
  else
    count_suite containers 0 1 0
  fi
  grep -E '^(  )?(measure|figure|image|time|memory)' "$LOGS/containers.log" | sed 's/^/    /' || true
  [ "$rc" -ne 0 ] && fail_tail "$LOGS/containers.log"
fi

[ "$FAILED" -gt 0 ] && echo "logs kept in $LOGS"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ]
