# Functions of bench/run: the processes it starts, the measurements it takes, the report it writes.
# Every process started here is stopped by stop_everything, whatever way the run ends.

PIDS=()
# extra NAME=value settings for the next start_service, and the scheme it then speaks
SERVICE_ENV=()
# extra JVM options for the next start_service, after deploy/jvm.options (e.g. -Xlog:gc*:file=...,
# or another collector: BENCH_JAVA_OPTS="-XX:-UseZGC -XX:+UseG1GC" bench/run ... starts every
# service of a run with them)
read -r -a SERVICE_JAVA_OPTS <<< "${BENCH_JAVA_OPTS:-}"
SERVICE_SCHEME=http
INGEST_CPU=()
INGEST_US=()
SERVICE_PID=""
# the service run whose drain --profile profiles (profile_drain_begin), for drain_rate
PROFILE_DRAIN=""

step() { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }
fail() { echo "bench/run: $*" >&2; exit 1; }
figure() { printf '%s\t%s\n' "$1" "$2" >> "$FIGURES"; printf '   %-32s %s\n' "$1" "$2"; }
get_figure() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$FIGURES"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (their services are not started)"
    # policy-rc.d keeps Debian from starting nginx or PostgreSQL on their standard ports
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    rm -f /usr/sbin/policy-rc.d
  fi
  PGBIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  NATS_SERVER=$(command -v nats-server || echo /usr/sbin/nats-server)
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

free_port() {
  local port
  while :; do
    port=$(shuf -i 20000-59999 -n 1)
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

await_port() {
  local port=$1 what=$2 deadline=$(( $(date +%s) + 30 ))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what did not open port $port; see $LOGS"
    sleep 0.1
  done
}

# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# start_postgres: PG_EXTRA_OPTIONS adds server options (-c name=value ...), e.g. to load
# pg_stat_statements for a profile of the statements.
start_postgres() {
  PG_PORT=$(free_port)
  # PG_DATA: a data directory an earlier run kept (KEEP_WORK=1), started as it is, not initialised
  PG_DATA=${PG_DATA:-$WORK/pg}
  PG_REUSED=1
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    PG_REUSED=""
    mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA"
    as_pg "$PGBIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale > "$LOGS/initdb.log"
  fi
  # Durable as in production: fsync, synchronous commit and full page writes stay on.
  as_pg "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$LOGS/postgres.log" -w start -o "-p $PG_PORT -k $PG_DATA \
    -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB -c fsync=on -c synchronous_commit=on ${PG_EXTRA_OPTIONS:-}" \
    > /dev/null
  PG_STARTED=1
  DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PG_PORT"
  PG_WAL="the data directory of an earlier run, as it was left"
  [ -n "$PG_REUSED" ] || warm_wal "${BENCH_WARM_WAL_GB:-4}"
}

# warm_wal GB: fills PostgreSQL's WAL with GB of messages and checkpoints, so that the runs recycle
# WAL files as a server that has been running does, instead of creating each one. A fresh cluster
# creates a file per 16 MB of WAL: the writer alone cost PostgreSQL 60-63 µs per order in the first
# run on a fresh cluster and 45-47 µs in the next two (docs/performance.md). BENCH_WARM_WAL_GB=0:
# none, as a fresh cluster.
warm_wal() {
  PG_WAL="a fresh cluster's, not warmed (BENCH_WARM_WAL_GB=0)"
  [ "$1" -gt 0 ] || return 0
  PG_WAL="files warmed with $1 GB as on a server that has been running: bench/lib.sh warm_wal"
  "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres -c checkpoint \
    -c "select count(pg_logical_emit_message(false, 'bench', repeat('x', 1048576))) from generate_series(1, $1 * 1024)" \
    -c checkpoint > /dev/null
  echo "PostgreSQL's WAL warmed: $(find "$PG_DATA/pg_wal" -maxdepth 1 -type f | wc -l) files"
}

start_nats() {
  local port; port=$(free_port)
  "$NATS_SERVER" -a 127.0.0.1 -p "$port" -js -sd "$WORK/nats" > "$LOGS/nats.log" 2>&1 &
  NATS_PID=$!
  PIDS+=("$NATS_PID")
  await_port "$port" nats-server
  NATS_URL="nats://127.0.0.1:$port"
  echo "nats-server $("$NATS_SERVER" --version | awk '{print $2}') on port $port"
}

start_nginx() {
  local file=$1 port; port=$(free_port)
  mkdir -p "$WORK/nginx/root" "$WORK/nginx/tmp"
  cp "$file" "$WORK/nginx/root/order.json"
  # A production-like static server: one worker per core, no access log, keep-alive not cut short.
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $LOGS/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp;
  keepalive_requests 1000000;
  open_file_cache max=16;
  server {
    listen 127.0.0.1:$port;
    root $WORK/nginx/root;
    location / { default_type application/json; }
  }
}
CONF
  "$NGINX" -c "$WORK/nginx/nginx.conf" -e "$LOGS/nginx-error.log" > "$LOGS/nginx.out" 2>&1 &
  PIDS+=($!)
  await_port "$port" nginx
  NGINX_URL="http://127.0.0.1:$port"
}

# start_service NAME CACHE_BUDGET HEAP: the packaged jar against this run's PostgreSQL and NATS.
start_service() {
  local name=$1 budget=$2 heap=$3
  SERVICE_PORT=$(free_port)
  SERVICE_URL="$SERVICE_SCHEME://127.0.0.1:$SERVICE_PORT"
  SERVICE_LOG="$LOGS/service-$name.log"
  local profile=()
  [ -z "$PROFILE" ] || profile=("-XX:StartFlightRecording=filename=$LOGS/service-$name.jfr,settings=profile")
  # Class data sharing as the README recommends: the first start writes the archive at exit,
  # later starts map it instead of loading and verifying thousands of classes again.
  # SERVICE_ARCHIVE: another archive, for starts with JVM options the default one was not made with
  profile+=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=${SERVICE_ARCHIVE:-$WORK/order-service.jsa}")
  # AUTH_TOKENS_FILE set: the service asks every API request for a token from that file
  local auth=()
  [ -z "${AUTH_TOKENS_FILE:-}" ] || auth=("ORDERS_AUTH_TOKENS_FILE=$AUTH_TOKENS_FILE")
  START_MS=$(now_ms)
  ORDERS_DB_URL=$DB_URL ORDERS_DB_USER=postgres ORDERS_NATS_URL=$NATS_URL ORDERS_HTTP_PORT=$SERVICE_PORT \
    ORDERS_HTTP_HOST=127.0.0.1 ORDERS_CACHE_MAX_BYTES=$budget \
    env "${SERVICE_ENV[@]}" "${auth[@]}" "$JAVA_HOME/bin/java" "@$ROOT/deploy/jvm.options" "-Xmx$heap" "${profile[@]}" "${SERVICE_JAVA_OPTS[@]}" -jar "$ROOT/target/order-service.jar" serve > "$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
}

await_ready() {
  local timeout_s=$1 deadline code
  deadline=$(( START_MS + timeout_s * 1000 ))
  while :; do
    code=$(curl -ks -o /dev/null -w '%{http_code}' "$SERVICE_URL/health/ready" || true)
    [ "$code" = 200 ] && break
    kill -0 "$SERVICE_PID" 2>/dev/null || fail "the service exited; see $SERVICE_LOG"
    [ "$(now_ms)" -lt "$deadline" ] || fail "the service was not ready within $timeout_s s; see $SERVICE_LOG"
    sleep 0.02
  done
  READY_MS=$(( $(now_ms) - START_MS ))
}

stop_service() {
  [ -n "$SERVICE_PID" ] || return 0
  kill "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}

await_log() {
  local file=$1 pattern=$2 timeout_s=$3 deadline=$(( $(date +%s) + $3 ))
  until grep -Eq "$pattern" "$file"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "no '$pattern' in $file within $timeout_s s"
    sleep 0.1
  done
}

# metric NAME[{LABELS}]: the value of one sample, read with name[] so the service renders that
# family alone
metric() {
  curl -fsSg "$SERVICE_URL/metrics?name[]=${1%%\{*}" | awk -v m="$1" '$1 == m { printf "%.0f\n", $2; found = 1 } END { if (!found) print 0 }'
}

# cpu_ticks PID: CPU time (clock ticks) used so far by that process and its children: its own, that
# of children that have exited (the kernel adds it to the parent once it has waited for them, as
# the postmaster does for its backends) and that of the children still running. By PID, never by
# command line: on a shared machine other services, PostgreSQLs and nats-servers match a pattern.
cpu_ticks() {
  local total child
  total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0)
  for child in $(pgrep -P "$1"); do
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

postmaster_pid() { head -1 "$PG_DATA/postmaster.pid"; }

# drain_rate N: orders per second from the first stored order until N are stored; only the
# drain is timed, not the JVM start or the connection to the broker. Also records the share of
# a core that the service, PostgreSQL and nats-server each used meanwhile. The count is read from
# /metrics twice a second, its one family only (name[]): a whole scrape renders every meter, and
# in a profiled drain those scrapes were a fifth of the service's allocation (4 KiB per order at
# 6.7k orders/s): load of the benchmark's making, not ingest's.
drain_rate() {
  local total=$1 count first_ms first_count now
  first_count=0; first_ms=0
  local cpu_start=() cpu_end=() who=("$SERVICE_PID" "$(postmaster_pid)" "$NATS_PID")
  local deadline=$(( $(date +%s) + 900 ))
  while :; do
    count=$(metric orders_ingested_total)
    now=$(now_ms)
    if [ "$first_ms" = 0 ] && [ "$count" -gt 0 ]; then
      first_ms=$now; first_count=$count
      for k in 0 1 2; do cpu_start[$k]=$(cpu_ticks "${who[$k]}"); done
      [ -z "$PROFILE_DRAIN" ] || profile_drain_mark start "$first_ms"
    fi
    [ "$count" -ge "$total" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || fail "only $count of $total orders stored after 15 minutes"
    sleep 0.5
  done
  INGEST_RATE=$(( (count - first_count) * 1000 / (now - first_ms > 0 ? now - first_ms : 1) ))
  local ticks_per_s; ticks_per_s=$(getconf CLK_TCK)
  for k in 0 1 2; do
    cpu_end[$k]=$(cpu_ticks "${who[$k]}")
    INGEST_CPU[$k]=$(( (cpu_end[$k] - cpu_start[$k]) * 100000 / ticks_per_s / (now - first_ms > 0 ? now - first_ms : 1) ))
    INGEST_US[$k]=$(( (cpu_end[$k] - cpu_start[$k]) * 1000000 / ticks_per_s / (count - first_count > 0 ? count - first_count : 1) ))
  done
  [ -z "$PROFILE_DRAIN" ] || profile_drain_mark end "$now" $(( count - first_count ))
}

# profile_drain_begin NAME N: --profile's drain (bench/run's drain NAME N profiled), before its
# service starts: the run's facts for the report, and pg_stat_statements (loaded by
# PG_EXTRA_OPTIONS) in the service's database. drain_rate then calls profile_drain_mark at the
# drain's first stored order and when all N are stored, and write_profile_report turns what they
# leave in the logs into bench/results/profile.md.
profile_drain_begin() {
  PROFILE_DRAIN=$1
  local dirty; git diff --quiet HEAD -- . ':(exclude)bench/results' || dirty=' (uncommitted changes)'
  printf '%s\t%s\n' name "$1" target "$2" date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    commit "$(git rev-parse --short HEAD)${dirty:-}" command "bench/run${BENCH_ARGS:+ $BENCH_ARGS}" \
    load_before "$LOAD_BEFORE" cores "$(nproc)" clk_tck "$(getconf CLK_TCK)" > "$LOGS/profile-drain.tsv"
  "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'create extension if not exists pg_stat_statements' > /dev/null
}

# profile_drain_mark start|end MS [ORDERS]: at one end of the profiled drain's window, each thread
# of the service as "TID<TAB>utime+stime<TAB>name" (/proc/PID/task/*/stat, the name cut to 15
# characters by the kernel), the whole process's CPU ticks and the load average just after; at
# the start pg_stat_statements is reset, at the end its statements are written out.
profile_drain_mark() {
  local when=$1 task stat fields
  for task in /proc/"$SERVICE_PID"/task/*; do
    { read -r stat < "$task/stat"; } 2> /dev/null || continue  # a thread that ended meanwhile
    read -r -a fields <<< "${stat##*)}"  # from field 3 on: utime is field 14, stime 15
    stat=${stat#*(}
    printf '%s\t%s\t%s\n' "${task##*/}" $(( fields[11] + fields[12] )) "${stat%)*}"
  done > "$LOGS/profile-threads-$when.tsv"
  printf '%s\t%s\n' "${when}_service_ticks" "$(cpu_ticks "$SERVICE_PID")" "${when}_ms" "$2" \
    "load_$when" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$LOGS/profile-drain.tsv"
  if [ "$when" = start ]; then
    "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres -c 'select pg_stat_statements_reset()' > /dev/null
  else
    printf 'orders\t%s\nperf_seconds\t%s\n' "$3" "${PERF_SECONDS:-}" >> "$LOGS/profile-drain.tsv"
    "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "select calls, rows, round(total_exec_time) as total_ms,
        round((total_exec_time * 1000 / greatest($3, 1))::numeric, 2) as us_per_order, left(regexp_replace(query, '\s+', ' ', 'g'), 90) as query
      from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 12" \
      > "$LOGS/profile-statements.txt" 2>&1 || true
  fi
}

# write_profile_report FILE: bench/ProfileReport.java on this run's directory (after the service of
# the profiled drain has stopped, so that its JFR recording is written)
write_profile_report() {
  [ -f "$LOGS/profile-drain.tsv" ] || return 0
  step "writing the profile of the drain: $1"
  "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC "$ROOT/bench/ProfileReport.java" "$WORK" "$1" \
    || echo "bench/run: the profile report failed (the run's directory: KEEP_WORK=1 keeps it)" >&2
}

# writer_ceiling WRITERS N [ROWS]: the real OrderWriter storing N pre-decoded orders on WRITERS
# connections into a database of its own, with no broker and no decoding: the rate PostgreSQL
# allows on this machine. ROWS is how rows reach PostgreSQL: COPY (as the service writes, the
# default; figures ceiling_<W>w_*) or UNNEST (the insert kept as fallback; ceiling_unnest_<W>w_*).
# Records the rate, PostgreSQL's CPU per order and the writer's own.
writer_ceiling() {
  local writers=$1 n=$2 rows=${3:-COPY} db="ceiling_${3:-copy}_$1" before after key
  key=$([ "$rows" = COPY ] && echo "ceiling_${writers}w" || echo "ceiling_${rows,,}_${writers}w")
  db=${db,,}
  "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "create database $db" -c checkpoint > /dev/null
  before=$(cpu_ticks "$(postmaster_pid)")
  "$JAVA_HOME/bin/java" -Xmx2g -cp "$TEST_CP" dev.orderservice.bench.WriterCeiling \
    "jdbc:postgresql://127.0.0.1:$PG_PORT/$db" postgres "$n" "$writers" 1000 "$rows" > "$LOGS/$key.out" \
    2> "$LOGS/$key.err" || fail "the writer ceiling failed; see $LOGS/$key.err"
  sleep 0.5  # the postmaster adds its backends' CPU once it has reaped them
  after=$(cpu_ticks "$(postmaster_pid)")
  figure "${key}_disk_bytes_per_order" "$("$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" \
    -c "select pg_database_size(current_database()) / $n")"
  "$PGBIN/psql" -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "drop database $db" > /dev/null
  figure "${key}_orders_per_s" "$(awk '$1 == "pg_alone_orders_per_s" { print $2 }' "$LOGS/$key.out")"
  figure "${key}_postgres_us_per_order" $(( (after - before) * 1000000 / $(getconf CLK_TCK) / n ))
  figure "${key}_writer_us_per_order" "$(awk '$1 == "pg_alone_client_us_per_order" { print $2 }' "$LOGS/$key.out")"
}

# profile_postgres SECONDS: perf samples of this run's PostgreSQL backends, in the background;
# postgres_profile then writes the functions with the largest inclusive share to the logs.
profile_postgres() {
  command -v perf > /dev/null || { echo "perf is not installed (apt-get install linux-perf); no PostgreSQL profile"; return 0; }
  local pids; pids=$(pgrep -d, -P "$(postmaster_pid)")
  perf record -F 499 -g -o "$WORK/postgres.perf" -p "$pids" -- sleep "$1" > /dev/null 2>&1 &
  PERF_PID=$!
  PERF_SECONDS=$1
}

postgres_profile() {
  [ -n "${PERF_PID:-}" ] || return 0
  wait "$PERF_PID" || true
  perf report -i "$WORK/postgres.perf" --children --sort symbol --stdio -g none > "$WORK/postgres-perf.txt" 2> /dev/null || true
  grep '%' "$WORK/postgres-perf.txt" | grep -v '\] 0x' | head -60 > "$LOGS/postgres-profile.txt" || true
  # foreign-key checks run as after-row triggers at the end of each insert statement
  figure ingest_postgres_fk_check_pct \
    "$(awk '/AfterTriggerEndQuery/ { sub("%", "", $1); printf "%.0f", $1; exit }' "$LOGS/postgres-profile.txt")"
}

# The live heap after a full GC, as the class histogram counts it.
live_heap_bytes() {
  "$JAVA_HOME/bin/jcmd" "$SERVICE_PID" GC.class_histogram | awk '$1 == "Total" { print $3 }'
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

to_bytes() {
  local v=${1,,}
  case "$v" in
    *g) echo $(( ${v%g} << 30 )) ;; *m) echo $(( ${v%m} << 20 )) ;; *k) echo $(( ${v%k} << 10 )) ;; *) echo "$v" ;;
  esac
}

# wrk_run NAME URL: one warm-up run, then the measured one; records requests/s and p99 (ms).
# wrk_run NAME URL [HEADER]: HEADER (e.g. "Authorization: Bearer ...") is sent with every request.
wrk_run() {
  local name=$1 url=$2 header=()
  [ -z "${3:-}" ] || header=(-H "$3")
  # long enough for the JIT to have compiled the request path before the measured run
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_WARMUP_SECONDS}s" "${header[@]}" "$url" > /dev/null
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "${header[@]}" "$url" > "$LOGS/wrk-$name.txt"
  local errors; errors=$(grep -E 'Non-2xx|Socket errors' "$LOGS/wrk-$name.txt" || true)
  [ -z "$errors" ] || fail "wrk against $name saw errors: $errors"
  figure "get_${name}_req_per_s" "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$LOGS/wrk-$name.txt")"
  figure "get_${name}_p99_ms" "$(wrk_p99_ms "$LOGS/wrk-$name.txt")"
}

# wrk_p99_ms FILE: the 99th percentile of a wrk --latency output, in ms
wrk_p99_ms() {
  awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.3f", v * f }' "$1"
}

# route_buckets: the cumulative counts of the service's own latency histogram of
# GET /api/orders/{id} answered 200, as "le count" lines (no coordinated-omission correction)
route_buckets() {
  curl -fsS "$SERVICE_URL/metrics" | grep '^http_server_requests_seconds_bucket' | grep -F 'route="/api/orders/{id}"' \
    | grep -F 'status="200"' | sed -E 's/.*le="([^"]+)".* ([0-9.E+-]+)$/\1 \2/' | sort -g
}

# share_over BEFORE AFTER SECONDS: of the answers counted between two route_buckets snapshots,
# the percentage slower than SECONDS (one of the histogram's bounds)
share_over() {
  awk -v s="$3" 'NR == FNR { before[$1] = $2; next }
      { d = $2 - before[$1]; if ($1 != "+Inf" && $1 + 0 == s + 0) under = d; if ($1 == "+Inf") total = d }
      END { printf "%.3f", (total > 0 ? 100 * (total - under) / total : 0) }' "$1" "$2"
}

# stw_pauses_between LOG FROM_MS TO_MS: the JVM's stop-the-world pauses (every safepoint, whatever
# the collector: -Xlog:safepoint with uptimemillis) between two uptimes, as "count-over-1ms
# total-ms max-ms"
stw_pauses_between() {
  awk -v a="$2" -v b="$3" '/Safepoint/ && /Total:/ { t = $1; gsub(/[^0-9]/, "", t); t += 0
        if (t < a || t > b) next
        match($0, /Total: [0-9]+ ns/); ms = substr($0, RSTART + 7, RLENGTH - 10) / 1e6
        sum += ms; if (ms > max) max = ms; if (ms >= 1) big++ }
      END { printf "%d %.1f %.1f\n", big, sum, max }' "$1"
}

# Both servers twice, interleaved, so a disturbance of the shared machine hits both alike; the
# better of each pair counts.
wrk_pair() {
  local nginx_url=$1 service_url=$2
  wrk_run nginx_1 "$nginx_url"; wrk_run service_1 "$service_url"
  wrk_run nginx_2 "$nginx_url"; wrk_run service_2 "$service_url"
  local k
  for k in nginx service; do
    figure "get_${k}_req_per_s" "$(printf '%s\n%s\n' "$(get_figure "get_${k}_1_req_per_s")" "$(get_figure "get_${k}_2_req_per_s")" | sort -n | tail -1)"
    figure "get_${k}_p99_ms" "$(printf '%s\n%s\n' "$(get_figure "get_${k}_1_p99_ms")" "$(get_figure "get_${k}_2_p99_ms")" | sort -g | head -1)"
  done
}

stop_everything() {
  stop_service
  [ -z "${PG_STARTED:-}" ] || as_pg "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w stop > /dev/null || true
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}

. "$(dirname "${BASH_SOURCE[0]}")/report.sh"
