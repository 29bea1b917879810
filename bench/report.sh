# bench/run's report: bench/results/latest.md, each figure against its target from issues 4 and 16.

# row LABEL VALUE TARGET_TEXT VERDICT
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }

# verdict VALUE OP LIMIT: PASS or FAIL by awk's numeric comparison (OP is >= or <=).
verdict() {
  awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "") { print "no figure"; exit }
      ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print ok ? "PASS" : "**FAIL**" }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print ""; else printf "%.2f", a / b }'; }

write_report() {
  local out=$1 f
  f() { get_figure "$1"; }
  local get_ratio p99_ratio heap_growth budget_mib
  get_ratio=$(ratio "$(f get_service_req_per_s)" "$(f get_nginx_req_per_s)")
  p99_ratio=$(ratio "$(f get_service_p99_ms)" "$(f get_nginx_p99_ms)")
  local token_ratio token_cost
  token_ratio=$(ratio "$(f get_service_token_req_per_s)" "$(f get_nginx_again_req_per_s)")
  token_cost=$(ratio "$(f get_service_token_req_per_s)" "$(f get_service_req_per_s)")
  heap_growth=$(( $(f ingest_loaded_heap_mib) - $(f empty_heap_mib) ))
  budget_mib=$(f ingest_cache_budget_mib)
  {
    echo "# order-service benchmarks"
    echo
    echo "\`bench/run$([ "$MODE" = quick ] && echo ' --quick')\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':(exclude)bench/results' || echo ' (uncommitted changes)')."
    echo
    echo "## Machine"
    echo
    echo "- CPU: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); memory $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); load average before the run: $LOAD_BEFORE"
    echo "- $(uname -sr); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
    echo "- PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') (fsync on, synchronous_commit on; WAL: $PG_WAL), nats-server $("$NATS_SERVER" --version | awk '{print $2}') (JetStream, file storage), $("$NGINX" -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
    echo "- Load generators share the 2 cores with the servers they measure."
    echo
    echo "## Figures against the targets"
    echo
    echo "| # | figure | measured | target | verdict |"
    echo "|---|---|---|---|---|"
    echo "| 1 | GET /api/orders/{id} (cache hit), wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s | $(f get_service_req_per_s) req/s vs nginx $(f get_nginx_req_per_s) req/s: **${get_ratio}x** | ≥ 0.9x nginx | $(verdict "$get_ratio" '>=' 0.9) |"
    echo "| 1 | the same GET over HTTPS (TLS 1.3, HTTP/1.1) | $(f get_service_tls_req_per_s) req/s, p99 $(f get_service_tls_p99_ms) ms: **$(ratio "$(f get_service_tls_req_per_s)" "$(f get_service_req_per_s)")x** the plain figure | (reported, no target) | - |"
    echo "| 1 | p99 latency | $(f get_service_p99_ms) ms vs nginx $(f get_nginx_p99_ms) ms: **${p99_ratio}x** | ≤ 2x nginx | $(verdict "$p99_ratio" '<=' 2) |"
    echo "| 13 | the same with a bearer token (API tokens file) on every request | $(f get_service_token_req_per_s) req/s vs nginx $(f get_nginx_again_req_per_s) req/s: **${token_ratio}x** (${token_cost}x of the run without a token) | ≥ 0.9x nginx | $(verdict "$token_ratio" '>=' 0.9) |"
    echo "| 2 | ingest: drain a backlog of $ORDERS orders ($(f ingest_items_per_order) items each on average) into PostgreSQL (committed, acked, cached) | **$(f ingest_orders_per_s) orders/s**; CPU meanwhile: service $(f ingest_cpu_service_pct)%, PostgreSQL $(f ingest_cpu_postgres_pct)%, nats-server $(f ingest_cpu_nats_pct)% of one core | ≥ 20000/s | $(verdict "$(f ingest_orders_per_s)" '>=' 20000) |"
    echo "| 2 | CPU per order drained, all processes | **$(f ingest_us_per_order_total) µs** (allows $(f ingest_cpu_bound_orders_per_s) orders/s on $(nproc) cores) | ≤ 100 µs | $(verdict "$(f ingest_us_per_order_total)" '<=' 100) |"
    echo "| 2 | ... of the service | **$(f ingest_us_per_order_service) µs** | ≤ 35 µs | $(verdict "$(f ingest_us_per_order_service)" '<=' 35) |"
    echo "| 2 | ... of PostgreSQL | **$(f ingest_us_per_order_postgres) µs** | ≤ 60 µs | $(verdict "$(f ingest_us_per_order_postgres)" '<=' 60) |"
    echo "| 2 | ... of nats-server | **$(f ingest_us_per_order_nats) µs** | ≤ 10 µs | $(verdict "$(f ingest_us_per_order_nats)" '<=' 10) |"
    echo "| 2 | the writer alone on PostgreSQL (pre-decoded batches, binary COPY, 2 connections) | **$(f ceiling_2w_orders_per_s) orders/s** | ≥ 30000/s | $(verdict "$(f ceiling_2w_orders_per_s)" '>=' 30000) |"
    echo "| 3 | warm-up after a restart with $STORED orders stored | **$(f warmup_orders_per_s) orders/s** ($(f warmup_orders) orders) | ≥ 90000/s | $(verdict "$(f warmup_orders_per_s)" '>=' 90000) |"
    echo "| 3 | /health/ready after the start of the JVM, $STORED orders stored | **$(f ready_after_start_ms) ms** (first start of the JVM, before the class-data archive exists, empty store: $(f empty_ready_ms) ms) | ≤ 2000 ms | $(verdict "$(f ready_after_start_ms)" '<=' 2000) |"
    echo "| 4 | heap per byte of cached JSON ($(f cache_orders) orders of $(f cache_json_bytes_avg) bytes on average) | **$(f heap_bytes_per_json_byte)** | ≤ 1.2 | $(verdict "$(f heap_bytes_per_json_byte)" '<=' 1.2) |"
    echo "| 4 | live heap growth while draining $ORDERS orders with a ${budget_mib} MiB cache budget | **${heap_growth} MiB** ($(f empty_heap_mib) MiB empty, $(f ingest_loaded_heap_mib) MiB loaded; RSS $(f ingest_rss_mib) MiB) | ≤ budget + 64 MiB | $(verdict "$heap_growth" '<=' $(( budget_mib + 64 ))) |"
    echo "| 5 | publisher, \`publish --rate 0\`, $ORDERS orders | **$(f publisher_msgs_per_s) msg/s** | ≥ 50000/s | $(verdict "$(f publisher_msgs_per_s)" '>=' 50000) |"
    echo "| 14 | ingest of a $ISOLATION_ORDERS-order backlog during a flood of GETs of unknown ids (wrk -c$FLOOD_CONNECTIONS, $(f isolation_flood_lookups_per_s) lookups/s answered by the id filter, $(f isolation_flood_read_throughs_refused) refused) vs quiet | $(f isolation_flooded_ingest_orders_per_s) vs $(f isolation_quiet_ingest_orders_per_s) orders/s: **$(f isolation_ingest_ratio)x** | ≥ 0.8x | $(verdict "$(f isolation_ingest_ratio)" '>=' 0.8) |"
    echo "| 14 | cache-hit GET p99 during that flood vs quiet | $(f isolation_flooded_hit_p99_ms) vs $(f isolation_quiet_hit_p99_ms) ms: **$(f isolation_hit_p99_ratio)x** | ≤ 2x | $(verdict "$(f isolation_hit_p99_ratio)" '<=' 2) |"
    echo "| 14 | the same flood from a client admission limits (127.0.0.2, $(f isolation_limited_flood_answers_per_s) answers/s, $(f isolation_limited_flood_refused) refused with 429): ingest vs quiet | $(f isolation_limited_ingest_orders_per_s) vs $(f isolation_quiet_ingest_orders_per_s) orders/s: **$(f isolation_limited_ingest_ratio)x** | ≥ 0.8x | $(verdict "$(f isolation_limited_ingest_ratio)" '>=' 0.8) |"
    echo "| 14 | cache-hit GET p99 during that limited flood vs quiet | $(f isolation_limited_hit_p99_ms) vs $(f isolation_quiet_hit_p99_ms) ms: **$(f isolation_limited_hit_p99_ratio)x** | ≤ 2x | $(verdict "$(f isolation_limited_hit_p99_ratio)" '<=' 2) |"
    echo "| 15 | GET /api/status with $(f console_stored_orders) orders stored, wrk -c$CONSOLE_CONNECTIONS | **p99 $(f get_console_status_p99_ms) ms**, $(f get_console_status_req_per_s) req/s | (reported; was 220-350 ms for one request at 1M) | - |"
    echo "| 15 | GET /api/orders?limit=100, wrk -c$CONSOLE_CONNECTIONS | **p99 $(f get_console_list_p99_ms) ms**, $(f get_console_list_req_per_s) req/s | (reported; was 60 ms for one request at 1M) | - |"
    echo "| 15 | a search of 100 by e-mail ($(f console_email_matches) orders match) / by one day of date_created | **p99 $(f get_console_search_email_p99_ms) ms** / **$(f get_console_search_day_p99_ms) ms** | (reported) | - |"
    echo "| 15 | GET /api/orders.csv, the newest $(f console_csv_rows) orders (the bound), one request | $(f console_csv_ms) ms | (reported) | - |"
    echo
    echo "The GET figures are the better of two interleaved runs of each server on the same $(f order_json_bytes)-byte order."
    [ "$MODE" = quick ] && echo "Quick mode: a smaller backlog and shorter runs; figures 2 to 5 are only indicative at this size (the JIT is still compiling for much of each)."
    echo
    echo "## Ingest: where the CPU goes"
    echo
    echo "- Each order drained cost **$(f ingest_us_per_order_total) µs of CPU**: service $(f ingest_us_per_order_service), PostgreSQL $(f ingest_us_per_order_postgres), nats-server $(f ingest_us_per_order_nats). With all $(nproc) cores doing nothing else that allows at most **$(f ingest_cpu_bound_orders_per_s) orders/s**; 20000/s needs at most $(( $(nproc) * 1000000 / 20000 )) µs per order."
    [ -n "$(f cold_orders_per_s)" ] && echo "- A backlog of $COLD_ORDERS orders drained from a cold start (a service started for it; JIT and class loading weigh more): **$(f cold_orders_per_s) orders/s**, **$(f cold_us_per_order_total) µs** per order: service $(f cold_us_per_order_service), PostgreSQL $(f cold_us_per_order_postgres), nats-server $(f cold_us_per_order_nats)."
    echo "- PostgreSQL alone (the real writer storing pre-decoded batches of 1000, no broker, no decoding, nothing else running), binary COPY as the service writes: **$(f ceiling_2w_orders_per_s) orders/s** on 2 connections ($(f ceiling_2w_postgres_us_per_order) µs of PostgreSQL CPU and $(f ceiling_2w_writer_us_per_order) µs of the writer's per order)$([ -n "$(f ceiling_4w_orders_per_s)" ] && echo ", **$(f ceiling_4w_orders_per_s) orders/s** on 4 ($(f ceiling_4w_postgres_us_per_order) µs)"); the \`unnest\` insert it replaced, in the same run: **$(f ceiling_unnest_2w_orders_per_s) orders/s** on 2 ($(f ceiling_unnest_2w_postgres_us_per_order) µs of PostgreSQL, $(f ceiling_unnest_2w_writer_us_per_order) µs of the writer's)."
    echo "- Disk: $(f ingest_disk_bytes_per_order) bytes per stored order (the whole database over its orders, indexes and the served JSON included)."
    [ -n "$(f ingest_postgres_fk_check_pct)" ] && echo "- Foreign-key checks took $(f ingest_postgres_fk_check_pct)% of PostgreSQL's CPU during the drain (perf; \`logs/postgres-profile.txt\`)."
    if [ -f "$LOGS/jmh.txt" ]; then
      echo
      echo "## JMH (hot paths in isolation; one fork, 2 warm-up and 3 measured iterations)"
      echo
      echo '```'
      cat "$LOGS/jmh.txt"
      echo '```'
    fi
    echo
    echo "## All figures"
    echo
    echo '```'
    column -t -s $'\t' "$FIGURES"
    echo '```'
    echo
    echo "Logs of this run: \`bench/results/logs/\`."
  } > "$out"
}
