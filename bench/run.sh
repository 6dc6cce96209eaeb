#!/usr/bin/env bash
# Treffpunkt benchmarks: builds the release binary and the HTTP ceiling, measures the databases'
# write ceilings, drives the service on SQLite and PostgreSQL (reads, registrations, two
# instances on one PostgreSQL, mail drain), then the large seed (10 000 events, 1 000 000
# registrations), RUNS rounds of each, and prints the table of medians. Loopback only.
#
#   bench/run.sh                 # the whole set, 3 rounds (about 16-20 minutes on 2 cores)
#   RUNS=1 DUR=3 SCALE=0 bench/run.sh   # a quick look
#
# Settings (environment): RUNS (3), DUR seconds per load run (5), CONN connections (16),
# THREADS client threads (2), CEIL_DUR seconds per database ceiling (8), SCALE (1: run the large
# seed), SPREAD_EVENTS (100), PGURL_BASE (use this PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432,
# instead of a throw-away cluster), SUSTAIN seconds of the sustained run after the rounds (300;
# 0 leaves it out), SUSTAIN_READ_CONN (4), SUSTAIN_DRAIN (seconds to wait for the outbox
# afterwards: 3 x SUSTAIN, at least 60), SINK_CEIL_DUR (5). Output: the table on stdout, and bench/results/ (raw rows,
# checks, the table as Markdown).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
LIB=$HERE/lib
RUNS=${RUNS:-3}; DUR=${DUR:-5}; CONN=${CONN:-16}; THREADS=${THREADS:-2}; CEIL_DUR=${CEIL_DUR:-8}
SCALE=${SCALE:-1}; SPREAD_EVENTS=${SPREAD_EVENTS:-100}
SVC_EXTRA_ENV=${SVC_EXTRA_ENV:-}  # more TREFFPUNKT__... settings for every instance
ONLY=${ONLY:-}                    # e.g. "sqlite" or "sustained-pg": only those parts (for experiments)
SUSTAIN=${SUSTAIN:-300}; SUSTAIN_READ_CONN=${SUSTAIN_READ_CONN:-4}
SUSTAIN_DRAIN=${SUSTAIN_DRAIN:-$((SUSTAIN * 3 > 60 ? SUSTAIN * 3 : 60))}
SINK_CEIL_DUR=${SINK_CEIL_DUR:-5}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-55433}; SMTP_PORT=${SMTP_PORT:-18125}; CEIL_PORT=${CEIL_PORT:-18190}
PORT_A=${PORT_A:-18181}; PORT_B=${PORT_B:-18182}; SINK_CEIL_PORT=${SINK_CEIL_PORT:-18127}
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/treffpunkt # used from $ROOT, like cargo's own path
CEIL_BIN=$HERE/ceiling-http/target/release/ceiling-http
SINK_BIN=$HERE/smtp-sink/target/release/smtp-sink

# shellcheck source=lib/common.sh
source "$LIB/common.sh"

WORK=$(mktemp -d /tmp/treffpunkt-bench-XXXXXX); chmod 711 "$WORK" # the postgres user must reach its cluster inside
OUT=$HERE/results
mkdir -p "$OUT" "$WORK/mail"
RESULTS=$WORK/results.tsv; CHECKS=$WORK/checks.tsv
: >"$RESULTS"; : >"$CHECKS"
DB_PREFIX=tpbench_$$_

cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  if [[ -n ${PGURL_BASE:-} && -n ${PG_BASE:-} ]]; then
    for p in $(psql "$PG_BASE/postgres" -XAtq -c "SELECT datname FROM pg_database WHERE datname LIKE '${DB_PREFIX}%'" 2>/dev/null); do
      pg_drop_db "$p" 2>/dev/null || true
    done
  fi
  pg_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- preparation
ensure_tools
log "building the release binary and the HTTP ceiling"
(cd "$ROOT" && cargo build --release --quiet)
# The measuring programs build into their own folders, where they are looked for, whatever
# CARGO_TARGET_DIR says.
(cd "$HERE/ceiling-http" && cargo build --release --quiet --target-dir target)
(cd "$HERE/smtp-sink" && cargo build --release --quiet --target-dir target)
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src migrations Cargo.toml Cargo.lock || echo "+changes")
for p in "$PORT_A" "$PORT_B" "$SMTP_PORT" "$CEIL_PORT" "$PG_PORT" "$SINK_CEIL_PORT"; do port_free "$p" || die "port $p is in use"; done

# Every message the sink accepts is a line of SINK_RECEIVED (Message-ID and size).
SINK_RECEIVED=$WORK/sink-received.tsv; : >"$SINK_RECEIVED"
"$SINK_BIN" serve "127.0.0.1:$SMTP_PORT" "$SINK_RECEIVED" &
SINK_PID=$!; track "$SINK_PID"
wait_port "$SMTP_PORT" "$SINK_PID" || die "the SMTP sink did not start"
pg_start

new_db() { # new_db sqlite|pg NAME -> URL
  if [[ $1 == sqlite ]]; then rm -f "$WORK/$2.db"*; echo "sqlite://$WORK/$2.db?mode=rwc"
  else pg_new_db "$DB_PREFIX$2"; fi
}
drop_db() { # drop_db sqlite|pg NAME
  if [[ $1 == sqlite ]]; then rm -f "$WORK/$2.db"*; else pg_drop_db "$DB_PREFIX$2"; fi
}

# ---------------------------------------------------------------- parts of a round
http_ceiling() {
  "$CEIL_BIN" "127.0.0.1:$CEIL_PORT" &
  local pid=$!; track "$pid"
  wait_http "http://127.0.0.1:$CEIL_PORT/" "$pid" || die "the ceiling server did not start"
  wrk_get ceiling http "http://127.0.0.1:$CEIL_PORT/" "$pid"
  stop_pid "$pid"
}

db_ceilings() {
  local out tps
  out=$(bash "$HERE/ceiling/pg-write-ceiling.sh" "$CONN" "$CEIL_DUR" 2>&1)
  tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -n 1) || die "pg ceiling: $out"
  record ceiling pg-one-event "${tps%.*}" "" "" "" "pgbench, $(grep -oP 'latency average = \K[0-9.]+ ms' <<<"$out")"
  log "  ceiling pg-one-event: $tps tx/s"
  out=$(bash "$HERE/ceiling/pg-write-ceiling-spread.sh" "$CONN" "$CEIL_DUR" 2>&1)
  tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -n 1) || die "pg spread ceiling: $out"
  record ceiling pg-spread "${tps%.*}" "" "" "" "pgbench over 100 events"
  log "  ceiling pg-spread: $tps tx/s"
  out=$(bash "$HERE/ceiling/pg-write-ceiling-batch.sh" "$CONN" "$CEIL_DUR" 4 2>&1)
  tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -n 1) || die "pg batch ceiling: $out"
  record ceiling pg-one-event-batch4 "$(awk -v t="$tps" 'BEGIN { printf "%d", 4 * t }')" "" "" "" "registrations/s: pgbench, 4 registrations of one event per transaction"
  log "  ceiling pg-one-event, 4 per transaction: $tps tx/s"
  out=$(python3 "$HERE/ceiling/sqlite-write-ceiling.py" "$CEIL_DUR" 2>&1)
  tps=$(grep -oP '= \K[0-9]+(?= tx/s)' <<<"$out") || die "sqlite ceiling: $out"
  record ceiling sqlite "$tps" "" "" "" "single writer, WAL, synchronous=NORMAL"
  log "  ceiling sqlite: $tps tx/s"
}

# Sends a backlog of 500 mails to the sink. With the service stopped (no sender running), all mail
# is marked done and 499 sent rows are made due again (with a link token in their payload, as a
# fresh row has); then the service starts and one registration wakes its sender.
# Mails per second = 500 / time from that registration until the outbox is empty.
mail_drain() { # mail_drain GROUP DBURL PORT
  local group=$1 url=$2 port=$3 pid t0 t1 left
  q "$url" "UPDATE outbox SET sent_at = due_at, locked_until = NULL WHERE sent_at IS NULL" >/dev/null
  q "$url" "UPDATE outbox SET sent_at = NULL, failed_at = NULL, locked_until = NULL, locked_by = NULL, attempts = 0,
            payload = '{\"token\":\"00112233445566778899aabbccddeeff0011223344556677\"}'
            WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 499)" >/dev/null
  svc_start "$port" "$url"; pid=$SVC_PID
  t0=$(date +%s.%N)
  curl -fsS -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"name\":\"Mail\",\"email\":\"mail-$(date +%s%N)@example.org\",\"party_size\":1,\"language\":\"de\",\"consent\":true}" \
    "http://127.0.0.1:$port/api/v1/events/$POP_ID/registrations"
  local deadline=$((SECONDS + 90))
  while :; do
    left=$(q "$url" "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
    ((left == 0 || SECONDS > deadline)) && break
    sleep 0.05
  done
  t1=$(date +%s.%N)
  local retried; retried=$(q "$url" "SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL OR attempts > 1")
  if ((left > 0)); then
    record "$group" mail-drain 0 "" "" "$(rss_mb "$pid")" "FAILED: $left mails left after 90 s"
    log "  $group mail-drain: $left mails left after 90 s"
  else
    local rate; rate=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", 500 / (b - a) }')
    record "$group" mail-drain "$rate" "" "" "$(rss_mb "$pid")" "500 mails in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s, failed or retried rows $retried"
    log "  $group mail-drain: $rate mails/s"
  fi
  stop_pid "$pid"
}

# Calendars are fetched as calendar clients and browsers fetch them: taking gzip.
GZ="gzip, deflate"

etag_of() { # etag_of URL
  curl -fsS -D - -o /dev/null -H "Accept-Encoding: $GZ" "$1" | awk -F': ' 'tolower($1)=="etag" { sub(/\r$/, "", $2); print $2 }'
}

reads() { # reads GROUP PORT PID
  local group=$1 base=http://127.0.0.1:$2 pid=$3 etag
  wrk_get "$group" event-page "$base/events/$POP_SLUG" "$pid"
  wrk_get "$group" event-list "$base/events" "$pid"
  wrk_get "$group" api-list "$base/api/v1/events" "$pid"
  wrk_get "$group" event-ics "$base/events/$POP_SLUG.ics" "$pid" "" "$GZ"
  etag=$(etag_of "$base/events/$POP_SLUG.ics")
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Accept-Encoding: $GZ" -H "If-None-Match: $etag" "$base/events/$POP_SLUG.ics") == 304 ]] || die "no 304 for the event's .ics"
  wrk_get "$group" event-ics-304 "$base/events/$POP_SLUG.ics" "$pid" "$etag" "$GZ"
  wrk_get "$group" calendar-ics "$base/calendar.ics" "$pid" "" "$GZ"
  etag=$(etag_of "$base/calendar.ics")
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Accept-Encoding: $GZ" -H "If-None-Match: $etag" "$base/calendar.ics") == 304 ]] || die "no 304 for calendar.ics"
  wrk_get "$group" calendar-ics-304 "$base/calendar.ics" "$pid" "$etag" "$GZ"
}

one_db() { # one_db sqlite|pg
  local db=$1 url name=r${ROUND}_$1 base=http://127.0.0.1:$PORT_A
  url=$(new_db "$db" "$name")
  svc_start "$PORT_A" "$url"; local pid=$SVC_PID
  seed_small "$PORT_A" "$url"
  sleep 1
  record "$db" rss-idle "" "" "" "$(rss_mb "$pid")" "after seeding"
  reads "$db" "$PORT_A" "$pid"
  wrk_post "$db" reg-json-one-event json "$POP_ID" "$url" "$pid" "$base"
  wrk_post "$db" reg-json-spread json "$SPREAD_IDS" "$url" "$pid" "$base"
  wrk_post "$db" reg-form-one-event form "$POP_SLUG" "$url" "$pid" "$base"
  if [[ $db == pg ]]; then
    # For comparison: every registration in a transaction of its own (no groups per event).
    stop_pid "$pid"
    SVC_EXTRA_ENV="$SVC_EXTRA_ENV TREFFPUNKT__REGISTRATION__BATCH_MAX=1" svc_start "$PORT_A" "$url"; pid=$SVC_PID
    wrk_post "$db" reg-json-one-event-unbatched json "$POP_ID" "$url" "$pid" "$base"
  fi
  stop_pid "$pid"
  mail_drain "$db" "$url" "$PORT_A"
  drop_db "$db" "$name"
}

two_instances() {
  local url name=r${ROUND}_two
  url=$(new_db pg "$name")
  svc_start "$PORT_A" "$url"; local a=$SVC_PID
  svc_start "$PORT_B" "$url"; local b=$SVC_PID
  seed_small "$PORT_A" "$url"
  wrk_post pg-2x reg-json-one-event json "$POP_ID" "$url" "$a,$b" "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"
  wrk_post pg-2x reg-json-spread json "$SPREAD_IDS" "$url" "$a,$b" "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"
  stop_pid "$a"; stop_pid "$b"
  drop_db pg "$name"
}

# ---------------------------------------------------------------- the large seed
declare -A LARGE_URL LARGE_POP_ID LARGE_POP_SLUG
seed_large() { # seed_large sqlite|pg
  local db=$1 url name=large_$1 reg sql t0
  url=$(new_db "$db" "$name")
  svc_start "$PORT_A" "$url"; local pid=$SVC_PID
  seed_small "$PORT_A" "$url"
  reg=$(curl -fsS -H 'Content-Type: application/json' \
    -d '{"name":"Template","email":"template@example.org","party_size":1,"language":"de","consent":true}' \
    "http://127.0.0.1:$PORT_A/api/v1/events/$POP_ID/registrations" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  local extra=$((10000 - 1 - SPREAD_EVENTS))
  sql=$WORK/seed-large.sql
  sed -e "s/:EVENT_TEMPLATE/${SPREAD_IDS##*,}/" -e "s/:REG_TEMPLATE/$reg/" -e "s/:EXTRA_EVENTS/$extra/" "$LIB/seed-large.sql" >"$sql"
  t0=$SECONDS
  q_file "$url" "$sql" >/dev/null
  # The template registration is one of the popular event's; the seed gave every event 100 more.
  log "  large seed on $db: $(q "$url" "SELECT count(*) FROM event") events, $(q "$url" "SELECT count(*) FROM registration") registrations in $((SECONDS - t0)) s"
  stop_pid "$pid"
  LARGE_URL[$db]=$url; LARGE_POP_ID[$db]=$POP_ID; LARGE_POP_SLUG[$db]=$POP_SLUG
}

large_round() { # large_round sqlite|pg
  local db=$1 url=${LARGE_URL[$1]} base=http://127.0.0.1:$PORT_A
  POP_ID=${LARGE_POP_ID[$db]}; POP_SLUG=${LARGE_POP_SLUG[$db]}
  svc_start "$PORT_A" "$url"; local pid=$SVC_PID
  local group=large-$db b=$base
  wrk_get "$group" event-page "$b/events/$POP_SLUG" "$pid"
  wrk_get "$group" event-list "$b/events" "$pid"
  wrk_get "$group" api-list "$b/api/v1/events" "$pid"
  wrk_get "$group" event-ics "$b/events/$POP_SLUG.ics" "$pid" "" "$GZ"
  wrk_get "$group" calendar-ics "$b/calendar.ics" "$pid" "" "$GZ"
  # For comparison: the thousand-event feed to a client that takes no gzip (about 1 MB each).
  wrk_get "$group" calendar-ics-identity "$b/calendar.ics" "$pid"
  wrk_post "$group" reg-json-one-event json "$POP_ID" "$url" "$pid" "$b"
  stop_pid "$pid"
}

# ---------------------------------------------------------------- the sustained run
# SUSTAIN seconds of registrations at full speed through the JSON API, half of the connections on
# the popular event and half spread over the others, while SUSTAIN_READ_CONN connections read the
# event page, /events, the event's .ics and calendar.ics, and the service's sender delivers the
# confirmations to the sink. The RSS of the service is sampled every second, through the load and
# the wait for the outbox afterwards. Then the checks: seats and rows as after every write run,
# and every registration's first mail received by the sink exactly once.
sustained_run() { # sustained_run sqlite|pg
  local db=$1 url name=sustained_$1 group=sustained-$1 base=http://127.0.0.1:$PORT_A pid
  url=$(new_db "$db" "$name")
  svc_start "$PORT_A" "$url"; pid=$SVC_PID
  seed_small "$PORT_A" "$url"
  local before reg0 skip tag rss_file=$WORK/rss-$db.tsv sampler
  before=$(count_rows "$url")
  reg0=$(q "$url" "SELECT coalesce(max(id), 0) FROM registration")
  sleep 1 # the seed's mail, if any, reaches the sink before the line count is taken
  skip=$(wc -l <"$SINK_RECEIVED")
  rss_sampler "$pid" "$rss_file" &
  sampler=$!; track "$sampler"
  tag=$(date +%s%N | tail -c 10)
  local half=$((CONN / 2)) wt=$(((THREADS + 1) / 2)) w_pop w_spread w_reads t0 t1 t2
  log "  $group: ${SUSTAIN} s of registrations ($half connections on one event, $half spread) and reads ($SUSTAIN_READ_CONN connections)"
  t0=$(date +%s.%N)
  wrk -t "$wt" -c "$half" -d "${SUSTAIN}s" --timeout 10s -s "$LIB/post.lua" "$base" \
    -- json "${tag}1" "$POP_ID" >"$WORK/sustained-pop.out" 2>&1 &
  w_pop=$!; track "$w_pop"
  wrk -t "$wt" -c "$half" -d "${SUSTAIN}s" --timeout 10s -s "$LIB/post.lua" "$base" \
    -- json "${tag}2" "$SPREAD_IDS" >"$WORK/sustained-spread.out" 2>&1 &
  w_spread=$!; track "$w_spread"
  wrk -t 1 -c "$SUSTAIN_READ_CONN" -d "${SUSTAIN}s" --timeout 10s -s "$LIB/reads.lua" "$base" \
    -- "/events/$POP_SLUG,/events,gz:/events/$POP_SLUG.ics,gz:/calendar.ics" >"$WORK/sustained-reads.out" 2>&1 &
  w_reads=$!; track "$w_reads"
  local w
  for w in "$w_pop" "$w_spread" "$w_reads"; do
    wait "$w" || die "wrk failed: $(cat "$WORK"/sustained-*.out)"
    untrack "$w"
  done
  t1=$(date +%s.%N)
  # Every mail of this run is due at once, so "no due mail left" is "no mail left unsent".
  local during unsent left deadline=$((SECONDS + SUSTAIN_DRAIN)) next=$((SECONDS + 10))
  local unsent_sql="SELECT count(*) FROM outbox WHERE channel = 'mail' AND sent_at IS NULL AND failed_at IS NULL"
  during=$(($(wc -l <"$SINK_RECEIVED") - skip))
  unsent=$(q "$url" "$unsent_sql")
  sleep 1 # let requests the client gave up on at the deadline finish on the server
  while :; do
    left=$(q "$url" "$unsent_sql")
    ((left == 0 || SECONDS >= deadline)) && break
    ((SECONDS >= next)) && { log "    $left mails still to send"; next=$((SECONDS + 10)); }
    sleep 0.2
  done
  t2=$(date +%s.%N)
  sleep 1 # the sink writes its file a moment after it answered
  stop_pid "$sampler"

  # Registrations: the two write clients, each its own row; reads.
  local rss_end; rss_end=$(rss_mb "$pid")
  local agg rps p50 p99 s2 s3 s4 s5 s409 inflight errs ok_all=0 inflight_all=0 part file
  for part in one-event:pop spread:spread; do
    file=$WORK/sustained-${part#*:}.out
    agg=$(post_results "$file") || die "$agg"
    read -r rps p50 p99 s2 s3 s4 s5 s409 inflight errs <<<"$agg"
    record "$group" "reg-json-${part%%:*}" "$rps" "$p50" "$p99" "$rss_end" "ok=$s2 4xx=$s4 409=$s409 5xx=$s5 socket_errors=$errs connections=$half seconds=$SUSTAIN"
    log "  $group reg-json-${part%%:*}: $rps/s p50 $p50 ms p99 $p99 ms (4xx $s4, 5xx $s5, socket errors $errs)"
    ok_all=$((ok_all + s2)); inflight_all=$((inflight_all + inflight))
  done
  local res bad
  res=$(grep '^RESULT ' "$WORK/sustained-reads.out" | cut -d' ' -f2-) || die "wrk gave no result: $(cat "$WORK/sustained-reads.out")"
  bad=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["bad_status"]+d["socket_errors"]+d["timeouts"])' "$res")
  rps=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(round(d["requests"]/d["seconds"]))' "$res")
  record "$group" reads "$rps" "$(json_field "$res" p50_ms)" "$(json_field "$res" p99_ms)" "$rss_end" "errors=$bad connections=$SUSTAIN_READ_CONN"
  log "  $group reads: $rps/s p99 $(json_field "$res" p99_ms) ms (errors $bad)"

  # Memory: the peak and the last of the samples.
  local peak last samples
  read -r peak last samples < <(awk '{ if ($2 > m) m = $2; l = $2; n++ } END { printf "%.1f %.1f %d\n", m / 1024, l / 1024, n }' "$rss_file")
  # The curve, to tell flat from growing: every sample as seconds from the start and MB, kept
  # in bench/results/, and the largest sample of each fifth of the load for the table's note.
  awk -v t0="${t0%.*}" '{ printf "%d\t%.1f\n", $1 - t0, $2 / 1024 }' "$rss_file" >"$OUT/rss-$db.tsv"
  local fifths
  fifths=$(awk -v n="$SUSTAIN" '$1 >= 0 && $1 < n { f = int(5 * $1 / n); if ($2 > m[f]) m[f] = $2 }
           END { s = ""; for (i = 0; i < 5; i++) s = s (i ? "/" : "") (i in m ? m[i] : "-"); print s }' "$OUT/rss-$db.tsv")
  record "$group" rss-peak "" "" "" "$peak" "last sample $last MB, $samples samples, peak of each fifth of the load $fifths MB"
  log "  $group RSS: peak $peak MB, last $last MB ($samples samples, one a second); each fifth of the load: $fifths MB"

  check_invariants "$url" "$before" "$ok_all" "$inflight_all" "$group/registrations" || true

  # Mail: every registration's first outbox row against the sink's Message-IDs.
  q "$url" "SELECT r.id, min(o.id) FROM registration r LEFT JOIN outbox o ON o.registration_id = r.id AND o.channel = 'mail'
            WHERE r.id > $reg0 GROUP BY r.id" >"$WORK/sustained-first.txt"
  local mail regs received verdict wait_s total_s rate rate_during
  mail=$(python3 "$LIB/mail_check.py" "$WORK/sustained-first.txt" "$SINK_RECEIVED" "$skip")
  regs=$(json_field "$mail" registrations); received=$(json_field "$mail" received); verdict=$(json_field "$mail" verdict)
  if ((left > 0)); then
    local unsent_note="$left mails still unsent $SUSTAIN_DRAIN s after the load"
    if [[ $verdict == ok ]]; then verdict="FAILED: $unsent_note"; else verdict="FAILED: $unsent_note; ${verdict#FAILED: }"; fi
  fi
  wait_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
  total_s=$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
  rate=$(awk -v n="$received" -v s="$total_s" 'BEGIN { printf "%d", n / s }')
  rate_during=$(awk -v n="$during" -v s="$SUSTAIN" 'BEGIN { printf "%d", n / s }')
  record "$group" mail "$rate" "" "" "$rss_end" "mails=$received registrations=$regs during_load=$during (${rate_during}/s) unsent_at_load_end=$unsent unsent_after_wait=$left wait_s=$wait_s total_s=$total_s other=$(json_field "$mail" other) avg_bytes=$(json_field "$mail" avg_bytes)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ROUND" "$group/mail" "$regs" "$unsent" "$(json_field "$mail" first_mails)" "$received" "$verdict" >>"$CHECKS"
  local after="all sent ${wait_s} s later"; ((left == 0)) || after="$left still unsent ${wait_s} s later"
  log "  $group mail: $received mails for $regs registrations in $total_s s ($rate/s); during the load $during (${rate_during}/s), $unsent unsent when it stopped, $after"
  log "  check $group/mail: first mails $(json_field "$mail" first_mails), received once $(json_field "$mail" received_first_once), missing $(json_field "$mail" missing), twice $(json_field "$mail" twice), other messages $(json_field "$mail" other): $verdict"
  SUSTAIN_BYTES=$(json_field "$mail" avg_bytes)
  stop_pid "$pid"
  drop_db "$db" "$name"
}

# The sink's own ceiling, in the same run: a trivial client sends messages of the size the
# service's mails had over one and over mail.smtp_connections (16) connections, to a second sink
# of the same program; that sink must have recorded every message the client saw accepted.
SUSTAIN_BYTES=0
sink_ceiling() {
  local bytes=$((SUSTAIN_BYTES > 0 ? SUSTAIN_BYTES : 8000)) conns pid file out res mails lines verdict
  for conns in 1 16; do
    file=$WORK/sink-ceiling-$conns.tsv; : >"$file"
    "$SINK_BIN" serve "127.0.0.1:$SINK_CEIL_PORT" "$file" &
    pid=$!; track "$pid"
    wait_port "$SINK_CEIL_PORT" "$pid" || die "the ceiling's sink did not start"
    out=$("$SINK_BIN" client "127.0.0.1:$SINK_CEIL_PORT" "$SINK_CEIL_DUR" "$conns" "$bytes" 2>&1) || die "sink ceiling: $out"
    sleep 0.5
    stop_pid "$pid"
    res=$(grep '^RESULT ' <<<"$out" | cut -d' ' -f2-) || die "sink ceiling gave no result: $out"
    mails=$(json_field "$res" mails); lines=$(wc -l <"$file")
    verdict=ok
    ((lines == mails)) || verdict="FAILED: the sink recorded $lines of $mails accepted messages"
    record ceiling "smtp-sink-${conns}conn" "$(json_field "$res" per_second)" "" "" "" "$mails messages of $bytes bytes in $(json_field "$res" seconds) s"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ROUND" "ceiling/smtp-sink-${conns}conn" "$mails" 0 "$lines" "$lines" "$verdict" >>"$CHECKS"
    log "  ceiling smtp-sink over $conns connection(s), $bytes bytes a message: $(json_field "$res" per_second) mails/s (recorded $lines of $mails: $verdict)"
  done
}

sustained() { # sustained sqlite|pg...
  local db
  ROUND=S
  log "sustained run"
  for db in "$@"; do sustained_run "$db"; done
  sink_ceiling
}

# ---------------------------------------------------------------- the rounds
# ONLY names parts: sqlite and pg are parts of every round (with the HTTP ceiling, and the large
# seed after the rounds unless SCALE=0); the sustained parts run once, after them.
ROUND_PARTS=(); SUSTAINED_PARTS=()
for part in $ONLY; do
  case $part in
    sqlite | pg) ROUND_PARTS+=("$part") ;;
    sustained) SUSTAINED_PARTS+=(sqlite pg) ;;
    sustained-sqlite | sustained-pg) SUSTAINED_PARTS+=("${part#sustained-}") ;;
    *) die "unknown part in ONLY: $part (sqlite, pg, sustained, sustained-sqlite, sustained-pg)" ;;
  esac
done
if [[ -z $ONLY ]]; then
  if ((SUSTAIN > 0)); then SUSTAINED_PARTS=(sqlite pg); fi
elif ((${#ROUND_PARTS[@]} == 0)); then
  RUNS=0 SCALE=0
fi
((${#SUSTAINED_PARTS[@]} == 0 || SUSTAIN > 0)) || die "a sustained part needs SUSTAIN > 0"

START=$SECONDS
for ((ROUND = 1; ROUND <= RUNS; ROUND++)); do
  log "round $ROUND of $RUNS"
  if [[ -n $ONLY ]]; then http_ceiling; for part in "${ROUND_PARTS[@]}"; do one_db "$part"; done; continue; fi
  http_ceiling
  db_ceilings
  one_db sqlite
  one_db pg
  two_instances
done
if ((SCALE)); then
  log "large seed"
  seed_large sqlite
  seed_large pg
  for ((r = 1; r <= RUNS; r++)); do
    ROUND=L$r
    log "large seed, round $r of $RUNS"
    http_ceiling
    large_round sqlite
    large_round pg
  done
fi
if ((${#SUSTAINED_PARTS[@]})); then sustained "${SUSTAINED_PARTS[@]}"; fi
log "done in $((SECONDS - START)) s"

cp "$RESULTS" "$OUT/raw.tsv"; cp "$CHECKS" "$OUT/checks.tsv"
NOTE="runs=$RUNS dur=${DUR}s"
if ((${#SUSTAINED_PARTS[@]})); then NOTE+=" sustain=${SUSTAIN}s read_conn=$SUSTAIN_READ_CONN"; fi
python3 "$LIB/report.py" "$OUT/raw.tsv" "$OUT/checks.tsv" "$COMMIT" \
  "$NOTE conn=$CONN threads=$THREADS cpus=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$OUT/table.md"
! grep -q FAILED "$OUT/checks.tsv"
