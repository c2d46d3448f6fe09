#!/usr/bin/env bash
# Entrypoint of the backend's dev image (docker-compose.dev.yml): `dotnet watch` with hot reload.
# In a container dotnet watch ignores SIGTERM and SIGINT, and once its app has exited it waits for a file change
# instead of exiting, so `docker stop` would sit out the whole grace period. This runs it as its own process group;
# on a stop signal the whole group gets SIGTERM (the app shuts down gracefully), and once the app is gone the
# watcher is ended.
set -m
dotnet watch --project src/TargetVision.Api/TargetVision.Api.csproj --non-interactive run --no-launch-profile &
watch=$!

app_running() {
  local f
  for f in /proc/[0-9]*/cmdline; do
    [[ $(tr '\0' ' ' <"$f" 2>/dev/null) == */bin/Debug/*/TargetVision.Api* ]] && return 0
  done
  return 1
}

stop() {
  kill -TERM -- "-$watch" 2>/dev/null
  # Bounded by the app's own shutdown timeout; the compose grace period is the backstop.
  for _ in $(seq 1 300); do app_running || break; sleep 0.1; done
  kill -KILL -- "-$watch" 2>/dev/null
  exit 0
}
trap stop TERM INT
wait "$watch"
