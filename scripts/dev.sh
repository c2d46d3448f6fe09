#!/usr/bin/env bash
# Runs TargetVision on this machine for development: a private PostgreSQL cluster under ./.data/, migrations
# applied on start, `dotnet watch` for hot reload, the UI served from frontend/ at http://127.0.0.1:8080.
# Options: --port N (default 8080), --demo (start the SmugMug and AI test doubles and point the app at them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
exec scripts/start.sh --host --watch "$@"
