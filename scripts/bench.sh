#!/usr/bin/env bash
# Every benchmark of TargetVision on this machine, one after another, and docs/performance.md's generated block.
#   scripts/bench.sh [--quick] [--runs N] [--skip SECTIONS] [--no-write]
# Sections: search, ai, sync, embeddings, containers (the containerised stack and the host process behind the same
# nginx: HTTP, search through the API, image sizes, builds, up → healthy, idle memory). --quick uses small sizes
# (< 10 minutes on a clean clone); the full run loads 10k and 100k photos for search and takes an hour or more.
# Repeated runs give a median with min–max; ratios come from the same run. Raw logs: $TV_BENCH_KEEP=1 keeps them.
# TV_BENCH_BACKEND_ENV="NAME=value …" adds variables to the containerised backend (experiments, e.g. GC settings).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
SANDBOX=${TV_SANDBOX_DIR:-$ROOT/../shared/sandbox}

QUICK=0; RUNS=""; RUNS_SET=""; SKIP=""; WRITE=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --runs) RUNS=$2; RUNS_SET=$2; shift ;;
    --skip) SKIP=$2; shift ;;
    --no-write) WRITE=0 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
COMMAND="scripts/bench.sh"
[ $QUICK = 1 ] && COMMAND+=" --quick"
[ -n "$RUNS" ] && COMMAND+=" --runs $RUNS"
[ -n "$SKIP" ] && COMMAND+=" --skip $SKIP"
if [ $QUICK = 1 ]; then
  # Repeated where it is cheap; one run of the slow sections (the full run repeats everything).
  RUNS=${RUNS:-2}; ONCE=${RUNS_SET:-1}; SEARCH_SIZES="2000"; SEARCH_QUERIES=100; EXACT_QUERIES=20
  AI_SECONDS=30; SYNC_PHOTOS=10000; SENTENCES=128; IMAGES=32; HTTP_SECONDS=3; API_QUERIES=40
  # The text model's idle unload (the product's default is 60 s) before the idle memory is read.
  TEXT_IDLE=20
  # The describe batch before the memory reading: enough photos to load the text model and run every stage.
  DESCRIBE_PHOTOS=60
else
  RUNS=${RUNS:-3}; ONCE=$RUNS; SEARCH_SIZES="10000 100000"; SEARCH_QUERIES=500; EXACT_QUERIES=50
  AI_SECONDS=60; SYNC_PHOTOS=10000; SENTENCES=512; IMAGES=64; HTTP_SECONDS=10; API_QUERIES=200
  TEXT_IDLE=60; DESCRIBE_PHOTOS=0
fi
HTTP_CONCURRENCY=4

WORK=$(mktemp -d /tmp/tvbench.XXXXXX)
chmod 755 "$WORK"
RESULTS="$WORK/results.tsv"   # section  run  key  metric  value
META="$WORK/meta.tsv"         # key  value
: >"$RESULTS"; : >"$META"
PROJECT="tvbench-$$"
STARTED=$SECONDS
PIDS=()

since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
meta() { printf '%s\t%s\n' "$1" "$2" >>"$META"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
skipped() { case ",$SKIP," in *",$1,"*) return 0 ;; esac; return 1; }
# result SECTION RUN < lines: "RESULT key metric=value ..." → one TSV row per metric.
collect() {
  local section=$1 run=$2
  grep '^RESULT ' | while read -r _ key rest; do
    for pair in $rest; do
      case $pair in *=*) printf '%s\t%s\t%s\t%s\t%s\n' "$section" "$run" "$key" "${pair%%=*}" "${pair#*=}" >>"$RESULTS" ;; esac
    done
  done
}
# The load average before → after a section, and how long the section took.
section_load() { meta "load:$1" "$2 → $(load) ($((SECONDS - SECT_T)) s)"; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  if [ -n "${DC_UP:-}" ]; then dc down -v --remove-orphans >/dev/null 2>&1 || true; fi
  docker rm -f "$PROJECT-hostweb" >/dev/null 2>&1 || true
  if [ -n "${DC_UP:-}" ]; then
    docker image rm "$PROJECT:bench" "$PROJECT-web:bench" >/dev/null 2>&1 || true
  fi
  scripts/lib/pg-cluster.sh stop "$WORK/pg/data" >/dev/null 2>&1 || true
  if [ "${TV_BENCH_KEEP:-0}" = 1 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'echo interrupted; exit 130' INT TERM

# ---- machine and code -------------------------------------------------------------------------------------
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs/performance.md' || echo ' + uncommitted changes')"
meta machine "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version 2>/dev/null), $(docker --version 2>/dev/null | cut -d, -f1)"
meta command "$COMMAND"
meta runs "$RUNS"
meta load_start "$(load)"
log "benchmarks ($([ $QUICK = 1 ] && echo quick || echo full), $RUNS runs where repeated); work folder $WORK; load $(load)"

# ---- build once -------------------------------------------------------------------------------------------
log "building the benchmark programs (Release)"
# One build of all of them (a solution in the work folder): MSBuild evaluates the shared projects once and builds in
# parallel, where one `dotnet build` per program paid start-up and evaluation eight times.
{
  echo '<Solution>'
  for p in bench/Search/Search.csproj bench/Describe/Describe.csproj bench/SmugMugSync/SmugMugSync.csproj \
           bench/Visual/Visual.csproj bench/Stack/Stack.csproj tests/FakeSmugMug/FakeSmugMug.csproj tests/FakeAi/FakeAi.csproj \
           src/TargetVision.Api/TargetVision.Api.csproj; do
    echo "  <Project Path=\"$ROOT/$p\" />"
  done
  echo '</Solution>'
} >"$WORK/bench.slnx"
t0=$(date +%s.%N)
if ! dotnet build "$WORK/bench.slnx" -c Release >"$WORK/build.log" 2>&1; then tail -n 30 "$WORK/build.log"; echo "build failed"; exit 1; fi
meta build_programs "$(since "$t0") s"
run_bench() { dotnet run -c Release --no-build --project "bench/$1" -- "${@:2}"; }

log "starting a throwaway PostgreSQL cluster"
TV_TEST_PG=$(scripts/lib/pg-cluster.sh start "$WORK/pg/data" 2>"$WORK/pg.log") || { cat "$WORK/pg.log"; exit 1; }
export TV_TEST_PG
psql_() { psql "postgresql://postgres@127.0.0.1:$(cat "$WORK/pg/data/.port")/postgres" -qAt "$@"; }
meta postgres "$(psql_ -c 'SHOW server_version' 2>/dev/null | cut -d' ' -f1), pgvector $(psql_ -c "SELECT default_version FROM pg_available_extensions WHERE name='vector'" 2>/dev/null)"

# ---- 1. search -----------------------------------------------------------------------------------------------
if ! skipped search; then
  if [ $QUICK = 0 ]; then
    # The HNSW indexes of 100k photos must stay in memory (docs/performance.md, Search).
    psql_ -c "ALTER SYSTEM SET shared_buffers = '1GB'" && scripts/lib/pg-cluster.sh stop "$WORK/pg/data" &&
      TV_TEST_PG=$(scripts/lib/pg-cluster.sh start "$WORK/pg/data" 2>>"$WORK/pg.log") && export TV_TEST_PG
  fi
  meta shared_buffers "$(psql_ -c 'SHOW shared_buffers')"
  for size in $SEARCH_SIZES; do
    before=$(load); SECT_T=$SECONDS
    log "search: loading $size photos (kept for the repeated runs)"
    args=(--photos "$size" --queries "$SEARCH_QUERIES" --exact-queries "$EXACT_QUERIES")
    meta "cmd:search:$size" "dotnet run -c Release --project bench/Search -- ${args[*]} (run 1 loads and --keep; runs 2.. --reuse the database)"
    run_bench Search "${args[@]}" --keep >"$WORK/search-$size-1.log" 2>&1 || { tail -n 20 "$WORK/search-$size-1.log"; log "search $size failed"; }
    db=$(sed -n 's/^Database //p' "$WORK/search-$size-1.log" | head -1)
    for run in $(seq 2 "$RUNS"); do
      log "search: $size photos, run $run"
      run_bench Search "${args[@]}" --reuse "$db" >"$WORK/search-$size-$run.log" 2>&1 || log "search $size run $run failed"
    done
    [ -n "$db" ] && psql_ -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1
    for run in $(seq 1 "$RUNS"); do
      # Markdown rows of bench/Search → RESULT lines: modes (p50/p95/p99), vector signals (recall, ratio), indexes.
      awk -F'|' -v size="$size" '
        function t(s) { gsub(/^ +| +$/, "", s); return s }
        NF == 8 && $2 ~ /^ (text|semantic|visual|hybrid|browse)/ && $2 !~ /-d / {
          m = t($2); if (m ~ /one statement/) m = "hybridserial"; else sub(/ .*/, "", m); f = (t($3) == "none") ? "all" : "2019"
          printf "RESULT search_%s_%s_%s p50_ms=%s p95_ms=%s p99_ms=%s\n", size, m, f, t($4), t($5), t($6) }
        NF == 12 && $2 ~ /-d / {
          m = t($2); sub(/ .*/, "", m); q = t($3); f = (t($4) == "none") ? "all" : "2019"; r = t($9); sub(/×/, "", r); r1 = t($11); sub(/×/, "", r1)
          printf "RESULT vector_%s_%s_%s_%s recall10=%s recall10eps=%s indexed_p50_ms=%s exact_p50_ms=%s exact_over_indexed=%s exact1_p50_ms=%s exact1_over_indexed=%s\n", size, m, q, f, t($5), t($6), t($7), t($8), r, t($10), r1 }
        NF == 5 && $2 ~ /(HNSW|GIN)/ { k = t($2); gsub(/[^a-zA-Z0-9]+/, "_", k); s = t($3); sub(/ s$/, "", s); z = t($4); gsub(/ /, "", z)
          printf "RESULT index_%s_%s build_s=%s size=%s\n", size, k, s, z }
        /rows and search documents/ { v = $0; sub(/.*: /, "", v); sub(/ s.*/, "", v); printf "RESULT load_%s rows_s=%s\n", size, v }
      ' "$WORK/search-$size-$run.log" | collect search "$run"
    done
    section_load "search $size" "$before"
  done
fi

# ---- 2. AI batch throughput vs the provider limit --------------------------------------------------------------
if ! skipped ai; then
  before=$(load); SECT_T=$SECONDS
  meta "cmd:ai" "dotnet run -c Release --project bench/Describe -- 120 $AI_SECONDS"
  for run in $(seq 1 "$ONCE"); do
    log "AI throughput: run $run ($AI_SECONDS s per design)"
    run_bench Describe 120 "$AI_SECONDS" >"$WORK/ai-$run.log" 2>&1 || log "describe bench failed (see log)"
    collect ai "$run" <"$WORK/ai-$run.log"
  done
  section_load ai "$before"
fi

# ---- 3. sync --------------------------------------------------------------------------------------------------
if ! skipped sync; then
  before=$(load); SECT_T=$SECONDS
  meta "cmd:sync" "dotnet run -c Release --project bench/SmugMugSync -- $SYNC_PHOTOS 50"
  for run in $(seq 1 "$ONCE"); do
    log "sync: $SYNC_PHOTOS photos, 50 ms per request, run $run"
    run_bench SmugMugSync "$SYNC_PHOTOS" 50 >"$WORK/sync-$run.log" 2>&1
    collect sync "$run" <"$WORK/sync-$run.log"
  done
  section_load sync "$before"
fi

# ---- 4. embeddings ----------------------------------------------------------------------------------------------
if ! skipped embeddings; then
  before=$(load); SECT_T=$SECONDS
  meta "cmd:embeddings" "dotnet run -c Release --project bench/Visual -- text $SENTENCES 100; dotnet run -c Release --project bench/Visual -- $IMAGES 2 16$([ $QUICK = 0 ] && echo ' dense')"
  for run in $(seq 1 "$RUNS"); do
    log "embeddings: run $run"
    run_bench Visual text "$SENTENCES" 100 >"$WORK/text-$run.log" 2>&1
    collect embeddings "$run" <"$WORK/text-$run.log"
    # shellcheck disable=SC2046  # optional word
    run_bench Visual "$IMAGES" 2 16 $([ $QUICK = 0 ] && echo dense) >"$WORK/visual-$run.log" 2>&1
    collect embeddings "$run" <"$WORK/visual-$run.log"
  done
  section_load embeddings "$before"
fi

# ---- 5 + 6. containers and the host process ------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # URL SECONDS
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do [ $SECONDS -lt $deadline ] || return 1; sleep 0.5; done
}
mem_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

if ! skipped containers; then
  if ! docker info >/dev/null 2>&1; then
    log "containers: Docker is not available; skipped (tests/containers/run.sh installs it)"
    meta containers "skipped: no Docker"
  else
    set -a; . "$SANDBOX/images.env"; set +a
    GW=$(docker network inspect bridge -f '{{(index .IPAM.Config 0).Gateway}}' 2>/dev/null || echo 172.17.0.1)
    SMUG_PORT=$(free_port); AI_PORT=$(free_port); WEB_PORT=$(free_port); HOSTWEB_PORT=$(free_port); HOST_API_PORT=$(free_port); DB_PORT=$(free_port)
    # The fakes run once on the host, on the docker bridge gateway address, so the containers and the host process
    # reach the same account and the same fake provider. Photo URLs need a host name (the backend refuses IP hosts):
    # the containers resolve FAKES_HOST to the gateway through extra_hosts.
    FAKES_HOST=tvbench-fakes.internal
    log "containers: starting the fake SmugMug and fake AI on $GW"
    FAKE_SMUGMUG_SEED_TOKEN=bench-token FAKE_SMUGMUG_SEED_TOKEN_SECRET=bench-secret \
      dotnet tests/FakeSmugMug/bin/Release/net10.0/FakeSmugMug.dll --urls "http://$GW:$SMUG_PORT" --seed demo \
      --public-url "http://$FAKES_HOST:$SMUG_PORT" --quiet >"$WORK/fake-smugmug.log" 2>&1 &
    PIDS+=($!)
    dotnet tests/FakeAi/bin/Release/net10.0/FakeAi.dll --urls "http://$GW:$AI_PORT" --latency-ms 50 >"$WORK/fake-ai.log" 2>&1 &
    PIDS+=($!)

    # The build context is a copy of the tracked files (with uncommitted edits), so the one-line change for the warm
    # rebuild never touches the working tree.
    SRC="$WORK/src"; mkdir -p "$SRC"
    git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$SRC"
    ENVF="$WORK/bench.env"
    cp "$SANDBOX/images.env" "$ENVF"
    # One version for every run: it is a build argument of the publish step, so a per-run value would republish an
    # unchanged source (minutes) instead of reusing the build cache. The image names carry the run's project.
    cat >>"$ENVF" <<ENV
HTTP_BIND=127.0.0.1
HTTP_PORT=$WEB_PORT
TARGETVISION_VERSION=bench
TARGETVISION_IMAGE=$PROJECT
TARGETVISION_WEB_IMAGE=$PROJECT-web
DB_PASSWORD=bench-$RANDOM$RANDOM
ENV
    # The bench overlay: the backend talks to the host's fakes, and the database is published on loopback so the
    # host process can use the very same database (same data, same PostgreSQL) for the container/host ratio.
    cat >"$WORK/bench.compose.yml" <<YAML
services:
  backend:
    extra_hosts: ["$FAKES_HOST:host-gateway"]
    environment:
      SmugMug__ApiBaseUrl: http://$GW:$SMUG_PORT/api/v2
      SmugMug__OAuthBaseUrl: http://$GW:$SMUG_PORT/services/oauth/1.0a
      SmugMug__AuthorizeBaseUrl: http://$GW:$SMUG_PORT/services/oauth/1.0a
      SmugMug__AllowedImageHosts__0: $FAKES_HOST:$SMUG_PORT
      SmugMug__AllowInsecureHosts: "true"
      SmugMug__AllowPrivateNetworkHosts: "true"
      SmugMug__SeedAccessToken: bench-token
      SmugMug__SeedAccessTokenSecret: bench-secret
      SMUGMUG_API_KEY: demo-key
      SMUGMUG_API_SECRET: demo-secret
      Anthropic__BaseUrl: http://$GW:$AI_PORT
      OpenAI__BaseUrl: http://$GW:$AI_PORT/v1
      ANTHROPIC_API_KEY: sk-demo-anthropic
      OPENAI_API_KEY: sk-demo-openai
      Ai__RequestsPerMinute: "6000"
      Ai__TextModelIdleSeconds: "$TEXT_IDLE"
$(for kv in ${TV_BENCH_BACKEND_ENV:-}; do printf '      %s: "%s"\n' "${kv%%=*}" "${kv#*=}"; done)
  db:
    ports: ["127.0.0.1:$DB_PORT:5432"]
    networks: [back, benchdb]
networks:
  benchdb: {}
YAML
    dc() { docker compose -p "$PROJECT" --project-directory "$SRC" --env-file "$ENVF" -f "$SRC/docker-compose.yml" -f "$WORK/bench.compose.yml" "$@"; }
    export COMPOSE_PROGRESS=plain
    DC_UP=1
    before=$(load); SECT_T=$SECONDS

    if [ $QUICK = 1 ]; then
      log "containers: building the images (with whatever build cache this machine has)"; label="build (existing build cache)"; nocache=()
    else
      log "containers: cold build (--no-cache)"; label="cold build (--no-cache)"; nocache=(--no-cache)
    fi
    t0=$(date +%s.%N)
    dc build "${nocache[@]}" backend web >"$WORK/build-images.log" 2>&1 || { tail -n 30 "$WORK/build-images.log"; log "image build failed"; }
    printf 'RESULT build seconds=%s\n' "$(since "$t0")" | collect containers 1
    meta build_label "$label"
    for img in "$PROJECT:bench tvbench" "$PROJECT-web:bench tvbench-web"; do
      size=$(docker image inspect -f '{{.Size}}' "${img% *}" 2>/dev/null | awk '{printf "%.0f", $1/1000/1000}')
      echo "RESULT image_${img#* } size_mb=$size" | collect containers 1
    done
    if [ $QUICK = 0 ]; then
      # A one-line source change: only the publish layer and what follows may rebuild (restore stays cached). A
      # publish costs minutes on two cores, so --quick leaves this figure to the full run.
      echo "// bench: one-line change $(date +%s)" >>"$SRC/src/TargetVision.Api/Program.cs"
      t0=$(date +%s.%N)
      dc build backend >"$WORK/rebuild.log" 2>&1 || log "warm rebuild failed"
      printf 'RESULT rebuild seconds=%s restore_cached=%s\n' "$(since "$t0")" \
        "$(grep -A1 'RUN dotnet restore' "$WORK/rebuild.log" | grep -q CACHED && echo yes || echo no)" | collect containers 1
    fi

    for run in $(seq 1 "$ONCE"); do
      [ "$run" -gt 1 ] && dc down -v >/dev/null 2>&1
      t0=$(date +%s.%N)
      if dc up -d --wait >"$WORK/up-$run.log" 2>&1; then
        printf 'RESULT up_wait seconds=%s\n' "$(since "$t0")" | collect containers "$run"
      else
        tail -n 20 "$WORK/up-$run.log"; log "up --wait failed"
      fi
    done
    meta "cmd:containers" "docker compose -f docker-compose.yml -f <bench overlay: host fakes, db on loopback> build backend web / up -d --wait (stand-in base images from $SANDBOX/images.env)"

    log "containers: sync (seed command) and a describe batch"
    wait_http "http://$GW:$SMUG_PORT/api/v2" 30 || true
    t0=$(date +%s.%N)
    dc run --rm --no-deps backend seed >"$WORK/seed.log" 2>&1 || { tail -n 10 "$WORK/seed.log"; log "seed failed"; }
    printf 'RESULT stack_sync seconds=%s photos=%s\n' "$(since "$t0")" \
      "$(sed -n 's/.*failed, \([0-9]*\) photos in the library.*/\1/p' "$WORK/seed.log" | tail -1)" | collect containers 1
    run_bench Stack prepare --base "http://127.0.0.1:$WEB_PORT" --photos "$DESCRIBE_PHOTOS" >"$WORK/prepare.log" 2>&1 || { tail -n 10 "$WORK/prepare.log"; log "describe batch failed"; }
    collect containers 1 <"$WORK/prepare.log"
    # Memory as the kernel accounts it per container (docker stats: the cgroup's usage without reclaimable page
    # cache), right after the batch and idle — past the text model's idle unload (Ai:TextModelIdleSeconds) with the
    # queues drained. For the backend also the process's resident set split into anonymous memory (heaps: the GC's
    # and the native ones) and mapped files (the assemblies and native libraries), and the GC's own figures from its
    # /metrics port (System.Runtime meter), read inside the container with bash — the image has no other client.
    # Every figure in MB (10⁶ bytes), as the report converts docker stats' MiB.
    stats() {
      local cid pid
      for service in backend web db; do
        cid=$(dc ps -q "$service")
        echo "RESULT $1_$service usage=$(docker stats --no-stream --format '{{.MemUsage}}' "$cid" | awk '{print $1}')"
      done
      cid=$(dc ps -q backend); pid=$(docker inspect -f '{{.State.Pid}}' "$cid")
      awk '/^(VmRSS|RssAnon|RssFile):/ { v[$1] = sprintf("%.0f", $2 * 1024 / 1e6) }
        END { printf "RESULT %s_backend_process rss_mb=%s anon_mb=%s file_mb=%s\n", prefix, v["VmRSS:"], v["RssAnon:"], v["RssFile:"] }' \
        prefix="$1" "/proc/$pid/status" 2>/dev/null
      docker exec "$cid" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9090 && printf "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 &&
        while IFS= read -r line <&3; do echo "$line"; done' 2>/dev/null | awk -v prefix="$1" '
        /^dotnet_gc_last_collection_heap_size_bytes/ { heap += $NF }
        /^dotnet_gc_last_collection_memory_committed_size_bytes/ { committed += $NF }
        END { printf "RESULT %s_backend_gc heap_mb=%.0f committed_mb=%.0f\n", prefix, heap / 1e6, committed / 1e6 }'
    }
    meta text_idle "$TEXT_IDLE"
    stats after_batch_memory | collect containers 1
    sleep $((TEXT_IDLE + 15))
    stats idle_memory | collect containers 1
    section_load "containers (build, up, sync, batch)" "$before"

    before=$(load); SECT_T=$SECONDS
    log "containers: HTTP through nginx and search through the API"
    for run in $(seq 1 "$RUNS"); do
      run_bench Stack load --base "http://127.0.0.1:$WEB_PORT" --seconds "$HTTP_SECONDS" --concurrency "$HTTP_CONCURRENCY" >"$WORK/load-container-$run.log" 2>&1
      collect container "$run" <"$WORK/load-container-$run.log"
      run_bench Stack search --base "http://127.0.0.1:$WEB_PORT" --queries "$API_QUERIES" >"$WORK/search-container-$run.log" 2>&1
      collect container "$run" <"$WORK/search-container-$run.log"
    done
    meta "cmd:http" "dotnet run -c Release --project bench/Stack -- load --base URL --seconds $HTTP_SECONDS --concurrency $HTTP_CONCURRENCY; … search --base URL --queries $API_QUERIES"
    section_load "HTTP, container" "$before"

    # The host process: the Release build of the same code, the same database (through the published port) and the
    # same image cache (the container's volume, so the thumbnail is as cached as it was for the container), behind
    # the same nginx image, which reaches it on the docker bridge gateway.
    before=$(load); SECT_T=$SECONDS
    log "host process: starting the backend on $GW:$HOST_API_PORT and the nginx image in front of it"
    dc stop backend >/dev/null 2>&1
    PUB="$ROOT/src/TargetVision.Api/bin/Release/net10.0"
    CACHE_DIR=$(docker volume inspect -f '{{.Mountpoint}}' "${PROJECT}_image-cache" 2>/dev/null || echo "$WORK/host-cache")
    dbpass=$(sed -n 's/^DB_PASSWORD=//p' "$ENVF")
    (
      cd "$PUB" || exit 1
      # exec all the way down: $! is then the backend's own PID (its memory is read below).
      exec env -u ASPNETCORE_HTTP_PORTS ASPNETCORE_URLS="http://$GW:$HOST_API_PORT" DB_HOST=127.0.0.1 DB_PORT="$DB_PORT" \
        DB_NAME=targetvision DB_USER=targetvision DB_PASSWORD="$dbpass" Database__MigrateOnStartup=false \
        Storage__CacheDirectory="$CACHE_DIR" Visual__ModelsDirectory="$WORK/host-models" \
        ForwardedHeaders__KnownNetworks__0=172.16.0.0/12 ForwardedHeaders__KnownNetworks__1=192.168.0.0/16 \
        SmugMug__ApiBaseUrl="http://$GW:$SMUG_PORT/api/v2" SmugMug__AllowedImageHosts__0="$FAKES_HOST:$SMUG_PORT" \
        SmugMug__AllowInsecureHosts=true SmugMug__AllowPrivateNetworkHosts=true SMUGMUG_API_KEY=demo-key SMUGMUG_API_SECRET=demo-secret \
        Anthropic__BaseUrl="http://$GW:$AI_PORT" ANTHROPIC_API_KEY=sk-demo-anthropic \
        dotnet TargetVision.Api.dll
    ) >"$WORK/host-backend.log" 2>&1 &
    HOST_PID=$!; PIDS+=("$HOST_PID")
    docker run -d --name "$PROJECT-hostweb" -p "127.0.0.1:$HOSTWEB_PORT:8080" -e BACKEND_HOST="$GW" -e BACKEND_PORT="$HOST_API_PORT" \
      "$PROJECT-web:bench" >/dev/null
    if wait_http "http://$GW:$HOST_API_PORT/health/live" 90 && wait_http "http://127.0.0.1:$HOSTWEB_PORT/nginx-health" 30; then
      for run in $(seq 1 "$RUNS"); do
        run_bench Stack load --base "http://127.0.0.1:$HOSTWEB_PORT" --seconds "$HTTP_SECONDS" --concurrency "$HTTP_CONCURRENCY" >"$WORK/load-host-$run.log" 2>&1
        collect host "$run" <"$WORK/load-host-$run.log"
        run_bench Stack search --base "http://127.0.0.1:$HOSTWEB_PORT" --queries "$API_QUERIES" >"$WORK/search-host-$run.log" 2>&1
        collect host "$run" <"$WORK/search-host-$run.log"
      done
      echo "RESULT host_backend rss_mb=$(mem_mb "$HOST_PID")" | collect host 1
    else
      tail -n 20 "$WORK/host-backend.log"; log "the host backend did not start"
    fi
    section_load "HTTP, host" "$before"
  fi
fi

meta load_end "$(load)"
meta duration "$(( (SECONDS - STARTED) / 60 )) min $(( (SECONDS - STARTED) % 60 )) s"
log "done in $(( SECONDS - STARTED )) s; writing the report"
[ "${TV_BENCH_KEEP:-0}" = 1 ] && cp "$RESULTS" "$META" /tmp/ 2>/dev/null
if [ $WRITE = 1 ]; then
  python3 scripts/lib/bench-report.py "$META" "$RESULTS" docs/performance.md
else
  python3 scripts/lib/bench-report.py "$META" "$RESULTS" -
fi
