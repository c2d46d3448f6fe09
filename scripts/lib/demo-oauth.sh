# shellcheck shell=bash
# OAuth 1.0a (HMAC-SHA1) signing for the demo scripts that talk to the fake SmugMug with the demo's pre-approved
# access token. Sourced, not run. Defaults match docker-compose.demo.yml; override with the same variables.
BASE=${FAKE_SMUGMUG_URL:-http://127.0.0.1:${FAKE_SMUGMUG_PORT:-5100}}
BASE=${BASE%/}
TOKEN=${FAKE_SMUGMUG_SEED_TOKEN:-demo-seed-token}
TOKEN_SECRET=${FAKE_SMUGMUG_SEED_TOKEN_SECRET:-demo-seed-token-secret}
CONSUMER_KEY=${FAKE_SMUGMUG_CONSUMER_KEY:-demo-key}
CONSUMER_SECRET=${FAKE_SMUGMUG_CONSUMER_SECRET:-demo-secret}

# RFC 3986 percent-encoding, as OAuth 1.0a wants it (unreserved characters stay, everything else is %XX).
enc() {
  local s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9.~_-]) out+=$c ;;
      *) out+=$(printf '%s' "$c" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g' | tr 'a-f' 'A-F') ;;
    esac
  done
  printf '%s' "$out"
}

# oauth_header METHOD URL: the Authorization header value for a request without query parameters or form body
# (the uploader never signs its body; the GETs of the demo scripts have no query).
oauth_header() {
  local method=$1 url=$2 scheme rest authority path base_uri nonce timestamp params base_string signature
  scheme=$(printf '%s' "${url%%://*}" | tr '[:upper:]' '[:lower:]')
  rest=${url#*://}
  authority=$(printf '%s' "${rest%%/*}" | tr '[:upper:]' '[:lower:]')
  path=/${rest#*/}
  [ "$rest" = "$authority" ] && path=/
  case "$scheme:$authority" in
    http:*:80) authority=${authority%:80} ;;
    https:*:443) authority=${authority%:443} ;;
  esac
  base_uri="$scheme://$authority$path"
  nonce=$(openssl rand -hex 16)
  timestamp=$(date +%s)
  params="oauth_consumer_key=$(enc "$CONSUMER_KEY")&oauth_nonce=$nonce&oauth_signature_method=HMAC-SHA1&oauth_timestamp=$timestamp&oauth_token=$(enc "$TOKEN")&oauth_version=1.0"
  base_string="$method&$(enc "$base_uri")&$(enc "$params")"
  signature=$(printf '%s' "$base_string" | openssl dgst -sha1 -hmac "$(enc "$CONSUMER_SECRET")&$(enc "$TOKEN_SECRET")" -binary | base64)
  printf 'OAuth oauth_consumer_key="%s", oauth_nonce="%s", oauth_signature="%s", oauth_signature_method="HMAC-SHA1", oauth_timestamp="%s", oauth_token="%s", oauth_version="1.0"' \
    "$(enc "$CONSUMER_KEY")" "$nonce" "$(enc "$signature")" "$timestamp" "$(enc "$TOKEN")"
}
