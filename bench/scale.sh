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
  if [ -n "${BENCH_SCALE_STORE:-}" ]; then
    # a store an earlier run loaded and kept (KEEP_WORK=1 bench/run --scale)
    step "scale: the store kept in $BENCH_SCALE_STORE"
    figure scale_orders "$(psql_q -c 'select count(*) from orders')"
    # the figures of its load, from the run that made it
    local kept; kept=$(dirname "$BENCH_SCALE_STORE")
    cp "$kept/logs/scale-load.out" "$LOGS/" 2>/dev/null || : > "$LOGS/scale-load.out"
    local key value
    while IFS=$'\t' read -r key value; do figure "$key" "$value"; done \
      < <(grep -E '^scale_load_' "$kept/figures.tsv" 2>/dev/null || true)
  else
    scale_load
  fi
  local stored; stored=$(get_figure scale_orders)
  figure scale_items_per_order "$(psql_q -c "select round((select count(*) from items)::numeric / $stored, 2)")"
  figure scale_disk_bytes_per_order "$(psql_q -c "select (pg_total_relation_size('orders') + pg_total_relation_size('items')) / $stored")"
  figure scale_disk_orders_table_bytes_per_order "$(psql_q -c "select pg_total_relation_size('orders') / $stored")"
  figure scale_disk_items_table_bytes_per_order "$(psql_q -c "select pg_total_relation_size('items') / $stored")"
  figure scale_database_gib "$(psql_q -c "select round(pg_database_size(current_database()) / 1073741824.0, 1)")"

  figure scale_cache_budget_mib $(( $(to_bytes "$SCALE_BUDGET") >> 20 ))
  sample_ids "$stored"
  local variant
  for variant in "${SCALE_VARIANTS[@]}"; do
    # shellcheck disable=SC2086  # the options are words
    scale_restart_and_read ${variant/=/ }
  done
}

scale_load() {
  scale_disk_check
  psql_q -c 'create extension pg_stat_statements' > /dev/null
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
  # Settle the store as time would: vacuum sets the hint bits and the visibility map (dirtying
  # every page the load wrote), then a checkpoint and sync write all of that out, so the reads
  # below do not share the disk with the aftermath of the load.
  psql_q -c 'vacuum analyze' > /dev/null
  psql_q -c 'checkpoint' > /dev/null
  sync
}

# JVM option sets compared on the one loaded store, in this order, each a fresh start measured the
# same way: NAME=OPTIONS, OPTIONS words separated by commas, added after deploy/jvm.options. The
# first is the documented run command (deploy/jvm.options alone: ZGC), then G1, the JVM's default; each set runs twice, the second round after all the first, which shows how much
# the order of the runs and the noise of the machine move the figures (the p99 of a 15 s run is a
# few stalls). BENCH_SCALE_VARIANTS="a=-X b=-Y,-Z" to choose others.
read -r -a SCALE_VARIANTS <<< "${BENCH_SCALE_VARIANTS:-default= g1=-XX:-UseZGC,-XX:+UseG1GC default-2= g1-2=-XX:-UseZGC,-XX:+UseG1GC}"

# ids the GETs pick from at random, spread over the whole store
sample_ids() {
  local stored=$1
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
}

# scale_restart_and_read NAME [OPTIONS]: a restart on the loaded store with these JVM options, its
# readiness, warm-up and cache figures, then GETs that miss the cache; figures scale_NAME_*.
scale_restart_and_read() {
  local name=$1 opts=() saved=("${SERVICE_JAVA_OPTS[@]}")
  [ -z "${2:-}" ] || IFS=, read -r -a opts <<< "$2"
  local v="scale_${name//-/_}" gclog="$LOGS/gc-scale-$name.log"
  step "scale: restart with $(get_figure scale_orders) orders stored, cache budget $SCALE_BUDGET, JVM options: ${opts[*]:-(none)}"
  SERVICE_JAVA_OPTS+=("${opts[@]}")
  # The class-data archive is made by a JVM with the same options (the collector among them), as
  # it would be in production, by a start that is not measured the first time a set is used.
  SERVICE_ARCHIVE=$WORK/order-service.jsa
  [ ${#opts[@]} = 0 ] || SERVICE_ARCHIVE=$WORK/order-service-$(printf '%s' "${opts[*]}" | md5sum | cut -c1-8).jsa
  if [ ! -f "$SERVICE_ARCHIVE" ]; then
    start_service "scale-$name-archive" "$SCALE_BUDGET" "$SCALE_HEAP"; await_ready 60; stop_service
  fi
  SERVICE_JAVA_OPTS+=("-Xlog:gc,safepoint:file=$gclog:uptimemillis")
  start_service "scale-$name" "$SCALE_BUDGET" "$SCALE_HEAP"
  SERVICE_JAVA_OPTS=("${saved[@]}"); SERVICE_ARCHIVE=""
  await_ready 60
  figure "${v}_ready_ms" "$READY_MS"
  await_log "$SERVICE_LOG" 'cache warm-up (finished|stopped)' 600
  local warmed
  warmed=$(sed -nE 's/.*cache warm-up (finished|stopped at its budget): ([0-9]+) orders.* in ([0-9]+) ms.*/\2 \3/p' "$SERVICE_LOG")
  [ -n "$warmed" ] || fail "no warm-up figures in $SERVICE_LOG"
  set -- $warmed
  figure "${v}_warmup_orders" "$1"
  figure "${v}_warmup_orders_per_s" $(( $1 * 1000 / ($2 > 0 ? $2 : 1) ))
  figure "${v}_cache_mib" $(( $(metric orders_cache_bytes) >> 20 ))
  figure "${v}_cache_entries" "$(metric orders_cache_entries)"
  figure "${v}_live_heap_mib" $(( $(live_heap_bytes) >> 20 ))
  figure "${v}_rss_mib" $(( $(rss_kib "$SERVICE_PID") >> 10 ))
  # Until the id filter has read every stored id, each GET of an id not in the cache is a query,
  # found or not, and the scan shares PostgreSQL with them: the misses are measured after it, in
  # the steady state, and how long a restart takes to reach it is a figure of its own.
  await_log "$SERVICE_LOG" 'id filter filled' 600
  figure "${v}_id_filter_filled_ms" $(( $(now_ms) - START_MS ))

  # JIT warm-up of the read path; it also reads some orders into the cache, which the measured
  # runs' miss share (from the service's own counters) then shows. At most ReadThroughs'
  # MAX_CONCURRENT misses reach PostgreSQL at once (4: half the read pool) and one past that is
  # answered 503 at once (issue 14), so the latency of misses is measured with that many
  # connections, and a run with more shows the bound at work.
  wrk -t1 -c4 -d5s -s "$WORK/scale-ids.lua" "$SERVICE_URL" > /dev/null
  local connections
  for connections in 4 16; do
    local hits0 misses0 up0 up1 out="$LOGS/wrk-scale-$name-c$connections.txt" k="${v}_get_miss_c${connections}"
    local cpu0 cpu1 stat0 stat1 pglog0
    psql_q -c 'select pg_stat_statements_reset()' > /dev/null
    pglog0=$(wc -l < "$LOGS/postgres.log")
    hits0=$(metric orders_cache_hits_total); misses0=$(metric orders_cache_misses_total)
    route_buckets > "$WORK/buckets0"
    cpu0="$(cpu_ticks "$SERVICE_PID") $(cpu_ticks "$(postmaster_pid)")"; stat0=$(head -1 /proc/stat)
    up0=$(( $(now_ms) - START_MS ))
    wrk -t1 -c"$connections" -d"${SCALE_WRK_SECONDS}s" --latency -s "$WORK/scale-ids.lua" "$SERVICE_URL" > "$out"
    up1=$(( $(now_ms) - START_MS ))
    cpu1="$(cpu_ticks "$SERVICE_PID") $(cpu_ticks "$(postmaster_pid)")"; stat1=$(head -1 /proc/stat)
    local hits=$(( $(metric orders_cache_hits_total) - hits0 )) misses=$(( $(metric orders_cache_misses_total) - misses0 ))
    route_buckets > "$WORK/buckets1"
    figure "${k}_req_per_s" "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")"
    figure "${k}_p99_ms" "$(wrk_p99_ms "$out")"
    figure "${k}_requests" "$(awk '/requests in/ { print $1 }' "$out")"
    figure "${k}_not_200" "$(awk '/Non-2xx/ { v = $NF } END { print v + 0 }' "$out")"
    figure "${k}_socket_errors" "$(grep -c 'Socket errors' "$out" || true)"
    figure "${k}_miss_pct" $(( misses * 100 / (hits + misses > 0 ? hits + misses : 1) ))
    # the service's own view, without wrk's coordinated-omission correction: the share of its
    # 200 answers slower than 5 ms, and its GC pauses while wrk ran
    figure "${k}_server_over_5ms_pct" "$(share_over "$WORK/buckets0" "$WORK/buckets1" 0.005)"
    set -- $(stw_pauses_between "$gclog" "$up0" "$up1")
    figure "${k}_pauses_over_1ms" "$1"
    figure "${k}_pause_total_ms" "$2"
    figure "${k}_pause_max_ms" "$3"
    # where the time went meanwhile: CPU of the service and of PostgreSQL (share of one core), the
    # machine's idle and I/O wait (share of all its cores), the read-through statement as
    # PostgreSQL saw it, and the statements of 5 ms or more it logged
    set -- $cpu0 $cpu1
    local hz; hz=$(getconf CLK_TCK)
    figure "${k}_service_cpu_pct" $(( ($3 - $1) * 100 * 1000 / hz / (up1 - up0) ))
    figure "${k}_postgres_cpu_pct" $(( ($4 - $2) * 100 * 1000 / hz / (up1 - up0) ))
    set -- $(printf '%s\n%s\n' "$stat0" "$stat1" | awk '{ t = 0; for (i = 2; i <= NF; i++) t += $i; idle[NR] = $5; io[NR] = $6; tot[NR] = t }
        END { d = tot[2] - tot[1]; printf "%.1f %.1f\n", 100 * (idle[2] - idle[1]) / d, 100 * (io[2] - io[1]) / d }')
    figure "${k}_machine_idle_pct" "$1"
    figure "${k}_machine_iowait_pct" "$2"
    set -- $(psql_q -F' ' -c "select calls, round((1000 * mean_exec_time)::numeric), round(max_exec_time::numeric, 1),
        round((1000 * blk_read_time / greatest(calls, 1))::numeric, 1), round(shared_blks_read::numeric / greatest(calls, 1), 2)
        from pg_stat_statements where query like 'select json from orders where order_uid =%' order by calls desc limit 1")
    figure "${k}_pg_read_through_calls" "${1:-0}"
    figure "${k}_pg_read_through_mean_us" "${2:-}"
    figure "${k}_pg_read_through_max_ms" "${3:-}"
    figure "${k}_pg_read_through_block_read_us_per_call" "${4:-}"
    figure "${k}_pg_read_through_blocks_read_per_call" "${5:-}"
    local slow; slow=$(tail -n +$(( pglog0 + 1 )) "$LOGS/postgres.log" | grep 'duration:' || true)
    figure "${k}_pg_slow_read_throughs" "$(grep -c 'from orders where order_uid' <<< "$slow" || true)"
    figure "${k}_pg_slow_other" "$(if [ -z "$slow" ]; then echo 0; else grep -vc 'from orders where order_uid' <<< "$slow" || true; fi)"
    grep -v 'from orders where order_uid' <<< "$slow" | sed -E 's/.*duration: ([0-9.]+ ms).*(statement|execute [^:]*): /\1 /' | cut -c1-160 \
      > "$LOGS/pg-slow-other-$name-c$connections.txt" || true
  done
  figure "${v}_cache_mib_after_gets" $(( $(metric orders_cache_bytes) >> 20 ))
  figure "${v}_live_heap_mib_after_gets" $(( $(live_heap_bytes) >> 20 ))
  figure "${v}_rss_mib_after_gets" $(( $(rss_kib "$SERVICE_PID") >> 10 ))
  stop_service
}

write_scale_report() {
  local out=$1 f
  f() { get_figure "$1"; }
  local budget first v name
  budget=$(f scale_cache_budget_mib)
  first=${SCALE_VARIANTS[0]%%=*}; v="scale_${first//-/_}"
  {
    echo "# order-service at scale"
    echo
    echo "\`bench/run --scale\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':(exclude)bench/results' || echo ' (uncommitted changes)')."
    echo "$(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average before the run: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') (fsync on, synchronous_commit on, shared_buffers 1GB); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), service heap $SCALE_HEAP, cache budget $SCALE_BUDGET${BENCH_JAVA_OPTS:+, JVM options $BENCH_JAVA_OPTS}."
    [ -z "${BENCH_SCALE_STORE:-}" ] || echo "The store was loaded by an earlier run and kept (\`BENCH_SCALE_STORE\`); the load figures are that run's."
    echo
    echo "Targets (issue 16), for the service started as documented (variant \`$first\`):"
    echo
    echo "| figure | measured | target | verdict |"
    echo "|---|---|---|---|"
    echo "| store filled by StoreLoader (generated orders decoded as ingest does, the real OrderWriter, binary COPY, 2 connections, no broker) | **$(f scale_orders) orders** ($(f scale_items_per_order) items each on average) at $(f scale_load_orders_per_s) orders/s in $(f scale_load_seconds) s, $(f scale_load_postgres_us_per_order) µs of PostgreSQL CPU per order | 10 million | $(verdict "$(f scale_orders)" '>=' 10000000) |"
    echo "| disk per order: orders (with their delivery and payment since V22) and items, with their indexes and TOAST (the served JSON included) | **$(f scale_disk_bytes_per_order) bytes** (orders $(f scale_disk_orders_table_bytes_per_order), items $(f scale_disk_items_table_bytes_per_order)); database $(f scale_database_gib) GiB | (reported) | - |"
    echo "| /health/ready after the start of the JVM | **$(f ${v}_ready_ms) ms** | ≤ 2000 ms | $(verdict "$(f ${v}_ready_ms)" '<=' 2000) |"
    echo "| the id filter filled (every stored id read; until then a GET of an id not cached is always a query) after the start of the JVM | **$(f ${v}_id_filter_filled_ms) ms** | (reported) | - |"
    echo "| warm-up (newest first, until the budget is full) | **$(f ${v}_warmup_orders_per_s) orders/s** ($(f ${v}_warmup_orders) orders) | ≥ 90000/s | $(verdict "$(f ${v}_warmup_orders_per_s)" '>=' 90000) |"
    echo "| cache within its budget | $(f ${v}_cache_mib) MiB of $budget MiB after warm-up, $(f ${v}_cache_mib_after_gets) MiB after the GETs; $(f ${v}_cache_entries) orders; live heap $(f ${v}_live_heap_mib) MiB, then $(f ${v}_live_heap_mib_after_gets) MiB; RSS $(f ${v}_rss_mib) MiB, then $(f ${v}_rss_mib_after_gets) MiB | ≤ budget | $(verdict "$(f ${v}_cache_mib_after_gets)" '<=' "$budget") |"
    echo "| cache-miss GET p99, random stored ids (of $(f scale_sample_ids) spread over the store), wrk -t1 -c4 -d${SCALE_WRK_SECONDS}s (4: the read-throughs allowed at once) | **$(f ${v}_get_miss_c4_p99_ms) ms** at $(f ${v}_get_miss_c4_req_per_s) req/s; $(f ${v}_get_miss_c4_miss_pct)% misses, $(f ${v}_get_miss_c4_not_200) of $(f ${v}_get_miss_c4_requests) not 200; the service's own histogram: $(f ${v}_get_miss_c4_server_over_5ms_pct)% of answers over 5 ms | ≤ 5 ms | $(verdict "$(f ${v}_get_miss_c4_p99_ms)" '<=' 5) |"
    echo "| the same with 16 connections: what is past the bound is answered 503 at once | $(f ${v}_get_miss_c16_requests) requests, $(f ${v}_get_miss_c16_not_200) of them 503; p99 $(f ${v}_get_miss_c16_p99_ms) ms; $(f ${v}_get_miss_c16_miss_pct)% misses | (reported) | - |"
    echo
    echo "Each JVM option set on the same store, one fresh start each, in this order. wrk's p99 includes"
    echo "its coordinated-omission correction (phantom samples for every stall); \"server > 5 ms\" is the"
    echo "share of 200 answers slower than 5 ms in the service's own histogram; pauses are the JVM's"
    echo "safepoints (every stop-the-world pause, whatever the collector) while wrk -c4 ran."
    echo
    echo "| variant | JVM options | ready | id filter filled | warm-up | cache after GETs | live heap | RSS after GETs | -c4 req/s | -c4 p99 | server > 5 ms | pauses ≥ 1 ms (total, max) | -c16 p99 |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    local variant opts
    for variant in "${SCALE_VARIANTS[@]}"; do
      name=${variant%%=*}; opts=${variant#*=}; v="scale_${name//-/_}"
      echo "| $name | ${opts:-(none)} | $(f ${v}_ready_ms) ms | $(f ${v}_id_filter_filled_ms) ms | $(f ${v}_warmup_orders_per_s)/s | $(f ${v}_cache_mib_after_gets) MiB | $(f ${v}_live_heap_mib_after_gets) MiB | $(f ${v}_rss_mib_after_gets) MiB | $(f ${v}_get_miss_c4_req_per_s) | **$(f ${v}_get_miss_c4_p99_ms) ms** | $(f ${v}_get_miss_c4_server_over_5ms_pct)% | $(f ${v}_get_miss_c4_pauses_over_1ms) ($(f ${v}_get_miss_c4_pause_total_ms) ms, $(f ${v}_get_miss_c4_pause_max_ms) ms) | $(f ${v}_get_miss_c16_p99_ms) ms |"
    done
    echo
    echo "Where the time went while wrk -c4 ran: CPU as a share of one core (from /proc, by pid), the"
    echo "machine's idle and I/O wait as a share of its $(nproc) cores, the read-through statement as"
    echo "PostgreSQL's pg_stat_statements saw it (blocks read: from outside its shared buffers, i.e. the"
    echo "operating system's page cache or the disk; block read time with track_io_timing), and the"
    echo "statements of 5 ms or more in its log (other: \`scale-logs/pg-slow-other-*.txt\`)."
    echo
    echo "| variant | service CPU | PostgreSQL CPU | idle | I/O wait | read-through mean | max | blocks read per call | block read time per call | read-throughs ≥ 5 ms | other statements ≥ 5 ms |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    for variant in "${SCALE_VARIANTS[@]}"; do
      name=${variant%%=*}; v="scale_${name//-/_}_get_miss_c4"
      echo "| $name | $(f ${v}_service_cpu_pct)% | $(f ${v}_postgres_cpu_pct)% | $(f ${v}_machine_idle_pct)% | $(f ${v}_machine_iowait_pct)% | $(f ${v}_pg_read_through_mean_us) µs | $(f ${v}_pg_read_through_max_ms) ms | $(f ${v}_pg_read_through_blocks_read_per_call) | $(f ${v}_pg_read_through_block_read_us_per_call) µs | $(f ${v}_pg_slow_read_throughs) of $(f ${v}_pg_read_through_calls) | $(f ${v}_pg_slow_other) |"
    done
    echo
    echo '```'
    column -t -s $'\t' "$FIGURES"
    echo '```'
  } > "$out"
}
