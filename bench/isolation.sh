# bench/run's isolation step (issue 14): does a flood of lookups for unknown ids starve ingest, or
# slow down cache hits? The same backlog size is drained three times in one run, each by a fresh
# start of the service on the same store: quiet; flooded by wrk from 127.0.0.1, which the service
# exempts from its per-client limits like all of loopback (the flood's full weight: what the id
# filter alone does); and flooded from a client it limits ("limited": 127.0.0.2 by bench's Flood,
# only 127.0.0.1 exempt, as a flood from another machine would be). The report gives each
# flooded/quiet ratio.

# The flood: GETs of random ids that were never stored, from FLOOD_CONNECTIONS connections.
write_flood_script() {
  cat > "$WORK/unknown-ids.lua" <<'LUA'
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/orders/never-" .. math.random(1, 1000000000) .. "-" .. math.random(1, 1000000000))
end
LUA
}

# isolation_drain NAME SEED FLOOD(0|1|2): publishes ISOLATION_ORDERS new orders while the service is
# stopped, starts it, and measures the drain of that backlog, then a cache-hit GET's p99, with the
# flood running through both when FLOOD is 1 (exempt, wrk) or 2 (limited, Flood).
isolation_drain() {
  local name=$1 seed=$2 flood=$3 flood_pid="" absent_before absent_after flood_start_ms
  "$JAVA_HOME/bin/java" -jar target/order-service.jar publish --nats-url "$NATS_URL" --count "$ISOLATION_ORDERS" \
    --rate 0 --seed "$seed" --no-progress > "$LOGS/publish-$name.out" 2> "$LOGS/publish-$name.err"
  [ "$flood" != 2 ] || SERVICE_ENV=("ORDERS_HTTP_LIMIT_EXEMPT=127.0.0.1")
  start_service "isolation-$name" "$INGEST_BUDGET" 2g
  SERVICE_ENV=()
  await_ready 120
  await_log "$SERVICE_LOG" 'id filter filled' 120
  if [ "$flood" = 2 ]; then
    "$JAVA_HOME/bin/java" -Xmx128m -cp "$TEST_CP" dev.orderservice.bench.Flood 127.0.0.1 "$SERVICE_PORT" 127.0.0.2 \
      "$FLOOD_CONNECTIONS" 600 > "$LOGS/flood-limited.txt" 2>&1 &
    flood_pid=$!
    PIDS+=("$flood_pid")
  elif [ "$flood" = 1 ]; then
    absent_before=$(metric orders_id_filter_answered_absent_total)
    flood_start_ms=$(now_ms)
    wrk -t1 -c"$FLOOD_CONNECTIONS" -d600s -s "$WORK/unknown-ids.lua" "$SERVICE_URL" > "$LOGS/wrk-flood.txt" 2>&1 &
    flood_pid=$!
    PIDS+=("$flood_pid")
  fi
  drain_rate "$ISOLATION_ORDERS"
  figure "isolation_${name}_ingest_orders_per_s" "$INGEST_RATE"
  local id; id=$(curl -fsS "$SERVICE_URL/api/orders?limit=1" | sed -n 's/.*"order_uid":"\([^"]*\)".*/\1/p')
  curl -fsS -o /dev/null "$SERVICE_URL/api/orders/$id"
  wrk -t1 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "$SERVICE_URL/api/orders/$id" > "$LOGS/wrk-hit-$name.txt"
  figure "isolation_${name}_hit_p99_ms" "$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.3f", v * f }' "$LOGS/wrk-hit-$name.txt")"
  if [ "$flood" = 2 ]; then
    figure isolation_limited_flood_refused "$(metric 'orders_http_refused_total{reason="rate_limit"}')"
    kill "$flood_pid" 2>/dev/null || true
    wait "$flood_pid" 2>/dev/null || true
    figure isolation_limited_flood_answers_per_s "$(sed -n 's/.*per_s=\([0-9]*\).*/\1/p' "$LOGS/flood-limited.txt")"
  elif [ -n "$flood_pid" ]; then
    absent_after=$(metric orders_id_filter_answered_absent_total)
    figure isolation_flood_lookups_per_s $(( (absent_after - absent_before) * 1000 / ($(now_ms) - flood_start_ms) ))
    figure isolation_flood_read_throughs_refused "$(metric orders_read_throughs_refused_total)"
    kill "$flood_pid" 2>/dev/null || true
    wait "$flood_pid" 2>/dev/null || true
  fi
  stop_service
}

isolation_step() {
  write_flood_script
  isolation_drain quiet 1401 0
  isolation_drain flooded 1402 1
  figure isolation_ingest_ratio "$(ratio "$(get_figure isolation_flooded_ingest_orders_per_s)" \
    "$(get_figure isolation_quiet_ingest_orders_per_s)")"
  figure isolation_hit_p99_ratio "$(ratio "$(get_figure isolation_flooded_hit_p99_ms)" \
    "$(get_figure isolation_quiet_hit_p99_ms)")"
  isolation_drain limited 1403 2
  figure isolation_limited_ingest_ratio "$(ratio "$(get_figure isolation_limited_ingest_orders_per_s)" \
    "$(get_figure isolation_quiet_ingest_orders_per_s)")"
  figure isolation_limited_hit_p99_ratio "$(ratio "$(get_figure isolation_limited_hit_p99_ms)" \
    "$(get_figure isolation_quiet_hit_p99_ms)")"
}
