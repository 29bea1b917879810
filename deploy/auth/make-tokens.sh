#!/bin/sh
# Makes the compose deployment's API tokens, once (run by the auth-init service of compose.yaml):
#   /hashes/tokens            the service's ORDERS_AUTH_TOKENS_FILE: names, scopes, SHA-256 hashes only
#   /prometheus/token         the token Prometheus scrapes /metrics with (scope ops)
#   /admin/token              a token for people (every scope): paste it into the web page to sign in
#     docker compose -f deploy/compose.yaml run --rm auth-init cat /admin/token
# Each file lives in its own volume, so the service never sees a token and Prometheus sees only its
# own. To add or revoke tokens, edit /hashes/tokens (the service re-reads it within a second).
set -eu
umask 022
[ -s /hashes/tokens ] && exit 0
new_token() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
admin=$(new_token)
prometheus=$(new_token)
printf '%s' "$prometheus" > /prometheus/token
umask 077
printf '%s\n' "$admin" > /admin/token
umask 022
{
  echo "# NAME SCOPES SHA256HEX; made by deploy/auth/make-tokens.sh"
  echo "admin orders:read,orders:list,rejected:read,ops $(sha256 "$admin")"
  echo "prometheus ops $(sha256 "$prometheus")"
} > /hashes/tokens.new
mv /hashes/tokens.new /hashes/tokens
echo "API tokens made; read the admin token with: docker compose -f deploy/compose.yaml run --rm auth-init cat /admin/token"
