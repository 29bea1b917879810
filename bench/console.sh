# bench/run's console step (issue 15): what the support console costs with the whole store in
# PostgreSQL (1M orders in a full run), on the service left running by the drain step. p99 under
# wrk of GET /api/status (its counts are O(1): store_counts), of a list page of 100 (the item count
# kept in the row, no subquery per row) and of two searches of 100: by e-mail (an expression index
# on the order row) and by a day of date_created. CONSOLE_CONNECTIONS: a console is used by tens
# of people, each page polling the status every 2 s, not by a CDN's worth of clients.
CONSOLE_CONNECTIONS=16

# console_email: the e-mail of the newest order's delivery (the generator repeats e-mails, so it matches more).
console_email() {
  "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -c "select delivery_email from orders order by seq desc limit 1"
}

console_step() {
  local email day matches
  email=$(console_email)
  day=$("$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -c "select to_char(date_created at time zone 'UTC', 'YYYY-MM-DD') from orders order by seq desc limit 1")
  matches=$("$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -c "select count(*) from orders where lower(delivery_email) = lower('$email')")
  # the plans of the searches measured, for the logs (literal values: the service's are bound)
  "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres > "$LOGS/console-plans.txt" 2>&1 <<SQL || true
explain (analyze, buffers) select o.seq, o.order_uid, o.payment_amount, o.item_count from orders o
  where o.seq < 9223372036854775807 order by o.seq desc limit 101;
explain (analyze, buffers) select o.seq, o.order_uid, o.payment_amount, o.item_count from orders o
  where o.seq < 9223372036854775807 and lower(o.delivery_email) = lower('$email')
  order by o.seq desc limit 101;
explain (analyze, buffers) select o.seq, o.order_uid, o.payment_amount, o.item_count from orders o
  where o.seq < 9223372036854775807 and o.date_created >= '$day' and o.date_created < date '$day' + 1
  order by o.seq desc limit 101;
explain (analyze, buffers) select coalesce(sum(orders), 0), coalesce(sum(rejected), 0) from store_counts;
SQL
  figure console_stored_orders "$(curl -fsS "$SERVICE_URL/api/status" | sed -n 's/.*"orders":\([0-9-]*\).*/\1/p')"
  figure console_email_matches "$matches"
  local saved=$WRK_CONNECTIONS
  WRK_CONNECTIONS=$CONSOLE_CONNECTIONS
  wrk_run console_status "$SERVICE_URL/api/status"
  wrk_run console_list "$SERVICE_URL/api/orders?limit=100"
  wrk_run console_search_email "$SERVICE_URL/api/orders?limit=100&email=$(printf '%s' "$email" | sed 's/@/%40/; s/+/%2B/g')"
  wrk_run console_search_day "$SERVICE_URL/api/orders?limit=100&from=$day&to=$(date -u -d "$day + 1 day" +%F)"
  WRK_CONNECTIONS=$saved
  # one export of the newest 10000 (the bound): its time and size, not under load
  local start_ms; start_ms=$(now_ms)
  curl -fsS -o "$WORK/orders.csv" "$SERVICE_URL/api/orders.csv"
  figure console_csv_ms $(( $(now_ms) - start_ms ))
  figure console_csv_rows $(( $(wc -l < "$WORK/orders.csv") - 1 ))
}
