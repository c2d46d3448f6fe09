#!/usr/bin/env bash
# Uploads a photo to the demo's fake SmugMug the way a SmugMug uploader does (POST of the raw bytes to the upload
# host's root, OAuth 1.0a HMAC-SHA1 in the Authorization header, X-Smug-* headers, Content-MD5), signed with the
# demo's pre-approved access token. The next sync (or autopilot run) of TargetVision sees the new photo.
#   scripts/demo-upload.sh FILE ALBUMKEY [TITLE] [CAPTION] [KEYWORDS]
# Environment (defaults match docker-compose.demo.yml):
#   FAKE_SMUGMUG_URL               http://127.0.0.1:${FAKE_SMUGMUG_PORT:-5100}
#   FAKE_SMUGMUG_SEED_TOKEN        demo-seed-token
#   FAKE_SMUGMUG_SEED_TOKEN_SECRET demo-seed-token-secret
#   FAKE_SMUGMUG_CONSUMER_KEY      demo-key
#   FAKE_SMUGMUG_CONSUMER_SECRET   demo-secret
# Album keys: GET /api/v2/user/demo!albums on the fake, or the album's key in TargetVision's library URL.
# Needs curl and openssl. Prints the uploader's JSON reply; exits non-zero unless it says "stat":"ok".
set -euo pipefail
if [ $# -lt 2 ] || [ ! -f "$1" ]; then
  sed -n '5,12p' "$0" >&2
  exit 2
fi
FILE=$1 ALBUM=$2 TITLE=${3:-} CAPTION=${4:-} KEYWORDS=${5:-}

# shellcheck source=scripts/lib/demo-oauth.sh
. "$(dirname "$0")/lib/demo-oauth.sh"
url="$BASE/"
auth=$(oauth_header POST "$url")

md5=$(openssl dgst -md5 -binary "$FILE" | base64)
case "${FILE,,}" in
  *.png) type=image/png ;;
  *.gif) type=image/gif ;;
  *) type=image/jpeg ;;
esac
headers=(
  -H "Authorization: $auth"
  -H "Content-Type: $type"
  -H "Content-MD5: $md5"
  -H "X-Smug-AlbumUri: /api/v2/album/$ALBUM"
  -H "X-Smug-FileName: $(basename "$FILE")"
  -H "X-Smug-ResponseType: JSON"
  -H "X-Smug-Version: v2"
)
[ -n "$TITLE" ] && headers+=(-H "X-Smug-Title: $TITLE")
[ -n "$CAPTION" ] && headers+=(-H "X-Smug-Caption: $CAPTION")
[ -n "$KEYWORDS" ] && headers+=(-H "X-Smug-Keywords: $KEYWORDS")

reply=$(curl -sS -X POST "${headers[@]}" --data-binary "@$FILE" "$url")
printf '%s\n' "$reply"
case $reply in
  *'"stat":"ok"'*) exit 0 ;;
  *) exit 1 ;;
esac
