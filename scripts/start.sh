#!/usr/bin/env bash
# The universal way to start TargetVision.
#   With Docker + Compose: `docker compose up` (detached, waits until healthy) and prints the URL.
#   Without Docker: says so, installs PostgreSQL + pgvector on Debian/Ubuntu if missing, runs a private cluster
#   under ./.data/ and the backend directly on the host (it serves the UI too).
# Options:
#   --demo     also start the SmugMug and Anthropic/OpenAI test doubles and point the app at them, so you can click
#              through connect → browse → sync → describe without accounts (everything is labelled demo data)
#   --host     run on the host even when Docker is available
#   --watch    (host) hot reload with dotnet watch (scripts/dev.sh)
#   --port N   port of the UI (default 8080)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DEMO=0; HOST=0; WATCH=0; PORT=${HTTP_PORT:-8080}
while [ $# -gt 0 ]; do
  case "$1" in
    --demo) DEMO=1 ;;
    --host) HOST=1 ;;
    --watch) WATCH=1 ;;
    --port) PORT=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

# What to tell the user to do in the browser: create the owner on a new database, otherwise sign in.
next_step() {  # next_step URL
  local status
  status=$(curl -fsS --max-time 5 "$1/api/auth/status" 2>/dev/null || true)
  case $status in
    *'"setupRequired":true'*) echo "open it and create the owner account" ;;
    *'"setupRequired":false'*) echo "open it and sign in with your owner account" ;;
    *) echo "open it (first run: create the owner account)" ;;
  esac
}

if [ "$HOST" = 0 ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  # Compose files only, no --env-file: .env (when present) keeps being read, by this and by every later command.
  files=(-f docker-compose.yml)
  [ "$DEMO" = 1 ] && files+=(-f docker-compose.dev.yml -f docker-compose.demo.yml)
  echo "Docker found: starting with Docker Compose…"
  HTTP_PORT=$PORT docker compose "${files[@]}" up -d --build --wait
  url="http://127.0.0.1:$PORT"
  echo
  echo "TargetVision is running at $url — $(next_step "$url")."
  [ "$DEMO" = 1 ] && echo "Demo library without clicking through SmugMug: docker compose ${files[*]} run --rm seed"
  echo "Stop everything it started with: docker compose ${files[*]} down"
  exit 0
fi

[ "$HOST" = 0 ] && echo "Docker with Compose is not available here: running TargetVision directly on this machine."
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (https://dot.net) — or install Docker and run: docker compose up" >&2; exit 1; }
echo "  - checking PostgreSQL + pgvector"
scripts/lib/install-deps.sh >/dev/null
echo "  - starting the private PostgreSQL cluster in .data/postgres"
# Stop the cluster on exit only when this run started it (another session may be using it).
started_db=1
pid_file=.data/postgres/postmaster.pid
if [ -f "$pid_file" ] && kill -0 "$(head -n1 "$pid_file")" 2>/dev/null; then started_db=0; fi
CONNECTION=$(scripts/lib/host-db.sh)
mkdir -p .data/cache .data/models

export ConnectionStrings__Default="$CONNECTION"
export Database__MigrateOnStartup=true
export Storage__CacheDirectory="$ROOT/.data/cache"
export Frontend__Path="$ROOT/frontend"
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
unset ASPNETCORE_HTTP_PORTS

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "$started_db" = 1 ]; then
    echo "  - stopping the private PostgreSQL cluster"
    scripts/lib/pg-cluster.sh stop "$ROOT/.data/postgres" || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$DEMO" = 1 ]; then
  echo "  - building and starting the demo doubles (fake SmugMug on :5100, fake Anthropic/OpenAI on :5200)"
  for project in tests/FakeSmugMug tests/FakeAi; do
    dotnet build -c Release "$project" -v quiet >/dev/null || { echo "building $project failed" >&2; exit 1; }
  done
  # Image URLs name "localhost": the image proxy refuses IP-literal hosts even in demo mode.
  dotnet run -c Release --no-build --project tests/FakeSmugMug -- --urls http://localhost:5100 --public-url http://localhost:5100 --seed demo --quiet &
  pids+=($!)
  dotnet run -c Release --no-build --project tests/FakeAi -- --urls http://127.0.0.1:5200 >/dev/null &
  pids+=($!)
  # The doubles accept these keys; the app labels everything as demo data.
  export App__DemoMode=true
  export Autopilot__DemoHourMinutes=${AUTOPILOT_DEMO_HOUR_MINUTES:-60}
  export SMUGMUG_API_KEY=demo-key SMUGMUG_API_SECRET=demo-secret
  export ANTHROPIC_API_KEY=sk-demo-anthropic OPENAI_API_KEY=sk-demo-openai
  export SmugMug__ApiBaseUrl=http://localhost:5100/api/v2
  export SmugMug__OAuthBaseUrl=http://localhost:5100/services/oauth/1.0a
  export SmugMug__AllowedImageHosts__0=localhost:5100
  export SmugMug__AllowInsecureHosts=true
  export Anthropic__BaseUrl=http://127.0.0.1:5200
  export OpenAI__BaseUrl=http://127.0.0.1:5200/v1
fi

echo
echo "TargetVision will be at http://127.0.0.1:$PORT — open it and create the owner account, or sign in if it exists."
stops="the app"
[ "$DEMO" = 1 ] && stops="$stops, the demo doubles"
[ "$started_db" = 1 ] && stops="$stops and the private PostgreSQL cluster"
echo "Ctrl+C stops $stops."
if [ "$WATCH" = 1 ]; then
  dotnet watch --project src/TargetVision.Api run --no-launch-profile
else
  dotnet run -c Release --project src/TargetVision.Api --no-launch-profile
fi
