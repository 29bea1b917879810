# bench/run --scale: a store of SCALE_ORDERS orders (10 million unless BENCH_SCALE_ORDERS says),
# then what it costs and how the service copes with it: disk per order, readiness, warm-up rate,
# the cache budget respected, and GETs that miss the cache under wrk. Sourced by bench/run after
# PostgreSQL and NATS are up; the store lives in this run's PostgreSQL data directory, under
# $WORK, which stop_everything deletes whatever way the run ends.
#
# The store is filled by bench StoreLoader: generated orders decoded and validated as ingest does
# it and written by the real OrderWriter (binary COPY, batches of 1000 on 2 connections), without
# the broker; every row is one the service itself would have written.

SCALE_ORDERS=${BENCH_SCALE_ORDERS:-10000000}
SCALE_BUDGET=512m; SCALE_HEAP=2g
# ids the GETs pick from at random: far more orders than the cache holds, so that nearly every
# request is a miss read through from PostgreSQL even after the warm-up run
SCALE_SAMPLE_IDS=1000000
SCALE_WRK_SECONDS=15

# Disk the step needs at most: ~2.7 kB per order measured at 1M (bench/results/latest.md), with
# room for the WAL (max_wal_size 8GB) and a margin.
scale_disk_check() {
  local need_kib free_kib
  need_kib=$(( SCALE_ORDERS * 3 + 10 * 1024 * 1024 ))
  free_kib=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
  [ "$free_kib" -ge "$need_kib" ] || fail "--scale with $SCALE_ORDERS orders needs about $(( need_kib >> 20 )) GiB free under $WORK; $(( free_kib >> 20 )) GiB are (BENCH_SCALE_ORDERS=N for a smaller store)"
}

psql_q() { "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

scale_step() {
  scale_disk_check
  # A first start on the empty store: creates the stream and the class-data archive, so the start
  # measured below is a restart, as in production.
  step "scale: first start on an empty store"
  start_service scale-empty 64m 1g
  await_ready 120
  stop_service

  step "scale: loading $SCALE_ORDERS orders through the real writer"
  local before after
  before=$(cpu_ticks "$(postmaster_pid)")
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$TEST_CP" dev.orderservice.bench.StoreLoader "$DB_URL" postgres \
    "$SCALE_ORDERS" 2 1000 4343 > "$LOGS/scale-load.out" 2> "$LOGS/scale-load.err" \
    || fail "loading the store failed; see $LOGS/scale-load.err"
  after=$(cpu_ticks "$(postmaster_pid)")
  tail -4 "$LOGS/scale-load.out"
  figure scale_orders "$(psql_q -c 'select count(*) from orders')"
  figure scale_load_orders_per_s "$(awk '$1 == "load_orders_per_s" { print $2 }' "$LOGS/scale-load.out")"
  figure scale_load_seconds "$(awk '$1 == "load_seconds" { print $2 }' "$LOGS/scale-load.out")"
  figure scale_load_postgres_us_per_order $(( (after - before) * 1000000 / $(getconf CLK_TCK) / SCALE_ORDERS ))
  psql_q -c 'vacuum analyze' > /dev/null
  local stored; stored=$(get_figure scale_orders)
  figure scale_items_per_order "$(psql_q -c "select round((select count(*) from items)::numeric / $stored, 2)")"
  figure scale_disk_bytes_per_order "$(psql_q -c "select (pg_total_relation_size('orders') + pg_total_relation_size('deliveries')
    + pg_total_relation_size('payments') + pg_total_relation_size('items')) / $stored")"
  figure scale_disk_orders_table_bytes_per_order "$(psql_q -c "select pg_total_relation_size('orders') / $stored")"
  figure scale_disk_items_table_bytes_per_order "$(psql_q -c "select pg_total_relation_size('items') / $stored")"
  figure scale_database_gib "$(psql_q -c "select round(pg_database_size(current_database()) / 1073741824.0, 1)")"

  step "scale: restart with $stored orders stored (cache budget $SCALE_BUDGET)"
  start_service scale "$SCALE_BUDGET" "$SCALE_HEAP"
  await_ready 60
  figure scale_ready_ms "$READY_MS"
  await_log "$SERVICE_LOG" 'cache warm-up (finished|stopped)' 600
  local warmed
  warmed=$(sed -nE 's/.*cache warm-up (finished|stopped at its budget): ([0-9]+) orders.* in ([0-9]+) ms.*/\2 \3/p' "$SERVICE_LOG")
  [ -n "$warmed" ] || fail "no warm-up figures in $SERVICE_LOG"
  set -- $warmed
  figure scale_warmup_orders "$1"
  figure scale_warmup_orders_per_s $(( $1 * 1000 / ($2 > 0 ? $2 : 1) ))
  figure scale_cache_budget_mib $(( $(to_bytes "$SCALE_BUDGET") >> 20 ))
  figure scale_cache_mib $(( $(metric orders_cache_bytes) >> 20 ))
  figure scale_cache_entries "$(metric orders_cache_entries)"
  figure scale_live_heap_mib $(( $(live_heap_bytes) >> 20 ))
  figure scale_rss_mib $(( $(rss_kib "$SERVICE_PID") >> 10 ))

  # GET by id, ids drawn at random from a sample spread over the whole store
  step "scale: GET /api/orders/{id} of random stored ids (cache misses), wrk"
  psql_q -c "copy (select order_uid from orders tablesample system (
      least(100, 100.0 * $SCALE_SAMPLE_IDS / $stored)) limit $SCALE_SAMPLE_IDS) to stdout" > "$WORK/scale-ids.txt"
  figure scale_sample_ids "$(wc -l < "$WORK/scale-ids.txt")"
  cat > "$WORK/scale-ids.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/scale-ids.txt") do ids[#ids + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/orders/" .. ids[math.random(#ids)])
end
LUA
  # JIT warm-up of the read path; it also reads some orders into the cache, which the measured
  # runs' miss share (from the service's own counters) then shows. At most ReadThroughs'
  # MAX_CONCURRENT misses reach PostgreSQL at once (4: half the read pool) and one past that is
  # answered 503 at once (issue 14), so the latency of misses is measured with that many
  # connections, and a run with more shows the bound at work.
  wrk -t1 -c4 -d5s -s "$WORK/scale-ids.lua" "$SERVICE_URL" > /dev/null
  local connections
  for connections in 4 16; do
    local hits0 misses0 out="$LOGS/wrk-scale-miss-c$connections.txt"
    hits0=$(metric orders_cache_hits_total); misses0=$(metric orders_cache_misses_total)
    wrk -t1 -c"$connections" -d"${SCALE_WRK_SECONDS}s" --latency -s "$WORK/scale-ids.lua" "$SERVICE_URL" > "$out"
    local hits=$(( $(metric orders_cache_hits_total) - hits0 )) misses=$(( $(metric orders_cache_misses_total) - misses0 ))
    figure "scale_get_miss_c${connections}_req_per_s" "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")"
    figure "scale_get_miss_c${connections}_p99_ms" "$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.3f", v * f }' "$out")"
    figure "scale_get_miss_c${connections}_requests" "$(awk '/requests in/ { print $1 }' "$out")"
    figure "scale_get_miss_c${connections}_not_200" "$(awk '/Non-2xx/ { v = $NF } END { print v + 0 }' "$out")"
    figure "scale_get_miss_c${connections}_socket_errors" "$(grep -c 'Socket errors' "$out" || true)"
    figure "scale_get_miss_c${connections}_miss_pct" $(( misses * 100 / (hits + misses > 0 ? hits + misses : 1) ))
  done
  figure scale_cache_mib_after_gets $(( $(metric orders_cache_bytes) >> 20 ))
  figure scale_live_heap_mib_after_gets $(( $(live_heap_bytes) >> 20 ))
  stop_service
}

write_scale_report() {
  local out=$1 f
  f() { get_figure "$1"; }
  local budget heap_growth
  budget=$(f scale_cache_budget_mib)
  {
    echo "# order-service at scale"
    echo
    echo "\`bench/run --scale\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':(exclude)bench/results' || echo ' (uncommitted changes)')."
    echo "$(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average before the run: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') (fsync on, synchronous_commit on, shared_buffers 1GB), service heap $SCALE_HEAP, cache budget $SCALE_BUDGET${BENCH_JAVA_OPTS:+, JVM options $BENCH_JAVA_OPTS}."
    echo
    echo "| figure | measured | target | verdict |"
    echo "|---|---|---|---|"
    echo "| store filled by StoreLoader (generated orders decoded as ingest does, the real OrderWriter, binary COPY, 2 connections, no broker) | **$(f scale_orders) orders** ($(f scale_items_per_order) items each on average) at $(f scale_load_orders_per_s) orders/s in $(f scale_load_seconds) s, $(f scale_load_postgres_us_per_order) µs of PostgreSQL CPU per order | 10 million | $(verdict "$(f scale_orders)" '>=' 10000000) |"
    echo "| disk per order: orders, deliveries, payments, items with their indexes and TOAST (the served JSON included) | **$(f scale_disk_bytes_per_order) bytes** (orders $(f scale_disk_orders_table_bytes_per_order), items $(f scale_disk_items_table_bytes_per_order)); database $(f scale_database_gib) GiB | (reported) | - |"
    echo "| /health/ready after the start of the JVM | **$(f scale_ready_ms) ms** | ≤ 2000 ms | $(verdict "$(f scale_ready_ms)" '<=' 2000) |"
    echo "| warm-up (newest first, until the budget is full) | **$(f scale_warmup_orders_per_s) orders/s** ($(f scale_warmup_orders) orders) | ≥ 90000/s | $(verdict "$(f scale_warmup_orders_per_s)" '>=' 90000) |"
    echo "| cache within its budget | $(f scale_cache_mib) MiB of $budget MiB after warm-up, $(f scale_cache_mib_after_gets) MiB after the GETs; $(f scale_cache_entries) orders; live heap $(f scale_live_heap_mib) MiB, then $(f scale_live_heap_mib_after_gets) MiB; RSS $(f scale_rss_mib) MiB | ≤ budget | $(verdict "$(f scale_cache_mib_after_gets)" '<=' "$budget") |"
    echo "| cache-miss GET p99, random stored ids (of $(f scale_sample_ids) spread over the store), wrk -t1 -c4 -d${SCALE_WRK_SECONDS}s (4: the read-throughs allowed at once) | **$(f scale_get_miss_c4_p99_ms) ms** at $(f scale_get_miss_c4_req_per_s) req/s; $(f scale_get_miss_c4_miss_pct)% misses, $(f scale_get_miss_c4_not_200) of $(f scale_get_miss_c4_requests) not 200 | ≤ 5 ms | $(verdict "$(f scale_get_miss_c4_p99_ms)" '<=' 5) |"
    echo "| the same with 16 connections: what is past the bound is answered 503 at once | $(f scale_get_miss_c16_requests) requests, $(f scale_get_miss_c16_not_200) of them 503; p99 $(f scale_get_miss_c16_p99_ms) ms; $(f scale_get_miss_c16_miss_pct)% misses | (reported) | - |"
    echo
    echo '```'
    column -t -s $'\t' "$FIGURES"
    echo '```'
  } > "$out"
}
