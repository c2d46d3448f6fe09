#!/bin/sh
# Start hook (run by the nginx image's /docker-entrypoint.sh): renders the TargetVision site into /tmp/nginx,
# which stays writable when the root filesystem is read-only. Chooses TLS when a certificate and key are readable.
set -eu

out=/tmp/nginx
tpl=/etc/nginx/targetvision/templates
mkdir -p "$out/conf.d" "$out/snippets" "$out/modules" \
    "$out/client_body" "$out/proxy" "$out/fastcgi" "$out/uwsgi" "$out/scgi"
rm -f "$out"/conf.d/*.conf "$out"/snippets/*.conf "$out"/modules/*.conf

# Security headers: one file shared with the backend (src/TargetVision.Api/Infrastructure/Http/security-headers.txt).
headers_file=/etc/nginx/targetvision/security-headers.txt
file_csp=""
: >"$out/snippets/security-headers-common.conf"
while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    name=${line%%:*}
    value=${line#*:}
    value=${value#"${value%%[! ]*}"}
    case $value in *'"'*) echo "40-targetvision.sh: a header value in $headers_file contains a double quote" >&2; exit 1 ;; esac
    if [ "$name" = "Content-Security-Policy" ]; then
        file_csp=$value
    else
        printf 'add_header %s "%s" always;\n' "$name" "$value" >>"$out/snippets/security-headers-common.conf"
    fi
done <"$headers_file"
[ -n "$file_csp" ] || { echo "40-targetvision.sh: no Content-Security-Policy in $headers_file" >&2; exit 1; }
# CONTENT_SECURITY_POLICY replaces the policy entirely (an escape hatch); CSP_EXTRA_IMG_SRC only widens img-src.
if [ -z "${CONTENT_SECURITY_POLICY:-}" ]; then
    CONTENT_SECURITY_POLICY=$file_csp
    if [ -n "${CSP_EXTRA_IMG_SRC:-}" ]; then
        before=${file_csp%%img-src*}
        rest=${file_csp#*img-src}
        directive=${rest%%;*}
        CONTENT_SECURITY_POLICY="${before}img-src${directive} ${CSP_EXTRA_IMG_SRC}${rest#"$directive"}"
    fi
fi
HTTPS_PORT_SUFFIX=""
[ "${HTTPS_PUBLIC_PORT:-443}" = "443" ] || HTTPS_PORT_SUFFIX=":${HTTPS_PUBLIC_PORT}"
export CONTENT_SECURITY_POLICY HTTPS_PORT_SUFFIX

# Only our own variables are substituted; nginx's $host, $uri, ... must survive.
vars='${BACKEND_HOST} ${BACKEND_PORT} ${CLIENT_MAX_BODY_SIZE} ${PROXY_READ_TIMEOUT} ${CONTENT_SECURITY_POLICY} ${TLS_CERT_FILE} ${TLS_KEY_FILE} ${HTTPS_PORT_SUFFIX}'
render() { envsubst "$vars" <"$1" >"$2"; }

for f in "$tpl"/snippets/*.template; do
    name=${f##*/}
    render "$f" "$out/snippets/${name%.template}"
done

# nginx resolves variables in proxy_pass at request time and needs an explicit resolver for that: use the
# container's (Docker's embedded DNS, or the cluster DNS in Kubernetes).
resolvers=$(awk '$1 == "nameserver" { a = $2; if (a ~ /:/) a = "[" a "]"; printf "%s ", a }' /etc/resolv.conf 2>/dev/null || true)
[ -n "$resolvers" ] || resolvers="127.0.0.11"
printf 'resolver %s valid=10s ipv6=off;\nresolver_timeout 5s;\n' "$resolvers" >"$out/conf.d/00-resolver.conf"
render "$tpl/csp-map.conf.template" "$out/conf.d/01-csp-map.conf"

# TRUSTED_PROXY_CIDRS (space or comma separated): the TLS-terminating proxy or ingress in front of this container. Only
# requests from those addresses may name the client (X-Forwarded-For, via real_ip) and the original scheme
# (X-Forwarded-Proto); from anywhere else nginx uses the peer address and its own scheme, so clients cannot spoof
# either. Empty = nothing in front is trusted.
cidrs=$(printf '%s' "${TRUSTED_PROXY_CIDRS:-}" | tr ',' ' ')
{
    echo 'geo $realip_remote_addr $tv_via_trusted_proxy {'
    echo '    default 0;'
    for cidr in $cidrs; do
        case $cidr in *[!0-9A-Fa-f.:/]*) echo "40-targetvision.sh: TRUSTED_PROXY_CIDRS entry '$cidr' is not an address or CIDR" >&2; exit 1 ;; esac
        echo "    $cidr 1;"
    done
    echo '}'
    for cidr in $cidrs; do echo "set_real_ip_from $cidr;"; done
    if [ -n "$cidrs" ]; then
        echo 'real_ip_header X-Forwarded-For;'
        # The right-most address that is not a trusted proxy: a client cannot prepend its own.
        echo 'real_ip_recursive on;'
    fi
    echo 'map "$tv_via_trusted_proxy:$http_x_forwarded_proto" $tv_forwarded_proto {'
    echo '    default $scheme;'
    echo '    "1:https" https;'
    echo '    "1:http" http;'
    echo '}'
} >"$out/conf.d/02-client-address.conf"
[ -z "$cidrs" ] || echo "40-targetvision.sh: client address and scheme taken from trusted proxies: $cidrs"

if [ -r "${TLS_CERT_FILE:-/nonexistent}" ] && [ -r "${TLS_KEY_FILE:-/nonexistent}" ]; then
    render "$tpl/tls.conf.template" "$out/conf.d/10-site.conf"
    echo "40-targetvision.sh: TLS on (certificate $TLS_CERT_FILE), HTTP redirects to HTTPS"
else
    render "$tpl/http.conf.template" "$out/conf.d/10-site.conf"
    echo "40-targetvision.sh: no certificate at $TLS_CERT_FILE, serving plain HTTP"
fi

# Brotli only where the image ships the module (the official nginx:alpine does not; some distributions do).
for dir in /usr/lib/nginx/modules /etc/nginx/modules /usr/local/nginx/modules; do
    if [ -f "$dir/ngx_http_brotli_filter_module.so" ]; then
        {
            echo "load_module $dir/ngx_http_brotli_filter_module.so;"
            [ ! -f "$dir/ngx_http_brotli_static_module.so" ] || echo "load_module $dir/ngx_http_brotli_static_module.so;"
        } >"$out/modules/brotli.conf"
        {
            echo "brotli on;"
            echo "brotli_comp_level 5;"
            echo "brotli_types text/plain text/css text/javascript application/javascript application/json application/problem+json image/svg+xml;"
            [ ! -f "$dir/ngx_http_brotli_static_module.so" ] || echo "brotli_static on;"
        } >"$out/conf.d/05-brotli.conf"
        echo "40-targetvision.sh: brotli enabled from $dir"
        break
    fi
done
