#!/usr/bin/env bash
# bench/misstail.sh: where the tail of cache-miss GET /api/orders/{id} comes from (issue 16).
# A store of MT_ORDERS orders (StoreLoader, as bench/scale.sh), a small cache budget so nearly
# every GET misses, then wrk --latency at -c1, -c2, -c4 with, per run: the GC log of the service,
# pg_stat_statements of the read-through query, statements over 5 ms logged by PostgreSQL, and
# the CPU used by the service, PostgreSQL and wrk (from /proc, by pid). MT_VARIANTS lists JVM
# option sets to compare within the same run (same store, same load on the machine).
# Usage: bench/misstail.sh   (env: MT_ORDERS=1000000 MT_BUDGET=64m MT_HEAP=2g MT_SECONDS=15 MT_IDS=200000)
#
# Read wrk's percentiles with care: wrk 4.x "corrects" for coordinated omission (stats_correct in
# wrk.c): every response slower than twice the mean interval between one connection's requests
# (runtime / (requests / connections), ~0.2 ms here) adds phantom samples at latency - interval,
# latency - 2 * interval, ... So one 10 ms stall on a connection adds ~50 samples: a few GC pauses
# per second are enough to make its p99. Each run therefore also prints the share of phantom
# samples (wrk's done() hook) and the service's own histogram of the route (no correction).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PROFILE=""
MT_ORDERS=${MT_ORDERS:-1000000}; MT_BUDGET=${MT_BUDGET:-64m}; MT_HEAP=${MT_HEAP:-2g}
MT_SECONDS=${MT_SECONDS:-15}; MT_CONNECTIONS=${MT_CONNECTIONS:-"1 2 4"}; MT_IDS=${MT_IDS:-200000}
. .ci/jdk.sh
. bench/lib.sh
require_jdk
install_tools
WORK=$(mktemp -d /tmp/order-misstail.XXXXXX); chmod 755 "$WORK"
trap stop_everything EXIT
LOGS=$WORK/logs; mkdir -p "$LOGS"; chmod 1777 "$LOGS"
FIGURES=$WORK/figures.tsv; : > "$FIGURES"
OUT=${MT_OUT:-/dev/null}; [ "$OUT" = /dev/null ] || : > "$OUT"   # MT_OUT=FILE: the summary to a file too
say() { echo "$*" | tee -a "$OUT"; }
[ -n "${TEST_CP:-}" ] || {
  ./mvnw -q -B -ntp -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/test.classpath" >/dev/null
  TEST_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/test.classpath")"; }

PG_EXTRA_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c log_min_duration_statement=5"
start_postgres; start_nats
psql_q() { "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_q -c 'create extension pg_stat_statements' >/dev/null
start_service empty 64m 1g; await_ready 120; stop_service
t0=$(date +%s)
"$JAVA_HOME/bin/java" -Xmx1g -cp "$TEST_CP" dev.orderservice.bench.StoreLoader "$DB_URL" postgres \
  "$MT_ORDERS" 2 1000 4343 > "$LOGS/load.out" 2> "$LOGS/load.err" || fail "load failed: $(tail -3 "$LOGS/load.err")"
psql_q -c 'vacuum analyze' >/dev/null
say "store: $(psql_q -c 'select count(*) from orders') orders loaded in $(( $(date +%s) - t0 )) s"
psql_q -c "copy (select order_uid from orders order by random() limit $MT_IDS) to stdout" > "$WORK/ids.txt"
cat > "$WORK/ids.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function() return wrk.format("GET", "/api/orders/" .. ids[math.random(#ids)]) end
done = function(summary, latency, requests)
  local samples = 0
  for i = 1, #latency do local _, n = latency(i); samples = samples + n end
  io.write(string.format("wrk-samples %d requests %d phantom %.1f%% mean_us %.0f\n", samples, summary.requests,
    100 * (samples - summary.requests) / samples, latency.mean))
end
LUA

ticks() { cpu_ticks "$1"; }
variant() {
  local name=$1; shift
  SERVICE_JAVA_OPTS=("$@" "-Xlog:gc*,safepoint:file=$LOGS/gc-$name.log:uptimemillis,level,tags")
  start_service "$name" "$MT_BUDGET" "$MT_HEAP"; await_ready 60
  await_log "$SERVICE_LOG" 'cache warm-up (finished|stopped)' 300
  say ""; say "== variant $name: $* (heap $MT_HEAP, budget $MT_BUDGET) $(grep -m1 -oE 'Using [A-Za-z0-9 ]+' "$LOGS/gc-$name.log" || true)"
  wrk -t1 -c4 -d5s -s "$WORK/ids.lua" "$SERVICE_URL" > /dev/null   # JIT warm-up
  local c
  for c in $MT_CONNECTIONS; do
    local out="$LOGS/wrk-$name-c$c.txt" h0 m0 s0 p0 w0 up0 up1 pglog0
    psql_q -c 'select pg_stat_statements_reset()' >/dev/null
    pglog0=$(wc -l < "$LOGS/postgres.log")
    route_buckets > "$LOGS/buckets0"
    h0=$(metric orders_cache_hits_total); m0=$(metric orders_cache_misses_total)
    s0=$(ticks "$SERVICE_PID"); p0=$(ticks "$(postmaster_pid)")
    up0=$(( $(now_ms) - START_MS ))
    wrk -t1 -c"$c" -d"${MT_SECONDS}s" --latency -s "$WORK/ids.lua" "$SERVICE_URL" > "$out" &
    local wrk_pid=$!; sleep $(( MT_SECONDS - 1 )); w0=$(awk '{ print $14 + $15 }' /proc/$wrk_pid/stat); wait $wrk_pid
    up1=$(( $(now_ms) - START_MS ))
    local s1 p1 hits misses hz; s1=$(ticks "$SERVICE_PID"); p1=$(ticks "$(postmaster_pid)"); hz=$(getconf CLK_TCK)
    hits=$(( $(metric orders_cache_hits_total) - h0 )); misses=$(( $(metric orders_cache_misses_total) - m0 ))
    say "-- $name c$c  load $(cut -d' ' -f1-3 /proc/loadavg)  $(awk '/^Requests\/sec/ {print $2 " req/s"}' "$out")  misses $(( misses * 100 / (hits + misses + 1) ))%  non-2xx $(awk '/Non-2xx/ {print $NF}' "$out")"
    route_buckets > "$LOGS/buckets1"
    say "   wrk: $(grep wrk-samples "$out")"
    say "   service-side (own histogram, no correction): $(join "$LOGS/buckets0" "$LOGS/buckets1" | awk '{ d[NR] = $3 - $2; le[NR] = $1 } END { t = d[NR];
        for (i = 1; i <= NR; i++) if (le[i] + 0 == 0.001 || le[i] + 0 == 0.002 || le[i] + 0 == 0.005 || le[i] + 0 == 0.01 || le[i] + 0 == 0.025 || le[i] + 0 == 0.1)
          printf "> %s s: %.3f%%  ", le[i], 100 * (t - d[i]) / (t > 0 ? t : 1); printf "(of %d)", t }')"
    say "   latency $(awk '$1 ~ /^(50|75|90|99)%$/ { printf "%s=%s ", $1, $2 }' "$out") avg $(awk '/Latency/ && !/Distribution/ {print $2 " max " $4; exit}' "$out")"
    say "   cpu% over ${MT_SECONDS}s: service $(( (s1 - s0) * 100 / hz / MT_SECONDS ))  postgres $(( (p1 - p0) * 100 / hz / MT_SECONDS ))  wrk $(( w0 * 100 / hz / (MT_SECONDS - 1) ))"
    # GC and safepoint pauses of the service inside the run's window (JVM uptime in ms)
    say "   gc: $(awk -v a="$up0" -v b="$up1" '
        { t = $1; gsub(/[\[\]ms]/, "", t); t += 0 }
        t < a || t > b { next }
        /gc\s*\]/ && /Pause/ && /ms$/ { n++; v = $NF; sub(/ms/, "", v); v += 0; sum += v; if (v > max) max = v; if (v >= 1) big++ }
        /safepoint/ && /Total:/ { match($0, /Total: [0-9]+ ns/); s = substr($0, RSTART + 7, RLENGTH - 10) / 1e6; sp++; if (s > spmax) spmax = s; if (s >= 1) spbig++ }
        END { printf "%d pauses, total %.1f ms, max %.2f ms, %d >= 1 ms; safepoints %d, max %.2f ms, %d >= 1 ms", n, sum, max, big, sp, spmax, spbig }' "$LOGS/gc-$name.log")"
    say "   pg read-through: $(psql_q -F' ' -c "select 'calls=' || calls || ' mean=' || round(mean_exec_time::numeric, 3) || 'ms max=' || round(max_exec_time::numeric, 2) || 'ms stddev=' || round(stddev_exec_time::numeric, 3) || ' :: ' || left(regexp_replace(query, '\s+', ' ', 'g'), 70) from pg_stat_statements where query ilike '%order_uid%' and query not ilike '%copy%' order by calls desc limit 3")"
    say "   pg statements >= 5 ms logged: $(tail -n +$(( pglog0 + 1 )) "$LOGS/postgres.log" | grep -c 'duration:' || true)"
  done
  [ -z "${MT_KEEP_GC:-}" ] || cp "$LOGS/gc-$name.log" "$MT_KEEP_GC/"
  stop_service
}
# default variants: the documented command (JVM defaults), then the candidates, all in one run
if [ -z "${MT_VARIANTS:-}" ]; then variant default; else eval "$MT_VARIANTS"; fi
say ""; say "done $(date -u +%T)"
