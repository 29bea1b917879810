#!/usr/bin/env bash
# The image's HEALTHCHECK. The JRE image has neither curl nor wget, and a second JVM per probe
# would cost more than the service's own idle; bash's /dev/tcp makes the one HTTP request needed.
# Healthy when /health/ready answers 200 (PostgreSQL answers, NATS connected, consumer running).
set -euo pipefail
port="${ORDERS_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3
[[ "$status" == "HTTP/1.1 200"* ]]
