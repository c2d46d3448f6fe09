#!/usr/bin/env bash
# A signed GET on the demo's fake SmugMug API with the demo's pre-approved token, to look at what SmugMug holds
# (for example the caption and keywords after a write-back):
#   scripts/demo-smugmug-get.sh /api/v2/image/IMAGEKEY
# Same environment variables as scripts/demo-upload.sh. No query string (it would have to be signed too).
set -euo pipefail
case ${1:-} in
  /api/v2/*) ;;
  *) sed -n '2,6p' "$0" >&2; exit 2 ;;
esac
case $1 in *'?'*) echo "no query string, please" >&2; exit 2 ;; esac
# shellcheck source=scripts/lib/demo-oauth.sh
. "$(dirname "$0")/lib/demo-oauth.sh"
url="$BASE$1"
curl -sS -H "Accept: application/json" -H "Authorization: $(oauth_header GET "$url")" "$url"
echo
